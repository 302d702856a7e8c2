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
    # The other side of community.area.officer_ids: record rules of officers
    # read it as one flat list of community ids.
    officer_community_ids = fields.Many2many(
        "community.area",
        "community_area_officer_rel",
        "user_id",
        "area_id",
        string="Communities Served",
        domain=[("area_type", "=", "community")],
        help="Communities whose records this office user works on (record rules "
        "of the Officer role). Set on the community's Office Staff.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """A resident who gets a portal account while serving a steward term
        gets the steward role with it."""
        users = super().create(vals_list)
        if any("officer_community_ids" in vals for vals in vals_list):
            self.env.registry.clear_cache()
        portal_users = users.filtered("share")
        if portal_users:
            self.env["community.steward"]._sync_steward_group_users(portal_users)
        return users

    def write(self, vals):
        res = super().write(vals)
        if "officer_community_ids" in vals:
            # record rules are cached per user: they read this field
            self.env.registry.clear_cache()
        return res

    def _sync_liaison_group(self):
        """Give the department liaison role to the users who act for an active
        department, and take it from those who no longer do. Called after the
        caller was allowed to change the departments."""
        group = self.env.ref("community_governance.group_portal_liaison").sudo()
        users = self.sudo()
        liaisons = users.filtered(lambda u: u.liaison_department_ids.filtered("active"))
        to_add = liaisons - group.users
        to_remove = (users - liaisons) & group.users
        if to_add or to_remove:
            # one write on the group, not one per user
            group.users = [Command.link(u.id) for u in to_add] + [
                Command.unlink(u.id) for u in to_remove
            ]
