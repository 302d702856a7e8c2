# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Door-to-door surveys over the ORM (what the portal and JSON-RPC call):
opening a campaign, attempts, interviews saved through survey, the
self-answer link, households found at the door, closing."""

from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .survey_common import SurveyCase


class TestSurveyCampaign(SurveyCase):
    def test_open_makes_one_visit_per_household_assigned_by_entrance(self):
        to_confirm = self.env["community.household"].create(
            {
                "area_id": self.entrance_a3.id,
                "unit_number": "909",
                "registry_state": "to_confirm",
            }
        )
        archived = self.env["community.household"].create(
            {"area_id": self.entrance_a3.id, "unit_number": "910", "active": False}
        )
        campaign = self._campaign(open_it=False)
        self.assertEqual(campaign.state, "draft")
        campaign.with_user(self.officer_a).action_open()
        self.assertEqual(campaign.state, "open")
        visits = campaign.visit_ids
        self.assertEqual(
            visits.household_id,
            self.household_a
            | self.household_a2
            | self.household_a3
            | self.household_a4,
            "the registered households of community A, not B's, not those to "
            "confirm or archived",
        )
        self.assertNotIn(to_confirm, visits.household_id)
        self.assertNotIn(archived, visits.household_id)
        visitor = {v.household_id: v.visitor_id for v in visits}
        self.assertEqual(visitor[self.household_a], self.steward)
        self.assertEqual(visitor[self.household_a2], self.steward)
        self.assertEqual(visitor[self.household_a3], self.steward2)
        self.assertEqual(visitor[self.household_a4], self.officer_a, "no steward")
        self.assertEqual(set(visits.mapped("state")), {"pending"})
        self.assertEqual(
            campaign.visitor_ids, self.steward | self.steward2 | self.officer_a
        )
        self.assertIn("4 households to visit", campaign.message_ids[0].body)
        # Opened once: a second click is told so, nothing is added.
        with self.refused(UserError, "is open"):
            campaign.with_user(self.officer_a).action_open()
        self.assertEqual(len(campaign.visit_ids), 4)

    def test_scope_includes_sub_areas_of_one_community(self):
        campaign = self._campaign(open_it=False, area_ids=[(6, 0, self.building_a.ids)])
        campaign.with_user(self.officer_a).action_open()
        self.assertEqual(
            campaign.visit_ids.household_id,
            self.household_a | self.household_a2 | self.household_a3,
        )
        with self.refused(ValidationError, "one community"):
            self._campaign(open_it=False, area_ids=[(6, 0, self.entrance_b.ids)])
        with self.refused(UserError, "fixed once it is open"):
            campaign.with_user(self.officer_a).area_ids = [(6, 0, self.grid_a.ids)]

    def test_only_the_office_of_the_community_opens_and_closes(self):
        campaign = self._campaign(open_it=False)
        for user in (self.officer_b, self.steward, self.portal_a, self.internal):
            with self.subTest(user=user.login), self.refused(AccessError, ""):
                campaign.with_user(user).action_open()
        self.assertEqual(campaign.state, "draft")
        campaign.with_user(self.manager).action_open()
        self.assertEqual(campaign.state, "open")
        for user in (self.officer_b, self.steward):
            with self.subTest(user=user.login), self.refused(AccessError, ""):
                campaign.with_user(user).action_close()

    def test_cannot_close_while_needs_are_new(self):
        campaign = self._campaign()
        visit = self._visit(campaign, self.household_a)
        need = visit.with_user(self.steward).add_need(
            {"description": "Bikes block the gate"}
        )
        with self.refused(UserError, "1 needs of this campaign are still new"):
            campaign.with_user(self.officer_a).action_close()
        self.assertEqual(campaign.state, "open")
        need.with_user(self.steward).settle("Moved them to the bike shed")
        campaign.with_user(self.officer_a).action_close()
        self.assertEqual(campaign.state, "closed")
        with self.refused(UserError, "is closed"):
            campaign.with_user(self.officer_a).action_close()
        campaign.with_user(self.officer_a).action_reopen()
        campaign.with_user(self.officer_a).action_close()
        campaign.with_user(self.officer_a).action_report()
        self.assertEqual(campaign.state, "reported")
        self.assertIn("Reported", campaign.message_ids[0].body)
        # closed: the visitor can record nothing any more
        with self.refused(UserError, "not open"):
            visit.with_user(self.steward).record_attempt("not_home")


class TestSurveyVisit(SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign(max_attempts=2)
        cls.visit = cls._visit(cls.campaign, cls.household_a)
        cls.visit_a3 = cls._visit(cls.campaign, cls.household_a3)

    def test_not_home_is_due_again_until_the_last_try(self):
        visit = self.visit.with_user(self.steward)
        visit.record_attempt("not_home", "door", "Nobody at 10 am")
        self.assertEqual(visit.state, "not_home")
        self.assertEqual(visit.attempt_count, 1)
        # the same knock sent twice (two phones, a double tap) counts once
        with self.refused(UserError, "counted once"):
            visit.record_attempt("not_home")
        self.assertEqual(len(visit.attempt_ids), 1)
        earlier = fields.Datetime.now() - timedelta(hours=3)
        visit.record_attempt("not_home", "phone", date=earlier)
        self.assertEqual(visit.state, "unreachable", "tried twice: not reached")
        self.assertEqual(visit.attempt_count, 2)
        self.assertEqual(sorted(visit.attempt_ids.mapped("channel")), ["door", "phone"])
        self.assertEqual(visit.attempt_ids.user_id, self.steward)
        # a date outside the campaign is refused
        with self.refused(UserError, "between the start of the campaign and now"):
            visit.record_attempt(
                "refused", date=fields.Datetime.now() + timedelta(days=1)
            )
        with self.refused(UserError, "between the start of the campaign and now"):
            visit.record_attempt(
                "refused", date=fields.Datetime.now() - timedelta(days=30)
            )
        with self.refused(UserError, "what happened at the door"):
            visit.record_attempt("interviewed")
        with self.refused(UserError, "how the household was reached"):
            visit.record_attempt("refused", "self")

    def test_interview_saves_the_answers_through_survey(self):
        visit = self.visit.with_user(self.steward)
        visit.interview(
            self._answers(),
            {self.q_trouble.id: "Tricycles too"},
            partner=self.neighbour_a.id,
            note="Lives upstairs from the gate",
        )
        self.assertEqual(visit.state, "interviewed")
        self.assertEqual(visit.partner_id, self.neighbour_a)
        user_input = self.visit.user_input_id
        self.assertEqual(user_input.survey_id, self.survey)
        self.assertEqual(user_input.partner_id, self.neighbour_a)
        self.assertEqual(user_input.state, "done")
        self.assertEqual(user_input.community_visit_id, self.visit)
        lines = user_input.user_input_line_ids

        def values(question, field):
            return lines.filtered(lambda line: line.question_id == question).mapped(
                field
            )

        self.assertEqual(values(self.q_keep, "suggested_answer_id"), self.a_keep)
        self.assertEqual(
            values(self.q_trouble, "suggested_answer_id"), self.a_bikes | self.a_trucks
        )
        self.assertIn("Tricycles too", values(self.q_trouble, "value_char_box"))
        self.assertEqual(values(self.q_score, "value_scale"), [4])
        self.assertEqual(values(self.q_count, "value_numerical_box"), [12.0])
        self.assertEqual(
            values(self.q_since, "value_date"), [fields.Date.to_date("1996-05-01")]
        )
        self.assertEqual(values(self.q_noise, "matrix_row_id"), self.row_morning)
        self.assertFalse(
            values(self.q_why, "id"), "a question the answers do not trigger"
        )
        # One attempt, with the answers.
        self.assertEqual(visit.attempt_ids.outcome, "interviewed")
        self.assertEqual(visit.attempt_ids.user_input_id, user_input)
        self.assertEqual(visit.note, "Lives upstairs from the gate")
        # survey's own result statistics count the household
        stats = self.q_keep._prepare_statistics(lines)[0]
        counts = {t["value"]: t["count"] for t in stats["table_data"]}
        self.assertEqual(counts["Keep"], 1)
        summary = dict((q.title, text) for q, text in self.visit._answer_summary())
        self.assertEqual(summary["Keep the market?"], "Keep")

    def test_an_interview_sent_twice_stays_one(self):
        visit = self.visit.with_user(self.steward)
        visit.interview(self._answers())
        user_input = self.visit.user_input_id
        visit.interview(
            self._answers({self.q_keep.id: self.a_move.id, self.q_why.id: "Too noisy"})
        )
        self.assertEqual(self.visit.user_input_id, user_input)
        self.assertEqual(
            self.env["survey.user_input"].search_count(
                [("community_visit_id", "=", self.visit.id)]
            ),
            1,
        )
        self.assertEqual(len(self.visit.attempt_ids), 1)
        lines = user_input.user_input_line_ids
        self.assertEqual(
            lines.filtered(
                lambda line: line.question_id == self.q_keep
            ).suggested_answer_id,
            self.a_move,
        )
        self.assertEqual(
            lines.filtered(lambda line: line.question_id == self.q_why).value_char_box,
            "Too noisy",
            "now triggered",
        )
        with self.refused(UserError, "already interviewed"):
            visit.record_attempt("refused")

    def test_bad_answers_are_refused_and_nothing_written(self):
        visit = self.visit.with_user(self.steward)
        cases = [
            ({self.q_keep.id: ""}, "requires an answer"),
            ({self.q_keep.id: self.a_bikes.id}, "answers offered"),
            ({self.q_keep.id: [self.a_keep.id, self.a_move.id]}, "choose one answer"),
            ({self.q_keep.id: 0}, "requires an answer"),
            ({self.q_keep.id: 2**31}, "answers offered"),
            ({self.q_trouble.id: [self.a_bikes.id, self.a_keep.id]}, "answers offered"),
            ({self.q_count.id: "١٢"}, "digits 0 to 9"),
            ({self.q_count.id: "twelve"}, "digits 0 to 9"),
            ({self.q_score.id: "9"}, "from 1 to 5"),
            ({self.q_score.id: "٣"}, "from 1 to 5"),
            ({self.q_since.id: "01/05/1996"}, "YYYY-MM-DD"),
            ({self.q_since.id: "1996-13-45"}, "not a date"),
            ({self.q_ideas.id: "bad\x00text"}, "cannot be stored"),
            ({self.q_ideas.id: "x" * 6000}, "too long"),
            (
                {
                    self.q_noise.id: {
                        self.row_morning.id: [self.a_calm.id, self.a_noisy.id]
                    }
                },
                "one answer per row",
            ),
            ({self.q_noise.id: {self.row_morning.id: [self.a_keep.id]}}, "offered"),
        ]
        for overrides, message in cases:
            with self.subTest(message=message), self.refused(UserError, message):
                visit.interview(self._answers(overrides))
        with self.refused(UserError, "do not belong to this questionnaire"):
            visit.interview(dict(self._answers(), **{"999999": "x"}))
        with self.refused(UserError, "members of the household"):
            visit.interview(self._answers(), partner=self.resident_b.id)
        self.assertEqual(self.visit.state, "pending")
        self.assertFalse(self.visit.attempt_ids)
        self.assertFalse(
            self.env["survey.user_input"].search_count(
                [("community_visit_id", "=", self.visit.id)]
            )
        )

    @mute_logger("odoo.sql_db")
    def test_the_database_keeps_one_interview_with_answers(self):
        Attempt = self.env["community.survey.attempt"]
        with self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            Attempt.create({"visit_id": self.visit.id, "outcome": "interviewed"})
        self.visit.with_user(self.steward).interview(self._answers())
        with self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            Attempt.create(
                {
                    "visit_id": self.visit.id,
                    "outcome": "interviewed",
                    "user_input_id": self.visit.user_input_id.id,
                }
            )
        with self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env["community.survey.visit"].create(
                {
                    "campaign_id": self.campaign.id,
                    "household_id": self.household_a.id,
                    "visitor_id": self.steward.id,
                }
            )

    def test_self_answer_link(self):
        visit = self.visit_a3.with_user(self.steward2)
        url = visit.self_answer_url()
        token = self.visit_a3.access_token
        self.assertTrue(token)
        self.assertIn(f"/household-survey/{self.visit_a3.id}?access_token={token}", url)
        Visit = self.env["community.survey.visit"].with_user(
            self.env.ref("base.public_user")
        )
        self.assertFalse(Visit._from_token(self.visit_a3.id, token[:-1] + "x"))
        self.assertFalse(Visit._from_token(self.visit.id, token), "another household")
        with self.refused(AccessError, "not valid"):
            Visit.answer_with_token(self.visit_a3.id, "wrong", self._answers())
        Visit.answer_with_token(self.visit_a3.id, token, self._answers())
        self.assertEqual(self.visit_a3.state, "interviewed")
        self.assertEqual(self.visit_a3.partner_id, self.resident_a3, "its head")
        self.assertEqual(self.visit_a3.attempt_ids.channel, "self")
        with self.refused(UserError, "already answered"):
            Visit.answer_with_token(self.visit_a3.id, token, self._answers())
        with self.refused(UserError, "already answered"):
            visit.self_answer_url()
        # the link expires with the campaign
        self.campaign.with_user(self.officer_a).action_close()
        self.assertFalse(Visit._from_token(self.visit_a3.id, token))
        # a campaign where households do not answer themselves
        other = self._campaign(allow_self_answer=False)
        with self.refused(UserError, "do not answer themselves"):
            self._visit(other, self.household_a).with_user(
                self.steward
            ).self_answer_url()

    def test_a_home_found_at_the_door(self):
        campaign = self.campaign.with_user(self.steward)
        visit = campaign.register_household(
            self.entrance_a.id, "302", "Newcomer Li", "Moved in last month"
        )
        household = visit.sudo().household_id
        self.assertEqual(household.registry_state, "to_confirm")
        self.assertEqual(household.area_id, self.entrance_a)
        self.assertEqual(household.head_id.name, "Newcomer Li")
        self.assertTrue(household.head_id.is_resident)
        self.assertEqual(visit.visitor_id, self.steward)
        self.assertTrue(visit.is_found)
        self.assertEqual(visit.sudo().attempt_ids.outcome, "new_household")
        self.assertEqual(visit.state, "pending", "to interview now")
        self.assertIn("to be confirmed", household.message_ids[0].body)
        with self.refused(UserError, "already registered"):
            campaign.register_household(self.entrance_a.id, "302")
        with self.refused(UserError, "already registered"):
            campaign.register_household(self.entrance_a.id, "101")
        with self.refused(AccessError, "no households to visit in this entrance"):
            campaign.register_household(self.entrance_a2.id, "999")
        with self.refused(UserError, "room number"):
            campaign.register_household(self.entrance_a.id, "  ")
        with self.refused(AccessError, ""):
            household.with_user(self.steward).action_confirm_registration()
        household.with_user(self.officer_a).action_confirm_registration()
        self.assertEqual(household.registry_state, "confirmed")

    def test_assign_visits_in_bulk(self):
        visits = self.campaign.visit_ids
        visits.with_user(self.officer_a).assign(self.volunteer)
        self.assertEqual(visits.visitor_id, self.volunteer)
        self.assertIn(self.volunteer, self.campaign.visitor_ids)
        for user in (self.portal_b, self.internal, self.officer_b):
            with (
                self.subTest(user=user.login),
                self.refused(ValidationError, "cannot visit the households"),
            ):
                visits.with_user(self.officer_a).assign(user.id)
        with self.refused(AccessError, "assigns the households"):
            visits.with_user(self.steward).assign(self.steward)
        with self.refused(AccessError, ""):
            visits.with_user(self.officer_b).assign(self.officer_b)
