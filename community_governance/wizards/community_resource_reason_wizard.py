# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunityResourceReasonWizard(models.TransientModel):
    """The reason the office gives when it revokes allocations or declares
    applications not eligible (the models check who may do it)."""

    _name = "community.resource.reason.wizard"
    _description = "Shared Resources: Give a Reason"

    allocation_ids = fields.Many2many(
        "community.resource.allocation",
        "community_resource_reason_wizard_allocation_rel",
        "wizard_id",
        "allocation_id",
        string="Allocations",
    )
    application_ids = fields.Many2many(
        "community.resource.application",
        "community_resource_reason_wizard_application_rel",
        "wizard_id",
        "application_id",
        string="Applications",
    )
    reason = fields.Text(required=True)

    def action_revoke(self):
        self.ensure_one()
        self.allocation_ids.revoke(self.reason)
        return {"type": "ir.actions.act_window_close"}

    def action_mark_ineligible(self):
        self.ensure_one()
        self.application_ids.mark_ineligible(self.reason)
        return {"type": "ir.actions.act_window_close"}
