# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunityVolunteerHourRejectWizard(models.TransientModel):
    _name = "community.volunteer.hour.reject.wizard"
    _description = "Reject Volunteer Hours"

    hour_ids = fields.Many2many(
        "community.volunteer.hour",
        "community_volunteer_hour_reject_rel",
        "wizard_id",
        "hour_id",
        string="Hours",
    )
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        # community.volunteer.hour.reject checks who may decide.
        self.hour_ids.reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
