# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CommunityDepartment(models.Model):
    """A government department that the community office can summon
    ("the sub-district blows the whistle, the departments report for duty")."""

    _name = "community.department"
    _description = "Government Department"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Contact", tracking=True)
    phone = fields.Char()
    email = fields.Char()
    liaison_user_ids = fields.Many2many(
        "res.users",
        "community_department_liaison_rel",
        "department_id",
        "user_id",
        string="Liaisons",
        help="Users who act for the department: they see its dispatches on the portal "
        "and acknowledge and report back.",
    )
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The department code must be unique."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        departments = super().create(vals_list)
        departments.liaison_user_ids._sync_liaison_group()
        return departments

    def write(self, vals):
        previous = self.liaison_user_ids
        res = super().write(vals)
        if "liaison_user_ids" in vals or "active" in vals:
            (previous | self.liaison_user_ids)._sync_liaison_group()
        return res

    def unlink(self):
        users = self.liaison_user_ids
        res = super().unlink()
        users._sync_liaison_group()
        return res

    def _without_liaison(self):
        """The departments of ``self`` that nobody can be notified at: no
        active user acts for them (a summons reaches nobody)."""
        return (
            self.sudo()
            .filtered(
                lambda department: not department.liaison_user_ids.filtered("active")
            )
            .sudo(False)
        )
