# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import CommunityCase, PortalHttpMixin


@tagged("post_install", "-at_install")
class TestVolunteerPortal(PortalHttpMixin, HttpCase, CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteers()
        cls.today = fields.Date.today()
        cls.neighbour_draft = cls._hour_cls(cls.neighbour_a, date(2026, 6, 1), "draft")
        cls.own_submitted = cls._hour_cls(cls.resident_a, date(2026, 6, 2), "submitted")
        cls.in_activity = cls._hour_cls(
            cls.resident_a, date(2026, 6, 3), "submitted", activity_id=cls.activity_a.id
        )

    @classmethod
    def _hour_cls(cls, partner, day, state, **vals):
        return cls._hour(partner, day=day, state=state, **vals)

    def test_my_volunteer_page_and_query_count(self):
        self._login(self.portal_a)
        response = self.url_open("/my/volunteer")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Log hours", response.text)
        self.assertNotIn("Become a volunteer", response.text)
        self.assertEqual(response.text.count("o_volunteer_hour_row"), 2)
        # same number of queries with 2 entries and with a full page out of 42
        with self.assertQueryCount(15):
            self.url_open("/my/volunteer")
        self.env["community.volunteer.hour"].create(
            [
                {
                    "volunteer_id": self.resident_a.id,
                    "date": date(2025, 1, 1) + timedelta(days=i),
                    "hours": 0.5,
                    "state": "approved",
                    "activity_id": self.activity_a.id,
                }
                for i in range(40)
            ]
        )
        self.env.flush_all()
        with self.assertQueryCount(15):
            response = self.url_open("/my/volunteer")
        self.assertEqual(response.text.count("o_volunteer_hour_row"), 20)  # pager
        response = self.url_open("/my/volunteer?filterby=submitted&year=2026")
        self.assertEqual(response.text.count("o_volunteer_hour_row"), 2)
        response = self.url_open("/my/volunteer?year=abc&filterby=nonsense")
        self.assertEqual(response.status_code, 200)
        # the portal home counts my entries
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["volunteer_hour_count", "volunteer_approval_count"]},
        )
        self.assertEqual(counters["volunteer_hour_count"], 42)
        self.assertEqual(counters["volunteer_approval_count"], 0)

    def test_log_hours(self):
        self._login(self.portal_a)
        Hour = self.env["community.volunteer.hour"]
        response = self._post(
            "/my/volunteer/log",
            {
                "date": str(self.today),
                "hours": "2.5",
                "description": "Helped",
                "activity_id": str(self.activity_a.id),
                "save": "submit",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your hours were saved.", response.text)
        entry = Hour.search(
            [("volunteer_id", "=", self.resident_a.id), ("date", "=", self.today)]
        )
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(entry.hours, 2.5)
        self.assertEqual(entry.line_id, self.line_service)
        response = self._post(
            "/my/volunteer/log",
            {"date": str(self.today), "hours": "0,5", "save": "draft"},
        )
        self.assertIn("Your hours were saved.", response.text)
        draft = Hour.search(
            [("volunteer_id", "=", self.resident_a.id), ("state", "=", "draft")]
        )
        self.assertEqual((draft.hours, draft.line_id), (0.5, self.line_volunteer))
        # bad input: a clear message, the form again and nothing written
        count = Hour.search_count([])
        for data, message in (
            ({"date": str(self.today), "hours": "abc"}, "must be a number"),
            ({"date": str(self.today), "hours": "²"}, "must be a number"),
            ({"date": str(self.today), "hours": "30"}, "no more than 24 hours"),
            ({"date": str(self.today), "hours": ""}, "more than 0"),
            (
                {"date": str(self.today + timedelta(days=2)), "hours": "1"},
                "in the future",
            ),
            ({"date": "2019-05-01", "hours": "1"}, "before that"),
            ({"date": str(self.today), "hours": "23"}, "24 hours"),
            ({"date": "x", "hours": "1"}, "is not a valid date"),
            ({"date": "", "hours": "1"}, "is required"),
            (
                {"date": str(self.today), "hours": "1", "description": "a\x00b"},
                "cannot be stored",
            ),
            (
                {
                    "date": str(self.today),
                    "hours": "1",
                    "line_id": str(self.line_party.id),
                },
                "recorded by the office only",
            ),
            (
                {
                    "date": str(self.today),
                    "hours": "1",
                    "activity_id": str(self.activity_b.id),
                },
                "Choose an activity",
            ),
        ):
            with self.subTest(data=data):
                response = self._post("/my/volunteer/log", dict(data, save="submit"))
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("alert-danger", response.text)
        self.assertEqual(Hour.search_count([]), count)
        # what was typed is kept
        response = self._post(
            "/my/volunteer/log",
            {"date": str(self.today), "hours": "30", "description": "Night watch"},
        )
        self.assertIn("Night watch</textarea>", response.text)
        # without CSRF token: refused
        with mute_logger("odoo.http"):
            response = self._post(
                "/my/volunteer/log", {"date": str(self.today), "hours": "1"}, csrf=False
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Hour.search_count([]), count)

    def test_edit_own_drafts_only(self):
        self._login(self.portal_a)
        draft = self._hour_cls(self.resident_a, date(2026, 6, 5), "draft")
        url = f"/my/volunteer/hour/{draft.id}"
        response = self._post(
            f"{url}/save", {"date": "2026-06-05", "hours": "3", "description": "Fixed"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your hours were saved.", response.text)
        self.assertEqual((draft.hours, draft.description), (3, "Fixed"))
        response = self._post(f"{url}/save", {"date": "2026-06-05", "hours": "-3"})
        self.assertIn("more than 0", response.text)
        self.assertEqual(draft.hours, 3)
        response = self._post(f"{url}/save", {"date": "2026-13-05", "hours": "1"})
        self.assertIn("is not a valid date", response.text)
        self.assertEqual(draft.date, date(2026, 6, 5))
        response = self._post(f"{url}/submit")
        self.assertEqual(response.status_code, 200)
        self.assertIn("submitted for approval", response.text)
        self.assertEqual(draft.state, "submitted")
        # submitted: no more changes
        for verb in ("delete", "submit", "save"):
            response = self._post(f"{url}/{verb}", {"date": "2026-06-05", "hours": "1"})
            self.assertIn("Only your own draft hours can be changed", response.text)
        self.assertTrue(draft.exists())
        self.assertEqual((draft.state, draft.hours), ("submitted", 3))
        # someone else's draft: not found
        for verb in ("delete", "submit", "save"):
            response = self._post(
                f"/my/volunteer/hour/{self.neighbour_draft.id}/{verb}",
                {"date": "2026-06-01", "hours": "1"},
            )
            self.assertEqual(response.status_code, 404)
        self.assertTrue(self.neighbour_draft.exists())
        self.assertEqual(self.neighbour_draft.hours, 2)
        other = self._hour_cls(self.resident_a, date(2026, 6, 6), "draft")
        response = self._post(f"/my/volunteer/hour/{other.id}/delete")
        self.assertIn("The draft was deleted.", response.text)
        self.assertFalse(other.exists())

    def test_bad_requests_on_hour_routes(self):
        self._login(self.portal_a)
        draft = self._hour_cls(self.resident_a, date(2026, 6, 5), "draft")
        for verb in ("save", "submit", "delete"):
            with self.subTest(verb=verb):
                url = f"/my/volunteer/hour/{draft.id}/{verb}"
                with mute_logger("odoo.http"):
                    self.assertEqual(self._post(url, csrf=False).status_code, 400)
                self.assertEqual(self.url_open(url).status_code, 405, "POST only")
                for bad in ("0", "99999999999", "²", "abc", "999999"):
                    response = self._post(f"/my/volunteer/hour/{bad}/{verb}")
                    self.assertEqual(response.status_code, 404, bad)
        self.assertEqual(
            self._post(
                f"/my/volunteer/hour/{draft.id}", {"action": "delete"}
            ).status_code,
            404,
            "the old route is gone",
        )
        self.assertTrue(draft.exists())
        for url in (
            "/my/volunteer/log",
            "/my/volunteer/register",
            "/my/volunteer/approvals/approve",
            "/my/volunteer/approvals/reject",
        ):
            with self.subTest(url=url), mute_logger("odoo.http"):
                self.assertEqual(self._post(url, csrf=False).status_code, 400)
        self.assertEqual(self.url_open("/my/volunteer?page=1&year=²").status_code, 200)

    def test_register_from_portal(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Newcomer",
                "is_resident": True,
                "household_id": self.household_a.id,
            }
        )
        self.env["res.users"].with_context(no_reset_password=True).create(
            {
                "login": "cg_newcomer",
                "password": "cg_newcomer",
                "partner_id": partner.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        self.authenticate("cg_newcomer", "cg_newcomer")
        response = self.url_open("/my/volunteer")
        self.assertIn("Become a volunteer", response.text)
        response = self._post(
            "/my/volunteer/register", {"line_ids": str(self.line_party.id)}
        )
        self.assertIn("recorded by the office only", response.text)
        self.assertFalse(partner.is_volunteer)
        response = self._post("/my/volunteer/register", {"skill_ids": "999999"})
        self.assertIn("Choose from the lists", response.text)
        self.assertFalse(partner.is_volunteer)
        # anything but ids is refused, not dropped (issue 13)
        for bad in ("²", "0"):
            response = self._post(
                "/my/volunteer/register",
                {"line_ids": [str(self.line_service.id), bad]},
            )
            self.assertIn("Choose from the lists", response.text)
            self.assertFalse(partner.is_volunteer)
        response = self._post(
            "/my/volunteer/register",
            {"line_ids": [str(self.line_service.id)], "availability": "weekend"},
        )
        self.assertIn("You are registered as a volunteer", response.text)
        self.assertIn("Log hours", response.text)
        self.assertTrue(partner.is_volunteer)
        self.assertEqual(partner.volunteer_availability, "weekend")
        self.assertIn(self.line_service, partner.volunteer_line_ids)
        self.assertIn(self.line_volunteer, partner.sudo().line_ids)
        # a portal user who is not a resident cannot
        self.authenticate("cg_liaison", "cg_liaison")
        response = self._post("/my/volunteer/register", {})
        self.assertIn("Only residents of a community", response.text)
        self.assertFalse(self.liaison_partner.is_volunteer)

    def test_coordinator_approves_from_portal(self):
        self._login(self.portal_neighbour)
        response = self.url_open("/my/volunteer/approvals")
        self.assertIn("Resident A", response.text)
        # not the entry of another activity
        response = self._post(
            "/my/volunteer/approvals/approve", {"hour_ids": str(self.own_submitted.id)}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.own_submitted.state, "submitted")
        response = self._post(
            "/my/volunteer/approvals/approve",
            {"hour_ids": [str(self.in_activity.id), str(self.own_submitted.id)]},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.in_activity.state, "submitted")
        with mute_logger("odoo.http"):
            response = self._post(
                "/my/volunteer/approvals/approve",
                {"hour_ids": str(self.in_activity.id)},
                csrf=False,
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.in_activity.state, "submitted")
        response = self._post("/my/volunteer/approvals/approve", {})
        self.assertIn("Choose the hours to decide on", response.text)
        # anything but ids is refused, not dropped (issue 13)
        for bad in ("", "0", "99999999999", "²"):
            response = self._post("/my/volunteer/approvals/approve", {"hour_ids": bad})
            self.assertIn("Choose from the lists of the form", response.text)
            self.assertEqual(self.in_activity.state, "submitted")
        response = self._post(
            "/my/volunteer/approvals/reject", {"hour_ids": str(self.in_activity.id)}
        )
        self.assertIn("reason", response.text)
        self.assertEqual(self.in_activity.state, "submitted")
        response = self._post(
            "/my/volunteer/approvals/approve", {"hour_ids": str(self.in_activity.id)}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("The hours were approved.", response.text)
        self.assertEqual(self.in_activity.state, "approved")
        self.assertNotIn("o_volunteer_approvals", response.text, "none left")
        # the volunteer is no coordinator
        self._login(self.portal_a)
        other = self._hour_cls(
            self.resident_a,
            date(2026, 6, 7),
            "submitted",
            activity_id=self.activity_a.id,
        )
        response = self._post(
            "/my/volunteer/approvals/approve", {"hour_ids": str(other.id)}
        )
        self.assertIn("You do not coordinate the activity", response.text)
        self.assertEqual(other.state, "submitted")

    def test_coordinator_rejects_from_portal(self):
        self._login(self.portal_neighbour)
        response = self._post(
            "/my/volunteer/approvals/reject",
            {"hour_ids": str(self.in_activity.id), "reason": "Not there that day"},
        )
        self.assertIn("The hours were rejected.", response.text)
        self.assertEqual(self.in_activity.state, "rejected")
        self.assertEqual(self.in_activity.reject_reason, "Not there that day")

    @mute_logger("odoo.http")
    def test_rules_hold_over_json_rpc(self):
        Hour = "community.volunteer.hour"
        self._login(self.portal_a)
        values = {"date": "2026-06-01", "hours": 1}
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(Hour, "create", [dict(values, volunteer_id=self.neighbour_a.id)])
        for method, args in (
            ("action_approve", ()),
            ("reject", ("no",)),
            ("write", ({"state": "approved"},)),
        ):
            with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._call(Hour, method, [self.in_activity.id], *args)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(Hour, "unlink", [self.neighbour_draft.id])
        self.assertEqual(self.in_activity.state, "submitted")
        self.assertTrue(self.neighbour_draft.exists())
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call("res.partner", "register_volunteer", [self.neighbour_a.id])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(
                "community.volunteer.certificate",
                "issue",
                self.neighbour_a.id,
                "2026-01-01",
                "2026-06-30",
            )
        self._login(self.portal_neighbour)
        self._call(Hour, "reject", [self.in_activity.id], "Not on the list")
        self.assertEqual(self.in_activity.state, "rejected")

    def test_certificate_download_and_verification(self):
        self.resident_a.sudo().write({"phone": "13880000005", "name": "刘玉玲"})
        self.env["community.volunteer.hour"].create(
            {
                "volunteer_id": self.resident_a.id,
                "date": date(2026, 3, 1),
                "hours": 5,
                "state": "approved",
            }
        )
        self._login(self.portal_a)
        response = self.url_open("/my/volunteer/certificate?year=2026")
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            response.headers["Content-Type"], ("application/pdf", "text/html")
        )
        certificate = self.env["community.volunteer.certificate"].search(
            [("partner_id", "=", self.resident_a.id)]
        )
        self.assertEqual(certificate.hours, 5)
        self.url_open("/my/volunteer/certificate?year=2026")
        self.assertEqual(
            len(certificate.search([("partner_id", "=", self.resident_a.id)])), 1
        )
        for year in ("abc", "²", "", "99999999999"):
            response = self.url_open(f"/my/volunteer/certificate?year={year}")
            self.assertEqual(response.status_code, 404, year)
        for year in ("2019", "2999"):
            response = self.url_open(f"/my/volunteer/certificate?year={year}")
            self.assertEqual(response.status_code, 200)
            self.assertIn("alert-danger", response.text)
            self.assertIn("Volunteer Hours", response.text)
        self.assertEqual(
            len(certificate.search([("partner_id", "=", self.resident_a.id)])), 1
        )
        # public verification, logged out
        self.authenticate(None, None)
        response = self.url_open(f"/volunteer/verify/{certificate.code}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("genuine", response.text)
        self.assertIn("刘*玲", response.text)
        self.assertNotIn("刘玉玲", response.text)
        self.assertNotIn("13880000005", response.text)
        self.assertNotIn("resident.a@example.com", response.text)
        self.assertIn('o_volunteer_verify_hours">5<', response.text)
        response = self.url_open("/volunteer/verify/unknown-code-123456")
        self.assertEqual(response.status_code, 404)
        self.assertIn("No certificate", response.text)
        self.assertEqual(self.url_open("/volunteer/verify/x").status_code, 404)
        response = self.url_open(f"/volunteer/verify/{certificate.code}%00")
        self.assertEqual(response.status_code, 404)

    def test_portal_tour_log_hours(self):
        self.start_tour(
            "/my/volunteer", "community_volunteer_portal_tour", login="cg_portal_a"
        )
        entry = self.env["community.volunteer.hour"].search(
            [("volunteer_id", "=", self.resident_a.id), ("hours", "=", 3)]
        )
        self.assertEqual(entry.state, "submitted")
        self.assertEqual(entry.description, "Cleaned the stairwell")

    def test_approvals_page_query_count(self):
        self._login(self.portal_neighbour)
        self.url_open("/my/volunteer/approvals")  # warm-up
        with self.assertQueryCount(9):
            response = self.url_open("/my/volunteer/approvals")
        self.assertEqual(response.text.count('name="hour_ids"'), 1)
        volunteers = self.env["res.partner"].create(
            [
                {
                    "name": f"Volunteer {i}",
                    "is_resident": True,
                    "household_id": self.household_a.id,
                    "is_volunteer": True,
                    "volunteer_since": date(2020, 1, 1),
                }
                for i in range(10)
            ]
        )
        self.env["community.volunteer.hour"].create(
            [
                {
                    "volunteer_id": v.id,
                    "date": date(2026, 6, 1),
                    "hours": 1,
                    "state": "submitted",
                    "activity_id": self.activity_a.id,
                }
                for v in volunteers
            ]
        )
        self.env.flush_all()
        with self.assertQueryCount(9):
            response = self.url_open("/my/volunteer/approvals")
        self.assertEqual(response.text.count('name="hour_ids"'), 11)

    def test_backend_tour_approve(self):
        action = self.env.ref(
            "community_governance.community_volunteer_hour_action_to_approve"
        )
        self.start_tour(
            f"/odoo/action-{action.id}",
            "community_volunteer_backend_tour",
            login="cg_officer_a",
        )
        approved = (self.own_submitted | self.in_activity).filtered(
            lambda h: h.state == "approved"
        )
        self.assertEqual(len(approved), 1)
        self.assertEqual(approved.approver_id.login, "cg_officer_a")
