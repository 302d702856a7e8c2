# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who sees what of door-to-door surveys, over the ORM (what JSON-RPC
reaches): visitors only the households assigned to them and nothing
office-only, a steward of another entrance none of them, a household its own
needs, the office its communities' campaigns, visits and answers - also in
survey's own models, whose users see the answers of other survey types only.
"""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, users

from .survey_common import SurveyCase


class TestSurveyAccess(SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign()
        cls.campaign_b = cls._campaign(community=cls.community_b)
        cls.visit = cls._visit(cls.campaign, cls.household_a)
        cls.visit_a3 = cls._visit(cls.campaign, cls.household_a3)
        cls.visit_b = cls._visit(cls.campaign_b, cls.household_b)
        cls.visit.with_user(cls.steward).interview(
            {cls.q_keep.id: cls.a_keep.id, cls.q_ideas.id: "Keep the market"}
        )
        cls.visit_b.with_user(cls.officer_b).interview({cls.q_keep.id: cls.a_move.id})
        cls.answers = cls.visit.user_input_id
        cls.answers_b = cls.visit_b.user_input_id
        cls.survey_admin = new_test_user(
            cls.env,
            "cg_survey_admin",
            groups="base.group_user,survey.group_survey_manager",
        )

    def _search(self, model, user):
        """What ``user`` finds among this test's records (the demo data and
        the Surveys app's own demo answers left out)."""
        domain = {
            "community.survey.campaign": [
                ("id", "in", (self.campaign | self.campaign_b).ids)
            ],
            "survey.user_input": [("survey_id", "=", self.survey.id)],
            "survey.user_input.line": [("survey_id", "=", self.survey.id)],
        }.get(model, [("campaign_id", "in", (self.campaign | self.campaign_b).ids)])
        return self.env[model].with_user(user).search(domain)

    def test_office_sees_its_communities(self):
        Campaign = "community.survey.campaign"
        self.assertEqual(self._search(Campaign, self.officer_a), self.campaign)
        self.assertEqual(self._search(Campaign, self.officer_b), self.campaign_b)
        self.assertEqual(
            self._search(Campaign, self.manager), self.campaign | self.campaign_b
        )
        self.assertEqual(
            self._search("community.survey.visit", self.officer_b), self.visit_b
        )
        with self.assertRaises(AccessError):
            self.visit.with_user(self.officer_b).read(["state"])
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.officer_b).write({"name": "x"})
        for user in (self.internal, self.survey_admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._search(Campaign, user)

    def test_visitors_see_only_their_households(self):
        Visit = "community.survey.visit"
        self.assertEqual(
            self._search(Visit, self.steward),
            self._visit(self.campaign, self.household_a)
            | self._visit(self.campaign, self.household_a2),
        )
        self.assertEqual(self._search(Visit, self.steward2), self.visit_a3)
        self.assertEqual(
            self._search("community.survey.campaign", self.steward2), self.campaign
        )
        # a steward of another entrance: not this household, nor its tries
        with self.assertRaises(AccessError):
            self.visit.with_user(self.steward2).read(["state"])
        with self.assertRaises(AccessError):
            self.visit.with_user(self.steward2).record_attempt("not_home")
        with self.assertRaises(AccessError):
            self.visit.with_user(self.steward2).interview({})
        self.assertFalse(self._search("community.survey.attempt", self.steward2))
        self.assertEqual(
            self._search("community.survey.attempt", self.steward),
            self.visit.attempt_ids,
        )
        # residents who visit nobody: no campaign, no visit, not even their own
        for user in (self.portal_a, self.portal_b, self.volunteer):
            with self.subTest(user=user.login):
                self.assertFalse(self._search("community.survey.campaign", user))
                self.assertFalse(self._search(Visit, user))
        with self.assertRaises(AccessError):
            self.visit.with_user(self.portal_a).read(["note"])

    @users("cg_steward", "cg_steward2", "cg_portal_a", "cg_volunteer")
    def test_portal_users_write_nothing_directly(self):
        visit = self.visit.with_env(self.env)
        with self.assertRaises(AccessError):
            visit.write({"visitor_id": self.env.uid})
        with self.assertRaises(AccessError):
            visit.unlink()
        with self.assertRaises(AccessError):
            self.env["community.survey.visit"].create(
                {
                    "campaign_id": self.campaign.id,
                    "household_id": self.household_a.id,
                    "visitor_id": self.env.uid,
                }
            )
        with self.assertRaises(AccessError):
            self.env["community.survey.attempt"].create(
                {"visit_id": self.visit.id, "outcome": "refused"}
            )
        with self.assertRaises(AccessError):
            self.env["community.survey.need"].create(
                {"visit_id": self.visit.id, "description": "x"}
            )
        with self.assertRaises(AccessError):
            self.campaign.with_env(self.env).write({"state": "closed"})

    @users("cg_steward", "cg_portal_a", "cg_internal")
    def test_office_only_fields_and_survey_answers_are_not_readable(self):
        """Visitors read their visit, not the survey.user_input behind it: its
        answers are rendered by the visit's methods only."""
        if self.env.user.share and self.env.user == self.steward:
            visit = self.visit.with_env(self.env)
            visit.read(["state", "attempt_count", "note"])
            with self.assertRaises(AccessError):
                visit.read(["user_input_id"])
            with self.assertRaises(AccessError):
                visit.read(["answer_line_ids"])
            with self.assertRaises(AccessError):
                self.campaign.with_env(self.env).read(["progress"])
        with self.assertRaises(AccessError):
            self.answers.with_env(self.env).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.answers.user_input_line_ids.with_env(self.env).read(["value_text_box"])

    def test_households_answers_are_the_office_s_of_their_community(self):
        Answer = "survey.user_input"
        Line = "survey.user_input.line"
        self.assertEqual(self._search(Answer, self.officer_a), self.answers)
        self.assertEqual(self._search(Answer, self.officer_b), self.answers_b)
        self.assertEqual(
            self._search(Answer, self.manager), self.answers | self.answers_b
        )
        self.assertEqual(
            self._search(Line, self.officer_a), self.answers.user_input_line_ids
        )
        for user in (self.officer_b,):
            with self.assertRaises(AccessError):
                self.answers.with_user(user).read(["partner_id"])
            with self.assertRaises(AccessError):
                self.answers.user_input_line_ids.with_user(user).read(
                    ["value_text_box"]
                )
        # Surveys administrators who are not community office staff see the
        # other survey types' answers, not the households'.
        self.assertFalse(self._search(Answer, self.survey_admin))
        self.assertFalse(self._search(Line, self.survey_admin))
        with self.assertRaises(AccessError):
            self.answers.with_user(self.survey_admin).read(["partner_id"])
        # survey's result statistics count what the officer may read
        survey = self.survey.with_user(self.officer_a)
        lines = (
            self.env[Line]
            .with_user(self.officer_a)
            .search([("survey_id", "=", survey.id)])
        )
        stats = survey.question_and_page_ids.filtered(
            lambda q: q == self.q_keep
        )._prepare_statistics(lines)[0]
        counts = {t["value"]: t["count"] for t in stats["table_data"]}
        self.assertEqual(counts, {"Keep": 1, "Move": 0}, "not community B's")

    def test_officers_build_questionnaires_in_surveys(self):
        survey = (
            self.env["survey.survey"]
            .with_user(self.officer_a)
            .create(
                {
                    "title": "Stairwell needs",
                    "survey_type": "community",
                    "access_mode": "token",
                }
            )
        )
        self.assertIn("community", survey.allowed_survey_types)
        self.env["survey.question"].with_user(self.officer_a).create(
            {
                "survey_id": survey.id,
                "title": "What is missing?",
                "question_type": "text_box",
            }
        )
        self.assertEqual(len(survey.question_ids), 1)
        with self.refused(ValidationError, "through their visits only"):
            survey.access_mode = "public"

    def test_outcomes_are_recorded_not_edited(self):
        """The office changes a visit's visitor and notes in its forms; the
        outcome, the tries, the answers, a need's fate and a campaign's state
        are written by their methods only (also over JSON-RPC)."""
        visit = self.visit_a3.with_user(self.officer_a)
        visit.write({"visitor_id": self.volunteer.id, "note": "Call first"})
        self.assertEqual(self.visit_a3.visitor_id, self.volunteer)
        for vals in (
            {"state": "interviewed"},
            {"attempt_count": 3},
            {"user_input_id": self.answers.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                visit.write(vals)
        with self.assertRaises(AccessError):
            self.env["community.survey.visit"].with_user(self.manager).create(
                {
                    "campaign_id": self.campaign.id,
                    "household_id": self.household_a4.id,
                    "visitor_id": self.officer_a.id,
                }
            )
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.officer_a).write({"state": "reported"})
        with self.assertRaises(AccessError):
            self.env["community.survey.campaign"].with_user(self.officer_a).create(
                {
                    "name": "Opened by hand",
                    "community_id": self.community_a.id,
                    "survey_id": self.survey.id,
                    "state": "open",
                }
            )
        need = self.visit.with_user(self.steward).add_need({"description": "Bikes"})
        need = need.with_user(self.officer_a)
        need.write({"urgency": "urgent", "category_id": self.cat_public.id})
        for vals in ({"state": "petition"}, {"petition_id": self._petition().id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                need.write(vals)
        with self.assertRaises(AccessError):
            self.env["community.survey.need"].with_user(self.officer_a).create(
                {"visit_id": self.visit.id, "description": "x", "state": "settled"}
            )
