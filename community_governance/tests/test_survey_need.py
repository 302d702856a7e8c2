# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Needs raised in visits (梳理群众需求): settled on the spot, sent to the office,
declined, made a petition, gathered with other households' into one
petition dispatched to departments (the whistle); and the reports (coverage,
needs, the ledger and door lists), each figure recomputed another way."""

from collections import Counter
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .survey_common import SurveyCase


class TestSurveyNeed(SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign()
        cls.visit = cls._visit(cls.campaign, cls.household_a)
        cls.visit_a2 = cls._visit(cls.campaign, cls.household_a2)
        cls.visit_a3 = cls._visit(cls.campaign, cls.household_a3)
        cls.visit.with_user(cls.steward).interview(
            {cls.q_keep.id: cls.a_keep.id}, partner=cls.neighbour_a.id
        )

    def _need(self, visit, text, user=None, **values):
        """A need added by the visitor, in the test's (superuser) environment."""
        user = user or visit.visitor_id
        need = visit.with_user(user).add_need(
            dict({"description": text, "category_id": self.cat_public.id}, **values)
        )
        return need.with_env(self.env)

    def test_add_settle_and_send_a_need(self):
        need = self._need(self.visit, "Bikes block the market gate", urgent=True)
        self.assertEqual(need.state, "new")
        self.assertEqual(need.partner_id, self.neighbour_a, "who answered")
        self.assertEqual(need.household_id, self.household_a)
        self.assertEqual(need.urgency, "urgent")
        self.assertEqual(need.user_id, self.steward)
        with self.refused(UserError, "just recorded"):
            self._need(self.visit, "Bikes block the market gate")
        other = self._need(self.visit_a2, "Stairwell light broken")
        self.assertEqual(
            other.sudo().partner_id, self.env["res.partner"], "an empty household"
        )
        with self.refused(UserError, "Say how the need was settled"):
            need.with_user(self.steward).settle("")
        need.with_user(self.steward).settle("Asked the market to move them")
        self.assertEqual(need.state, "settled")
        self.assertEqual(need.outcome_note, "Asked the market to move them")
        other.with_user(self.steward).action_send_to_office()
        self.assertEqual(other.state, "office")
        with self.refused(UserError, "already sent to the office"):
            other.with_user(self.steward).action_send_to_office()
        # a steward of another entrance handles none of them
        with self.refused(AccessError, ""):
            other.with_user(self.steward2).settle("Done")
        with self.refused(AccessError, "Only the community office declines"):
            other.with_user(self.steward).decline("No")
        other.with_user(self.officer_a).decline("Not for the office")
        self.assertEqual(other.state, "declined")
        with self.refused(UserError, "is already declined"):
            other.with_user(self.officer_a).decline("Again")

    def test_make_a_petition_for_the_resident(self):
        need = self._need(self.visit, "Trucks idle under the windows")
        action = need.with_user(self.officer_a).action_make_petition()
        petition = need.petition_id
        self.assertEqual(action["res_id"], petition.id)
        self.assertEqual(need.state, "petition")
        self.assertTrue(need.date_petition)
        self.assertEqual(petition.partner_id, self.neighbour_a)
        self.assertEqual(petition.title, "Trucks idle under the windows")
        self.assertEqual(petition.category_id, self.cat_public)
        self.assertEqual(petition.area_id, self.entrance_a)
        self.assertEqual(petition.survey_need_ids, need)
        self.assertEqual(petition.survey_need_count, 1)
        self.assertIn(self.neighbour_a, petition.message_partner_ids)
        no_category = self._need(self.visit, "Something else", category_id=False)
        with self.refused(UserError, "category"):
            no_category.with_user(self.officer_a).action_make_petition()
        for user in (self.steward, self.portal_a, self.officer_b):
            with self.subTest(user=user.login), self.refused(AccessError, ""):
                no_category.with_user(user).action_make_petition()
        with self.refused(UserError, "already became a petition"):
            need.with_user(self.officer_a).action_make_petition()

    def test_gather_many_households_into_one_petition_and_blow_the_whistle(self):
        self.visit_a3.with_user(self.steward2).interview(
            {self.q_keep.id: self.a_keep.id}
        )
        needs = (
            self._need(self.visit, "Bikes at the gate")
            | self._need(self.visit_a3, "Bikes everywhere in the morning")
            | self._need(self.visit_a2, "Goods on the pavement")
        )
        petition = needs.with_user(self.officer_a).gather(
            values={
                "title": "Order at the market gate",
                "partner_id": self.resident_a.id,
            },
            departments=self.department_urban | self.department_traffic,
        )
        self.assertEqual(petition.title, "Order at the market gate")
        self.assertEqual(petition.partner_id, self.resident_a)
        self.assertEqual(
            petition.area_id, self.community_a, "needs of several entrances"
        )
        self.assertIn("Bikes everywhere in the morning", petition.description)
        self.assertEqual(set(needs.mapped("state")), {"petition"})
        self.assertEqual(needs.petition_id, petition)
        self.assertLessEqual(
            self.neighbour_a | self.resident_a3 | self.resident_a,
            petition.message_partner_ids,
            "every household that raised the need follows the petition",
        )
        self.assertEqual(petition.state, "dispatched")
        self.assertEqual(
            petition.dispatch_ids.department_id,
            self.department_urban | self.department_traffic,
        )
        self.assertIn(
            "3 needs raised in door-to-door visits",
            "".join(petition.message_ids.mapped("body")),
        )
        # later needs join the same petition
        later = self._need(self.visit_a3, "Bikes again")
        later.with_user(self.officer_a).gather(petition=petition.id)
        self.assertEqual(petition.survey_need_ids, needs | later)
        # refusals
        fresh = self._need(self.visit, "Noise at dawn")
        petition_b = self._petition(partner=self.resident_b, category=self.cat_public)
        with self.refused(AccessError, ""):
            fresh.with_user(self.officer_a).gather(petition=petition_b)
        duplicate = self._petition(category=self.cat_public, title="Same again")
        duplicate.with_user(self.officer_a).mark_duplicate(petition)
        with self.refused(UserError, "original petition"):
            fresh.with_user(self.officer_a).gather(petition=duplicate)
        with self.refused(UserError, "already became a petition"):
            (fresh | later).with_user(self.officer_a).gather(petition=petition)
        with self.refused(AccessError, "Only the community office"):
            fresh.with_user(self.steward).gather(petition=petition)
        with self.refused(UserError, "raised by a resident"):
            fresh.with_user(self.officer_a).gather(
                values={"partner_id": self.liaison_partner.id}
            )

    def test_the_wizard_gathers_with_the_category_departments(self):
        needs = self._need(self.visit, "Bikes at the gate") | self._need(
            self.visit_a2, "Goods on the pavement"
        )
        Wizard = self.env["community.survey.need.wizard"].with_user(self.officer_a)
        wizard = Wizard.with_context(active_ids=needs.ids).create({"mode": "gather"})
        self.assertEqual(wizard.need_ids, needs)
        self.assertEqual(wizard.household_count, 2)
        self.assertEqual(wizard.department_ids, self.department_urban, "category's")
        self.assertEqual(wizard.partner_id, self.neighbour_a)
        action = wizard.action_confirm()
        petition = self.env["community.petition"].browse(action["res_id"])
        self.assertEqual(petition.survey_need_ids, needs)
        self.assertEqual(petition.dispatch_ids.department_id, self.department_urban)
        # decline through the wizard
        need = self._need(self.visit, "Move the market away")
        Wizard.create(
            {"mode": "decline", "need_ids": [(6, 0, need.ids)], "note": "Most keep it"}
        ).action_confirm()
        self.assertEqual(need.state, "declined")

    def test_the_household_sees_its_needs_and_the_office_its_communities(self):
        need = self._need(self.visit, "Bikes at the gate")
        Need = self.env["community.survey.need"]
        for user in (
            self.portal_a,
            self.portal_neighbour,
            self.steward,
            self.officer_a,
        ):
            with self.subTest(user=user.login):
                self.assertEqual(Need.with_user(user).search([]), need)
        for user in (self.portal_b, self.steward2, self.officer_b, self.volunteer):
            with self.subTest(user=user.login):
                self.assertFalse(Need.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    need.with_user(user).read(["description"])
        with self.assertRaises(AccessError):
            need.with_user(self.portal_a).write({"description": "changed"})


class TestSurveyReports(SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign(max_attempts=1)
        cls.visits = cls.campaign.visit_ids
        cls._visit(cls.campaign, cls.household_a).with_user(cls.steward).interview(
            {cls.q_keep.id: cls.a_keep.id}
        )
        cls._visit(cls.campaign, cls.household_a2).with_user(
            cls.steward
        ).record_attempt("refused")
        cls._visit(cls.campaign, cls.household_a3).with_user(
            cls.steward2
        ).record_attempt("not_home")
        # household_a4 not visited yet

    def test_coverage_report_per_building_and_entrance(self):
        Report = self.env["community.survey.coverage.report"]
        rows = Report.read_group(
            [("campaign_id", "=", self.campaign.id)],
            [
                "household_count:sum",
                "visited_count:sum",
                "interviewed_count:sum",
                "refused_count:sum",
                "not_home_count:sum",
                "pending_count:sum",
                "reached_rate:avg",
            ],
            ["building_id"],
        )
        by_building = {row["building_id"][0]: row for row in rows}
        for building in (self.building_a, self.building_a2):
            visits = self.visits.filtered(
                lambda v, b=building: v.area_id.parent_id == b
            )
            states = Counter(visits.mapped("state"))
            row = by_building[building.id]
            with self.subTest(building=building.name):
                self.assertEqual(row["household_count"], len(visits))
                self.assertEqual(
                    row["visited_count"], len(visits.filtered("attempt_ids"))
                )
                self.assertEqual(row["interviewed_count"], states["interviewed"])
                self.assertEqual(row["refused_count"], states["refused"])
                self.assertEqual(
                    row["not_home_count"], states["not_home"] + states["unreachable"]
                )
                self.assertEqual(row["pending_count"], states["pending"])
                reached = states["interviewed"] + states["refused"]
                self.assertAlmostEqual(row["reached_rate"], 100 * reached / len(visits))
        # building 1: interviewed + refused + unreachable (tried once of 1)
        self.assertAlmostEqual(by_building[self.building_a.id]["reached_rate"], 200 / 3)
        # the campaign's progress bar says the same as the report
        total = Report.read_group(
            [("campaign_id", "=", self.campaign.id)], ["reached_rate:avg"], []
        )[0]["reached_rate"]
        self.assertAlmostEqual(self.campaign.progress, total)
        self.assertAlmostEqual(self.campaign.progress, 50.0)
        # officers see their communities' lines only
        self.assertTrue(Report.with_user(self.officer_a).search_count([]))
        self.assertFalse(Report.with_user(self.officer_b).search_count([]))

    def test_needs_report_hours_from_need_to_petition_to_resolution(self):
        visit = self._visit(self.campaign, self.household_a)
        need = (
            visit.with_user(self.steward)
            .add_need(
                {"description": "Bikes at the gate", "category_id": self.cat_public.id}
            )
            .sudo()
        )
        raised = fields.Datetime.now() - timedelta(hours=30)
        need.date = raised
        need.with_user(self.officer_a).action_make_petition()
        petition = need.petition_id
        need.date_petition = raised + timedelta(hours=6)
        petition.date_resolved = raised + timedelta(hours=26)
        petition.state = "resolved"
        self.env.flush_all()
        line = self.env["community.survey.need.report"].search(
            [("need_id", "=", need.id)]
        )
        self.assertAlmostEqual(line.hours_to_petition, 6, places=3)
        self.assertAlmostEqual(line.hours_petition_to_resolution, 20, places=3)
        self.assertAlmostEqual(line.hours_to_resolution, 26, places=3)
        self.assertEqual(line.petition_state, "resolved")
        self.assertEqual(line.resolved_count, 1)
        rows = self.env["community.survey.need.report"].read_group(
            [("campaign_id", "=", self.campaign.id)],
            ["need_count:sum"],
            ["category_id", "state"],
            lazy=False,
        )
        self.assertEqual(
            [(r["category_id"][0], r["state"], r["need_count"]) for r in rows],
            [(self.cat_public.id, "petition", 1)],
        )

    def test_ledger_and_door_lists(self):
        visit = self._visit(self.campaign, self.household_a)
        need = visit.with_user(self.steward).add_need(
            {"description": "Bikes at the gate", "category_id": self.cat_public.id}
        )
        need.with_user(self.officer_a).action_make_petition()
        report = self.env.ref("community_governance.action_report_survey_ledger")
        html = (
            report.with_user(self.officer_a)
            ._render_qweb_html(report.report_name, self.visits.ids)[0]
            .decode()
        )
        self.assertIn("Ledger of residents' conditions", html)
        self.assertIn("Keep the market?", html)
        self.assertIn("Bikes at the gate", html)
        self.assertIn(need.petition_id.name, html)
        self.assertEqual(html.count("o_cg_ledger_entrance"), 3, "one per entrance")
        for state in ("Interviewed", "Refused", "Not Reached", "To Visit"):
            self.assertIn(state, html)
        door = self.env.ref("community_governance.action_report_survey_door_list")
        html = door._render_qweb_html(door.report_name, self.visits.ids)[0].decode()
        self.assertEqual(html.count("Door list:"), 3, "one page per entrance")
        self.assertIn("Not home", html)
        with self.assertRaises(AccessError):
            report.with_user(self.officer_b)._render_qweb_html(
                report.report_name, self.visits.ids
            )
