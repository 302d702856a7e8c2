# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import CommunityCase, PortalHttpMixin


@tagged("post_install", "-at_install")
class TestClubPortal(PortalHttpMixin, HttpCase, CommunityCase):
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

    def _find_membership(self, partner, club):
        return self.env["community.club.membership"].search(
            [("partner_id", "=", partner.id), ("club_id", "=", club.id)]
        )

    def test_join_approve_leave_on_the_portal(self):
        self._login(self.portal_a)
        page = self.url_open(f"/my/clubs/{self.club_dance.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ask to join", page.text)
        self.assertIn("Leaders: Dance Leader", page.text)
        self.assertNotIn("Requests to join", page.text)
        response = self._post(f"/my/clubs/{self.club_dance.id}/join")
        self.assertIn("was sent to its leaders", response.text)
        self.assertIn("Withdraw my request", response.text)
        membership = self._find_membership(self.resident_a, self.club_dance)
        self.assertEqual(membership.state, "requested")
        # Asking twice gives a clear message and writes nothing.
        response = self._post(f"/my/clubs/{self.club_dance.id}/join")
        self.assertIn("already is a member", response.text)
        self.assertIn("alert-danger", response.text)
        self.assertEqual(
            len(self._find_membership(self.resident_a, self.club_dance)), 1
        )
        # The resident who is no leader cannot approve their own request.
        url = f"/my/clubs/{self.club_dance.id}/requests/{membership.id}"
        response = self._post(f"{url}/approve")
        self.assertIn("Only the leaders", response.text)
        self.assertEqual(membership.state, "requested")
        # ... and the neighbour does not even see it.
        self._login(self.portal_neighbour)
        self.assertEqual(self._post(f"{url}/approve").status_code, 404)
        self.assertEqual(self._post(f"{url}/decline").status_code, 404)
        self.assertEqual(membership.state, "requested")
        # The leader sees the request and approves it.
        self._login(self.leader_user)
        page = self.url_open(f"/my/clubs/{self.club_dance.id}")
        self.assertIn("Requests to join", page.text)
        self.assertIn("Resident A", page.text)
        response = self._post(f"{url}/approve")
        self.assertIn("Resident A joined Square Dance", response.text)
        self.assertEqual(membership.state, "active")
        # A request of another club cannot be handled through this club.
        other = self.env["community.club.membership"].create(
            {"partner_id": self.neighbour_a.id, "club_id": self.association.id}
        )
        response = self._post(
            f"/my/clubs/{self.club_dance.id}/requests/{other.id}/approve"
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(other.state, "requested")
        self._login(self.portal_a)
        response = self._post(f"/my/clubs/{self.club_dance.id}/leave")
        self.assertIn("You left", response.text)
        self.assertEqual(membership.state, "left")
        response = self._post(f"/my/clubs/{self.club_dance.id}/leave")
        self.assertIn("You are not a member of Square Dance", response.text)

    def test_leader_declines_on_the_portal(self):
        request = self.env["community.club.membership"].create(
            {"partner_id": self.resident_a.id, "club_id": self.club_dance.id}
        )
        self._login(self.leader_user)
        response = self._post(
            f"/my/clubs/{self.club_dance.id}/requests/{request.id}/decline"
        )
        self.assertIn("The request of Resident A was declined", response.text)
        self.assertEqual(request.state, "left")
        response = self._post(
            f"/my/clubs/{self.club_dance.id}/requests/{request.id}/approve"
        )
        self.assertEqual(response.status_code, 404, "no request any more")
        self.assertEqual(request.state, "left")

    def test_bad_requests_on_club_routes(self):
        request = self.env["community.club.membership"].create(
            {"partner_id": self.neighbour_a.id, "club_id": self.club_dance.id}
        )
        club = self.club_dance.id
        routes = [
            f"/my/clubs/{club}/join",
            f"/my/clubs/{club}/leave",
            f"/my/clubs/{club}/requests/{request.id}/approve",
            f"/my/clubs/{club}/requests/{request.id}/decline",
        ]
        self._login(self.leader_user)
        for url in routes:
            with self.subTest(url=url):
                with mute_logger("odoo.http"):
                    self.assertEqual(self._post(url, csrf=False).status_code, 400)
                self.assertEqual(self.url_open(url).status_code, 405, "POST only")
        for verb in ("join", "leave"):
            response = self._post(f"/my/clubs/{self.club_b.id}/{verb}")
            self.assertEqual(response.status_code, 404, "another community's club")
        for bad in ("0", "99999999999", "²", "abc"):
            with self.subTest(bad=bad):
                self.assertEqual(self.url_open(f"/my/clubs/{bad}").status_code, 404)
                for verb in ("join", "leave"):
                    response = self._post(f"/my/clubs/{bad}/{verb}")
                    self.assertEqual(response.status_code, 404)
                for verb in ("approve", "decline"):
                    response = self._post(f"/my/clubs/{club}/requests/{bad}/{verb}")
                    self.assertEqual(response.status_code, 404)
                    response = self._post(
                        f"/my/clubs/{bad}/requests/{request.id}/{verb}"
                    )
                    self.assertEqual(response.status_code, 404)
        self.assertEqual(request.state, "requested")
        self.assertEqual(
            self._post(
                f"/my/clubs/{club}/requests", {"membership_id": request.id}
            ).status_code,
            404,
            "the old route is gone",
        )
        self.assertEqual(request.state, "requested")
        self.assertEqual(
            self.url_open("/my/clubs?filterby=%00&search=%00x").status_code, 200
        )

    @mute_logger("odoo.http")
    def test_rules_hold_over_json_rpc(self):
        self._login(self.portal_a)
        Membership = "community.club.membership"
        values = {"partner_id": self.resident_a.id, "club_id": self.club_dance.id}
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(Membership, "create", [values])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call("community.club", "action_request_membership", [self.club_b.id])
        self.club_dance.is_open = False
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self._call(
                "community.club", "action_request_membership", [self.club_dance.id]
            )
        self.club_dance.is_open = True
        self._call("community.club", "action_request_membership", [self.club_dance.id])
        membership = self._find_membership(self.resident_a, self.club_dance)
        self.assertEqual(membership.state, "requested")
        with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
            self._call(
                "community.club", "action_request_membership", [self.club_dance.id]
            )
        for method, args in (
            ("action_approve", ()),
            ("write", ({"state": "active"},)),
            ("unlink", ()),
        ):
            with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._call(Membership, method, [membership.id], *args)
        self.assertEqual(membership.state, "requested")
        self._login(self.leader_user)
        self._call(Membership, "action_approve", [membership.id])
        self.assertEqual(membership.state, "active")

    def test_refused_cases(self):
        self._login(self.portal_a)
        # A club of another community does not exist for this resident.
        self.assertEqual(self.url_open(f"/my/clubs/{self.club_b.id}").status_code, 404)
        response = self._post(f"/my/clubs/{self.club_b.id}/join")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self._find_membership(self.resident_a, self.club_b))
        # Without the CSRF token nothing happens.
        with mute_logger("odoo.http"):
            response = self._post(f"/my/clubs/{self.club_dance.id}/join", csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._find_membership(self.resident_a, self.club_dance))
        # A closed club takes no request.
        self.club_dance.is_open = False
        response = self._post(f"/my/clubs/{self.club_dance.id}/join")
        self.assertIn("does not take new members", response.text)
        self.assertFalse(self._find_membership(self.resident_a, self.club_dance))
        self.assertEqual(
            self.url_open(f"/my/clubs/{self.club_b.id}abc").status_code, 404
        )

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
        membership = self._find_membership(self.resident_a, self.club_dance)
        self.assertEqual(membership.state, "requested")
