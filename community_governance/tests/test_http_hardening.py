# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the server answers to bad ids in URLs, when PostgreSQL is unreachable,
and to scripts trying codes (issue 13). The live-server suite in tests/
restarts PostgreSQL for real; these tests simulate each failure."""

from datetime import timedelta
from unittest.mock import patch

import psycopg2

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CommunityCase, PortalHttpMixin

MUTE = ("odoo.http", "odoo.addons.community_governance.models.ir_http")


@tagged("post_install", "-at_install")
class TestHttpHardening(PortalHttpMixin, HttpCase, CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.petition = cls._petition(title="Dark stairwell")

    @mute_logger("odoo.http")
    def test_ids_in_urls(self):
        """werkzeug's <int:> took ² (int() refuses it: HTTP 500) and ١ (read
        as 1: another record); 2^31 and more overflow PostgreSQL."""
        self._login(self.portal_a)
        ok = self.url_open(f"/my/petitions/{self.petition.id}")
        self.assertEqual(ok.status_code, 200)
        for bad in ("²", "①", "١", str(2**31), "9" * 30, "0", "-1"):
            with self.subTest(id=bad):
                self.assertEqual(self.url_open(f"/my/petitions/{bad}").status_code, 404)
                self.assertEqual(
                    self._post(f"/my/petitions/{bad}/reopen").status_code, 404
                )
        page = self.url_open("/my/petitions/page/99999999999")
        self.assertEqual(page.status_code, 200)

    @mute_logger(*MUTE)
    def test_database_unreachable_inside_a_request(self):
        """The connection drops while a request runs: a 503 page saying to
        try again, not a 500."""
        self._login(self.portal_a)
        Petition = type(self.env["community.petition"])
        with patch.object(
            Petition,
            "_portal_domain",
            side_effect=psycopg2.OperationalError("server closed the connection"),
        ):
            response = self.url_open("/my/petitions")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.headers["Retry-After"], "5")
        self.assertIn("Try again", response.text)
        self.assertNotIn("Traceback", response.text)

    @mute_logger(*MUTE)
    def test_database_unreachable_before_the_request(self):
        """No connection can be opened: Odoo logged the user out and answered
        404; now a 503, and the user is still logged in afterwards."""
        self._login(self.portal_a)

        def unreachable(request):
            raise http.RegistryError("Cannot get registry") from (
                psycopg2.OperationalError("connection refused")
            )

        with patch.object(http.Request, "_open_registry", unreachable):
            response = self.url_open("/my/petitions")
        self.assertEqual(response.status_code, 503)
        self.assertIn("Back in a moment", response.text)
        after = self.url_open("/my/petitions")
        self.assertEqual(after.status_code, 200)
        self.assertNotIn("/web/login", after.url, "still logged in")

    @mute_logger("odoo.http")
    def test_certificate_verification_rate_limit(self):
        self.env["ir.config_parameter"].set_param(
            "community_governance.rate_limit_verify", "3"
        )
        answers = [
            self.url_open("/volunteer/verify/not-a-real-code-1234").status_code
            for _i in range(5)
        ]
        self.assertEqual(answers, [404, 404, 404, 429, 429])
        refused = self.url_open("/volunteer/verify/not-a-real-code-1234")
        self.assertIn("Wait a minute", refused.text)
        self.assertEqual(refused.headers.get("Retry-After"), "60")
        # 0 switches the limit off
        self.env["ir.config_parameter"].set_param(
            "community_governance.rate_limit_verify", "0"
        )
        self.assertEqual(
            self.url_open("/volunteer/verify/not-a-real-code-1234").status_code, 404
        )

    def test_check_in_code_rate_limit(self):
        self.env["ir.config_parameter"].set_param(
            "community_governance.rate_limit_checkin", "3"
        )
        begin = fields.Datetime.now().replace(microsecond=0) - timedelta(minutes=5)
        activity = self._event("Clean-up", begin=begin)
        self._register(activity, self.resident_a)
        as_resident = activity.with_user(self.portal_a)
        for code in ("AAAAAA", "BBBBBB", "CCCCCC"):
            # (no savepoint: in tests the counter shares the test's
            # transaction, in production it is committed on its own cursor)
            with self.assertRaisesRegex(UserError, "not right"):
                as_resident.check_in(code)
        # the fourth attempt this minute is refused, even with the right code
        with self.refused(UserError, "Too many attempts"):
            as_resident.check_in(activity.checkin_code)
        # others are not slowed down
        self._register(activity, self.neighbour_a)
        activity.with_user(self.portal_neighbour).check_in(activity.checkin_code)
        self.assertEqual(
            activity.registration_ids.filtered(
                lambda r: r.partner_id == self.neighbour_a
            ).state,
            "done",
        )


@tagged("post_install", "-at_install")
class TestPortalInputs(PortalHttpMixin, HttpCase, CommunityCase):
    """Bad values the bad-input generator found answered with the entry
    written anyway: a garbage activity or line id read as "none", a date
    followed by a NUL read as the date, garbage ticked ids dropped."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteers()

    def _entries(self):
        return self.env["community.volunteer.hour"].search_count(
            [("volunteer_id", "=", self.resident_a.id)]
        )

    @mute_logger("odoo.http")
    def test_hour_log_refuses_bad_ids_and_dates(self):
        self._login(self.portal_a)
        day = (fields.Date.today() - timedelta(days=3)).isoformat()
        before = self._entries()
        for values in (
            {"activity_id": "²"},
            {"activity_id": "-1"},
            {"line_id": "1 OR 1=1"},
            {"line_id": str(2**31)},
            {"date": day + "\x00"},
            {"date": "２０２６-０１-０１"},
        ):
            with self.subTest(values=values):
                data = {"date": day, "hours": "1", "description": "Gate", **values}
                response = self._post("/my/volunteer/log", data)
                self.assertEqual(response.status_code, 200)
                self.assertIn("alert-danger", response.text)
                self.assertEqual(self._entries(), before, "nothing written")
        # an empty choice is no activity
        self._post("/my/volunteer/log", {"date": day, "hours": "1", "activity_id": ""})
        self.assertEqual(self._entries(), before + 1)

    @mute_logger("odoo.http")
    def test_ticked_ids_are_ids(self):
        self._login(self.portal_neighbour)  # the coordinator of activity_a
        submitted = self._hour(self.resident_a, state="submitted")
        for bad in ("²", "abc", "0"):
            with self.subTest(hour_ids=bad):
                response = self._post(
                    "/my/volunteer/approvals/approve",
                    {"hour_ids": [str(submitted.id), bad]},
                )
                self.assertIn("Choose from the lists of the form", response.text)
                self.assertEqual(submitted.state, "submitted")
        response = self._post(
            f"/my/activities/{self.activity_a.id}/attendance",
            {"registration_ids": "²"},
        )
        self.assertIn("Choose from the lists of the form", response.text)
