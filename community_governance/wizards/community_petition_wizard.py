# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models


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
    # one line per department picked: its deadlines and instruction
    line_ids = fields.One2many(
        "community.petition.wizard.line",
        "wizard_id",
        string="Summons",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    unreachable_names = fields.Char(
        string="Nobody to Notify at",
        compute="_compute_unreachable_names",
        help="The departments picked that have no active liaison: the summons "
        "reaches nobody there.",
    )
    original_id = fields.Many2one("community.petition", string="Original Petition")

    @api.depends("petition_id", "mode")
    def _compute_department_ids(self):
        for wizard in self:
            if wizard.mode == "dispatch" and not wizard.department_ids:
                wizard.department_ids = wizard.petition_id.category_id.department_ids

    @api.depends("department_ids", "mode")
    def _compute_line_ids(self):
        """A line per department picked, with the category's deadlines from
        now; the lines of departments still picked keep what was typed."""
        Dispatch = self.env["community.petition.dispatch"]
        now = fields.Datetime.now()
        for wizard in self:
            if wizard.mode != "dispatch":
                wizard.line_ids = [Command.clear()]
                continue
            typed = {line.department_id._origin.id: line for line in wizard.line_ids}
            defaults = Dispatch._default_deadlines(wizard.petition_id.category_id, now)
            commands = [Command.clear()]
            for department in wizard.department_ids:
                line = typed.get(department._origin.id)
                commands.append(
                    Command.create(
                        {
                            "department_id": department._origin.id,
                            "date_acknowledge_deadline": line.date_acknowledge_deadline
                            if line
                            else defaults["date_acknowledge_deadline"] or False,
                            "date_deadline": line.date_deadline
                            if line
                            else defaults["date_deadline"] or False,
                            "instruction": line.instruction if line else False,
                        }
                    )
                )
            wizard.line_ids = commands

    @api.depends("department_ids", "mode")
    def _compute_unreachable_names(self):
        for wizard in self:
            unreachable = (
                wizard.department_ids._without_liaison()
                if wizard.mode == "dispatch"
                else wizard.department_ids.browse()
            )
            wizard.unreachable_names = ", ".join(unreachable.mapped("name"))

    def action_confirm(self):
        self.ensure_one()
        petition = self.petition_id
        if self.mode == "escalate":
            petition.escalate(self.text)
        elif self.mode == "dispatch":
            petition.dispatch(self.department_ids, self.line_ids._dispatch_values())
        elif self.mode == "resolve":
            petition.resolve(self.text)
        elif self.mode == "duplicate":
            petition.mark_duplicate(self.original_id)
        elif self.mode == "report":
            self.dispatch_id.report_back(self.text)
        elif self.mode == "decline":
            self.dispatch_id.decline(self.text)
        return {"type": "ir.actions.act_window_close"}
