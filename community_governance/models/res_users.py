# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Command


class ResUsers(models.Model):
    _inherit = "res.users"

    liaison_department_ids = fields.Many2many(
        "community.department",
        "community_department_liaison_rel",
        "user_id",
        "department_id",
        string="Liaison for Departments",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """A resident who gets a portal account while serving a steward term
        gets the steward role with it."""
        users = super().create(vals_list)
        portal_users = users.filtered("share")
        if portal_users:
            self.env["community.steward"]._sync_steward_group_users(portal_users)
        return users

    def _sync_liaison_group(self):
        """Give the department liaison role to the users who act for an active
        department, and take it from those who no longer do. Called after the
        caller was allowed to change the departments."""
        group = self.env.ref("community_governance.group_portal_liaison")
        for user in self.sudo():
            is_liaison = bool(user.liaison_department_ids.filtered("active"))
            if is_liaison and group not in user.groups_id:
                user.groups_id = [Command.link(group.id)]
            elif not is_liaison and group in user.groups_id:
                user.groups_id = [Command.unlink(group.id)]
