# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/share over HTTP and JSON-RPC: every route, its refusals (CSRF, bad
input, records of others are 404), the contact details before and after both
accepted, the page query counts, and the browser tour of posting and
matching."""

import re

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PortalHttpMixin
from .share_common import ShareCase
from .test_share_listing import PNG

BAD_IDS = ("0", "2147483648", "99999999999", "-1")


@tagged("post_install", "-at_install")
class TestSharePortal(PortalHttpMixin, HttpCase, ShareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.offer = cls._listing(
            cls.portal_neighbour,
            name="Phone lessons",
            what="skill",
            category=cls.cat_digital,
        )
        cls.far = cls._listing(
            cls.portal_a3, name="Building 2 drill", visibility="entrance"
        )
        cls.other = cls._listing(cls.portal_b, name="Community B stroller")

    def _flash(self, response):
        match = re.search(
            r'class="alert alert-(\w+) o_cg_flash"[^>]*>([^<]*)<', response.text
        )
        return match and (match.group(1), match.group(2).strip())

    def _form_token(self):
        response = self.url_open("/my/share/new?kind=need")
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="form_token" value="([^"]+)"', response.text).group(1)

    def _new(self, files=None, **values):
        data = {
            "form_token": self._form_token(),
            "kind": "need",
            "what": "skill",
            "category_id": str(self.cat_digital.id),
            "visibility": "community",
            "name": "Help with video calls",
            "description": "My grandson lives in Guangzhou.",
            "capacity": "1",
            "service_hours": "1.5",
        }
        data.update(values)
        return self.url_open(
            "/my/share/new", data=dict(data, csrf_token=self._csrf()), files=files
        )

    def _csrf(self):
        return http.Request.csrf_token(self)

    def _video_need(self):
        """Resident A's need of the neighbour's phone lessons, logged in as her."""
        need = self._listing(
            self.portal_a,
            name="Help with video calls",
            kind="need",
            category=self.cat_digital,
        )
        self._login(self.portal_a)
        return need

    def _mine(self):
        return self.Listing.search([("partner_id", "=", self.resident_a.id)])

    # ------------------------------------------------------------------
    # Lists
    # ------------------------------------------------------------------
    def test_around_me(self):
        self._listing(self.portal_a, name="My own ladder")
        self._login(self.portal_a)
        response = self.url_open("/my/share")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Phone lessons", response.text)
        self.assertIn("Same stairwell", response.text)
        for hidden in ("Building 2 drill", "Community B stroller", "My own ladder"):
            self.assertNotIn(hidden, response.text)
        self.assertNotIn("Phone lessons", self.url_open("/my/share?kind=need").text)
        self.assertIn("Phone lessons", self.url_open("/my/share?kind=offer").text)
        self.assertNotIn(
            "Phone lessons",
            self.url_open(f"/my/share?category_id={self.cat_tools.id}").text,
        )
        self.assertIn(
            "Phone lessons", self.url_open("/my/share?distance=entrance").text
        )
        self.assertIn("Phone lessons", self.url_open("/my/share?search=lesson").text)
        self.assertNotIn("Phone lessons", self.url_open("/my/share?search=ladder").text)
        # Bad parameters are no error: the defaults, an empty search.
        for query in (
            "?kind=evil&distance=evil&category_id=%C2%B2",
            "?category_id=0&search=%00nul",
            "?search=" + "x" * 5000,
            "/page/99999999999",
        ):
            with self.subTest(query=query):
                self.assertEqual(self.url_open("/my/share" + query).status_code, 200)
        mine = self.url_open("/my/share/mine")
        self.assertIn("My own ladder", mine.text)
        self.assertNotIn("Phone lessons", mine.text)
        self.assertEqual(self.url_open("/my/share/matches").status_code, 200)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["share_listing_count", "share_match_count"]}
        )
        self.assertEqual(counters, {"share_listing_count": 1, "share_match_count": 0})

    def test_not_for_non_residents(self):
        self._login(self.liaison)
        response = self.url_open("/my/share")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertEqual(self._flash(response)[0], "warning")
        self.assertTrue(self.url_open("/my/share/new").url.endswith("/my"))

    def test_lists_query_count(self):
        """As many queries for a page of 2 listings as for a full page of 20."""
        pages = (
            ("/my/share", "o_share_row", 16),
            ("/my/share/mine", "o_share_mine_row", 10),
            ("/my/share/matches", "o_share_match_row", 10),
        )

        def make(count):
            for i in range(count):
                listing = self._listing(self.portal_neighbour, name=f"Offer {i}")
                self._answer(self.portal_a, listing)
                self._listing(self.portal_a, name=f"Mine {i}")
            self.env.flush_all()

        self._login(self.portal_a)
        make(1)
        for url, _row, _queries in pages:
            self.url_open(url)  # warm-up
        for size, rows in (("small", (2, 1, 1)), ("full page", (20, 20, 20))):
            if size != "small":
                make(20)
            for (url, row, queries), expected in zip(pages, rows, strict=True):
                with self.subTest(url=url, size=size), self.assertQueryCount(queries):
                    response = self.url_open(url)
                self.assertEqual(response.text.count(row), expected)

    # ------------------------------------------------------------------
    # Posting
    # ------------------------------------------------------------------
    def test_post_with_photo_and_double_submit(self):
        self._login(self.portal_a)
        token = self._form_token()
        data = {
            "form_token": token,
            "kind": "need",
            "what": "skill",
            "category_id": str(self.cat_digital.id),
            "visibility": "building",
            "name": "Help with video calls",
            "capacity": "1",
            "service_hours": "",
            "csrf_token": self._csrf(),
        }
        response = self.url_open(
            "/my/share/new",
            data=data,
            files={"photos": ("phone.png", PNG, "image/png")},
        )
        listing = self._mine()
        self.assertEqual(len(listing), 1)
        self.assertTrue(response.url.endswith(f"/my/share/listings/{listing.id}"))
        self.assertEqual(self._flash(response)[0], "success")
        self.assertEqual(listing.visibility_area_id, self.building_a)
        self.assertEqual(len(listing.photo_ids), 1)
        photo = listing.photo_ids
        url = re.search(rf'src="(/web/image/{photo.id}/[^"]*)"', response.text).group(1)
        # The photo is shown to the neighbours who see the listing, through
        # its token (portal users may not read attachments).
        self._login(self.portal_neighbour)
        page = self.url_open(f"/my/share/listings/{listing.id}")
        self.assertIn(url.replace("&", "&amp;"), page.text)
        token = url.split("access_token=")[1]
        content = self.url_open(f"/web/content/{photo.id}?access_token={token}")
        self.assertEqual(content.status_code, 200)
        self.assertEqual(content.content, PNG)
        self.assertEqual(self.url_open(url).status_code, 200)
        # Not without the token, nor to a resident who does not see the listing.
        self.assertEqual(self.url_open(f"/web/content/{photo.id}").status_code, 404)
        self._login(self.portal_b)
        self.assertEqual(
            self.url_open(f"/my/share/listings/{listing.id}").status_code, 404
        )
        self.assertEqual(self.url_open(f"/web/content/{photo.id}").status_code, 404)
        listings = self.url_open("/my/share").text
        self.assertNotIn(f"/web/image/{photo.id}", listings)
        # The same form again (double click, reload): one listing.
        self._login(self.portal_a)
        response = self.url_open(
            "/my/share/new", data=dict(data, csrf_token=self._csrf())
        )
        self.assertEqual(self._mine(), listing)
        self.assertTrue(response.url.endswith(f"/my/share/listings/{listing.id}"))

    def test_post_bad_input(self):
        self._login(self.portal_a)
        cases = [
            ({"name": "nul\x00byte"}, "cannot be stored"),
            ({"name": "x" * 121}, "too long"),
            ({"name": ""}, "required"),
            ({"description": "x" * 4001}, "too long"),
            # a bad id is refused as such, not read as "no category/skill"
            ({"category_id": "²"}, "The category: choose from the list."),
            ({"category_id": "١٢"}, "The category: choose from the list."),
            ({"category_id": "0"}, "The category: choose from the list."),
            ({"category_id": "2147483648"}, "The category: choose from the list."),
            ({"category_id": ""}, "Choose a category"),
            ({"skill_id": "abc"}, "The skill: choose from the list."),
            ({"skill_id": "2147483648"}, "The skill: choose from the list."),
            ({"capacity": "١"}, "whole number"),
            ({"capacity": "0"}, "between 1 and 50"),
            ({"service_hours": "abc"}, "must be a number"),
            ({"kind": "evil"}, "Choose from the lists"),
            ({"visibility": "world"}, "Choose from the lists"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                response = self._new(**values)
                self.assertEqual(response.status_code, 400)
                self.assertIn("o_share_form", response.text, "the form is back")
                self.assertIn(message, response.text)
        # Text sent as a file part.
        response = self._new(files={"name": ("name.txt", b"A ladder", "text/plain")})
        self.assertEqual(response.status_code, 400)
        self.assertIn("A file was sent where text was expected", response.text)
        # A file that is no photo.
        response = self._new(
            files={"photos": ("x.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("is not a photo", response.text)
        self.assertFalse(self._mine(), "nothing written")

    @mute_logger("odoo.http")
    def test_csrf(self):
        self._login(self.portal_a)
        response = self.url_open(
            "/my/share/new", data={"name": "x", "kind": "need", "form_token": "t"}
        )
        self.assertEqual(response.status_code, 400)
        for url in (
            f"/my/share/listings/{self.offer.id}/answer",
            f"/my/share/listings/{self.offer.id}/report",
        ):
            with self.subTest(url=url):
                self.assertEqual(self._post(url, {}, csrf=False).status_code, 400)
        self.assertFalse(self._mine())
        self.assertFalse(self.Match.search_count([("offer_id", "=", self.offer.id)]))

    # ------------------------------------------------------------------
    # A listing and a match
    # ------------------------------------------------------------------
    @mute_logger("odoo.http")
    def test_listing_pages_and_404(self):
        need = self._video_need()
        response = self.url_open(f"/my/share/listings/{need.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_share_suggestion", response.text)
        self.assertIn("Phone lessons", response.text)
        self.assertIn("o_share_renew", response.text)
        response = self.url_open(f"/my/share/listings/{self.offer.id}")
        self.assertIn("o_share_answer", response.text)
        self.assertIn("I would like it", response.text)
        self.assertNotIn("o_share_suggestion", response.text)
        for listing_id in (self.far.id, self.other.id, *BAD_IDS):
            with self.subTest(listing_id=listing_id):
                response = self.url_open(f"/my/share/listings/{listing_id}")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Building 2 drill", response.text)
        for verb in ("answer", "renew", "withdraw", "report", "propose"):
            with self.subTest(verb=verb):
                response = self._post(
                    f"/my/share/listings/{self.far.id}/{verb}", {"reason": "x"}
                )
                self.assertEqual(response.status_code, 404)
        # A neighbour's listing is renewed by its resident only.
        response = self._post(f"/my/share/listings/{self.offer.id}/renew")
        self.assertEqual(self._flash(response)[0], "danger")
        self.assertIn("Only the resident who posted it", self._flash(response)[1])

    def test_matching_over_http(self):
        need = self._video_need()
        response = self._post(
            f"/my/share/listings/{need.id}/propose",
            {"other_listing_id": str(self.offer.id)},
        )
        match = self.Match.search([("need_id", "=", need.id)])
        self.assertEqual(len(match), 1)
        self.assertTrue(response.url.endswith(f"/my/share/matches/{match.id}"))
        self.assertEqual(self._flash(response)[0], "success")
        self.assertIn("o_share_contact_hidden", response.text)
        self.assertNotIn("13900000002", response.text)
        # Again: one match.
        response = self._post(
            f"/my/share/listings/{need.id}/propose",
            {"other_listing_id": str(self.offer.id)},
        )
        self.assertIn("already proposed", self._flash(response)[1])
        self.assertEqual(self.Match.search_count([("need_id", "=", need.id)]), 1)
        for bad in ({}, {"other_listing_id": "²"}, {"partner_id": "0"}):
            with self.subTest(bad=bad):
                response = self._post(f"/my/share/listings/{need.id}/propose", bad)
                self.assertEqual(self._flash(response)[0], "warning")
        # The neighbour accepts: both see each other's phone.
        self._login(self.portal_neighbour)
        response = self._post(f"/my/share/matches/{match.id}/accept")
        self.assertEqual(self._flash(response), ("success", "You accepted."))
        self.assertIn("13900000001", response.text)
        self.assertIn("resident.a@example.com", response.text)
        self._login(self.portal_a)
        page = self.url_open(f"/my/share/matches/{match.id}")
        self.assertIn("13900000002", page.text)
        self.assertIn("o_portal_chatter", page.text)
        # Done by both, then one rating each.
        self._post(f"/my/share/matches/{match.id}/done")
        self._login(self.portal_neighbour)
        self._post(f"/my/share/matches/{match.id}/done")
        self.assertEqual(match.state, "done")
        self._login(self.portal_a)
        for bad in ("0", "6", "²", "five"):
            with self.subTest(rating=bad):
                response = self._post(
                    f"/my/share/matches/{match.id}/rate", {"rating": bad}
                )
                self.assertEqual(self._flash(response)[0], "danger")
        response = self._post(
            f"/my/share/matches/{match.id}/rate",
            {"rating": "5", "comment": "Thank you!"},
        )
        self.assertEqual(self._flash(response)[0], "success")
        response = self._post(f"/my/share/matches/{match.id}/rate", {"rating": "1"})
        self.assertIn("already rated", self._flash(response)[1])
        self.assertEqual(match.rating_by_receiver, "5")
        self.assertEqual(match.comment_by_receiver, "Thank you!")

    @mute_logger("odoo.http")
    def test_someone_else_s_match_is_404(self):
        match = self._answer(self.portal_a, self.offer)
        self._login(self.portal_a2)
        for url in (
            f"/my/share/matches/{match.id}",
            *(f"/my/share/matches/{i}" for i in BAD_IDS),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        for verb in ("accept", "cancel", "done", "fail", "rate"):
            with self.subTest(verb=verb):
                response = self._post(
                    f"/my/share/matches/{match.id}/{verb}", {"rating": "5"}
                )
                self.assertEqual(response.status_code, 404)
        self.assertEqual(match.state, "proposed")

    def test_report_a_listing(self):
        self._login(self.portal_a)
        url = f"/my/share/listings/{self.offer.id}/report"
        for reason, message in (
            ("nul\x00", "cannot be stored"),
            ("x" * 1001, "too long"),
        ):
            with self.subTest(reason=reason[:5]):
                response = self._post(url, {"reason": reason})
                self.assertIn(message, self._flash(response)[1])
        response = self._post(url, {"reason": "Selling, not lending"})
        self.assertEqual(self._flash(response)[0], "success")
        response = self._post(url, {"reason": "Again"})
        self.assertIn("already reported", self._flash(response)[1])
        self.assertEqual(len(self.offer.abuse_ids), 1)

    # ------------------------------------------------------------------
    # JSON-RPC: the same rules
    # ------------------------------------------------------------------
    @mute_logger("odoo.http")
    def test_rpc_contact_details(self):
        match = self._answer(self.portal_a, self.offer)
        self._login(self.portal_a)
        fields = ["counterpart_name", "counterpart_phone", "counterpart_email"]
        values = self._call(match._name, "read", [match.id], fields)[0]
        self.assertEqual(
            (
                values["counterpart_name"],
                values["counterpart_phone"],
                values["counterpart_email"],
            ),
            ("Neighbour A", False, False),
        )
        for call in (
            ("res.partner", "read", [self.neighbour_a.id], ["phone", "email"]),
            (
                "res.partner",
                "search_read",
                [("id", "=", self.neighbour_a.id)],
                ["phone"],
            ),
            (
                match._name,
                "web_read",
                [match.id],
                {"provider_id": {"fields": {"phone": {}}}},
            ),
            (
                self.offer._name,
                "web_read",
                [self.offer.id],
                {"partner_id": {"fields": {"email": {}}}},
            ),
        ):
            with self.subTest(call=call[:2]):
                try:
                    result = self._call(*call)
                except JsonRpcException as error:
                    self.assertIn("AccessError", str(error))
                else:
                    self.assertFalse(result, "nothing readable")
        messages = self._call(
            "mail.message",
            "search_read",
            [("model", "=", self.offer._name), ("res_id", "=", self.offer.id)],
            ["email_from", "author_id"],
        )
        self.assertNotIn("neighbour.a@example.com", str(messages))
        # Accepted by both: the contact comes through the match.
        match.with_user(self.portal_neighbour).action_accept()
        values = self._call(match._name, "read", [match.id], fields)[0]
        self.assertEqual(values["counterpart_phone"], "13900000002")
        self.assertEqual(values["counterpart_email"], "neighbour.a@example.com")
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call("res.partner", "read", [self.neighbour_a.id], ["phone"])

    @mute_logger("odoo.http")
    def test_rpc_listings_beyond_visibility(self):
        self._login(self.portal_a)
        found = self._call(self.far._name, "search_read", [], ["name"])
        names = {row["name"] for row in found}
        self.assertIn("Phone lessons", names)
        self.assertNotIn("Building 2 drill", names)
        self.assertNotIn("Community B stroller", names)
        for listing in (self.far, self.other):
            with self.subTest(listing=listing.name):
                for method, args in (
                    ("read", [[listing.id], ["name"]]),
                    ("action_answer", [[listing.id]]),
                    ("report_abuse", [[listing.id], "spam"]),
                    ("suggest", [[listing.id]]),
                ):
                    with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                        self._call(listing._name, method, *args)
        # What the portal does, RPC does, with the same checks.
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(self.offer._name, "create", [{"name": "x"}])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(self.offer._name, "write", [self.offer.id], {"name": "Mine now"})
        listing_id = self._call(
            self.offer._name,
            "post",
            {
                "kind": "need",
                "what": "lend",
                "name": "Ladder over RPC",
                "category_id": self.cat_tools.id,
                "visibility": "entrance",
            },
        )
        listing = self.Listing.browse(listing_id)
        self.assertEqual(listing.partner_id, self.resident_a)
        self.assertEqual(listing.visibility_area_id, self.entrance_a)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(self.offer._name, "suggest", [self.offer.id])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(self.offer._name, "action_hide", [self.offer.id])

    @mute_logger("odoo.http")
    def test_rpc_someone_else_s_match(self):
        match = self._answer(self.portal_a, self.offer)
        self._login(self.portal_a2)
        self.assertEqual(self._call(match._name, "search_count", []), 0)
        for method, args in (
            ("read", [[match.id], ["counterpart_phone"]]),
            ("action_accept", [[match.id]]),
            ("action_cancel", [[match.id]]),
            ("action_confirm_done", [[match.id]]),
            ("rate", [[match.id], 5]),
            ("fail", [[match.id], "x"]),
        ):
            with (
                self.subTest(method=method),
                self.assertRaisesRegex(JsonRpcException, "AccessError"),
            ):
                self._call(match._name, method, *args)
        self.assertEqual(match.state, "proposed")

    # ------------------------------------------------------------------
    # The browser tours: post a need, ask a suggested neighbour; see the
    # contact once accepted, confirm, rate
    # ------------------------------------------------------------------
    def test_tour_post_and_match(self):
        self.start_tour(
            "/my/share/new?kind=need", "community_share_tour", login="cg_portal_a"
        )
        need = self._mine()
        self.assertEqual(need.name, "Help with video calls")
        match = self.Match.search([("need_id", "=", need.id)])
        self.assertEqual(match.offer_id, self.offer)
        self.assertEqual(match.state, "proposed")
        match.with_user(self.portal_neighbour).action_accept()
        match.with_user(self.portal_neighbour).action_confirm_done()
        self.start_tour(
            "/my/share/matches", "community_share_match_tour", login="cg_portal_a"
        )
        self.assertEqual(match.state, "done")
        self.assertEqual(match.rating_by_receiver, "5")
