# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CommunityPetitionWizardLine(models.TransientModel):
    """One department the office is about to summon, with its own deadlines
    and what the office asks of it (the dispatch's values)."""

    _name = "community.petition.wizard.line"
    _description = "Department to Summon"
    _order = "id"

    wizard_id = fields.Many2one(
        "community.petition.wizard", required=True, ondelete="cascade"
    )
    department_id = fields.Many2one(
        "community.department", required=True, ondelete="cascade"
    )
    has_liaison = fields.Boolean(
        compute="_compute_has_liaison",
        help="An active liaison acts for the department: the summons reaches them.",
    )
    date_acknowledge_deadline = fields.Datetime(string="Acknowledge By")
    date_deadline = fields.Datetime(string="Report By")
    instruction = fields.Text(
        help="What the department is asked to do, shown to its liaisons.",
    )

    @api.depends("department_id.liaison_user_ids.active")
    def _compute_has_liaison(self):
        unreachable = self.department_id._without_liaison()
        for line in self:
            line.has_liaison = line.department_id not in unreachable

    def _dispatch_values(self):
        """``{department id: dispatch values}``, as ``dispatch()`` takes them."""
        return {
            line.department_id.id: {
                "date_acknowledge_deadline": line.date_acknowledge_deadline,
                "date_deadline": line.date_deadline,
                "instruction": line.instruction or False,
            }
            for line in self
        }
