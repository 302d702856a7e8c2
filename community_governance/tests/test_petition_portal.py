# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/petitions and /my/dispatches over HTTP: every route, its refusals (CSRF,
method, ids, records of others are 404) and its one feedback (the flash)."""

import json
import logging
import re

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PortalHttpMixin
from .petition_common import PetitionCase

_logger = logging.getLogger(__name__)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PETITION_VERBS = ("take", "escalate", "resolve", "rate", "reopen", "cosign")
DISPATCH_VERBS = ("acknowledge", "report", "decline")
BAD_IDS = ("0", "99999999999", "²", "-1", "1e3")


class PortalCase(PortalHttpMixin, HttpCase, PetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.private_a = cls._petition(title="Leak from upstairs")
        cls.public_a = cls._petition(
            partner=cls.neighbour_a,
            category=cls.cat_public,
            title="Market gate blocked",
            is_anonymous=True,
        )
        cls.private_b = cls._petition(partner=cls.resident_b, title="Noise at night")
        cls.resident_a.phone = "13900000001"

    def _post(self, url, data=None, files=None, csrf=True):
        # Never empty: an empty body would be sent as a GET.
        data = dict(data or {}, sent="1")
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, files=files)

    def _form_token(self):
        response = self.url_open("/my/petitions/new")
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="form_token" value="([^"]+)"', response.text).group(1)

    def _new(self, **values):
        data = {
            "form_token": self._form_token(),
            "category_id": self.cat_private.id,
            "area_id": self.entrance_a.id,
            "title": "Broken light",
            "description": "The stairwell light is broken.",
        }
        data.update(values)
        files = data.pop("files", None)
        return self._post("/my/petitions/new", data, files=files)


@tagged("post_install", "-at_install")
class TestPetitionPortal(PortalCase):
    # List and page

    def test_list_shows_only_visible_petitions(self):
        self._login(self.portal_a)
        response = self.url_open("/my/petitions")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Leak from upstairs", response.text)
        self.assertIn("Market gate blocked", response.text)
        self.assertNotIn("Noise at night", response.text)
        response = self.url_open("/my/petitions?filterby=mine&search=leak")
        self.assertIn("Leak from upstairs", response.text)
        self.assertNotIn("Market gate blocked", response.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/petitions", home.text)
        # Bad parameters are no error: the defaults, an empty search.
        for query in (
            "?sortby=evil&filterby=evil&search_in=evil",
            "?search=%00nul",
            "?search=" + "x" * 5000,
            "/page/99999999999",
        ):
            with self.subTest(query=query):
                response = self.url_open("/my/petitions" + query)
                self.assertEqual(response.status_code, 200)

    def test_list_pages(self):
        self.Petition.create(
            [
                {
                    "title": f"Matter {i}",
                    "description": "x",
                    "partner_id": self.resident_a.id,
                    "category_id": self.cat_private.id,
                }
                for i in range(25)
            ]
        )
        self._login(self.portal_a)
        first = self.url_open("/my/petitions")
        self.assertEqual(first.text.count("o_petition_row"), 20, "one page size")
        self.assertIn("/my/petitions/page/2", first.text)
        second = self.url_open("/my/petitions/page/2")
        self.assertEqual(second.text.count("o_petition_row"), 7)

    def test_home_counters(self):
        counters = ["petition_count", "dispatch_count"]
        self._login(self.portal_a)
        result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
        self.assertEqual(result, {"petition_count": 2, "dispatch_count": 0})
        self._login(self.portal_b)
        result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
        self.assertEqual(result["petition_count"], 1)
        self.private_a.with_user(self.officer_a).dispatch(self.department_urban)
        self._login(self.liaison)
        result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
        self.assertEqual(result, {"petition_count": 0, "dispatch_count": 1})

    @mute_logger("odoo.http")
    def test_page_and_refused_ids(self):
        self._login(self.portal_a)
        response = self.url_open(f"/my/petitions/{self.private_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Leak from upstairs", response.text)
        self.assertIn("o_portal_chatter", response.text)
        # Another community's petition, a missing one, bad ids: not found.
        for petition_id in (self.private_b.id, 999999, *BAD_IDS):
            with self.subTest(petition_id=petition_id):
                response = self.url_open(f"/my/petitions/{petition_id}")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Noise at night", response.text)
        # The neighbour's anonymous public petition: listed, no name, no chatter.
        response = self.url_open("/my/petitions")
        self.assertIn("Market gate blocked", response.text)
        self.assertNotIn("Noise at night", response.text)
        response = self.url_open(f"/my/petitions/{self.public_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Neighbour A", response.text)
        self.assertIn("anonymous", response.text)
        self.assertNotIn("o_portal_chatter", response.text)
        # The neighbour cannot open the resident's private petition.
        self._login(self.portal_neighbour)
        response = self.url_open(f"/my/petitions/{self.private_a.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Leak from upstairs", response.text)

    @mute_logger("odoo.http")
    def test_access_token(self):
        self.private_a._portal_ensure_token()
        url = f"/my/petitions/{self.private_a.id}"
        response = self.url_open(f"{url}?access_token={self.private_a.access_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Leak from upstairs", response.text)
        for query in ("?access_token=wrong", ""):
            response = self.url_open(url + query)
            self.assertNotIn("Leak from upstairs", response.text)
            self.assertIn("/web/login", response.url)
        # A token of another petition does not open this one.
        self.private_b._portal_ensure_token()
        response = self.url_open(f"{url}?access_token={self.private_b.access_token}")
        self.assertNotIn("Leak from upstairs", response.text)
        # Nor once logged in as somebody else.
        self._login(self.portal_b)
        response = self.url_open(f"{url}?access_token=wrong")
        self.assertEqual(response.status_code, 404)

    # New petition

    def test_new_petition_with_photo(self):
        self._login(self.portal_a)
        response = self._new(
            title="Dark stairwell",
            category_id=self.cat_public.id,
            is_anonymous="1",
            files=[("attachments", ("light.png", PNG, "image/png"))],
        )
        self.assertEqual(response.status_code, 200)
        petition = self.Petition.search([("title", "=", "Dark stairwell")])
        self.assertEqual(len(petition), 1)
        self.assertEqual(petition.partner_id, self.resident_a)
        self.assertEqual(petition.user_id, self.steward)
        self.assertTrue(petition.is_anonymous)
        self.assertIn(f"/my/petitions/{petition.id}", response.url)
        self._ok(response, "Your petition was sent")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "community.petition"), ("res_id", "=", petition.id)]
        )
        self.assertEqual(attachment.mimetype, "image/png")

    @mute_logger("odoo.http")
    def test_new_petition_bad_inputs_create_nothing(self):
        self._login(self.portal_a)
        inactive = self.env["community.petition.category"].create(
            {"name": "Old", "active": False}
        )
        cases = [
            ({"title": "", "description": ""}, "Give your petition a title"),
            ({"description": "x" * 10001}, "The description is too long"),
            ({"title": "t" * 201}, "The title is too long"),
            ({"title": "nul\x00"}, "cannot be stored"),
            ({"area_id": self.entrance_b.id}, "Choose an area of your own community"),
            # not an id at all: said so, not read as "no area"
            ({"area_id": "abc"}, "The area: choose from the list."),
            ({"area_id": "²"}, "The area: choose from the list."),
            ({"area_id": "99999999999"}, "The area: choose from the list."),
            ({"area_id": ""}, "Choose an area of your own community"),
            ({"category_id": inactive.id}, "Choose one of the categories offered"),
            ({"category_id": "0"}, "The category: choose from the list."),
            ({"category_id": "١٢"}, "The category: choose from the list."),
            ({"category_id": str(2**31)}, "The category: choose from the list."),
            ({"category_id": ""}, "Choose one of the categories offered"),
            (
                {"files": [("attachments", ("notes.txt", b"just text", "text/plain"))]},
                "is not a photo or a PDF",
            ),
            (
                {
                    "files": [
                        (
                            "attachments",
                            ("big.png", PNG + b"\0" * (5 * 1024 * 1024), "image/png"),
                        )
                    ]
                },
                "is larger than 5 MB",
            ),
            (
                {
                    "files": [
                        ("attachments", (f"p{i}.png", PNG, "image/png"))
                        for i in range(6)
                    ]
                },
                "Attach at most 5 files",
            ),
            # A file part where the title was expected.
            (
                {"files": [("title", ("title.png", PNG, "image/png"))]},
                "A file was sent where text was expected",
            ),
        ]
        before = self.Petition.search_count([])
        for values, message in cases:
            with self.subTest(message=message):
                response = self._new(**values)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertIn("o_petition_form", response.text, "the form again")
                self.assertEqual(self.Petition.search_count([]), before)

    @mute_logger("odoo.http")
    def test_double_submit(self):
        self._login(self.portal_a)
        token = self._form_token()
        data = {
            "form_token": token,
            "category_id": self.cat_private.id,
            "area_id": self.entrance_a.id,
            "title": "Broken window",
            "description": "The window on the 2nd floor is broken.",
        }
        first = self._post("/my/petitions/new", data)
        self.assertEqual(first.status_code, 200)
        # The same form again (a double click, a retry after an error): the
        # petition it raised, not an error and not a second petition.
        again = self._post("/my/petitions/new", data)
        self.assertEqual(again.status_code, 200)
        self.assertEqual(again.url, first.url)
        self.assertEqual(self._flash(again)[0], "info")
        self.assertIn("already sent", self._flash(again)[1])
        # A fresh form with the same petition within a minute.
        data["form_token"] = self._form_token()
        third = self._post("/my/petitions/new", data)
        self.assertEqual(third.status_code, 400)
        self.assertIn("You just sent this petition", third.text)
        self.assertEqual(
            self.Petition.search_count([("title", "=", "Broken window")]), 1
        )

    def test_only_residents_have_the_form(self):
        for user in (self.liaison, self.officer_a):
            self._login(user)
            response = self.url_open("/my/petitions/new")
            self.assertTrue(response.url.endswith(("/my", "/my/home")), response.url)
            response = self._post("/my/petitions/new", {"title": "x"})
            self.assertTrue(response.url.endswith(("/my", "/my/home")), response.url)
        self.assertFalse(self.Petition.search([("title", "=", "x")]))

    # What every POST route refuses

    @mute_logger("odoo.http")
    def test_post_without_csrf_refused(self):
        self._login(self.portal_a)
        token = self._form_token()
        response = self._post(
            "/my/petitions/new",
            {
                "form_token": token,
                "category_id": self.cat_private.id,
                "area_id": self.entrance_a.id,
                "title": "No csrf",
                "description": "x",
            },
            csrf=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.Petition.search([("title", "=", "No csrf")]))
        self._login(self.portal_neighbour)
        signatures = self.public_a.signature_count
        for verb in PETITION_VERBS:
            with self.subTest(verb=verb):
                response = self._post(
                    f"/my/petitions/{self.public_a.id}/{verb}", {}, csrf=False
                )
                self.assertEqual(response.status_code, 400)
        self.private_a.with_user(self.officer_a).dispatch(self.department_urban)
        self._login(self.liaison)
        for verb in DISPATCH_VERBS:
            with self.subTest(verb=verb):
                response = self._post(
                    f"/my/dispatches/{self.private_a.dispatch_ids.id}/{verb}",
                    {"report": "x", "reason": "x"},
                    csrf=False,
                )
                self.assertEqual(response.status_code, 400)
        self.assertEqual(self.public_a.signature_count, signatures)
        self.assertEqual(self.private_a.dispatch_ids.state, "summoned")

    @mute_logger("odoo.http")
    def test_get_on_post_routes_refused(self):
        self._login(self.portal_neighbour)
        for verb in PETITION_VERBS:
            with self.subTest(verb=verb):
                response = self.url_open(f"/my/petitions/{self.public_a.id}/{verb}")
                self.assertEqual(response.status_code, 405)
        for verb in DISPATCH_VERBS:
            with self.subTest(verb=verb):
                response = self.url_open(f"/my/dispatches/1/{verb}")
                self.assertEqual(response.status_code, 405)

    @mute_logger("odoo.http")
    def test_post_on_unseen_or_bad_ids_is_404(self):
        self._login(self.portal_a)
        for verb in PETITION_VERBS:
            for petition_id in (self.private_b.id, *BAD_IDS):
                with self.subTest(verb=verb, petition_id=petition_id):
                    response = self._post(
                        f"/my/petitions/{petition_id}/{verb}",
                        {"reason": "x", "resolution": "x", "rating": "5"},
                    )
                    self.assertEqual(response.status_code, 404)
        response = self._post(f"/my/petitions/{self.private_a.id}/unknown", {})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.private_b.state, "new")
        self.assertFalse(self.private_b.signature_ids)

    # Actions on the page

    @mute_logger("odoo.http")
    def test_cosign_and_refusals(self):
        self.private_a._portal_ensure_token()
        self._login(self.portal_b)
        response = self._post(f"/my/petitions/{self.public_a.id}/cosign", {})
        self.assertEqual(response.status_code, 404, "another community's petition")
        self.assertEqual(self.public_a.signature_count, 0)
        self._login(self.portal_a)
        response = self.url_open(f"/my/petitions/{self.public_a.id}")
        self.assertIn("o_petition_cosign", response.text)
        response = self._post(
            f"/my/petitions/{self.public_a.id}/cosign", {"anonymous": "1"}
        )
        self.assertEqual(response.status_code, 200)
        self._ok(response, "You co-signed the petition")
        self.assertEqual(self.public_a.signature_count, 1)
        self.assertTrue(self.public_a.signature_ids.is_anonymous)
        response = self._post(f"/my/petitions/{self.public_a.id}/cosign", {})
        self.assertIn("already co-signed", response.text)
        self._refused(response, "already co-signed")
        self.assertEqual(self.public_a.signature_count, 1)
        response = self._post(f"/my/petitions/{self.private_a.id}/unknown", {})
        self.assertEqual(response.status_code, 404)

    def test_handler_and_owner_actions(self):
        self._login(self.portal_a)
        # The resident is not the handler.
        response = self._post(f"/my/petitions/{self.private_a.id}/take", {})
        self._refused(response, "Only the handler of this petition")
        self.assertEqual(self.private_a.state, "new")
        self._login(self.steward)
        page = self.url_open(f"/my/petitions/{self.private_a.id}")
        self.assertIn("/take", page.text)
        response = self._post(f"/my/petitions/{self.private_a.id}/take", {})
        self._ok(response, "You took the petition")
        self.assertEqual(self.private_a.state, "in_progress")
        response = self._post(
            f"/my/petitions/{self.private_a.id}/resolve", {"resolution": " "}
        )
        self.assertIn("Say how the matter was resolved", response.text)
        self._refused(response, "Say how the matter was resolved")
        self.assertEqual(self.private_a.state, "in_progress")
        response = self._post(
            f"/my/petitions/{self.private_a.id}/resolve",
            {"resolution": "x" * 10001},
        )
        self._refused(response, "The resolution is too long")
        response = self._post(
            f"/my/petitions/{self.private_a.id}/resolve", {"resolution": "Pipe fixed"}
        )
        self._ok(response, "The petition is resolved")
        self.assertEqual(self.private_a.state, "resolved")
        self.assertEqual(self.private_a.settled_level, "entrance")
        # The steward cannot rate in the resident's place.
        response = self._post(
            f"/my/petitions/{self.private_a.id}/rate", {"rating": "1"}
        )
        self._refused(response, "Only the resident who raised this petition")
        self.assertFalse(self.private_a.rating_count)
        self._login(self.portal_a)
        page = self.url_open(f"/my/petitions/{self.private_a.id}")
        self.assertIn("o_petition_rate", page.text)
        form = page.text.split("o_petition_rate")[1].split("</form>")[0]
        self.assertEqual(form.count('type="radio"'), 5)
        self.assertNotIn("checked", form, "no pre-selected satisfaction")
        for rating in ("", "6", "²", "abc"):
            with self.subTest(rating=rating):
                response = self._post(
                    f"/my/petitions/{self.private_a.id}/rate", {"rating": rating}
                )
                self.assertEqual(self._flash(response)[0], "danger")
        self.assertFalse(self.private_a.rating_count, "no choice, no rating")
        response = self._post(
            f"/my/petitions/{self.private_a.id}/rate",
            {"rating": "5", "comment": "Thanks"},
        )
        self._ok(response, "Thank you for your rating")
        self.assertEqual(self.private_a.rating_last_value, 5)
        self.assertIn("Satisfaction: 5/5", response.text)
        self.assertIn("Thanks", response.text)
        # Rating again: the same rating, changed.
        self._post(f"/my/petitions/{self.private_a.id}/rate", {"rating": "3"})
        self.assertEqual(self.private_a.rating_last_value, 3)
        self.assertEqual(self.private_a.rating_count, 1)
        response = self._post(
            f"/my/petitions/{self.private_a.id}/reopen", {"reason": "Leaks again"}
        )
        self._ok(response, "The petition is reopened")
        self.assertEqual(self.private_a.state, "in_progress")
        self.assertEqual(self.private_a.user_id, self.steward)
        self.assertEqual(self.private_a.rating_count, 0, "the old rating is gone")
        self.assertNotIn("Satisfaction:", response.text)
        # Back with the steward, who sends it up: the list, with the feedback.
        self._login(self.steward)
        response = self._post(
            f"/my/petitions/{self.private_a.id}/escalate", {"reason": "Needs the grid"}
        )
        self.assertTrue(response.url.endswith("/my/petitions"), response.url)
        self._ok(response, "went up to the next level")
        self.assertEqual(self.private_a.level, "grid")

    # JSON-RPC: the same rules

    def _call(self, model, method, *args, **kwargs):
        return self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()

    @mute_logger("odoo.http")
    def test_json_rpc_holds_the_same_rules(self):
        self._login(self.portal_a)
        Petition = "community.petition"
        created = self._call(
            Petition,
            "create",
            {
                "title": "x",
                "description": "x",
                "partner_id": self.resident_b.id,
                "category_id": self.cat_private.id,
            },
        )
        self.assertIn("error", created)
        values = {
            "title": "Over RPC",
            "description": "Raised from a script",
            "category_id": self.cat_private.id,
            "area_id": self.entrance_b.id,
        }
        refused = self._call(Petition, "submit", values)
        self.assertIn("own community", refused["error"]["data"]["message"])
        values["area_id"] = self.entrance_a.id
        result = self._call(Petition, "submit", values)
        petition = self.Petition.search([("title", "=", "Over RPC")])
        self.assertEqual(petition.partner_id, self.resident_a, result)
        # Not the handler, not resolved, nobody else's petition.
        for method, args in (
            ("action_take", []),
            ("resolve", ["myself"]),
            ("rate", [5]),
            ("dispatch", [self.department_urban.ids]),
        ):
            with self.subTest(method=method):
                self.assertIn(
                    "error", self._call(Petition, method, petition.ids, *args)
                )
        self.assertIn("error", self._call(Petition, "rate", self.private_b.ids, 5))
        self.assertEqual(petition.state, "new")
        # A rating through the chatter does not count.
        posted = self._call(
            Petition,
            "message_post",
            petition.ids,
            body="Five stars",
            rating_value=5,
        )
        self.assertIn("result", posted, "the message is posted")
        self.assertFalse(petition.rating_count)

    # Liaisons

    @mute_logger("odoo.http")
    def test_liaison_pages(self):
        self.private_a.with_user(self.officer_a).dispatch(
            self.department_urban | self.department_traffic
        )
        urban = self.private_a.dispatch_ids.filtered(
            lambda d: d.department_id == self.department_urban
        )
        traffic = self.private_a.dispatch_ids - urban
        self._login(self.liaison)
        response = self.url_open("/my/dispatches")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/dispatches/{urban.id}", response.text)
        self.assertNotIn(f"/my/dispatches/{traffic.id}", response.text)
        for query in ("?sortby=evil&filterby=evil", "?filterby=all", "/page/9"):
            self.assertEqual(self.url_open("/my/dispatches" + query).status_code, 200)
        page = self.url_open(f"/my/dispatches/{urban.id}")
        self.assertIn("Leak from upstairs", page.text)
        # Nothing personal about the resident.
        for private in ("Resident A", "13900000001", "resident.a@example.com"):
            self.assertNotIn(private, page.text)
        for dispatch_id in (traffic.id, *BAD_IDS):
            with self.subTest(dispatch_id=dispatch_id):
                response = self.url_open(f"/my/dispatches/{dispatch_id}")
                self.assertEqual(response.status_code, 404)
        response = self.url_open(f"/my/petitions/{self.private_a.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Leak from upstairs", response.text)
        for verb in DISPATCH_VERBS:
            for dispatch_id in (traffic.id, *BAD_IDS):
                with self.subTest(verb=verb, dispatch_id=dispatch_id):
                    response = self._post(
                        f"/my/dispatches/{dispatch_id}/{verb}",
                        {"report": "x", "reason": "x"},
                    )
                    self.assertEqual(response.status_code, 404)
        self.assertEqual(traffic.state, "summoned")
        response = self._post(f"/my/dispatches/{urban.id}/acknowledge", {})
        self._ok(response, "reported for duty")
        self.assertEqual(urban.state, "acknowledged")
        response = self._post(f"/my/dispatches/{urban.id}/decline", {"reason": ""})
        self.assertIn("Give the reason", response.text)
        self._refused(response, "Give the reason")
        self.assertEqual(urban.state, "acknowledged")
        response = self._post(
            f"/my/dispatches/{urban.id}/report", {"report": "Pipe replaced"}
        )
        self._ok(response, "Your report was sent")
        self.assertEqual(urban.state, "reported")
        response = self._post(f"/my/dispatches/{urban.id}/decline", {"reason": "x"})
        self._refused(response, "already answered")
        # The other department declines.
        self._login(self.liaison_traffic)
        response = self._post(
            f"/my/dispatches/{traffic.id}/decline", {"reason": "Not ours"}
        )
        self._ok(response, "why your department declines")
        self.assertEqual(traffic.state, "declined")
        # Residents have no dispatch pages.
        self._login(self.portal_a)
        response = self.url_open("/my/dispatches")
        self.assertTrue(response.url.endswith(("/my", "/my/home")))
        response = self.url_open(f"/my/dispatches/{urban.id}")
        self.assertEqual(response.status_code, 404)

    # Performance

    def _queries(self, url):
        self.url_open(url)  # warm the caches
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_list_query_count_does_not_grow(self):
        resident, user = self._portal_resident(
            "Busy Resident", area=self.entrance_a2, login="cg_busy"
        )
        self._petition(partner=resident, area_id=self.entrance_a2.id, title="One")
        self.authenticate("cg_busy", "cg_busy")
        one = self._queries("/my/petitions")
        areas = (
            self.entrance_a | self.entrance_a2 | self.grid_a | self.community_a
        ).ids
        categories = (self.cat_private | self.cat_public).ids
        self.Petition.create(
            [
                {
                    "title": f"Matter {i}",
                    "description": "x",
                    "partner_id": resident.id,
                    "area_id": areas[i % 4],
                    "category_id": categories[i % 2],
                }
                for i in range(49)
            ]
        )
        self.url_open("/my/petitions")  # warm the caches
        with self.assertQueryCount(one):
            response = self.url_open("/my/petitions")
        self.assertEqual(response.text.count("o_petition_row"), 20, "a full page")
        _logger.info("/my/petitions queries: %s with 1 petition and with 50", one)
        self.assertTrue(user)

    def test_dispatch_list_query_count_does_not_grow(self):
        self.private_a.with_user(self.officer_a).dispatch(self.department_urban)
        self._login(self.liaison)
        one = self._queries("/my/dispatches")
        petitions = self.Petition.create(
            [
                {
                    "title": f"Matter {i}",
                    "description": "x",
                    "partner_id": self.resident_a.id,
                    "area_id": self.community_a.id,
                    "category_id": self.cat_private.id,
                }
                for i in range(29)
            ]
        )
        for petition in petitions:
            petition.dispatch(self.department_urban)
        self.url_open("/my/dispatches")  # warm the caches
        with self.assertQueryCount(one):
            response = self.url_open("/my/dispatches")
        self.assertEqual(response.text.count("o_dispatch_row"), 20, "a full page")
        _logger.info("/my/dispatches queries: %s with 1 dispatch and with 30", one)

    # Browser

    def test_tour_resident_submits_petition(self):
        self.start_tour(
            "/my/petitions", "community_petition_portal_tour", login="cg_portal_a"
        )
        petition = self.Petition.search(
            [("title", "=", "Stairwell light broken on the 3rd floor")]
        )
        self.assertEqual(petition.partner_id, self.resident_a)
