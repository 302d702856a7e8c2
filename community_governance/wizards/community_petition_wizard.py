# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CommunityPetitionWizard(models.TransientModel):
    """Asks what a petition action needs: the reason to escalate, the
    departments to summon, the resolution, the original of a duplicate, the
    report or the reason of a department declining."""

    _name = "community.petition.wizard"
    _description = "Petition Action"

    petition_id = fields.Many2one(
        "community.petition", required=True, ondelete="cascade"
    )
    dispatch_id = fields.Many2one("community.petition.dispatch", ondelete="cascade")
    mode = fields.Selection(
        [
            ("escalate", "Escalate"),
            ("dispatch", "Blow the Whistle"),
            ("resolve", "Resolve"),
            ("duplicate", "Duplicate"),
            ("report", "Report Back"),
            ("decline", "Decline"),
        ],
        required=True,
    )
    text = fields.Text()
    department_ids = fields.Many2many(
        "community.department",
        string="Departments",
        compute="_compute_department_ids",
        store=True,
        readonly=False,
    )
    original_id = fields.Many2one("community.petition", string="Original Petition")

    @api.depends("petition_id", "mode")
    def _compute_department_ids(self):
        for wizard in self:
            if wizard.mode == "dispatch" and not wizard.department_ids:
                wizard.department_ids = wizard.petition_id.category_id.department_ids

    def action_confirm(self):
        self.ensure_one()
        petition = self.petition_id
        if self.mode == "escalate":
            petition.escalate(self.text)
        elif self.mode == "dispatch":
            petition.dispatch(self.department_ids)
        elif self.mode == "resolve":
            petition.resolve(self.text)
        elif self.mode == "duplicate":
            petition.mark_duplicate(self.original_id)
        elif self.mode == "report":
            self.dispatch_id.report_back(self.text)
        elif self.mode == "decline":
            self.dispatch_id.decline(self.text)
        return {"type": "ir.actions.act_window_close"}
