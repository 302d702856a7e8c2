# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import re

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .petition_common import PetitionCase

_logger = logging.getLogger(__name__)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@tagged("post_install", "-at_install")
class TestPetitionPortal(HttpCase, PetitionCase):
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

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _post(self, url, data, files=None, csrf=True):
        # Never empty: an empty body would be sent as a GET.
        data = dict(data, sent="1")
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

    def test_home_counters(self):
        counters = ["petition_count", "dispatch_count"]
        self._login(self.portal_a)
        result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
        self.assertEqual(result, {"petition_count": 2, "dispatch_count": 0})
        self._login(self.portal_b)
        result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
        self.assertEqual(result["petition_count"], 1)
        self.private_a.with_user(self.officer_a).action_dispatch(self.department_urban)
        self._login(self.liaison)
        result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
        self.assertEqual(result, {"petition_count": 0, "dispatch_count": 1})

    def test_page_and_refused_ids(self):
        self._login(self.portal_a)
        response = self.url_open(f"/my/petitions/{self.private_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Leak from upstairs", response.text)
        self.assertIn("o_portal_chatter", response.text)
        # Another community's petition, a missing one: back to /my.
        for petition_id in (self.private_b.id, 999999):
            response = self.url_open(f"/my/petitions/{petition_id}")
            self.assertTrue(response.url.endswith(("/my", "/my/home")), response.url)
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
        self.assertNotIn("Leak from upstairs", response.text)

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

    # New petition

    def test_new_petition_with_photo(self):
        self._login(self.portal_a)
        response = self._new(
            title="Dark stairwell",
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
            ({"area_id": self.entrance_b.id}, "Choose an area of your own community"),
            ({"area_id": "abc"}, "Choose an area of your own community"),
            ({"category_id": inactive.id}, "Choose one of the categories offered"),
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
        ]
        before = self.Petition.search_count([])
        for values, message in cases:
            with self.subTest(message=message):
                response = self._new(**values)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
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
        again = self._post("/my/petitions/new", data)
        self.assertEqual(again.status_code, 400)
        self.assertIn("already sent", again.text)
        # A fresh form with the same petition within a minute.
        data["form_token"] = self._form_token()
        third = self._post("/my/petitions/new", data)
        self.assertEqual(third.status_code, 400)
        self.assertIn("You just sent this petition", third.text)
        self.assertEqual(
            self.Petition.search_count([("title", "=", "Broken window")]), 1
        )

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
        response = self._post(
            f"/my/petitions/{self.private_a.id}/cosign", {}, csrf=False
        )
        self.assertEqual(response.status_code, 400)
        response = self._post(
            f"/my/dispatches/{self.private_a.id}/acknowledge", {}, csrf=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.public_a.signature_count, signatures)

    def test_get_on_post_routes_refused(self):
        self._login(self.portal_neighbour)
        response = self.url_open(f"/my/petitions/{self.public_a.id}/cosign")
        self.assertEqual(response.status_code, 405)

    # Actions on the page

    def test_cosign_and_refusals(self):
        self.private_a._portal_ensure_token()
        self._login(self.portal_b)
        response = self._post(f"/my/petitions/{self.public_a.id}/cosign", {})
        self.assertTrue(response.url.endswith(("/my", "/my/home")))
        self.assertEqual(self.public_a.signature_count, 0)
        self._login(self.portal_a)
        response = self.url_open(f"/my/petitions/{self.public_a.id}")
        self.assertIn("o_petition_cosign", response.text)
        response = self._post(
            f"/my/petitions/{self.public_a.id}/cosign", {"anonymous": "1"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.public_a.signature_count, 1)
        self.assertTrue(self.public_a.signature_ids.is_anonymous)
        response = self._post(f"/my/petitions/{self.public_a.id}/cosign", {})
        self.assertIn("already co-signed", response.text)
        self.assertEqual(self.public_a.signature_count, 1)
        response = self._post(f"/my/petitions/{self.private_a.id}/unknown", {})
        self.assertEqual(response.status_code, 404)

    def test_handler_and_owner_actions(self):
        self._login(self.portal_a)
        # The resident is not the handler.
        response = self._post(f"/my/petitions/{self.private_a.id}/take", {})
        self.assertTrue(response.url.endswith(("/my", "/my/home")))
        self.assertEqual(self.private_a.state, "new")
        self._login(self.steward)
        page = self.url_open(f"/my/petitions/{self.private_a.id}")
        self.assertIn("/take", page.text)
        self._post(f"/my/petitions/{self.private_a.id}/take", {})
        self.assertEqual(self.private_a.state, "in_progress")
        response = self._post(
            f"/my/petitions/{self.private_a.id}/resolve", {"resolution": " "}
        )
        self.assertIn("Say how the matter was resolved", response.text)
        self.assertEqual(self.private_a.state, "in_progress")
        self._post(
            f"/my/petitions/{self.private_a.id}/resolve", {"resolution": "Pipe fixed"}
        )
        self.assertEqual(self.private_a.state, "resolved")
        self.assertEqual(self.private_a.settled_level, "entrance")
        # The steward cannot rate in the resident's place.
        response = self._post(
            f"/my/petitions/{self.private_a.id}/rate", {"rating": "1"}
        )
        self.assertTrue(response.url.endswith(("/my", "/my/home")))
        self._login(self.portal_a)
        self._post(
            f"/my/petitions/{self.private_a.id}/rate",
            {"rating": "5", "comment": "Thanks"},
        )
        self.assertEqual(self.private_a.rating, 5)
        self._post(
            f"/my/petitions/{self.private_a.id}/reopen", {"reason": "Leaks again"}
        )
        self.assertEqual(self.private_a.state, "in_progress")
        self.assertEqual(self.private_a.user_id, self.steward)

    # Liaisons

    def test_liaison_pages(self):
        self.private_a.with_user(self.officer_a).action_dispatch(
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
        page = self.url_open(f"/my/dispatches/{urban.id}")
        self.assertIn("Leak from upstairs", page.text)
        # Nothing personal about the resident.
        for private in ("Resident A", "13900000001", "resident.a@example.com"):
            self.assertNotIn(private, page.text)
        response = self.url_open(f"/my/dispatches/{traffic.id}")
        self.assertTrue(response.url.endswith(("/my", "/my/home")))
        response = self.url_open(f"/my/petitions/{self.private_a.id}")
        self.assertNotIn("Leak from upstairs", response.text)
        self._post(f"/my/dispatches/{traffic.id}/acknowledge", {})
        self.assertEqual(traffic.state, "summoned")
        self._post(f"/my/dispatches/{urban.id}/acknowledge", {})
        self.assertEqual(urban.state, "acknowledged")
        response = self._post(f"/my/dispatches/{urban.id}/decline", {"reason": ""})
        self.assertIn("Give the reason", response.text)
        self.assertEqual(urban.state, "acknowledged")
        self._post(f"/my/dispatches/{urban.id}/report", {"report": "Pipe replaced"})
        self.assertEqual(urban.state, "reported")
        # Residents have no dispatch pages.
        self._login(self.portal_a)
        response = self.url_open("/my/dispatches")
        self.assertTrue(response.url.endswith(("/my", "/my/home")))
        response = self.url_open(f"/my/dispatches/{urban.id}")
        self.assertTrue(response.url.endswith(("/my", "/my/home")))

    # Performance

    def _queries(self, url):
        self.url_open(url)  # warm the caches
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_list_query_count_does_not_grow(self):
        resident = self.env["res.partner"].create(
            {
                "name": "Busy Resident",
                "is_resident": True,
                "area_id": self.entrance_a2.id,
            }
        )
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": "cg_busy",
                    "password": "cg_busy",
                    "partner_id": resident.id,
                    "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
                }
            )
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
        fifty = self._queries("/my/petitions")
        response = self.url_open("/my/petitions")
        self.assertEqual(response.text.count("o_petition_row"), 50 + 1)  # + public_a
        _logger.info(
            "/my/petitions queries: %s with 1 petition, %s with 50", one, fifty
        )
        self.assertEqual(one, fifty, "the list page must not query per petition")
        self.assertTrue(user)

    # Browser

    def test_tour_resident_submits_petition(self):
        self.start_tour(
            "/my/petitions", "community_petition_portal_tour", login="cg_portal_a"
        )
        petition = self.Petition.search(
            [("title", "=", "Stairwell light broken on the 3rd floor")]
        )
        self.assertEqual(petition.partner_id, self.resident_a)
