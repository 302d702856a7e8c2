# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal_tools import home_cards, pop_flash


class CommunityPortal(CustomerPortal):
    """What every portal page of the addon shows: the feedback of the last
    action (see ``portal_tools.flash``), rendered by the portal layout."""

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["cg_flash"] = pop_flash()
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:
            # the page itself (/my/counters asks for counters): which of the
            # addon's cards it renders, and which it shows even at 0
            values["cg_home_cards"] = home_cards()
        return values
