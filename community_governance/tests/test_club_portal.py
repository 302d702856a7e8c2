# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_steward_club import StewardClubCase


@tagged("post_install", "-at_install")
class TestClubPortal(HttpCase, StewardClubCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.club_dance.is_open = True
        cls.leader, cls.leader_user = cls._portal_resident(
            "Dance Leader", household=cls.household_a
        )
        cls.env["community.club.membership"].create(
            {
                "partner_id": cls.leader.id,
                "club_id": cls.club_dance.id,
                "role": "leader",
                "state": "active",
            }
        )

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _post(self, url, data=None, csrf=True):
        data = dict(data or {}, submitted="1")
        if csrf:
            page = self.url_open("/my").text
            data["csrf_token"] = re.search(r'csrf_token: "([^"]+)"', page).group(1)
        return self.url_open(url, data=data)

    def _membership(self, partner, club):
        return self.env["community.club.membership"].search(
            [("partner_id", "=", partner.id), ("club_id", "=", club.id)]
        )

    def test_join_approve_leave_on_the_portal(self):
        self._login(self.portal_a)
        page = self.url_open(f"/my/clubs/{self.club_dance.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ask to join", page.text)
        response = self._post(f"/my/clubs/{self.club_dance.id}/join")
        self.assertIn("was sent to its leaders", response.text)
        membership = self._membership(self.resident_a, self.club_dance)
        self.assertEqual(membership.state, "requested")
        # Asking twice gives a clear message and writes nothing.
        response = self._post(f"/my/clubs/{self.club_dance.id}/join")
        self.assertIn("already is a member", response.text)
        self.assertEqual(len(self._membership(self.resident_a, self.club_dance)), 1)
        # A member who is no leader cannot approve.
        response = self._post(
            f"/my/clubs/{self.club_dance.id}/requests",
            {"membership_id": membership.id, "decision": "approve"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(membership.state, "requested")
        # The leader sees the request and approves it.
        self._login(self.leader_user)
        page = self.url_open(f"/my/clubs/{self.club_dance.id}")
        self.assertIn("Resident A", page.text)
        response = self._post(
            f"/my/clubs/{self.club_dance.id}/requests",
            {"membership_id": membership.id, "decision": "approve"},
        )
        self.assertIn("joined", response.text)
        self.assertEqual(membership.state, "active")
        # A request of another club cannot be handled through this club.
        other = self.env["community.club.membership"].create(
            {"partner_id": self.neighbour_a.id, "club_id": self.association.id}
        )
        response = self._post(
            f"/my/clubs/{self.club_dance.id}/requests",
            {"membership_id": other.id, "decision": "approve"},
        )
        self.assertIn("does not exist any more", response.text)
        self.assertEqual(other.state, "requested")
        self._login(self.portal_a)
        response = self._post(f"/my/clubs/{self.club_dance.id}/leave")
        self.assertIn("You left", response.text)
        self.assertEqual(membership.state, "left")

    def test_refused_cases(self):
        self._login(self.portal_a)
        # A club of another community does not exist for this resident.
        self.assertEqual(self.url_open(f"/my/clubs/{self.club_b.id}").status_code, 404)
        response = self._post(f"/my/clubs/{self.club_b.id}/join")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self._membership(self.resident_a, self.club_b))
        # Without the CSRF token nothing happens.
        with mute_logger("odoo.http"):
            response = self._post(f"/my/clubs/{self.club_dance.id}/join", csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._membership(self.resident_a, self.club_dance))
        # A closed club takes no request.
        self.club_dance.is_open = False
        response = self._post(f"/my/clubs/{self.club_dance.id}/join")
        self.assertIn("does not take new members", response.text)
        self.assertFalse(self._membership(self.resident_a, self.club_dance))
        self.assertEqual(
            self.url_open(f"/my/clubs/{self.club_b.id}abc").status_code, 404
        )

    def test_rota_on_the_portal(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        slot = self.env["community.steward.slot"].create(
            {
                "name": "Market gate",
                "role_id": self.role_alley.id,
                "area_id": self.alley_a.id,
                "date_start": start,
                "date_end": start + timedelta(minutes=30),
            }
        )
        self._steward(self.resident_a, self.role_alley, self.alley_a, state="active")
        self._login(self.portal_a)
        page = self.url_open("/my/rota").text
        self.assertIn("Take this slot", page)
        self.assertIn("You serve as", page)
        self.assertIn("Market Lane", page)
        response = self._post(f"/my/rota/{slot.id}/signup")
        self.assertIn("The slot is yours", response.text)
        self.assertEqual(slot.partner_id, self.resident_a)
        self._login(self.portal_neighbour)
        response = self._post(f"/my/rota/{slot.id}/signup")
        self.assertIn("Someone else took this slot", response.text)
        self.assertEqual(slot.partner_id, self.resident_a)
        response = self._post(f"/my/rota/{slot.id}/cancel")
        self.assertIn("not yours", response.text)
        self._login(self.portal_b)
        self.assertEqual(self._post(f"/my/rota/{slot.id}/signup").status_code, 404)
        self.assertEqual(slot.partner_id, self.resident_a)

    def test_club_list_query_count(self):
        self._login(self.portal_a)
        Club = self.env["community.club"]
        Club.search([("community_id", "=", self.community_a.id)]).write(
            {"active": False}
        )
        chorus = Club.create({"name": "Chorus", "area_id": self.community_a.id})
        self.env["community.club.membership"].create(
            {"partner_id": self.resident_a.id, "club_id": chorus.id}
        )
        self.url_open("/my/clubs")  # warm up caches
        self.env.flush_all()
        count0 = self.cr.sql_log_count
        page = self.url_open("/my/clubs")
        one_club = self.cr.sql_log_count - count0
        self.assertIn("Chorus", page.text)
        clubs = Club.create(
            [{"name": f"Club {i}", "area_id": self.community_a.id} for i in range(15)]
        )
        self.env["community.club.membership"].create(
            [{"partner_id": self.resident_a.id, "club_id": c.id} for c in clubs[:5]]
        )
        self.url_open("/my/clubs")
        with self.assertQueryCount(one_club):
            page = self.url_open("/my/clubs")
        self.assertIn("Club 14", page.text)
        self.assertIn("Request sent", page.text)

    def test_join_tour(self):
        self.start_tour(
            "/my/clubs", "community_club_join_tour", login=self.portal_a.login
        )
        membership = self._membership(self.resident_a, self.club_dance)
        self.assertEqual(membership.state, "requested")
