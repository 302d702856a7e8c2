# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal_tools import pop_flash


class CommunityPortal(CustomerPortal):
    """What every portal page of the addon shows: the feedback of the last
    action (see ``portal_tools.flash``), rendered by the portal layout."""

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["cg_flash"] = pop_flash()
        return values
