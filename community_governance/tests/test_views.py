# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from .common import CommunityCase


class TestMenusAndViews(CommunityCase):
    """Every window action of the addon opens for the office roles: its views
    load and its list shows records, with no access error on a field."""

    def _actions(self):
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "community_governance"),
                ("model", "=", "ir.actions.act_window"),
            ]
        )
        return self.env["ir.actions.act_window"].browse(data.mapped("res_id"))

    def _open(self, action, user):
        model = self.env[action.res_model].with_user(user)
        modes = [m for m in action.view_mode.split(",") if m != "qweb"]
        views = model.get_views([(False, mode) for mode in modes], {"toolbar": True})
        if "list" in modes:
            arch = etree.fromstring(views["views"]["list"]["arch"])
            fields = {
                node.get("name"): {}
                for node in arch.iter("field")
                if node.get("name") in model._fields
            }
            model.web_search_read([], fields, limit=20)
        return views

    def test_every_action_opens_for_manager(self):
        actions = self._actions()
        self.assertTrue(actions)
        for action in actions:
            with self.subTest(action=action.name):
                self._open(action, self.manager)

    def test_menus_for_officer(self):
        menus = self.env["ir.ui.menu"].with_user(self.officer_a)._visible_menu_ids()
        root = self.env.ref("community_governance.community_root_menu")
        config = self.env.ref("community_governance.community_config_menu")
        self.assertIn(root.id, menus)
        self.assertNotIn(config.id, menus, "configuration is for managers")
        residents = self.env.ref("community_governance.res_partner_resident_menu")
        self.assertIn(residents.id, menus)
        self._open(residents.action, self.officer_a)
        internal_menus = self.env["ir.ui.menu"].with_user(self.internal)
        self.assertNotIn(root.id, internal_menus._visible_menu_ids())
