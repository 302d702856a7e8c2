# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError


class CommunityShareReportWizard(models.TransientModel):
    """Chooses the communities and the period of the shared community report."""

    _name = "community.share.report.wizard"
    _description = "Shared Community Report"

    community_ids = fields.Many2many(
        "community.area",
        string="Communities",
        domain=[("area_type", "=", "community")],
        required=True,
        default=lambda self: self.env["community.area"].search(
            [("area_type", "=", "community")]
        ),
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self) - relativedelta(months=12),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    def action_print(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        return self.env.ref(
            "community_governance.action_report_share_community"
        ).report_action(
            self.community_ids,
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )
