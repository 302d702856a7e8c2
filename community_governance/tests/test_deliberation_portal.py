# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/deliberations over HTTP: every route, its refusals (CSRF, 404, bad
input), the query count of the list, and the browser tour of a vote."""

import logging
import re
from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PortalHttpMixin
from .deliberation_common import DeliberationCase

_logger = logging.getLogger(__name__)

BAD_IDS = ("0", "2147483648", "99999999999", "²", "abc")


@tagged("post_install", "-at_install")
class TestDeliberationPortal(PortalHttpMixin, HttpCase, DeliberationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.matter = cls._voting(title="Smart meters")
        cls.ballot_u1 = cls._ballot(cls.matter, cls.u1)
        cls.consultation = cls._matter(title="Dog rules", category="management_rules")
        cls.consultation.state = "consultation"
        cls.matter_b = cls._voting(
            title="Meters B", area=cls.community_b, body=cls.general_b
        )

    def _flash(self, response):
        match = re.search(
            r'class="alert alert-(\w+) o_cg_flash"[^>]*>([^<]*)<', response.text
        )
        return match and (match.group(1), match.group(2).strip())

    def _url(self, matter, verb=""):
        return f"/my/deliberations/{matter.id}" + (f"/{verb}" if verb else "")

    # ---------------------------------------------------------------- pages
    def test_owner_lists_and_opens_the_matters_of_their_compound(self):
        self._login(self.portal_a)
        page = self.url_open("/my/deliberations")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Smart meters", page.text)
        self.assertIn("Dog rules", page.text)
        self.assertNotIn("Meters B", page.text)
        self.assertIn("Your vote is awaited: 1 unit(s)", page.text)
        page = self.url_open("/my/deliberations?filterby=voting")
        self.assertNotIn("Dog rules", page.text)
        page = self.url_open(self._url(self.matter))
        self.assertEqual(page.status_code, 200)
        self.assertIn("Building 1 / Unit 1 / 101", page.text)
        self.assertIn("80.00 m²", page.text)
        self.assertIn("two thirds of the exclusive floor area", page.text)
        self.assertIn('name="choice" value="yes"', page.text)
        self.assertNotIn("Building 1 / Unit 1 / 102", page.text, "X's unit")
        home = self.url_open("/my")
        self.assertIn("/my/deliberations", home.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["deliberation_count"]}
        )
        self.assertEqual(counters["deliberation_count"], 2)

    def test_others_get_a_404(self):
        for user in (self.portal_b, self.portal_tenant):
            with self.subTest(user=user.login):
                self._login(user)
                self.assertEqual(self.url_open(self._url(self.matter)).status_code, 404)
                response = self._post(
                    self._url(self.matter, "vote"),
                    {"ballot_id": self.ballot_u1.id, "choice": "yes"},
                )
                self.assertEqual(response.status_code, 404)
        self._login(self.portal_a)
        self.assertEqual(self.url_open(self._url(self.matter_b)).status_code, 404)
        draft = self._matter(title="Draft")
        self.assertEqual(self.url_open(self._url(draft)).status_code, 404)
        self.assertEqual(self.ballot_u1.state, "pending")

    # ----------------------------------------------------------------- vote
    def test_vote_once_from_the_portal(self):
        self._login(self.portal_a)
        url = self._url(self.matter, "vote")
        response = self._post(url, {"ballot_id": self.ballot_u1.id, "choice": "no"})
        self.assertEqual(
            self._flash(response),
            (
                "success",
                "Your vote for Building 1 / Unit 1 / 101 is recorded. It cannot "
                "be changed.",
            ),
        )
        self.assertIn("Voted: <span>Against</span>", response.text)
        self.assertEqual(self.ballot_u1.sudo().choice, "no")
        response = self._post(url, {"ballot_id": self.ballot_u1.id, "choice": "yes"})
        kind, message = self._flash(response)
        self.assertEqual(kind, "danger")
        self.assertIn("already voted", message)
        self.assertEqual(self.ballot_u1.sudo().choice, "no")
        # the turnout shows, the result does not
        self.assertIn("So far 1 of 6 units voted", response.text)
        self.assertNotIn("o_cg_result", response.text)

    def test_vote_bad_input(self):
        self._login(self.portal_a)
        url = self._url(self.matter, "vote")
        with mute_logger("odoo.http"):
            response = self._post(
                url, {"ballot_id": self.ballot_u1.id, "choice": "yes"}, csrf=False
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.url_open(url).status_code, 405, "POST only")
        for bad in BAD_IDS:
            with self.subTest(bad=bad):
                response = self._post(url, {"ballot_id": bad, "choice": "yes"})
                self.assertEqual(response.status_code, 404)
                response = self._post(url, {"ballot_id": f"{bad}\x00", "choice": "yes"})
                self.assertEqual(response.status_code, 404)
                response = self._post(
                    f"/my/deliberations/{bad}/vote",
                    {"ballot_id": self.ballot_u1.id, "choice": "yes"},
                )
                self.assertEqual(response.status_code, 404)
        # a ballot of another unit, or of another matter
        other = self._ballot(self.matter, self.u2)
        self.assertEqual(
            self._post(url, {"ballot_id": other.id, "choice": "yes"}).status_code, 404
        )
        self.assertEqual(
            self._post(
                self._url(self.consultation, "vote"),
                {"ballot_id": self.ballot_u1.id, "choice": "yes"},
            ).status_code,
            404,
        )
        for choice in ("maybe", "yes\x00", "", "ｙｅｓ"):
            with self.subTest(choice=choice):
                response = self._post(
                    url, {"ballot_id": self.ballot_u1.id, "choice": choice}
                )
                self.assertEqual(
                    self._flash(response), ("danger", "Vote for, against or abstain.")
                )
        response = self.url_open(
            url,
            data={
                "csrf_token": self._csrf(),
                "ballot_id": str(self.ballot_u1.id),
            },
            files={"choice": ("choice.txt", b"yes", "text/plain")},
        )
        self.assertEqual(self._flash(response)[0], "danger")
        self.assertEqual(self.ballot_u1.state, "pending")

    def _csrf(self):
        return http.Request.csrf_token(self)

    def test_vote_after_the_close(self):
        self._close_and_count(self.matter)
        self._login(self.portal_a)
        response = self._post(
            self._url(self.matter, "vote"),
            {"ballot_id": self.ballot_u1.id, "choice": "yes"},
        )
        self.assertEqual(self._flash(response)[0], "danger")
        self.assertIn("is not open", self._flash(response)[1])
        self.assertEqual(self.ballot_u1.state, "pending")
        self.assertNotIn('name="choice"', response.text)

    def test_proxy_votes_from_the_portal(self):
        self.matter.record_proxy(self.u4.id, self.proxy.id, "Letter of Developer Co.")
        ballot = self._ballot(self.matter, self.u4)
        self._login(self.portal_proxy)
        page = self.url_open(self._url(self.matter))
        self.assertIn("You vote as proxy.", page.text)
        response = self._post(
            self._url(self.matter, "vote"), {"ballot_id": ballot.id, "choice": "yes"}
        )
        self.assertEqual(self._flash(response)[0], "success")
        self.assertEqual((ballot.voter_id, ballot.is_proxy), (self.proxy, True))

    # -------------------------------------------------------------- opinion
    def test_give_an_opinion(self):
        self._login(self.portal_a)
        url = self._url(self.consultation, "opinion")
        page = self.url_open(self._url(self.consultation))
        self.assertIn("Send my opinion", page.text)
        for _attempt in range(2):  # a double submit
            response = self._post(
                url, {"text": "Leash in the lifts.", "stance": "support"}
            )
        self.assertEqual(self._flash(response)[0], "success")
        opinions = self.consultation.opinion_ids
        self.assertEqual(len(opinions), 1)
        self.assertEqual(
            (opinions.text, opinions.group), ("Leash in the lifts.", "owners")
        )
        self.assertIn(
            "Your opinion (Owners&#39; group): Leash in the lifts.", response.text
        )

    def test_opinion_bad_input(self):
        self._login(self.portal_a)
        url = self._url(self.consultation, "opinion")
        cases = {
            "nul": {"text": "a\x00b"},
            "long": {"text": "x" * 5001},
            "empty": {"text": "   "},
            "stance": {"text": "ok", "stance": "angry"},
            "group": {"text": "ok", "group": "party"},
        }
        for name, data in cases.items():
            with self.subTest(case=name):
                response = self._post(url, data)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self._flash(response)[0], "danger")
                self.assertIn(self._url(self.consultation), response.url)
        response = self.url_open(
            url,
            data={"csrf_token": self._csrf()},
            files={"text": ("opinion.txt", b"a file", "text/plain")},
        )
        self.assertEqual(
            self._flash(response),
            ("danger", "A file was sent where text was expected."),
        )
        with mute_logger("odoo.http"):
            self.assertEqual(
                self._post(url, {"text": "x"}, csrf=False).status_code, 400
            )
        self.assertFalse(self.consultation.opinion_ids)
        self._login(self.portal_tenant)
        self.assertEqual(self._post(url, {"text": "I rent."}).status_code, 404)
        self._login(self.portal_supervisor)
        response = self._post(url, {"text": "I watch."})
        self.assertIn("give opinions", self._flash(response)[1])
        self.assertFalse(self.consultation.opinion_ids)

    # ---------------------------------------------------------- supervision
    def test_supervision_report(self):
        url = self._url(self.matter, "report")
        self._login(self.portal_a)
        page = self.url_open(self._url(self.matter))
        self.assertNotIn("File the report", page.text)
        response = self._post(url, {"text": "I watch too.", "form_key": "k1"})
        self.assertIn("supervisory committee", self._flash(response)[1])
        self._login(self.portal_supervisor)
        page = self.url_open(self._url(self.matter))
        self.assertIn("File the report", page.text)
        key = re.search(r'name="form_key" value="([^"]+)"', page.text).group(1)
        for _attempt in range(2):  # the same form sent twice
            response = self._post(
                url,
                {"text": "Ballot box sealed.", "finding": "in_order", "form_key": key},
            )
        self.assertEqual(
            self._flash(response), ("success", "Your supervision report was filed.")
        )
        self.assertEqual(len(self.matter.supervision_ids), 1)
        self.assertIn("Ballot box sealed.", response.text)
        for data in (
            {"text": "a\x00b", "form_key": "k2"},
            {"text": "x" * 5001, "form_key": "k3"},
            {"text": "ok", "finding": "bad", "form_key": "k4"},
        ):
            with self.subTest(data=str(data)[:40]):
                response = self._post(url, data)
                self.assertEqual(self._flash(response)[0], "danger")
        self.assertEqual(len(self.matter.supervision_ids), 1)

    # ------------------------------------------------------------ documents
    def test_notice_and_result_documents(self):
        self._login(self.portal_a)
        response = self.url_open(self._url(self.matter, "notice"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Smart meters", response.text)
        self.assertIn("600.00", response.text)
        response = self.url_open(self._url(self.matter, "result"))
        self.assertEqual(
            self._flash(response), ("danger", "This document is not published yet.")
        )
        self._close_and_count(self.matter)
        self.matter._publish(fields.Datetime.now())
        response = self.url_open(self._url(self.matter, "result"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Turnout not reached", response.text)
        page = self.url_open(self._url(self.matter))
        self.assertIn("Turnout not reached", page.text)
        self._login(self.portal_b)
        self.assertEqual(
            self.url_open(self._url(self.matter, "notice")).status_code, 404
        )
        self.assertEqual(self.url_open("/my/deliberations/0/notice").status_code, 404)

    def test_office_prints_the_documents(self):
        self.matter.record_ballots(
            [{"unit_id": unit.id, "choice": "yes"} for unit in self.units_a]
        )
        self._close_and_count(self.matter)
        Report = self.env["ir.actions.report"].with_user(self.officer_a)
        html = Report._render_qweb_html(
            "community_governance.action_report_deliberation_ballot",
            self.matter.ballot_ids.ids,
        )[0].decode()
        self.assertEqual(html.count("Tick one box"), 6, "one ballot per unit")
        self.assertIn("Neighbour A, Co-owner C", html)
        self.assertIn("110.00", html)
        html = Report._render_qweb_html(
            "community_governance.action_report_deliberation_result", self.matter.ids
        )[0].decode()
        self.assertIn("Passed", html)
        self.assertIn("more than half of the area that took part", html)
        self.assertIn("600.00", html)
        html = Report._render_qweb_html(
            "community_governance.action_report_deliberation_notice", self.matter.ids
        )[0].decode()
        self.assertIn("Notice", html)

    # -------------------------------------------------------- query counts
    def _queries(self, url):
        self.url_open(url)  # warm the caches
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_list_query_count_does_not_grow(self):
        self._login(self.portal_x)
        few = self._queries("/my/deliberations")
        now = fields.Datetime.now().replace(microsecond=0)
        for i in range(8):
            matter = self._matter(
                title=f"Matter {i}",
                date_vote_start=now - timedelta(days=1),
                date_vote_end=now + timedelta(days=5),
            )
            matter.state = "consultation"
            matter._issue_notice(now - timedelta(days=20))
            matter._open_vote()
        many = self._queries("/my/deliberations")
        response = self.url_open("/my/deliberations")
        self.assertEqual(response.text.count("Your vote is awaited: 2 unit(s)"), 9)
        self.assertEqual(few, many)
        _logger.info("/my/deliberations queries: %s with 2 matters and with 10", few)

    def test_page_query_count_does_not_grow(self):
        self._login(self.portal_x)
        few = self._queries(self._url(self.matter))
        extra = [
            self._unit(self.entrance_a2, f"{i}01", 50 + i, self.owner_x)
            for i in range(3, 9)
        ]
        matter = self._voting(title="More units")
        self.assertEqual(len(matter.ballot_ids), 6 + len(extra))
        many = self._queries(self._url(matter))
        self.assertEqual(few, many)
        _logger.info("/my/deliberations/<id> queries: %s with 2 and 8 own units", few)

    # --------------------------------------------------------------- browser
    def test_tour_owner_votes(self):
        self.start_tour(
            "/my/deliberations", "community_deliberation_vote_tour", login="cg_portal_a"
        )
        self.assertEqual(self.ballot_u1.state, "cast")
        self.assertEqual(self.ballot_u1.sudo().choice, "yes")
        self.assertEqual(self.ballot_u1.channel, "portal")
