# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        """A resident who gets a portal account while serving a steward term
        gets the steward role with it."""
        users = super().create(vals_list)
        portal_users = users.filtered("share")
        if portal_users:
            self.env["community.steward"]._sync_steward_group_users(portal_users)
        return users
