# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/resources and the public page of a draw over HTTP: every route, its
refusals (CSRF, method, bad input, records of others are 404), its one
feedback, JSON-RPC holding the same rules, constant queries, the tour."""

import hashlib
import json
import logging
import re
from datetime import timedelta

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PortalHttpMixin
from .resource_common import ResourceCase

_logger = logging.getLogger(__name__)

BAD_IDS = ("0", "99999999999", "²", "-1", "abc")
ROW_RE = re.compile(
    r'<tr class="o_cg_draw_row" data-reference="([^"]+)" data-rank="([^"]*)" '
    r'data-group="([^"]+)" data-key="([^"]*)" data-eligible="([01])"'
)


@tagged("post_install", "-at_install")
class TestResourcePortal(PortalHttpMixin, HttpCase, ResourceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.household_d = cls.env["community.household"].create(
            {"area_id": cls.entrance_a3.id, "unit_number": "501"}
        )
        cls.resident_d, cls.portal_d = cls._portal_resident(
            "Resident D",
            household=cls.household_d,
            login="cg_portal_d",
            birthdate_date=cls._years_ago(45),
        )
        cls.round = cls._round()
        cls.round_b = cls._round(cls.plot_type_b, cls.plot_b)

    def _apply_url(self, resource_round=None):
        return f"/my/resources/rounds/{(resource_round or self.round).id}/apply"

    def _apply_data(self, **values):
        return dict({"accept_rules": "1", "rules_version": "1", "note": ""}, **values)

    def _drawn_with_offers(self, *users):
        """The plot round drawn with applications of ``users``, in order."""
        for user in users:
            self._apply(user, self.round)
        self._draw(self.round)
        return [
            self.round.application_ids.filtered(
                lambda a, u=user: a.partner_id == u.partner_id
            )
            for user in users
        ]

    # ------------------------------------------------------------ applying
    def test_apply_on_the_portal(self):
        self._login(self.portal_a)
        page = self.url_open("/my/resources")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Vegetable plot round", page.text)
        self.assertIn("Read the rules and apply", page.text)
        self.assertNotIn("Plot B round", page.text, "community B's round")
        page = self.url_open(f"/my/resources/rounds/{self.round.id}")
        self.assertIn("Plant it within a month", page.text, "the rules are shown")
        self.assertIn("Version of the rules: 1", page.text)
        self.assertIn('name="accept_rules"', page.text)
        response = self._post(self._apply_url(), self._apply_data(note="Beans"))
        application = self.round.application_ids
        self.assertEqual(len(application), 1)
        self._ok(response, f"Your application {application.reference} was received")
        self.assertEqual(application.note, "Beans")
        self.assertIn(f"/my/resources/rounds/{self.round.id}", response.url)
        self.assertIn("o_cg_resource_application", response.text)
        # a double submit ends as one application
        response = self._post(self._apply_url(), self._apply_data())
        self._refused(response, "Your household already applied")
        # the neighbour of the same household sees it and cannot apply again
        self._login(self.portal_neighbour)
        page = self.url_open(f"/my/resources/rounds/{self.round.id}")
        self.assertIn(application.reference, page.text)
        self.assertNotIn('name="accept_rules"', page.text)
        response = self._post(self._apply_url(), self._apply_data())
        self._refused(response, "Your household already applied")
        self.assertEqual(len(self.round.application_ids), 1)
        # the rules must be accepted, in their current version
        self._login(self.portal_d)
        response = self._post(self._apply_url(), self._apply_data(accept_rules=""))
        self._refused(response, "Read and accept the rules")
        self.plot_type.rules = "<p>New rules</p>"
        response = self._post(self._apply_url(), self._apply_data())
        self._refused(response, "The rules changed while you were reading them")
        self.assertEqual(len(self.round.application_ids), 1)

    def test_why_not_eligible_is_shown(self):
        self.resident_d.birthdate_date = self._years_ago(16)
        self._login(self.portal_d)
        page = self.url_open("/my/resources")
        self.assertIn("at least 18 years old", page.text)
        self.assertNotIn("Read the rules and apply", page.text)
        page = self.url_open(f"/my/resources/rounds/{self.round.id}")
        self.assertIn("You cannot apply to this round", page.text)
        self.assertNotIn('name="accept_rules"', page.text)
        response = self._post(self._apply_url(), self._apply_data())
        self._refused(response, "at least 18 years old")
        self.assertFalse(self.round.application_ids)

    @mute_logger("odoo.http")
    def test_bad_input_gives_the_page_back_and_writes_nothing(self):
        self._login(self.portal_a)
        cases = [
            ({"note": "nul\x00"}, "contains characters that cannot be stored"),
            ({"note": "x" * 501}, "is too long (500 characters at most)"),
            ({"rules_version": "²"}, "must be a whole number"),
            ({"rules_version": "١"}, "must be a whole number"),
            ({"rules_version": "0"}, "must be between 1 and"),
            ({"rules_version": "2147483648"}, "must be between 1 and"),
            (
                {"files": [("note", ("note.txt", b"text", "text/plain"))]},
                "A file was sent",
            ),
        ]
        for values, message in cases:
            with self.subTest(message=message):
                values = dict(values)
                files = values.pop("files", None)
                data = self._apply_data(**values)
                if files:
                    data.pop("note")
                    data["csrf_token"] = http.Request.csrf_token(self)
                    response = self.url_open(self._apply_url(), data=data, files=files)
                else:
                    response = self._post(self._apply_url(), data)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertIn("o_cg_resource_apply", response.text, "the form again")
        self.assertFalse(self.round.application_ids)

    # ---------------------------------------------------------------- offers
    def test_offers_accepted_declined_taken_and_given_back(self):
        mine, theirs = self._drawn_with_offers(self.portal_a, self.portal_d)
        self.assertEqual((mine.state, theirs.state), ("offered", "offered"))
        self._login(self.portal_a)
        page = self.url_open("/my/resources")
        self.assertIn("Offers waiting for your answer", page.text)
        page = self.url_open(f"/my/resources/rounds/{self.round.id}")
        self.assertIn("Choose your item", page.text)
        self.assertEqual(page.text.count('name="resource_id"'), 3, "3 free plots")
        plot = self.plots[0]
        response = self._post(
            f"/my/resources/applications/{mine.id}/accept", {"resource_id": plot.id}
        )
        self._ok(response, "P01 is allocated to your household until")
        self.assertEqual(mine.state, "accepted")
        # the other household is told and keeps its offer
        self._login(self.portal_d)
        page = self.url_open(f"/my/resources/rounds/{self.round.id}")
        self.assertEqual(page.text.count('name="resource_id"'), 2, "P01 is taken")
        response = self._post(
            f"/my/resources/applications/{theirs.id}/accept", {"resource_id": plot.id}
        )
        self._refused(response, "P01 is no longer free")
        self.assertEqual(theirs.state, "offered")
        response = self._post(f"/my/resources/applications/{theirs.id}/decline")
        self._ok(response, "You declined the offer")
        self.assertEqual(theirs.state, "declined")
        # the holder gives the plot back
        self._login(self.portal_a)
        page = self.url_open("/my/resources")
        self.assertIn("Items your household holds", page.text)
        allocation = mine.allocation_id
        response = self._post(
            f"/my/resources/allocations/{allocation.id}/release",
            {"reason": "Moving out"},
        )
        self._ok(response, "P01 goes to the next household")
        self.assertEqual(allocation.state, "released")
        self.assertEqual(allocation.release_reason, "Moving out")
        response = self._post(f"/my/resources/allocations/{allocation.id}/release")
        self._refused(response, "given back already")

    def test_renew_and_withdraw_on_the_portal(self):
        (mine,) = self._drawn_with_offers(self.portal_a)
        allocation = mine.sudo().accept()
        self._login(self.portal_a)
        page = self.url_open("/my/resources")
        self.assertNotIn("Renew for another term", page.text)
        response = self._post(f"/my/resources/allocations/{allocation.id}/renew")
        self._refused(response, "can be renewed from")
        allocation.sudo().date_end = self.today + timedelta(days=10)
        page = self.url_open("/my/resources")
        self.assertIn("Renew for another term", page.text)
        response = self._post(f"/my/resources/allocations/{allocation.id}/renew")
        self._ok(response, "P01 is renewed until")
        self.assertEqual(allocation.state, "renewed")
        # withdrawing an application
        tools = self._round(self.tool_type)
        application = self._apply(self.portal_d, tools)
        self._login(self.portal_d)
        response = self._post(f"/my/resources/applications/{application.id}/withdraw")
        self._ok(response, f"Application {application.reference} was withdrawn")
        self.assertEqual(application.state, "withdrawn")

    @mute_logger("odoo.http")
    def test_bad_input_on_offers_and_allocations(self):
        (mine,) = self._drawn_with_offers(self.portal_a)
        self._login(self.portal_a)
        url = f"/my/resources/applications/{mine.id}/accept"
        for bad in ("abc", "²", "0", "2147483648", "1\x00"):
            with self.subTest(bad=bad):
                response = self._post(url, {"resource_id": bad})
                self.assertEqual(response.status_code, 400)
                self.assertIn("The item", response.text)
                self.assertIn("o_cg_resource_accept", response.text, "the form again")
        data = {"csrf_token": http.Request.csrf_token(self)}
        response = self.url_open(
            url, data=data, files=[("resource_id", ("x.txt", b"1", "text/plain"))]
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("A file was sent", response.text)
        response = self._post(url, {"resource_id": self.plot_b.id})
        self._refused(response, "Choose one of the items offered")
        self.assertEqual(mine.state, "offered")
        self.assertFalse(
            self.Allocation.search([("household_id", "=", self.household_a.id)])
        )
        allocation = mine.sudo().accept()
        url = f"/my/resources/allocations/{allocation.id}/release"
        for reason, message in (
            ("x" * 501, "too long"),
            ("a\x00b", "cannot be stored"),
        ):
            with self.subTest(message=message):
                response = self._post(url, {"reason": reason})
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertIn("Items your household holds", response.text)
        self.assertEqual(allocation.state, "active")

    # ------------------------------------------------------- what is refused
    @mute_logger("odoo.http")
    def test_csrf_methods_and_404s(self):
        (mine,) = self._drawn_with_offers(self.portal_a)
        allocation = self.Allocation.sudo().create(
            {
                "resource_id": self.plots[2].id,
                "household_id": self.household_a.id,
                "date_start": self.today,
                "date_end": self.today + timedelta(days=10),
            }
        )
        routes = [
            self._apply_url(),
            f"/my/resources/applications/{mine.id}/accept",
            f"/my/resources/applications/{mine.id}/decline",
            f"/my/resources/applications/{mine.id}/withdraw",
            f"/my/resources/allocations/{allocation.id}/renew",
            f"/my/resources/allocations/{allocation.id}/release",
        ]
        self._login(self.portal_a)
        for url in routes:
            with self.subTest(url=url):
                self.assertEqual(self._post(url, csrf=False).status_code, 400)
                self.assertEqual(self.url_open(url).status_code, 405, "POST only")
        self.assertEqual(mine.state, "offered")
        self.assertEqual(allocation.state, "active")
        # another household's records are not found
        self._login(self.portal_d)
        for url in routes[1:]:
            with self.subTest(url=url):
                self.assertEqual(self._post(url).status_code, 404)
        self.assertEqual(mine.state, "offered")
        # another community's round, draft rounds, bad ids
        draft = self._round(state="draft")
        for resource_round in (self.round_b, draft):
            self.assertEqual(
                self.url_open(f"/my/resources/rounds/{resource_round.id}").status_code,
                404,
            )
            self.assertEqual(
                self._post(
                    self._apply_url(resource_round), self._apply_data()
                ).status_code,
                404,
            )
        for bad in BAD_IDS:
            with self.subTest(bad=bad):
                self.assertEqual(
                    self.url_open(f"/my/resources/rounds/{bad}").status_code, 404
                )
                for url in (
                    f"/my/resources/rounds/{bad}/apply",
                    f"/my/resources/applications/{bad}/accept",
                    f"/my/resources/applications/{bad}/decline",
                    f"/my/resources/allocations/{bad}/renew",
                    f"/my/resources/allocations/{bad}/release",
                ):
                    self.assertEqual(self._post(url).status_code, 404, url)
                self.assertEqual(
                    self.url_open(f"/resources/draws/{bad}").status_code, 404
                )
        self.assertFalse((self.round_b | draft).application_ids)

    def _rpc(self, model, method, *args):
        """``model.method(*args)`` over JSON-RPC as the logged-in user: the
        result, or the error's class and message."""
        body = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        if "error" in body:
            return body["error"]["data"]["name"], body["error"]["data"]["message"]
        return body["result"]

    @mute_logger("odoo.http")
    def test_json_rpc_holds_the_same_rules(self):
        (mine,) = self._drawn_with_offers(self.portal_a)
        closed = self._round(state="closed")
        new_round = self._round(name="Second round")
        Round = "community.resource.round"
        Application = "community.resource.application"
        # a resident of another community
        self._login(self.portal_b)
        name, _message = self._rpc(Round, "apply", new_round.ids, True, 1)
        self.assertEqual(name, "odoo.exceptions.AccessError")
        name, _message = self._rpc(Application, "accept", mine.ids)
        self.assertEqual(name, "odoo.exceptions.AccessError")
        # a closed round, then a second application of the same household
        self._login(self.portal_neighbour)
        name, message = self._rpc(Round, "apply", closed.ids, True, 1)
        self.assertIn("does not take applications", message)
        self._login(self.portal_a)
        self.assertTrue(self._rpc(Round, "apply", new_round.ids, True, 1))
        self._login(self.portal_neighbour)
        name, message = self._rpc(Round, "apply", new_round.ids, True, 1)
        self.assertIn("Your household already applied", message)
        # what only the office, the draw or an accepted offer write
        refused = [
            (
                Application,
                "create",
                [{"round_id": new_round.id, "partner_id": self.resident_a.id}],
            ),
            (Application, "write", [mine.ids, {"rank": 1}]),
            (Application, "mark_ineligible", [mine.ids, "no"]),
            (
                "community.resource.allocation",
                "create",
                [
                    {
                        "resource_id": self.plots[0].id,
                        "household_id": self.household_a.id,
                        "date_start": "2026-01-01",
                        "date_end": "2026-02-01",
                    }
                ],
            ),
            ("community.resource", "action_make_available", [self.plots.ids]),
            (Round, "action_draw", [closed.ids]),
            (Round, "_public_draw", [self.round.id]),
            (Round, "_make_offers", [self.round.ids]),
        ]
        for model, method, args in refused:
            with self.subTest(method=method):
                result = self._rpc(model, method, *args)
                self.assertIsInstance(result, tuple, result)
        self.assertEqual(mine.state, "offered")
        self.assertEqual(len(new_round.application_ids), 1)

    # ------------------------------------------------------------ the public page
    def test_public_draw_page_can_be_recomputed(self):
        elderly = self._applicants(
            2, prefix="Elder", birthdate_date=self._years_ago(80)
        )
        others = self._applicants(6)
        self._paper_applications(self.round, elderly | others)
        self._apply(self.portal_a, self.round)
        # before the close nothing is public
        self.assertEqual(self.url_open(self.round.public_url).status_code, 404)
        self.round.with_user(self.officer_a).action_close()
        self.round.with_user(self.officer_a).witnesses = "Two residents, the police"
        page = self.url_open(self.round.public_url)
        self.assertEqual(page.status_code, 200, "public once closed")
        self.assertIn("Not published yet", page.text)
        self._draw(self.round, seed="2026-12-06|031|774")
        self.authenticate(None, None)
        page = self.url_open(self.round.public_url)
        self.assertEqual(page.status_code, 200)
        seed = re.search(
            r'<code class="o_cg_draw_seed">([^<]+)</code>', page.text
        ).group(1)
        self.assertEqual(seed, "2026-12-06|031|774")
        self.assertIn("Two residents, the police", page.text)
        self.assertIn("SHA-256", page.text)
        rows = ROW_RE.findall(page.text)
        self.assertEqual(len(rows), 9)
        # recomputed from the page alone, as the page explains it
        order = {"renewal": 0, "elderly": 1, "general": 2}
        computed = sorted(
            rows,
            key=lambda r: (
                order[r[2]],
                hashlib.sha256(f"{seed}:{r[0]}".encode()).hexdigest(),
                r[0],
            ),
        )
        self.assertEqual([int(r[1]) for r in computed], list(range(1, 10)))
        for reference, _rank, _group, key, _eligible in rows:
            self.assertEqual(
                key, hashlib.sha256(f"{seed}:{reference}".encode()).hexdigest()
            )
        self.assertEqual({r[2] for r in computed[:2]}, {"elderly"})
        self.assertNotIn("Resident A", page.text, "names are masked")
        self.assertIn("R******t A", page.text)
        self.assertNotIn(self.resident_a.email, page.text)

    # ------------------------------------------------------------ performance
    def _queries(self, url):
        self.url_open(url)  # warm the caches
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_list_query_count_does_not_grow(self):
        # one round of each kind: a lottery applied to, a first come with an offer
        self._apply(self.portal_a, self.round)
        self._apply(self.portal_a, self._round(self.tool_type))
        self._login(self.portal_a)
        one = self._queries("/my/resources?filterby=all")
        types = self.env["community.resource.type"].create(
            [
                {
                    "name": f"Type {i}",
                    "community_id": self.community_a.id,
                    "allocation_method": "first_come",
                    "min_age": 18 * (i % 2),
                }
                for i in range(5)
            ]
        )
        resources = self.env["community.resource"].create(
            [{"code": f"R{i}", "type_id": types[i % 5].id} for i in range(25)]
        )
        rounds = self.Round.create(
            [
                {
                    "name": f"Round {i}",
                    "type_id": types[i % 5].id,
                    "resource_ids": [(4, resources[i].id)],
                    "date_open": self.today - timedelta(days=1),
                    "date_close": self.today + timedelta(days=1),
                    "date_term_start": self.today + timedelta(days=i % 3),
                }
                for i in range(25)
            ]
        )
        rounds.with_user(self.officer_a).action_open()
        for resource_round in rounds[:8]:
            self._apply(self.portal_a, resource_round)
        with self.assertQueryCount(one):
            response = self.url_open("/my/resources?filterby=all")
        self.assertEqual(response.text.count('o_cg_resource_round"'), 20, "a full page")
        _logger.info("/my/resources queries: %s with 2 rounds and with 27", one)

    # ------------------------------------------------------------ browser
    def test_tour_resident_applies(self):
        self.start_tour(
            "/my/resources", "community_resource_portal_tour", login="cg_portal_a"
        )
        application = self.round.application_ids
        self.assertEqual(application.partner_id, self.resident_a)
        self.assertEqual(application.note, "Tomatoes and beans")
        self.assertEqual(application.rules_version, 1)
