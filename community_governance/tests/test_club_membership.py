# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import users

from .common import CommunityCase


class TestClubMembership(CommunityCase):
    def test_join_approve_leave(self):
        membership = self._membership(self.resident_a, self.club_dance)
        self.assertEqual(membership.state, "requested")
        self.assertEqual(self.club_dance.member_count, 0)
        membership.with_user(self.officer_a).action_approve()
        self.assertEqual(membership.state, "active")
        # the day in the time zone of the officer who approved
        self.assertEqual(
            membership.date_join,
            fields.Date.context_today(membership.with_user(self.officer_a)),
        )
        self.assertEqual(self.club_dance.member_count, 1)
        self.assertEqual(membership.parent_club_id, self.association)
        with self.assertRaisesRegex(UserError, "Only requests"):
            membership.action_approve()
        with self.assertRaisesRegex(UserError, "Only requests"):
            membership.action_decline()
        membership.action_leave()
        self.assertEqual(membership.state, "left")
        self.assertEqual(membership.date_left, fields.Date.context_today(membership))
        self.assertEqual(self.club_dance.member_count, 0)
        with self.assertRaisesRegex(UserError, "already ended"):
            membership.action_leave()
        # After leaving, the resident may ask again.
        self._membership(self.resident_a, self.club_dance)

    def test_leaders_and_resident_are_notified(self):
        self._membership(
            self.neighbour_a, self.association, state="active", role="leader"
        )
        membership = self._membership(self.resident_a, self.club_dance)
        request = membership.message_ids.filtered(
            lambda m: "asks to join" in (m.subject or "")
        )
        self.assertEqual(
            request.partner_ids, self.neighbour_a, "the association leader"
        )
        membership.action_approve()
        welcome = membership.message_ids.filtered(
            lambda m: "Welcome" in (m.subject or "")
        )
        self.assertEqual(welcome.partner_ids, self.resident_a)
        # Without leaders, the community office hears of the request.
        chess = self.env["community.club"].create(
            {"name": "Chess", "area_id": self.community_a.id}
        )
        other = self._membership(self.neighbour_a, chess)
        self.assertEqual(
            other.message_ids.filtered(
                lambda m: "asks to join" in (m.subject or "")
            ).partner_ids,
            self.officer_a.partner_id,
        )

    def test_batch_requests_and_approvals_notify_each_member(self):
        chess = self.env["community.club"].create(
            {"name": "Chess", "area_id": self.community_a.id}
        )
        self._membership(self.neighbour_a, chess, state="active", role="leader")
        third, _user = self._portal_resident("Third", household=self.household_a)
        requests = self.env["community.club.membership"].create(
            [
                {"partner_id": p.id, "club_id": c.id}
                for p, c in (
                    (self.resident_a, chess),
                    (third, chess),
                    (self.resident_a, self.club_dance),
                )
            ]
        )
        asked = requests.message_ids.filtered(
            lambda m: "asks to join" in (m.subject or "")
        )
        self.assertEqual(len(asked), 3)
        self.assertEqual(
            asked.filtered(lambda m: m.res_id == requests[2].id).partner_ids,
            self.officer_a.partner_id,
            "no leader in the dance club or its association: the office",
        )
        self.assertEqual(
            asked.filtered(lambda m: m.res_id in requests[:2].ids).partner_ids,
            self.neighbour_a,
        )
        requests.action_approve()
        for membership in requests:
            welcome = membership.message_ids.filtered(lambda m: "Welcome" in m.subject)
            self.assertEqual(welcome.partner_ids, membership.partner_id)

    def test_one_running_membership_per_club(self):
        self._membership(self.resident_a, self.club_dance, state="active")
        with self.assertRaisesRegex(ValidationError, "already is a member"):
            self._membership(self.resident_a, self.club_dance)
        self._membership(self.resident_a, self.association)

    def test_members_live_in_the_club_community(self):
        with self.refused(ValidationError, "does not live in Community A"):
            self._membership(self.resident_b, self.club_dance)
        with self.refused(ValidationError, "does not live in"):
            self._membership(self.liaison_partner, self.club_dance)
        membership = self._membership(self.resident_a, self.club_dance)
        with self.refused(ValidationError, "does not live in"):
            membership.club_id = self.club_b
        # The office of another community cannot add its residents either.
        with self.refused(ValidationError, "does not live in"):
            self.env["community.club.membership"].with_user(self.manager).create(
                {"partner_id": self.resident_b.id, "club_id": self.association.id}
            )

    def test_leaders_from_memberships(self):
        self._membership(
            self.resident_a, self.association, state="active", role="leader"
        )
        self._membership(self.neighbour_a, self.club_dance, state="active")
        self._membership(self.resident_a, self.club_dance, state="active")
        self.assertEqual(self.association.leader_ids, self.resident_a)
        self.assertEqual(self.association.leader_names, "Resident A")
        self.assertEqual(self.association.member_count, 1)
        self.assertEqual(self.association.total_member_count, 2, "each resident once")
        self.assertFalse(self.club_dance.leader_ids)
        # The association's leader leads its branch clubs too.
        self.assertTrue(self.club_dance._is_leader(self.resident_a))
        self.assertFalse(self.club_dance._is_leader(self.neighbour_a))
        self.assertFalse(self.association._is_leader(self.neighbour_a))

    def test_find_leaders_by_talent(self):
        dance = self.env["community.skill"].create({"name": "Dance (test)"})
        self.club_dance.category_id.skill_ids = dance
        self.neighbour_a.skill_ids = dance
        self.resident_b.skill_ids = dance
        action = self.club_dance.with_user(self.officer_a).action_find_leaders()
        self.assertIn("Square Dance", action["name"])
        found = (
            self.env["res.partner"].with_user(self.officer_a).search(action["domain"])
        )
        self.assertEqual(found, self.neighbour_a)
        action = self.association.with_user(self.officer_a).action_view_activities()
        self.assertEqual(action["res_model"], "event.event")
        self.assertEqual(action["context"]["default_club_id"], self.association.id)


class TestClubMembershipRules(CommunityCase):
    """The rules of joining, leaving and deciding on requests, checked for
    the current user by the model (the portal only calls these methods)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader, cls.leader_user = cls._portal_resident(
            "Dance Leader", household=cls.household_a
        )
        cls._membership(cls.leader, cls.club_dance, state="active", role="leader")
        cls.Membership = cls.env["community.club.membership"]

    def _running(self, partner, club):
        return self.Membership.search(
            [
                ("partner_id", "=", partner.id),
                ("club_id", "=", club.id),
                ("state", "!=", "left"),
            ]
        )

    def test_resident_asks_to_join_and_withdraws(self):
        club = self.club_dance.with_user(self.portal_a)
        self.assertTrue(club.action_request_membership())
        membership = self._running(self.resident_a, self.club_dance)
        self.assertEqual(membership.state, "requested")
        self.assertEqual(membership.create_uid, self.portal_a, "asked by the resident")
        # A second request is refused, whatever the route.
        with self.refused(ValidationError, "already is a member"):
            club.action_request_membership()
        self.assertEqual(len(self._running(self.resident_a, self.club_dance)), 1)
        # Withdrawn: the request ends, a new one may follow.
        club.action_leave()
        self.assertEqual(membership.state, "left")
        with self.refused(UserError, "You are not a member of Square Dance"):
            club.action_leave()
        club.action_request_membership()
        self.assertEqual(
            self._running(self.resident_a, self.club_dance).state, "requested"
        )

    def test_who_may_ask_to_join(self):
        # A club of another community does not exist for the resident.
        with self.assertRaises(AccessError):
            self.club_b.with_user(self.portal_a).action_request_membership()
        with self.assertRaises(AccessError):
            self.club_dance.with_user(self.portal_b).action_request_membership()
        # Neither for a portal user who is no resident, nor for office staff.
        with self.assertRaises(AccessError):
            self.club_dance.with_user(self.liaison).action_request_membership()
        with self.refused(AccessError, "Only residents of Community A"):
            self.club_dance.with_user(self.officer_a).action_request_membership()
        # A resident who moved away still sees the club, and may not ask again.
        mover, mover_user = self._portal_resident("Mover", area=self.entrance_a2)
        self._membership(mover, self.club_dance, state="left")
        mover.area_id = self.entrance_b
        club = self.club_dance.with_user(mover_user)
        club.check_access("read")
        with self.refused(AccessError, "Only residents of Community A"):
            club.action_request_membership()
        self.assertFalse(self._running(mover, self.club_dance))
        self.assertFalse(self._running(self.resident_b, self.club_dance))

    def test_closed_club_takes_no_request(self):
        self.club_dance.is_open = False
        with self.refused(UserError, "does not take new members"):
            self.club_dance.with_user(self.portal_a).action_request_membership()
        self.assertFalse(self._running(self.resident_a, self.club_dance))
        # The office still adds members to a closed club.
        self.Membership.with_user(self.officer_a).create(
            {
                "partner_id": self.resident_a.id,
                "club_id": self.club_dance.id,
                "state": "active",
            }
        )

    def test_residents_do_not_write_memberships_themselves(self):
        Membership = self.Membership.with_user(self.portal_a)
        with self.assertRaises(AccessError):
            Membership.create(
                {"partner_id": self.resident_a.id, "club_id": self.club_dance.id}
            )
        self.club_dance.with_user(self.portal_a).action_request_membership()
        mine = self._running(self.resident_a, self.club_dance).with_user(self.portal_a)
        with self.assertRaises(AccessError):
            mine.write({"state": "active"})
        with self.assertRaises(AccessError):
            mine.unlink()
        # ... nor approve their own request.
        with self.refused(AccessError, "Only the leaders"):
            mine.action_approve()
        self.assertEqual(mine.state, "requested")

    def test_leader_approves_and_declines(self):
        self.club_dance.with_user(self.portal_a).action_request_membership()
        self.club_dance.with_user(self.portal_neighbour).action_request_membership()
        first = self._running(self.resident_a, self.club_dance)
        second = self._running(self.neighbour_a, self.club_dance)
        # The leader reads the requests of their club, not the members.
        as_leader = self.Membership.with_user(self.leader_user)
        self.assertEqual(
            as_leader.search([("club_id", "=", self.club_dance.id)]),
            first | second | self._running(self.leader, self.club_dance),
        )
        self.assertEqual(first.with_user(self.leader_user).partner_name, "Resident A")
        first.with_user(self.leader_user).action_approve()
        self.assertEqual(first.state, "active")
        self.assertFalse(as_leader.search([("id", "=", first.id)]), "now a member")
        second.with_user(self.leader_user).action_decline()
        self.assertEqual(second.state, "left")
        # A leader does not end someone else's membership.
        self.club_dance.with_user(self.portal_neighbour).action_request_membership()
        third = self._running(self.neighbour_a, self.club_dance)
        with self.refused(AccessError, "Only the member"):
            third.with_user(self.leader_user).action_leave()
        with self.assertRaises(AccessError):
            third.with_user(self.leader_user).write({"role": "coach"})

    def test_association_leader_decides_for_branches(self):
        chair, chair_user = self._portal_resident("Chair", area=self.entrance_a2)
        self._membership(chair, self.association, state="active", role="secretary")
        self.club_dance.with_user(self.portal_a).action_request_membership()
        request = self._running(self.resident_a, self.club_dance)
        request.with_user(chair_user).action_approve()
        self.assertEqual(request.state, "active")

    def test_non_leaders_cannot_decide(self):
        self.club_dance.with_user(self.portal_a).action_request_membership()
        request = self._running(self.resident_a, self.club_dance)
        # A member who is no leader cannot even read the request.
        member, member_user = self._portal_resident("Member", area=self.entrance_a2)
        self._membership(member, self.club_dance, state="active")
        for user in (member_user, self.portal_b, self.liaison, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_approve()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_decline()
        # The leader of another club of the community neither.
        chess = self.env["community.club"].create(
            {"name": "Chess", "area_id": self.community_a.id}
        )
        self._membership(member, chess, state="active", role="leader")
        with self.assertRaises(AccessError):
            request.with_user(member_user).action_approve()
        # The office of another community neither; the community's office may.
        with self.assertRaises(AccessError):
            request.with_user(self.officer_b).action_approve()
        self.assertEqual(request.state, "requested")
        request.with_user(self.officer_a).action_decline()
        self.assertEqual(request.state, "left")


class TestClubAccess(CommunityCase):
    """Who reads, creates, writes and deletes clubs and memberships."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._membership(cls.resident_a, cls.club_dance, state="active")
        cls.other = cls._membership(cls.neighbour_a, cls.club_dance, state="active")

    @users("cg_officer_a", "cg_manager")
    def test_office_manages_clubs_of_its_communities(self):
        Club = self.env["community.club"]
        club = Club.create({"name": "Chess", "area_id": self.community_a.id})
        club.write({"schedule": "Every evening"})
        self.club_dance.with_env(self.env).write({"schedule": "Every evening"})
        Membership = self.env["community.club.membership"]
        self.assertEqual(
            Membership.search([("club_id", "=", self.club_dance.id)]),
            self.mine | self.other,
        )
        membership = Membership.create(
            {"partner_id": self.resident_a.id, "club_id": club.id, "state": "active"}
        )
        membership.write({"role": "leader"})
        self.assertEqual(club.leader_ids, self.resident_a)
        membership.unlink()
        if self.env.user == self.manager:
            club.unlink()
            self.club_b.with_env(self.env).write({"schedule": "Sundays"})
        else:
            with self.assertRaises(AccessError):
                club.unlink()

    @users("cg_officer_a")
    def test_officer_refused_outside_its_communities(self):
        club_b = self.club_b.with_env(self.env)
        self.assertFalse(self.env["community.club"].search([("id", "=", club_b.id)]))
        with self.assertRaises(AccessError):
            club_b.read(["name"])
        with self.assertRaises(AccessError):
            club_b.write({"schedule": "x"})
        with self.assertRaises(AccessError):
            self.env["community.club"].create(
                {"name": "Chess B", "area_id": self.community_b.id}
            )
        with self.assertRaises(AccessError):
            self.mine.with_user(self.officer_b).read(["state"])

    @users("cg_portal_a", "cg_portal_n")
    def test_residents_read_their_community_clubs_and_own_memberships(self):
        partner = self.env.user.partner_id
        own = self.mine if partner == self.resident_a else self.other
        Membership = self.env["community.club.membership"]
        self.assertEqual(Membership.search([("club_id", "=", self.club_dance.id)]), own)
        with self.assertRaises(AccessError):
            (self.mine | self.other).with_env(self.env).read(["state"])
        with self.assertRaises(AccessError):
            own.with_env(self.env).write({"role": "leader"})
        with self.assertRaises(AccessError):
            own.with_env(self.env).unlink()
        with self.assertRaises(AccessError):
            Membership.create(
                {"partner_id": partner.id, "club_id": self.association.id}
            )
        Club = self.env["community.club"]
        club = self.club_dance.with_env(self.env)
        self.assertEqual(club.name, "Square Dance")
        self.assertFalse(Club.search([("id", "=", self.club_b.id)]))
        with self.assertRaises(AccessError):
            club.write({"name": "x"})
        with self.assertRaises(AccessError):
            Club.create({"name": "Mine", "area_id": self.community_a.id})
        with self.assertRaises(AccessError):
            club.unlink()

    @users("cg_portal_b", "cg_liaison", "cg_internal")
    def test_outsiders_see_no_club_of_community_a(self):
        Club = self.env["community.club"]
        if self.env.user == self.internal:
            with self.assertRaises(AccessError):
                Club.search([])
        else:
            self.assertFalse(
                Club.search([("id", "in", (self.club_dance | self.association).ids)])
            )
        with self.assertRaises(AccessError):
            self.club_dance.with_env(self.env).read(["name"])
        with self.assertRaises(AccessError):
            self.mine.with_env(self.env).read(["state"])
        with self.assertRaises(AccessError):
            self.club_dance.with_env(self.env).action_request_membership()


class TestClubBondReport(CommunityCase):
    def test_share_of_residents_in_clubs_per_community(self):
        Membership = self.env["community.club.membership"]
        Membership.create(
            [
                {
                    "partner_id": self.resident_a.id,
                    "club_id": self.club_dance.id,
                    "state": "active",
                },
                {
                    "partner_id": self.resident_a.id,
                    "club_id": self.association.id,
                    "state": "active",
                },
                {"partner_id": self.neighbour_a.id, "club_id": self.club_dance.id},
            ]
        )
        self.env.flush_all()
        Report = self.env["community.club.bond.report"]
        groups = Report._read_group(
            [("community_id", "in", (self.community_a | self.community_b).ids)],
            ["community_id"],
            ["__count", "in_club_count:sum", "club_share:avg"],
        )
        figures = {
            community: (count, in_club, share)
            for community, count, in_club, share in groups
        }
        # Community A: two residents, one in a club (a request does not count).
        self.assertEqual(figures[self.community_a], (2, 1, 50.0))
        self.assertEqual(figures[self.community_b], (1, 0, 0.0))
        line = Report.search([("partner_id", "=", self.resident_a.id)])
        self.assertEqual(line.club_count, 2)
        self.assertEqual(line.grid_id, self.grid_a)
        # Officers read the figures of their own community only.
        visible = Report.with_user(self.officer_a).search([])
        self.assertEqual(visible.community_id, self.community_a)
        with self.assertRaises(AccessError):
            Report.with_user(self.portal_a).search([])
