# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Door-to-door surveys over HTTP: a steward works through an entrance on the
phone; what is not theirs is a 404; bad input and double submits come back
with a message and nothing half-written; the household's own link; what the
resident's household said; JSON-RPC refusals; query counts; the browser tour."""

import logging

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PortalHttpMixin
from .survey_common import SurveyCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestSurveyPortal(PortalHttpMixin, HttpCase, SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign()
        cls.visit = cls._visit(cls.campaign, cls.household_a)
        cls.visit_a2 = cls._visit(cls.campaign, cls.household_a2)
        cls.visit_a3 = cls._visit(cls.campaign, cls.household_a3)

    def _form(self, answers=None, **extra):
        """The interview form's fields for ``answers`` (see _answers)."""
        data = {}
        for question_id, value in (answers or self._answers()).items():
            if isinstance(value, dict):
                for row_id, columns in value.items():
                    data[f"q{question_id}_{row_id}"] = [str(c) for c in columns]
            elif isinstance(value, list):
                data[f"q{question_id}"] = [str(v) for v in value]
            else:
                data[f"q{question_id}"] = str(value)
        data.update(extra)
        return data

    def _entrance_url(self, visit):
        return f"/my/surveys/{visit.campaign_id.id}/entrances/{visit.area_id.id}"

    def _user_inputs(self, visit):
        return self.env["survey.user_input"].search_count(
            [("community_visit_id", "=", visit.id)]
        )

    # ------------------------------------------------------------------
    # The visitor's flow
    # ------------------------------------------------------------------

    def test_a_steward_works_through_an_entrance(self):
        self._login(self.steward)
        self.assertIn('"/my/surveys"', self.url_open("/my").text)
        page = self.url_open("/my/surveys").text
        self.assertIn(self.campaign.name, page)
        self.assertIn("2 of 2 households still to visit", page)
        page = self.url_open(f"/my/surveys/{self.campaign.id}").text
        self.assertIn(self._entrance_url(self.visit), page)
        self.assertNotIn(self._entrance_url(self.visit_a3), page, "not mine")
        page = self.url_open(self._entrance_url(self.visit)).text
        self.assertIn(f"/my/surveys/visits/{self.visit.id}", page)
        self.assertIn(f"/my/surveys/visits/{self.visit_a2.id}", page)
        # one tap: nobody at 201
        response = self._post(
            f"/my/surveys/visits/{self.visit_a2.id}/attempt",
            {"outcome": "not_home", "back": "entrance"},
        )
        self.assertTrue(response.url.endswith(self._entrance_url(self.visit)))
        self.assertIn("Not home", response.text)
        self.assertEqual(self.visit_a2.state, "not_home")
        self.assertIn("o_cg_room_not_home", response.text)
        # the questionnaire of 101
        page = self.url_open(f"/my/surveys/visits/{self.visit.id}").text
        self.assertIn("Keep the market?", page)
        self.assertIn(f'name="q{self.q_noise.id}_{self.row_morning.id}"', page)
        self.assertIn("Neighbour A", page, "who answers")
        response = self._post(
            f"/my/surveys/visits/{self.visit.id}/interview",
            self._form(
                partner_id=str(self.neighbour_a.id),
                channel="door",
                note="Elderly couple",
                **{f"q{self.q_trouble.id}_comment": "Tricycles"},
            ),
        )
        self.assertTrue(response.url.endswith(self._entrance_url(self.visit)))
        self.assertIn("are saved", response.text)
        self.assertEqual(self.visit.state, "interviewed")
        self.assertEqual(self.visit.partner_id, self.neighbour_a)
        lines = self.visit.user_input_id.user_input_line_ids
        self.assertEqual(
            lines.filtered(lambda line: line.question_id == self.q_trouble).mapped(
                "display_name"
            ),
            ["Bikes", "Trucks", "Tricycles"],
        )
        # needs on the same screen
        response = self._post(
            f"/my/surveys/visits/{self.visit.id}/needs",
            {
                "description": "Bikes block the gate",
                "category_id": str(self.cat_public.id),
                "urgent": "1",
            },
        )
        self.assertIn("The need is recorded", response.text)
        need = self.visit.need_ids
        self.assertEqual(
            (need.description, need.urgency), ("Bikes block the gate", "urgent")
        )
        response = self._post(
            f"/my/surveys/needs/{need.id}/settle", {"note": "Moved to the shed"}
        )
        self.assertIn("settled on the spot", response.text)
        self.assertEqual(need.state, "settled")
        # a home that is not in the registry
        response = self._post(
            f"/my/surveys/{self.campaign.id}/households",
            {
                "entrance_id": str(self.entrance_a.id),
                "unit_number": "303",
                "head_name": "Li Na",
            },
        )
        self.assertIn("registered for the office to confirm", response.text)
        found = self.campaign.visit_ids.filtered("is_found")
        self.assertEqual(found.household_id.unit_number, "303")
        self.assertTrue(response.url.endswith(f"/my/surveys/visits/{found.id}"))
        # the door list for the paper round
        response = self.url_open(f"{self._entrance_url(self.visit)}/door-list")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")

    def test_what_is_not_yours_is_a_404(self):
        campaign_b = self._campaign(community=self.community_b)
        self._login(self.steward2)
        visit = self.visit
        for url in (
            f"/my/surveys/visits/{visit.id}",
            self._entrance_url(visit),
            f"{self._entrance_url(visit)}/door-list",
            f"/my/surveys/{campaign_b.id}",
            "/my/surveys/visits/0",
            f"/my/surveys/visits/{2**31}",
            "/my/surveys/visits/99999999999",
            f"/my/surveys/{self.campaign.id}/entrances/{2**31}",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        for url, data in (
            (f"/my/surveys/visits/{visit.id}/attempt", {"outcome": "not_home"}),
            (f"/my/surveys/visits/{visit.id}/interview", self._form()),
            (f"/my/surveys/visits/{visit.id}/needs", {"description": "x"}),
            (f"/my/surveys/visits/{visit.id}/link", {}),
            (f"/my/surveys/{campaign_b.id}/households", {"unit_number": "1"}),
        ):
            with self.subTest(url=url):
                self.assertEqual(self._post(url, data).status_code, 404)
        self.assertEqual(visit.state, "pending")
        self.assertFalse(visit.need_ids)
        self.assertFalse(visit.attempt_ids)
        # a steward's household found in another's entrance is refused
        response = self._post(
            f"/my/surveys/{self.campaign.id}/households",
            {"entrance_id": str(self.entrance_a.id), "unit_number": "777"},
        )
        self.assertIn("no households to visit in this entrance", response.text)
        # residents who visit nobody
        self._login(self.portal_a)
        self.assertEqual(
            self.url_open(f"/my/surveys/{self.campaign.id}").status_code, 404
        )
        self.assertNotIn(self.campaign.name, self.url_open("/my/surveys").text)

    def test_posts_without_csrf_are_refused(self):
        self._login(self.steward)
        for url, data in (
            (f"/my/surveys/visits/{self.visit.id}/attempt", {"outcome": "not_home"}),
            (f"/my/surveys/visits/{self.visit.id}/interview", self._form()),
            (f"/my/surveys/visits/{self.visit.id}/needs", {"description": "x"}),
        ):
            with self.subTest(url=url), mute_logger("odoo.http"):
                self.assertEqual(self._post(url, data, csrf=False).status_code, 400)
        self.assertEqual(self.visit.state, "pending")
        self.assertFalse(self.visit.need_ids)

    # ------------------------------------------------------------------
    # Bad input, double submits
    # ------------------------------------------------------------------

    def test_a_bad_interview_comes_back_with_the_form_and_nothing_written(self):
        self._login(self.steward)
        url = f"/my/surveys/visits/{self.visit.id}/interview"
        ideas = f"q{self.q_ideas.id}"
        cases = [
            ({ideas: "bad\x00text"}, "cannot be stored"),
            ({ideas: "x" * 6000}, "too long"),
            ({f"q{self.q_count.id}": "١٢"}, "digits 0 to 9"),
            ({f"q{self.q_keep.id}": "0"}, "answers offered"),
            ({f"q{self.q_keep.id}": str(2**31)}, "answers offered"),
            ({f"q{self.q_keep.id}": str(self.a_bikes.id)}, "answers offered"),
            ({f"q{self.q_keep.id}": "١"}, "answers offered"),
            ({f"q{self.q_score.id}": "7"}, "from 1 to 5"),
            ({"partner_id": str(self.resident_b.id)}, "members of the household"),
        ]
        for extra, message in cases:
            with self.subTest(message=message):
                response = self._post(url, self._form(**extra))
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertIn("o_cg_survey_error", response.text)
        # what was typed stays in the form
        response = self._post(url, self._form(**{f"q{self.q_score.id}": "7"}))
        self.assertIn("Delivery slots before 7 am.", response.text)
        # a text sent as a file part
        data = self._form()
        data.pop(ideas)
        data["csrf_token"] = self._csrf()
        data["submitted"] = "1"
        response = self.url_open(url, data=data, files={ideas: ("ideas.txt", b"x")})
        self.assertEqual(response.status_code, 400)
        self.assertIn("A file was sent where text was expected", response.text)
        self.assertEqual(self.visit.state, "pending")
        self.assertFalse(self.visit.attempt_ids)
        self.assertEqual(self._user_inputs(self.visit), 0, "nothing half-written")

    def _csrf(self):
        from odoo import http

        return http.Request.csrf_token(self)

    def test_bad_input_on_the_small_forms(self):
        self._login(self.steward)
        response = self._post(
            f"/my/surveys/visits/{self.visit.id}/needs", {"description": "a\x00b"}
        )
        self.assertIn("cannot be stored", response.text)
        response = self._post(
            f"/my/surveys/visits/{self.visit.id}/needs",
            {"description": "Bikes", "category_id": str(2**31)},
        )
        self.assertIn("choose from the list", response.text, "a bad id is refused")
        self.assertFalse(self.visit.need_ids, "nothing written")
        response = self._post(
            f"/my/surveys/visits/{self.visit.id}/needs", {"description": "Bikes"}
        )
        self.assertIn("The need is recorded", response.text)
        response = self._post(
            f"/my/surveys/visits/{self.visit.id}/needs", {"description": "Bikes"}
        )
        self.assertIn("just recorded", response.text, "a double submit")
        self.assertEqual(len(self.visit.need_ids), 1)
        response = self._post(
            f"/my/surveys/visits/{self.visit.id}/attempt", {"outcome": "burgled"}
        )
        self.assertIn("Choose what happened at the door", response.text)
        response = self._post(
            f"/my/surveys/visits/{self.visit.id}/attempt",
            {"outcome": "not_home", "note": "x\x07"},
        )
        self.assertIn("cannot be stored", response.text)
        self.assertFalse(self.visit.attempt_ids)
        response = self._post(
            f"/my/surveys/{self.campaign.id}/households",
            {"entrance_id": str(self.entrance_a.id), "unit_number": "3\x000"},
        )
        self.assertIn("cannot be stored", response.text)
        response = self._post(
            f"/my/surveys/{self.campaign.id}/households",
            {"entrance_id": "0", "unit_number": "404"},
        )
        self.assertIn("Choose the entrance", response.text)
        self.assertFalse(self.campaign.visit_ids.filtered("is_found"))

    def test_an_interview_sent_twice_is_one_interview(self):
        self._login(self.steward)
        url = f"/my/surveys/visits/{self.visit.id}/interview"
        first = self._post(url, self._form())
        second = self._post(url, self._form())
        self.assertIn("are saved", first.text)
        self.assertIn("are saved", second.text)
        self.assertEqual(self._user_inputs(self.visit), 1)
        self.assertEqual(len(self.visit.attempt_ids), 1)
        page = self.url_open(f"/my/surveys/visits/{self.visit.id}").text
        self.assertIn("Update the answers", page)
        self.assertIn("Delivery slots before 7 am.", page, "the saved answers")

    # ------------------------------------------------------------------
    # The household's own link, the resident's page
    # ------------------------------------------------------------------

    def test_the_household_answers_with_the_link_left_by_the_visitor(self):
        self._login(self.steward2)
        response = self._post(f"/my/surveys/visits/{self.visit_a3.id}/link")
        self.assertIn("Show the QR code", response.text)
        self.assertIn("/report/barcode?barcode_type=QR", response.text)
        token = self.visit_a3.access_token
        url = f"/household-survey/{self.visit_a3.id}"
        self.authenticate(None, None)
        page = self.url_open(f"{url}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Keep the market?", page.text)
        self.assertNotIn("Nobody answered?", page.text, "not the visitor's page")
        for bad in ("", token[:-1], "x" * 500):
            with self.subTest(token=bad[:5]):
                self.assertEqual(
                    self.url_open(f"{url}?access_token={bad}").status_code, 404
                )
        self.assertEqual(
            self.url_open(
                f"/household-survey/{self.visit.id}?access_token={token}"
            ).status_code,
            404,
            "another household",
        )
        # the token opens nothing else
        response = self.url_open(
            f"/my/surveys/visits/{self.visit_a3.id}?access_token={token}"
        )
        self.assertIn("/web/login", response.url)
        self._login(self.portal_b)
        response = self.url_open(
            f"/my/surveys/visits/{self.visit_a3.id}?access_token={token}"
        )
        self.assertEqual(response.status_code, 404)
        self.authenticate(None, None)
        bad = self._post(
            f"{url}/answer",
            self._form(access_token=token, **{f"q{self.q_keep.id}": ""}),
        )
        self.assertEqual(bad.status_code, 400)
        self.assertIn("requires an answer", bad.text)
        done = self._post(f"{url}/answer", self._form(access_token=token))
        self.assertIn("Your household has answered", done.text)
        self.assertEqual(self.visit_a3.state, "interviewed")
        self.assertEqual(self.visit_a3.attempt_ids.channel, "self")
        again = self._post(f"{url}/answer", self._form(access_token=token))
        self.assertEqual(
            again.status_code, 200, "the thank-you page, not a second answer"
        )
        self.assertEqual(self._user_inputs(self.visit_a3), 1)
        self.campaign.with_user(self.officer_a).action_close()
        self.assertEqual(self.url_open(f"{url}?access_token={token}").status_code, 404)

    def test_the_resident_sees_what_the_household_said(self):
        self.visit.with_user(self.steward).interview(self._answers())
        need = self.visit.with_user(self.steward).add_need(
            {"description": "Bikes block the gate", "category_id": self.cat_public.id}
        )
        need.with_user(self.officer_a).action_make_petition()
        self._login(self.portal_neighbour)
        page = self.url_open("/my/household/surveys").text
        self.assertIn(self.campaign.name, page)
        self.assertIn("Keep the market?", page)
        self.assertIn("Delivery slots before 7 am.", page)
        self.assertIn("Bikes block the gate", page)
        self.assertIn("Became a Petition", page)
        self.assertIn(need.sudo().petition_id.name, page)
        self._login(self.portal_b)
        page = self.url_open("/my/household/surveys").text
        self.assertNotIn("Keep the market?", page)
        self.assertIn("not been interviewed yet", page)

    def test_json_rpc_refusals(self):
        self._login(self.steward)
        for model, method, args in (
            ("community.survey.visit", "interview", [[self.visit_a3.id], {}]),
            (
                "community.survey.visit",
                "record_attempt",
                [[self.visit_a3.id], "not_home"],
            ),
            ("community.survey.visit", "write", [[self.visit.id], {"visitor_id": 1}]),
            ("community.survey.visit", "assign", [[self.visit.id], self.steward.id]),
            ("community.survey.campaign", "action_close", [[self.campaign.id]]),
            ("survey.user_input", "search_read", [[]]),
            (
                "community.survey.need",
                "create",
                [{"visit_id": self.visit.id, "description": "x"}],
            ),
        ):
            with self.subTest(method=method), mute_logger("odoo.http"):
                with self.assertRaises(Exception) as caught:
                    self._call(model, method, *args)
                self.assertIn("AccessError", str(caught.exception))
        self.assertEqual(self.visit_a3.state, "pending")
        self.assertEqual(self.campaign.state, "open")
        # what the portal does, JSON-RPC does the same way
        self._call(
            "community.survey.visit", "record_attempt", [self.visit.id], "refused"
        )
        self.assertEqual(self.visit.state, "refused")

    # ------------------------------------------------------------------
    # Performance
    # ------------------------------------------------------------------

    def _queries(self, url):
        self.url_open(url)  # warm the caches
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_portal_lists_query_counts_do_not_grow(self):
        self._login(self.steward)
        entrance = self._entrance_url(self.visit)
        counts = {
            "surveys": self._queries("/my/surveys"),
            "campaign": self._queries(f"/my/surveys/{self.campaign.id}"),
            "entrance": self._queries(entrance),
        }
        # 18 more households in the steward's entrance, and two more campaigns
        self.env["community.household"].create(
            [
                {"area_id": self.entrance_a.id, "unit_number": f"{600 + i}"}
                for i in range(18)
            ]
        )
        bigger = self._campaign()
        self._campaign()
        self._visit(bigger, self.household_a2).with_user(self.steward).record_attempt(
            "refused"
        )
        big_entrance = self._entrance_url(self._visit(bigger, self.household_a))
        self.url_open("/my/surveys")
        with self.assertQueryCount(counts["surveys"]):
            self.url_open("/my/surveys")
        self.url_open(f"/my/surveys/{bigger.id}")
        with self.assertQueryCount(counts["campaign"]):
            self.url_open(f"/my/surveys/{bigger.id}")
        self.url_open(big_entrance)
        with self.assertQueryCount(counts["entrance"]):
            page = self.url_open(big_entrance)
        self.assertEqual(page.text.count("o_cg_room "), 20)
        _logger.info("survey portal queries (2 and 20 households): %s", counts)

    # ------------------------------------------------------------------
    # Browser
    # ------------------------------------------------------------------

    def test_tour_a_steward_interviews_a_household(self):
        self.start_tour(
            "/my/surveys", "community_survey_visit_tour", login="cg_steward"
        )
        self.assertEqual(self.visit_a2.state, "interviewed")
        answers = self.visit_a2.user_input_id.user_input_line_ids
        self.assertEqual(
            answers.filtered(
                lambda line: line.question_id == self.q_keep
            ).suggested_answer_id,
            self.a_keep,
        )
        self.assertEqual(self.visit_a2.need_ids.description, "Delivery trucks at 5 am")
        self.assertEqual(self.visit.state, "not_home")
