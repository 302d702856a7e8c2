# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .community_deliberation import SUPERVISION_FINDINGS


class CommunityDeliberationSupervision(models.Model):
    """What a member of the supervisory committee (a resident, sub-district
    staff or the police liaison) found when watching a matter: filed from the
    portal (``community.deliberation.file_supervision_report``) or recorded by
    the office."""

    _name = "community.deliberation.supervision"
    _description = "Supervision Report"
    _order = "date desc, id desc"
    _rec_name = "deliberation_id"

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
        "res.partner", string="Filed By", required=True, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    finding = fields.Selection(
        SUPERVISION_FINDINGS, required=True, default="in_order", index=True
    )
    text = fields.Text(string="Report", required=True)
    submission_key = fields.Char(
        copy=False, help="The portal form's one-time key: one report per form sent."
    )

    _sql_constraints = [
        (
            "submission_uniq",
            "unique(partner_id, submission_key)",
            "This report was already filed.",
        ),
    ]
