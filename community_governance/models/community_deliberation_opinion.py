# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .community_deliberation import OPINION_GROUPS, STANCES


class CommunityDeliberationOpinion(models.Model):
    """An opinion given during a matter's consultation, in the owners', the
    representatives' or the party members' group (one per person and matter:
    given again, it replaces the earlier one). Representatives read the
    opinions of the buildings they represent."""

    _name = "community.deliberation.opinion"
    _description = "Consultation Opinion"
    _order = "create_date desc, id desc"
    _rec_name = "partner_id"

    deliberation_id = fields.Many2one(
        "community.deliberation",
        string="Matter",
        required=True,
        index=True,
        ondelete="cascade",
    )
    community_id = fields.Many2one(
        related="deliberation_id.community_id", store=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Given By", required=True, index=True
    )
    group = fields.Selection(OPINION_GROUPS, required=True, index=True)
    stance = fields.Selection(STANCES, required=True, default="suggest", index=True)
    text = fields.Text(string="Opinion", required=True)
    building_id = fields.Many2one(
        "community.area",
        index=True,
        help="The building of the person's unit (or home) in the compound.",
    )

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(deliberation_id, partner_id)",
            "One opinion per person on a matter: it can be changed.",
        ),
    ]
