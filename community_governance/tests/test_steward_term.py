# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, users

from .common import CommunityCase


class TestStewardTerm(CommunityCase):
    def test_appointment_and_term_end_give_and_take_portal_rights(self):
        user = self.portal_a
        self.assertNotIn(self.steward_group, user.groups_id)
        term = self._steward(self.resident_a, self.role_stairwell, self.entrance_a)
        self.assertEqual(term.state, "candidate")
        self.assertEqual(term.user_id, user)
        self.assertNotIn(
            self.steward_group, user.groups_id, "a candidate has no rights"
        )
        term.with_user(self.officer_a).action_appoint()
        self.assertEqual(term.state, "active")
        self.assertIn(self.steward_group, user.groups_id)
        # A second term keeps the rights when the first one ends.
        grid_term = self._steward(self.resident_a, self.role_grid, self.grid_a)
        grid_term.action_appoint()
        term.with_user(self.officer_a).action_end()
        self.assertEqual(term.state, "ended")
        self.assertEqual(
            term.date_end,
            max(
                term.date_start,
                fields.Date.context_today(term.with_user(self.officer_a)),
            ),
        )
        self.assertIn(self.steward_group, user.groups_id)
        grid_term.action_end()
        self.assertNotIn(self.steward_group, user.groups_id)

    def test_term_ended_by_a_user_whose_day_is_behind(self):
        """23:30 UTC is already tomorrow in Beijing: a term appointed by an
        officer there and ended at once by one on UTC ends on its first day."""
        self.officer_a.tz = "UTC"
        with freeze_time("2026-12-01 23:30:00"):
            beijing = self.env["community.steward"].with_context(tz="Asia/Shanghai")
            term = beijing.create(
                {
                    "partner_id": self.resident_a.id,
                    "role_id": self.role_stairwell.id,
                    "area_id": self.entrance_a.id,
                }
            )
            term.action_appoint()
            self.assertEqual(str(term.date_start), "2026-12-02")
            term.with_user(self.officer_a).with_context(tz=False).action_end()
        self.assertEqual(term.state, "ended")
        self.assertEqual(str(term.date_end), "2026-12-02")

    def test_portal_account_created_during_a_term(self):
        partner = self.env["res.partner"].create(
            {"name": "Late User", "is_resident": True, "area_id": self.entrance_a2.id}
        )
        self._steward(partner, self.role_stairwell, self.entrance_a2, state="active")
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": "cg_late_user",
                    "partner_id": partner.id,
                    "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
                }
            )
        )
        self.assertIn(self.steward_group, user.groups_id)

    def test_backend_views_open_for_officers(self):
        actions = [
            "community_steward_action",
            "community_steward_history_action",
            "community_steward_slot_action",
            "community_steward_coverage_action",
            "community_steward_candidate_wizard_action",
            "community_steward_slot_generator_action",
            "community_club_action",
            "community_club_membership_action",
            "community_club_membership_growth_action",
            "event_event_action_attendance",
            "event_registration_action_attendance",
            "community_club_bond_report_action",
        ]
        for xmlid in actions:
            action = self.env.ref(f"community_governance.{xmlid}")
            model = self.env[action.res_model].with_user(self.officer_a)
            views = [[False, mode] for mode in action.view_mode.split(",")]
            result = model.get_views(views + [[False, "search"]])
            self.assertTrue(result["views"], xmlid)
        area_views = (
            self.env["community.area"]
            .with_user(self.officer_a)
            .get_views([[False, "form"], [False, "search"]])
        )
        self.assertIn("Find steward candidates", area_views["views"]["form"]["arch"])
        self.assertIn("without_steward", area_views["views"]["search"]["arch"])

    def test_cron_ends_expired_terms(self):
        today = fields.Date.context_today(self.Steward)
        term = self._steward(
            self.resident_a,
            self.role_stairwell,
            self.entrance_a,
            date_start=today - timedelta(days=400),
            date_end=today + timedelta(days=5),
        )
        term.action_appoint()
        self.assertIn(self.steward_group, self.portal_a.groups_id)
        self.Steward._cron_end_expired_terms()
        self.assertEqual(term.state, "active", "the term has not ended yet")
        term.date_end = today - timedelta(days=1)
        self.Steward._cron_end_expired_terms()
        self.assertEqual(term.state, "ended")
        self.assertNotIn(self.steward_group, self.portal_a.groups_id)

    def test_max_per_area_and_area_type(self):
        self._steward(
            self.resident_a, self.role_stairwell, self.entrance_a
        ).action_appoint()
        second = self._steward(self.neighbour_a, self.role_stairwell, self.entrance_a)
        with self.assertRaisesRegex(ValidationError, "already has 1 serving"):
            second.action_appoint()
        # The alley role takes three stewards.
        self._steward(self.neighbour_a, self.role_alley, self.alley_a, state="active")
        self._steward(self.resident_a, self.role_alley, self.alley_a, state="active")
        with self.assertRaisesRegex(ValidationError, "serves an area of type"):
            self._steward(self.neighbour_a, self.role_stairwell, self.grid_a)
        with self.assertRaisesRegex(ValidationError, "does not live in"):
            self._steward(self.resident_b, self.role_stairwell, self.entrance_a)

    def test_find_handler_returns_steward_users(self):
        office = self.officer_a
        self.assertEqual(self.entrance_a._find_handler("entrance"), office)
        self._steward(
            self.resident_a, self.role_stairwell, self.entrance_a, state="active"
        )
        self._steward(self.neighbour_a, self.role_grid, self.grid_a, state="active")
        self.assertEqual(self.entrance_a._find_handler("entrance"), self.portal_a)
        self.assertEqual(self.entrance_a._find_handler("grid"), self.portal_neighbour)
        self.assertEqual(self.entrance_a2._find_handler("grid"), self.portal_neighbour)
        # No steward in entrance 2: the office handles it, as without stewards.
        self.assertEqual(self.entrance_a2._find_handler("entrance"), office)
        self.assertEqual(self.entrance_a._find_handler("office"), office)

    def test_coverage(self):
        Coverage = self.env["community.steward.coverage"]
        entrances = self.entrance_a | self.entrance_a2 | self.entrance_a3
        domain = [
            ("area_id", "in", entrances.ids),
            ("role_id", "=", self.role_stairwell.id),
        ]
        self.assertFalse(Coverage.search(domain + [("is_covered", "=", True)]))
        self._steward(
            self.resident_a, self.role_stairwell, self.entrance_a, state="active"
        )
        self.env.flush_all()
        uncovered = Coverage.search(domain + [("is_covered", "=", False)])
        self.assertEqual(uncovered.area_id, self.entrance_a2 | self.entrance_a3)
        Area = self.env["community.area"]
        self.assertEqual(
            Area.search([("id", "in", entrances.ids), ("has_steward", "=", False)]),
            self.entrance_a2 | self.entrance_a3,
        )
        self.assertEqual(
            Area.search([("id", "in", entrances.ids), ("has_steward", "=", True)]),
            self.entrance_a,
        )
        self.assertEqual(self.entrance_a.steward_count, 1)
        # The officer of community B does not see A's coverage.
        self.assertFalse(Coverage.with_user(self.officer_b).search(domain))
        self.assertEqual(len(Coverage.with_user(self.officer_a).search(domain)), 3)

    def test_term_end_reminders_without_duplicates(self):
        today = fields.Date.context_today(self.Steward)
        term = self._steward(
            self.resident_a,
            self.role_stairwell,
            self.entrance_a,
            state="active",
            date_end=today + timedelta(days=10),
        )
        later = self._steward(
            self.neighbour_a,
            self.role_grid,
            self.grid_a,
            state="active",
            date_end=today + timedelta(days=200),
        )
        self.Steward._cron_term_end_reminders()
        self.Steward._cron_term_end_reminders()
        self.assertEqual(len(term.activity_ids), 1)
        self.assertEqual(term.activity_ids.user_id, self.officer_a)
        self.assertEqual(term.activity_ids.date_deadline, term.date_end)
        self.assertFalse(later.activity_ids)

    @users("cg_officer_a", "cg_manager")
    def test_office_appoints_in_its_communities(self):
        Steward = self.env["community.steward"]
        term_b = self._steward(self.resident_b, self.role_stairwell, self.entrance_b)
        visible = Steward.search([("id", "in", term_b.ids)])
        self.assertEqual(bool(visible), self.env.user == self.manager)
        new = Steward.create(
            {
                "partner_id": self.neighbour_a.id,
                "role_id": self.role_stairwell.id,
                "area_id": self.entrance_a2.id,
            }
        )
        new.write({"note": "Knows every household"})
        new.action_appoint()
        self.assertIn(self.steward_group, self.portal_neighbour.groups_id)
        new.action_end()
        self.assertNotIn(self.steward_group, self.portal_neighbour.groups_id)
        if self.env.user == self.manager:
            new.unlink()
        else:
            with self.assertRaises(AccessError):
                new.unlink()

    @users("cg_officer_a")
    def test_officer_refused_outside_its_communities(self):
        term_b = self._steward(self.resident_b, self.role_stairwell, self.entrance_b)
        term_b = term_b.with_env(self.env)
        for call in (
            lambda: term_b.read(["partner_id"]),
            lambda: term_b.write({"note": "x"}),
            term_b.action_appoint,
            term_b.unlink,
            lambda: self.env["community.steward"].create(
                {
                    "partner_id": self.resident_b.id,
                    "role_id": self.role_grid.id,
                    "area_id": self.grid_b.id,
                }
            ),
        ):
            with self.assertRaises(AccessError):
                call()
        self.assertEqual(term_b.sudo().state, "candidate")

    @users("cg_portal_a", "cg_portal_n", "cg_liaison", "cg_internal")
    def test_residents_read_their_own_terms_only(self):
        term = self._steward(
            self.resident_a, self.role_stairwell, self.entrance_a, state="active"
        ).with_env(self.env)
        Steward = self.env["community.steward"]
        if self.env.user == self.portal_a:
            self.assertEqual(term.read(["state"])[0]["state"], "active")
            self.assertEqual(Steward.search([("id", "=", term.id)]), term)
        else:
            with self.assertRaises(AccessError):
                term.read(["state"])
        for call in (
            lambda: term.write({"note": "x"}),
            term.action_end,
            term.unlink,
            lambda: Steward.create(
                {
                    "partner_id": self.neighbour_a.id,
                    "role_id": self.role_stairwell.id,
                    "area_id": self.entrance_a2.id,
                }
            ),
        ):
            with self.assertRaises(AccessError):
                call()
        self.assertEqual(term.sudo().state, "active")
        term.sudo().unlink()

    def test_roster_report(self):
        self._steward(
            self.resident_a, self.role_stairwell, self.entrance_a, state="active"
        )
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "community_governance.report_steward_roster", self.community_a.ids
        )
        html = html.decode()
        self.assertIn("Resident A", html)
        self.assertIn("Without steward", html)
        self.assertIn("Community A / Grid 1 / Building 1 / Unit 2", html)
        self.assertNotIn("Resident B", html)
