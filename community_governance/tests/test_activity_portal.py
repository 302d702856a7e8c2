# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/activities over HTTP: residents register, cancel and check in, leaders
tick the attendees; what a resident may not see is a 404."""

import html
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CommunityCase, PortalHttpMixin


@tagged("post_install", "-at_install")
class TestActivityPortal(PortalHttpMixin, HttpCase, CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader, cls.leader_user = cls._club_leader(
            "Dance Leader", cls.club_dance, household=cls.household_a
        )
        cls.activity = cls._event(
            "Evening dance",
            club_id=cls.club_dance.id,
            begin=fields.Datetime.now().replace(microsecond=0) - timedelta(minutes=10),
            seats_limited=True,
            seats_max=2,
        )

    def _registration(self, partner, event=None):
        return self.env["event.registration"].search(
            [
                ("partner_id", "=", partner.id),
                ("event_id", "=", (event or self.activity).id),
            ]
        )

    def test_register_capacity_and_checkin(self):
        self._register(self.activity, self.leader)
        self._login(self.portal_a)
        page = self.url_open("/my/activities").text
        self.assertIn("Evening dance", page)
        self.assertIn("1 places left", page)
        response = self._post(f"/my/activities/{self.activity.id}/register")
        self.assertIn("You are registered", response.text)
        registration = self._registration(self.resident_a)
        self.assertEqual(registration.state, "open")
        # the registration's barcode as a QR code for the registration desk
        self.assertIn(f"/report/barcode/QR/{registration.barcode}", response.text)
        # Full: the neighbour is refused with a message.
        self._login(self.portal_neighbour)
        response = self._post(f"/my/activities/{self.activity.id}/register")
        self.assertIn("is full", response.text)
        self.assertFalse(self._registration(self.neighbour_a))
        # Wrong code, then right code.
        self._login(self.portal_a)
        response = self._post(
            f"/my/activities/{self.activity.id}/checkin", {"code": "WRONG1"}
        )
        self.assertIn("not right", response.text)
        self.assertEqual(registration.state, "open")
        response = self._post(
            f"/my/activities/{self.activity.id}/checkin", {"code": "bad\x00code"}
        )
        self.assertIn("cannot be stored", response.text)
        response = self._post(
            f"/my/activities/{self.activity.id}/checkin",
            {"code": self.activity.checkin_code.lower()},
        )
        self.assertIn("You are checked in", response.text)
        self.assertEqual(registration.state, "done")
        # the club page lists its activities
        page = self.url_open(f"/my/clubs/{self.club_dance.id}").text
        self.assertIn(f"/my/activities/{self.activity.id}", page)

    def test_cancel_on_the_portal(self):
        self._login(self.portal_a)
        response = self._post(f"/my/activities/{self.activity.id}/cancel")
        self.assertIn("no registration to cancel", response.text)
        self._post(f"/my/activities/{self.activity.id}/register")
        response = self._post(f"/my/activities/{self.activity.id}/cancel")
        self.assertIn("Your registration was cancelled", response.text)
        self.assertEqual(self._registration(self.resident_a).state, "cancel")
        self.assertIn(">Register</button>", response.text)

    def test_leader_takes_attendance(self):
        first, second = self._register(self.activity, self.resident_a, self.neighbour_a)
        other = self._event("Chorus rehearsal")
        (elsewhere,) = self._register(other, self.resident_a)
        self._login(self.leader_user)
        page = self.url_open(f"/my/activities/{self.activity.id}")
        self.assertIn("Neighbour A", page.text)
        # anything but ids is refused (issue 13): the form back, nobody ticked
        for bad in ("x", "9" * 12):
            response = self._post(
                f"/my/activities/{self.activity.id}/attendance",
                {"registration_ids": [str(first.id), bad]},
            )
            self.assertIn("Choose from the lists of the form", response.text)
            self.assertEqual(first.state, "open")
        # a registration of another activity is not checked in
        response = self._post(
            f"/my/activities/{self.activity.id}/attendance",
            {"registration_ids": [str(first.id), str(elsewhere.id)]},
        )
        self.assertIn("1 attendee(s) checked in", response.text)
        self.assertEqual(first.state, "done")
        self.assertEqual(second.state, "open")
        self.assertEqual(elsewhere.state, "open")
        self.assertEqual(self.activity.attendance_rate, 50.0)

    def test_refused_cases(self):
        self._login(self.portal_a)
        # An activity of another community does not exist for this resident.
        activity_b = self._event(
            "Chorus B rehearsal", area=self.community_b, club_id=self.club_b.id
        )
        self.assertEqual(
            self.url_open(f"/my/activities/{activity_b.id}").status_code, 404
        )
        response = self._post(f"/my/activities/{activity_b.id}/register")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(activity_b.registration_ids)
        self.assertNotIn("Chorus B rehearsal", self.url_open("/my/activities").text)
        # Nor does an unpublished one of their community.
        draft = self._event("Draft dance", portal_published=False)
        self.assertEqual(self.url_open(f"/my/activities/{draft.id}").status_code, 404)
        # Without the CSRF token nothing happens.
        with mute_logger("odoo.http"):
            response = self._post(
                f"/my/activities/{self.activity.id}/register", csrf=False
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._registration(self.resident_a))
        # Attendance is taken by leaders only.
        response = self._post(f"/my/activities/{self.activity.id}/attendance", {})
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(
            "Check in the ticked residents",
            self.url_open(f"/my/activities/{self.activity.id}").text,
        )
        self.assertEqual(self.url_open("/my/activities/999999").status_code, 404)
        self.assertEqual(self.url_open("/my/activities/99999999999").status_code, 404)

    def _scanned_url(self):
        """What the leader's QR code holds: read back from the page's image
        (the value the barcode route encodes)."""
        self._login(self.leader_user)
        page = self.url_open(f"/my/activities/{self.activity.id}").text
        match = re.search(r'o_cg_checkin_qr">\s*<img[^>]*? src="([^"]+)"', page)
        self.assertTrue(match, "the leader's page shows the check-in QR code")
        src = html.unescape(match.group(1))
        image = self.url_open(src)
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers["Content-Type"], "image/png")
        query = parse_qs(urlsplit(src).query)
        self.assertEqual(query["barcode_type"], ["QR"])
        return query["value"][0]

    def test_checkin_by_scanning_the_leaders_qr_code(self):
        self._register(self.activity, self.resident_a)
        url = self._scanned_url()
        scanned = urlsplit(url)
        self.assertEqual(scanned.path, f"/my/activities/{self.activity.id}")
        self.assertEqual(parse_qs(scanned.query)["code"], [self.activity.checkin_code])
        self.assertTrue(url.startswith(self.activity.get_base_url()))
        # the resident scans it: the check-in form comes with the code in it
        self._login(self.portal_a)
        page = self.url_open(f"{scanned.path}?{scanned.query}").text
        self.assertIn(f'value="{self.activity.checkin_code}"', page)
        self.assertNotIn("o_cg_checkin_qr", page, "residents do not get the QR")
        code = re.search(r'name="code"[^>]*value="([^"]*)"', page).group(1)
        response = self._post(
            f"/my/activities/{self.activity.id}/checkin", {"code": code}
        )
        self._ok(response, "You are checked in")
        registration = self._registration(self.resident_a)
        self.assertEqual(registration.state, "done")
        # once: scanning again says so, and nothing changes
        response = self._post(
            f"/my/activities/{self.activity.id}/checkin", {"code": code}
        )
        self._refused(response, "You are already checked in")
        self.assertEqual(registration.state, "done")

    def test_scanned_code_refusals(self):
        url = urlsplit(self._scanned_url())
        # a wrong code in the address is refused by the model's rule
        self._register(self.activity, self.resident_a)
        self._login(self.portal_a)
        page = self.url_open(f"{url.path}?code=WRONG1").text
        self.assertIn('value="WRONG1"', page)
        response = self._post(
            f"/my/activities/{self.activity.id}/checkin", {"code": "WRONG1"}
        )
        self._refused(response, "This check-in code is not right")
        self.assertEqual(self._registration(self.resident_a).state, "open")
        # a resident who did not register is told to register first
        self._login(self.portal_neighbour)
        self.assertIn('value="', self.url_open(f"{url.path}?{url.query}").text)
        response = self._post(
            f"/my/activities/{self.activity.id}/checkin",
            {"code": parse_qs(url.query)["code"][0]},
        )
        self._refused(response, "Register for the activity before checking in")
        self.assertFalse(self._registration(self.neighbour_a).filtered("active"))
        # a control character in the address is ignored, not an error page
        self.assertEqual(self.url_open(f"{url.path}?code=%00AB").status_code, 200)
        # the code is the leaders' to show, not the residents'
        with self.assertRaises(AccessError):
            self.activity.with_user(self.portal_a)._portal_checkin_url()

    def test_list_query_count(self):
        self._register(self.activity, self.resident_a)
        self._login(self.portal_a)
        self.url_open("/my/activities")  # warm up caches
        self.env.flush_all()
        count0 = self.cr.sql_log_count
        self.url_open("/my/activities")
        one = self.cr.sql_log_count - count0
        for index in range(10):
            event = self._event(f"Dance {index}", seats_limited=True, seats_max=5)
            if index % 2:
                self._register(event, self.resident_a)
        self.url_open("/my/activities")
        with self.assertQueryCount(one):
            page = self.url_open("/my/activities")
        self.assertIn("Dance 9", page.text)

    def test_register_tour(self):
        self.start_tour(
            "/my/activities",
            "community_activity_register_tour",
            login=self.portal_a.login,
        )
        self.assertEqual(self._registration(self.resident_a).state, "open")
