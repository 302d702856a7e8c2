# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_steward_club import StewardClubCase


@tagged("post_install", "-at_install")
class TestClubMembership(StewardClubCase):
    def _membership(self, partner, club, **vals):
        return self.env["community.club.membership"].create(
            dict({"partner_id": partner.id, "club_id": club.id}, **vals)
        )

    def test_join_approve_leave(self):
        membership = self._membership(self.resident_a, self.club_dance)
        self.assertEqual(membership.state, "requested")
        self.assertEqual(self.club_dance.member_count, 0)
        membership.with_user(self.officer_a).action_approve()
        self.assertEqual(membership.state, "active")
        self.assertEqual(membership.date_join, fields.Date.context_today(membership))
        self.assertEqual(self.club_dance.member_count, 1)
        self.assertEqual(membership.parent_club_id, self.association)
        with self.assertRaisesRegex(UserError, "Only requests"):
            membership.action_approve()
        membership.action_leave()
        self.assertEqual(membership.state, "left")
        self.assertEqual(self.club_dance.member_count, 0)
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

    def test_one_running_membership_per_club(self):
        self._membership(self.resident_a, self.club_dance, state="active")
        with self.assertRaisesRegex(ValidationError, "already is a member"):
            self._membership(self.resident_a, self.club_dance)
        self._membership(self.resident_a, self.association)

    def test_leaders_from_memberships(self):
        self._membership(
            self.resident_a, self.association, state="active", role="leader"
        )
        self._membership(self.neighbour_a, self.club_dance, state="active")
        self._membership(self.resident_a, self.club_dance, state="active")
        self.assertEqual(self.association.leader_ids, self.resident_a)
        self.assertEqual(self.association.member_count, 1)
        self.assertEqual(self.association.total_member_count, 2, "each resident once")
        self.assertFalse(self.club_dance.leader_ids)
        # The association's leader leads its branch clubs too.
        self.assertTrue(self.club_dance._is_leader(self.resident_a))
        self.assertFalse(self.club_dance._is_leader(self.neighbour_a))

    def test_find_leaders_by_talent(self):
        dance = self.env["community.skill"].create({"name": "Dance (test)"})
        self.club_dance.category_id.skill_ids = dance
        self.neighbour_a.skill_ids = dance
        self.resident_b.skill_ids = dance
        action = self.club_dance.with_user(self.officer_a).action_find_leaders()
        found = (
            self.env["res.partner"].with_user(self.officer_a).search(action["domain"])
        )
        self.assertEqual(found, self.neighbour_a)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_access(self):
        mine = self._membership(self.resident_a, self.club_dance, state="active")
        other = self._membership(self.neighbour_a, self.club_dance, state="active")
        Membership = self.env["community.club.membership"]
        # Residents see their memberships and the clubs of their community.
        self.assertEqual(
            Membership.with_user(self.portal_a).search(
                [("club_id", "=", self.club_dance.id)]
            ),
            mine,
        )
        with self.assertRaises(AccessError):
            other.with_user(self.portal_a).read(["state"])
        with self.assertRaises(AccessError):
            mine.with_user(self.portal_a).write({"role": "leader"})
        with self.assertRaises(AccessError):
            Membership.with_user(self.portal_a).create(
                {"partner_id": self.resident_a.id, "club_id": self.association.id}
            )
        Club = self.env["community.club"]
        self.assertFalse(
            Club.with_user(self.portal_b).search([("id", "=", self.club_dance.id)])
        )
        with self.assertRaises(AccessError):
            self.club_dance.with_user(self.portal_b).read(["name"])
        with self.assertRaises(AccessError):
            self.club_dance.with_user(self.portal_a).write({"name": "x"})
        # Officers manage the clubs of their community only.
        self.club_dance.with_user(self.officer_a).write({"schedule": "Every evening"})
        with self.assertRaises(AccessError):
            self.club_b.with_user(self.officer_a).write({"schedule": "x"})
        with self.assertRaises(AccessError):
            mine.with_user(self.officer_b).read(["state"])
        with self.assertRaises(AccessError):
            Club.with_user(self.internal).search([])
        Club.with_user(self.manager).browse(self.club_b.id).write(
            {"schedule": "Sundays"}
        )


@tagged("post_install", "-at_install")
class TestClubBondReport(StewardClubCase):
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
