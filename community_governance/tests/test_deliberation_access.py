# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who sees and does what in owners' deliberations: role matrices over the
ORM (what JSON-RPC reaches), then the same refusals over JSON-RPC."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged, users
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PortalHttpMixin
from .deliberation_common import DeliberationCase


class TestDeliberationAccess(DeliberationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.matter_a = cls._voting(title="Meters A")
        cls.matter_b = cls._voting(
            title="Meters B", area=cls.community_b, body=cls.general_b
        )
        cls.draft_a = cls._matter(title="Draft A")
        cls.ballot_u1 = cls._ballot(cls.matter_a, cls.u1)
        cls.ballot_u2 = cls._ballot(cls.matter_a, cls.u2)
        cls.ballot_ub = cls._ballot(cls.matter_b, cls.ub)
        cls.matter_a.record_proxy(cls.u4.id, cls.proxy.id, "Letter of Developer Co.")

    def _as(self, record):
        return record.with_env(self.env)

    def _visible(self, model, records):
        return self.env[model].search([("id", "in", records.ids)])

    # ------------------------------------------------------------- office
    @users("cg_officer_a", "cg_manager")
    def test_office_sees_and_runs_its_communities(self):
        matters = self._visible("community.deliberation", self.Matter.search([]))
        self.assertIn(self.matter_a, matters)
        self.assertIn(self.draft_a, matters)
        units = self._visible("community.property.unit", self.units_a)
        self.assertEqual(units.ids, self.units_a.ids)
        # fresh records for each user of the matrix (the runs share a transaction)
        draft = self._as(self._matter(title="Another draft"))
        draft.action_submit_review()
        self.assertEqual(draft.state, "review")
        matter = self._voting()
        self._as(self._ballot(matter, self.u2)).cast("yes", "paper", self.owner_x.id)
        self.assertEqual(self._ballot(matter, self.u2).state, "cast")
        # an owner who lives in another community is readable with the unit
        self.u2.sudo().owner_ids = [(4, self.resident_b.id)]
        self.assertEqual(
            self._as(self.u2).owner_ids.mapped("name"), ["Owner X", "Resident B"]
        )

    @users("cg_officer_b")
    def test_officer_of_another_community_is_refused(self):
        self.assertFalse(self._visible("community.deliberation", self.matter_a))
        self.assertEqual(
            self._visible("community.deliberation.ballot", self.matter_a.ballot_ids),
            self.env["community.deliberation.ballot"],
        )
        with self.assertRaises(AccessError):
            self._as(self.matter_a).read(["title"])
        with self.assertRaises(AccessError):
            self._as(self.matter_a).record_ballots(
                [{"unit_id": self.u2.id, "choice": "yes"}]
            )
        with self.assertRaises(AccessError):
            self._as(self.ballot_u2).cast("yes", "paper", self.owner_x.id)
        with self.assertRaises(AccessError):
            self._as(self.u1).write({"floor_area": 1})
        self.assertEqual(self.ballot_u2.state, "pending")

    @users("cg_officer_a")
    def test_office_cannot_make_edit_or_delete_ballots(self):
        ballot = self._as(self.ballot_u1)
        with self.assertRaises(AccessError):
            self.env["community.deliberation.ballot"].create(
                {"deliberation_id": self.matter_a.id, "unit_id": self.ub.id}
            )
        for values in ({"state": "cast"}, {"unit_area": 1.0}, {"owner_ids": [(5,)]}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                ballot.write(values)
        with self.assertRaises(AccessError):
            ballot.unlink()
        with self.assertRaises(AccessError):
            ballot.read(["choice"])

    @users("cg_internal")
    def test_internal_user_without_role_sees_nothing(self):
        for model in (
            "community.deliberation",
            "community.deliberation.ballot",
            "community.property.unit",
            "community.owner.body",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].search([])

    # ------------------------------------------------------------- portal
    def test_owner_sees_the_matters_of_their_compound_and_their_ballots(self):
        Matter = self.Matter.with_user(self.portal_a)
        self.assertEqual(
            Matter.search(
                [("id", "in", (self.matter_a | self.matter_b | self.draft_a).ids)]
            ),
            self.matter_a,
            "not another compound's, not a proposal before its review",
        )
        Ballot = self.Ballot.with_user(self.portal_a)
        self.assertEqual(Ballot.search([]), self.ballot_u1)
        self.assertEqual(
            self.Unit.with_user(self.portal_a).search([]), self.u1, "own units only"
        )
        # owner X lives elsewhere: sees the matter and both units' ballots
        self.assertEqual(
            self.Ballot.with_user(self.portal_x).search([]).unit_id, self.u2 | self.u3
        )
        self.assertIn(self.matter_a, self.Matter.with_user(self.portal_x).search([]))

    def test_owner_of_another_compound_is_refused(self):
        with self.assertRaises(AccessError):
            self.matter_a.with_user(self.portal_b).read(["title"])
        with self.assertRaises(AccessError):
            self.ballot_u1.with_user(self.portal_b).cast("yes")
        with self.assertRaises(AccessError):
            self.ballot_u1.with_user(self.portal_b).read(["state"])
        self.assertEqual(
            self.Matter.with_user(self.portal_b).search(
                [("id", "in", (self.matter_a | self.matter_b).ids)]
            ),
            self.matter_b,
        )
        self.assertEqual(self.ballot_u1.state, "pending")

    def test_resident_who_owns_nothing_is_refused(self):
        with self.assertRaises(AccessError):
            self.matter_a.with_user(self.portal_tenant).read(["title"])
        with self.assertRaises(AccessError):
            self.ballot_u1.with_user(self.portal_tenant).cast("yes")
        self.assertFalse(self.Ballot.with_user(self.portal_tenant).search([]))
        self.assertEqual(self.ballot_u1.state, "pending")

    def test_owner_casts_only_the_ballots_of_their_units(self):
        with self.assertRaises(AccessError):
            self.ballot_u2.with_user(self.portal_a).cast("yes")
        # the co-owner with a portal account votes for the unit they share
        ballot_u6 = self._ballot(self.matter_a, self.u6)
        ballot_u6.with_user(self.portal_neighbour).cast("abstain")
        self.assertEqual(ballot_u6.voter_id, self.neighbour_a)
        self.assertFalse(ballot_u6.is_proxy)
        with self.assertRaises(AccessError):
            self.ballot_u1.with_user(self.portal_a).cast("yes", channel="paper")

    def test_proxy_votes_only_for_the_unit_it_holds(self):
        Ballot = self.Ballot.with_user(self.portal_proxy)
        ballot_u4 = self._ballot(self.matter_a, self.u4)
        self.assertEqual(Ballot.search([]), ballot_u4)
        self.assertIn(
            self.matter_a, self.Matter.with_user(self.portal_proxy).search([])
        )
        with self.assertRaises(AccessError):
            self.ballot_u1.with_user(self.portal_proxy).cast("no")
        ballot_u4.with_user(self.portal_proxy).cast("no")
        self.assertEqual((ballot_u4.voter_id, ballot_u4.is_proxy), (self.proxy, True))
        # the proxy does not make the developer's other unit theirs
        with self.assertRaises(AccessError):
            self._ballot(self.matter_a, self.u5).with_user(self.portal_proxy).cast("no")

    def test_results_stay_hidden_until_the_vote_closes(self):
        self.ballot_u1.with_user(self.portal_a).cast("no")
        self._ballot(self.matter_a, self.u2).with_user(self.portal_x).cast("yes")
        # the voter sees their own vote, nobody else's, and no running tally
        self.assertEqual(self.ballot_u1.with_user(self.portal_a).choice_shown, "no")
        for user in (self.portal_a, self.portal_x, self.officer_a, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.ballot_u1.with_user(user).read(["choice"])
        for user in (self.officer_a, self.manager):
            with self.subTest(user=user.login):
                self.assertFalse(self.ballot_u1.with_user(user).choice_shown)
                with self.assertRaises(AccessError):
                    self.Ballot.with_user(user).read_group(
                        [("deliberation_id", "=", self.matter_a.id)],
                        ["unit_area:sum"],
                        ["choice"],
                    )
                self.assertEqual(self.matter_a.with_user(user).yes_area, 0.0)
        with self.assertRaises(AccessError):
            self.matter_a.with_user(self.portal_a).read(["outcome"])
        # turnout, not the result, is visible to the owners while it runs
        turnout = self.matter_a.with_user(self.portal_a).read(
            ["turnout_unit_count", "turnout_area", "turnout_owner_count"]
        )[0]
        self.assertEqual(
            (turnout["turnout_unit_count"], turnout["turnout_area"]), (2, 180.0)
        )
        self.assertEqual(turnout["turnout_owner_count"], 2)
        self._close_and_count(self.matter_a)
        self.assertEqual(self.ballot_u1.with_user(self.officer_a).choice_shown, "no")
        with self.assertRaises(AccessError):
            self.ballot_u2.with_user(self.portal_a).read(["state"])
        with self.assertRaises(AccessError):
            self.matter_a.with_user(self.portal_a).read(["yes_area"])

    def test_no_ballot_after_the_close(self):
        self._close_and_count(self.matter_a)
        for ballot, user, args in (
            (self.ballot_u1, self.portal_a, ("yes",)),
            (self.ballot_u2, self.officer_a, ("yes", "paper", self.owner_x.id)),
        ):
            with self.subTest(user=user.login):
                with self.refused(UserError, "not open"):
                    ballot.with_user(user).cast(*args)
        self.assertEqual(self.ballot_u1.state, "pending")

    def test_portal_users_write_nothing_directly(self):
        for user in (self.portal_a, self.portal_proxy, self.portal_supervisor):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.matter_a.with_user(user).write({"title": "x"})
                with self.assertRaises(AccessError):
                    self.Matter.with_user(user).create(
                        {
                            "title": "x",
                            "category": "other_major",
                            "area_id": self.community_a.id,
                        }
                    )
                with self.assertRaises(AccessError):
                    self.env["community.deliberation.opinion"].with_user(user).create(
                        {
                            "deliberation_id": self.matter_a.id,
                            "partner_id": user.partner_id.id,
                            "group": "owners",
                            "text": "x",
                        }
                    )
                with self.assertRaises(AccessError):
                    self.u1.with_user(user).write({"floor_area": 999})
                with self.assertRaises(AccessError):
                    self.ballot_u1.with_user(user).write(
                        {"proxy_id": user.partner_id.id}
                    )
                with self.assertRaises(AccessError):
                    self.env["community.deliberation.supervision"].with_user(
                        user
                    ).search([])

    def test_representatives_read_the_opinions_of_their_buildings(self):
        matter = self._matter()
        matter.state = "consultation"
        mine = matter.with_user(self.portal_a).give_opinion("Building 1 opinion")
        other = matter.with_user(self.portal_neighbour).give_opinion("Building 2")
        Opinion = self.env["community.deliberation.opinion"]
        self.assertEqual(Opinion.with_user(self.portal_rep).search([]), mine)
        self.assertEqual(Opinion.with_user(self.portal_a).search([]), mine)
        self.assertEqual(Opinion.with_user(self.portal_neighbour).search([]), other)
        self.assertFalse(Opinion.with_user(self.portal_x).search([]))
        values = matter.with_user(self.portal_rep)._portal_values(self.rep)
        self.assertEqual(values["opinions"], mine)

    def test_rule_cache_follows_the_registry(self):
        """Owners read the units they own: when the registry changes, so do
        the cached record rules."""
        self.assertFalse(self.Unit.with_user(self.portal_tenant).search([]))
        self.u1.owner_ids = [(4, self.tenant.id)]
        self.assertEqual(self.Unit.with_user(self.portal_tenant).search([]), self.u1)
        self.assertIn(
            self.matter_a, self.Matter.with_user(self.portal_tenant).search([])
        )


@tagged("post_install", "-at_install")
class TestDeliberationRpc(PortalHttpMixin, HttpCase, DeliberationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.matter_a = cls._voting(title="Meters A")
        cls.ballot_u1 = cls._ballot(cls.matter_a, cls.u1)
        cls.ballot_u2 = cls._ballot(cls.matter_a, cls.u2)

    @mute_logger("odoo.http")
    def test_rules_hold_over_json_rpc(self):
        Ballot = "community.deliberation.ballot"
        self._login(self.portal_a)
        rows = self._call(Ballot, "search_read", [], ["unit_area", "state"])
        self.assertEqual([row["id"] for row in rows], self.ballot_u1.ids)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(Ballot, "read", self.ballot_u1.ids, ["choice"])
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(Ballot, "cast", self.ballot_u2.ids, "yes")
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(Ballot, "write", self.ballot_u1.ids, {"state": "cast"})
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(
                Ballot, "cast", self.ballot_u1.ids, "yes", channel="paper", voter=1
            )
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(
                "community.deliberation", "read", self.matter_a.ids, ["yes_area"]
            )
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(
                "community.deliberation",
                "record_ballots",
                self.matter_a.ids,
                [{"unit_id": self.u1.id, "choice": "yes"}],
            )
        with self.assertRaises(JsonRpcException):
            self._call("community.deliberation", "_count", self.matter_a.ids)
        for action in ("action_close_vote", "action_count", "action_cancel"):
            with self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._call("community.deliberation", action, self.matter_a.ids)
        self.assertEqual(self.matter_a.state, "voting")
        self._call(Ballot, "cast", self.ballot_u1.ids, "yes")
        self.assertEqual(self.ballot_u1.state, "cast")
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self._call(Ballot, "cast", self.ballot_u1.ids, "no")
        self.assertEqual(self.ballot_u1.sudo().choice, "yes")
        rows = self._call(
            "community.deliberation",
            "read",
            self.matter_a.ids,
            ["turnout_unit_count", "eligible_unit_count"],
        )
        self.assertEqual(
            (rows[0]["turnout_unit_count"], rows[0]["eligible_unit_count"]), (1, 6)
        )
        self._login(self.portal_tenant)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(Ballot, "cast", self.ballot_u2.ids, "yes")
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call("community.deliberation", "give_opinion", self.matter_a.ids, "x")
        self.assertEqual(self.ballot_u2.state, "pending")
