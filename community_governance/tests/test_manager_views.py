# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a manager sees first: the petition kanban's columns in ladder order
with their progress bars, the due-time calendars in month view with titles,
the areas as a hierarchy."""

import json
from datetime import datetime, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo.tests import HttpCase, tagged, users

from ..models.community_petition import LEVEL_ORDER
from .petition_common import PetitionCase

COLORS = {"on_time": "success", "due_soon": "warning", "overdue": "danger"}
START = datetime(2026, 3, 2, 8, 0)


class TestPetitionBoard(PetitionCase):
    def _arch(self, model, view_type):
        views = self.env[model].get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def _bars(self, petitions):
        return self.Petition.read_progress_bar(
            [("id", "in", petitions.ids)],
            "level",
            {"field": "due_state", "colors": COLORS},
        )

    def test_kanban_columns_in_ladder_order_with_progress_bars(self):
        arch = self._arch("community.petition", "kanban")
        self.assertEqual(arch.get("default_group_by"), "level")
        bar = arch.find("progressbar")
        self.assertEqual(bar.get("field"), "due_state")
        self.assertEqual(json.loads(bar.get("colors")), COLORS)
        with freeze_time(START):
            on_time = self._petition(title="On time")
            soon = self._petition(title="Due soon")
            late = self._petition(title="Late")
            grid = self._petition(title="At the grid")
            done = self._petition(title="Settled")
            on_time.date_deadline = START + timedelta(hours=60)
            soon.date_deadline = START + timedelta(hours=30)
            late.date_deadline = START + timedelta(hours=10)
            grid.with_user(self.steward).escalate("Two households involved")
            done.with_user(self.steward).resolve("Bikes moved")
        # 20 hours later: 40 h left, 10 h left (due soon), 10 h late, 28 h left
        petitions = on_time | soon | late | grid | done
        with freeze_time(START + timedelta(hours=20)):
            self.Petition._cron_check_overdue()
        self.assertEqual(
            petitions.mapped("due_state"),
            ["on_time", "due_soon", "overdue", "on_time", False],
        )
        self.assertEqual(
            self._bars(petitions),
            {
                "entrance": {"on_time": 1, "due_soon": 1, "overdue": 1},
                "grid": {"on_time": 1, "due_soon": 0, "overdue": 0},
            },
            "a resolved petition is in no band",
        )
        # every rung a column, in ladder order, also the empty ones
        groups = self.Petition.with_user(self.officer_a).web_read_group(
            [("id", "in", petitions.ids)], ["level"], ["level"]
        )["groups"]
        self.assertEqual([g["level"] for g in groups], LEVEL_ORDER)

    def test_due_state_follows_the_clock(self):
        with freeze_time(START):
            petition = self._petition()
        self.assertEqual(petition.date_deadline, START + timedelta(hours=24))
        for hours, state in ((11, "on_time"), (13, "due_soon"), (25, "overdue")):
            with freeze_time(START + timedelta(hours=hours)):
                self.Petition._cron_check_overdue()
            self.assertEqual(petition.due_state, state, f"after {hours} hours")
        petition.with_user(self.steward).resolve("Done")
        self.assertFalse(petition.due_state)

    def test_calendars_open_in_month_with_titles(self):
        calendars = self.env["ir.ui.view"].search(
            [("type", "=", "calendar"), ("model", "like", "community.%")]
        )
        self.assertGreaterEqual(len(calendars), 5)
        # the due-time calendars: month view, the reference and the title
        for model in ("community.petition", "community.petition.dispatch"):
            with self.subTest(model=model):
                arch = self._arch(model, "calendar")
                self.assertEqual(arch.get("mode"), "month")
                self.assertEqual(arch.get("create_name_field"), "calendar_title")
                self.assertEqual(arch.get("create"), "0")
        petition = self._petition(title="Bikes in the hall")
        self.assertEqual(petition.calendar_title, f"{petition.name} Bikes in the hall")
        grid = self._petition(title="Leak")
        grid.with_user(self.steward).escalate("Two households involved")
        self.assertNotEqual(petition.level_color, grid.level_color, "one colour a rung")
        self.assertEqual(
            self._arch("community.petition", "calendar").get("color"), "level_color"
        )
        grid.with_user(self.officer_a).dispatch(self.department_urban)
        self.assertEqual(
            grid.dispatch_ids.calendar_title,
            f"{grid.name} Leak – Urban Management",
        )
        dispatch_arch = self._arch("community.petition.dispatch", "calendar")
        self.assertEqual(dispatch_arch.get("color"), "department_id")
        self.assertIn(
            "calendar",
            self.env.ref(
                "community_governance.community_petition_dispatch_action"
            ).view_mode,
        )
        # what the calendar reads, as the officer
        events = (
            self.env["community.petition.dispatch"]
            .with_user(self.officer_a)
            .search_read([("id", "in", grid.dispatch_ids.ids)], ["calendar_title"])
        )
        self.assertEqual(
            events[0]["calendar_title"], f"{grid.name} Leak – Urban Management"
        )


class TestAreaHierarchy(PetitionCase):
    @users("cg_manager", "cg_officer_a")
    def test_areas_as_a_hierarchy(self):
        action = self.env.ref("community_governance.community_area_action").sudo()
        self.assertIn("hierarchy", action.view_mode.split(","))
        Area = self.env["community.area"]
        views = Area.get_views([(False, "hierarchy")])
        arch = etree.fromstring(views["views"]["hierarchy"]["arch"])
        self.assertEqual(arch.tag, "hierarchy")
        self.assertEqual(arch.get("child_field"), "child_ids")
        names = {node.get("name") for node in arch.iter("field")}
        self.assertLessEqual({"name", "area_type", "steward_partner_ids"}, names)
        # what the cards show: the area's own serving steward
        community, grid, entrance = (
            self.community_a.with_env(self.env),
            self.grid_a.with_env(self.env),
            self.entrance_a.with_env(self.env),
        )
        self.assertEqual(grid.steward_partner_ids, self.grid_leader_partner)
        self.assertEqual(entrance.steward_partner_ids, self.steward_partner)
        self.assertFalse(community.steward_partner_ids, "only the area's own")
        self.assertEqual(
            community.child_ids.filtered(lambda a: a.area_type == "grid"), grid
        )

    def test_steward_cards_in_one_query(self):
        Area = self.env["community.area"]
        few = self.grid_a | self.entrance_a
        many = Area.search(
            [("community_id", "in", (self.community_a | self.community_b).ids)]
        )
        self.assertGreater(len(many), 6)
        counts = []
        for areas in (few, many):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            areas.mapped("steward_partner_ids.name")
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])


# Polls the rendered hierarchy view: a node per community, with its type.
HIERARCHY_JS = """
const until = Date.now() + 30000;
(function check() {
    const nodes = [...document.querySelectorAll(".o_hierarchy_node")];
    const text = nodes.map((node) => node.innerText).join(" | ");
    if (text.includes("Community A") && text.includes("Community")) {
        console.log("test successful");
    } else if (Date.now() > until) {
        console.error("no hierarchy card of Community A: " + text);
    } else {
        setTimeout(check, 250);
    }
})();
"""


@tagged("post_install", "-at_install")
class TestAreaHierarchyBrowser(HttpCase, PetitionCase):
    def test_manager_opens_the_area_hierarchy(self):
        """The Areas action's hierarchy renders in the web client (cards with
        the area and its type), without a JavaScript error."""
        self.browser_js(
            "/odoo/action-community_governance.community_area_action"
            "?view_type=hierarchy",
            HIERARCHY_JS,
            login=self.manager.login,
        )
