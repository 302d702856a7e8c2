# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunityPetitionGovernanceWizard(models.TransientModel):
    """Chooses the communities and the month of the governance report."""

    _name = "community.petition.governance.wizard"
    _description = "Monthly Governance Report"

    community_ids = fields.Many2many(
        "community.area",
        string="Communities",
        domain=[("area_type", "=", "community")],
        required=True,
        default=lambda self: self.env["community.area"].search(
            [("area_type", "=", "community")]
        ),
    )
    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month to report on.",
    )

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "community_governance.action_report_petition_governance"
        ).report_action(
            self.community_ids,
            data={"month": fields.Date.to_string(self.month.replace(day=1))},
        )
