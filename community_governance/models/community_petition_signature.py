# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CommunityPetitionSignature(models.Model):
    """A neighbour's support for a public petition."""

    _name = "community.petition.signature"
    _description = "Petition Co-signature"
    _order = "create_date desc, id desc"
    _rec_name = "partner_id"

    petition_id = fields.Many2one(
        "community.petition", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Resident", required=True, index=True
    )
    community_id = fields.Many2one(
        related="petition_id.community_id", store=True, index=True
    )
    is_anonymous = fields.Boolean(
        string="Anonymous", help="Neighbours do not see the name of this co-signer."
    )

    _sql_constraints = [
        (
            "petition_partner_uniq",
            "unique(petition_id, partner_id)",
            "A resident co-signs a petition only once.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        signatures = super().create(vals_list)
        signatures.petition_id._check_cosign_threshold()
        return signatures
