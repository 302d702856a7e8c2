# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who sees and does what with petitions, dispatches, co-signatures and the
timeline: role matrices over the ORM (what JSON-RPC reaches)."""

from odoo.exceptions import AccessError
from odoo.tests import users

from .petition_common import PetitionCase


class TestPetitionAccess(PetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.private_a = cls._petition(title="Leak from upstairs")
        cls.public_a = cls._petition(
            partner=cls.neighbour_a, category=cls.cat_public, title="Market gate"
        )
        cls.private_b = cls._petition(partner=cls.resident_b, title="Noise at night")
        cls.public_b = cls._petition(
            partner=cls.resident_b, category=cls.cat_public, title="Broken bench"
        )
        cls.all = cls.private_a | cls.public_a | cls.private_b | cls.public_b

    def _visible(self, user=None):
        Petition = (
            self.Petition.with_user(user) if user else self.env[self.Petition._name]
        )
        return Petition.search([("id", "in", self.all.ids)])

    def test_anonymous_raiser_hidden_from_neighbours_orm(self):
        """A neighbour reaches an anonymous public petition through the portal
        pages only: over the ORM (JSON-RPC) the raiser, followers and messages
        would give the name away."""
        self.public_a.is_anonymous = True
        with self.assertRaises(AccessError):
            self.public_a.with_user(self.portal_a).read(["partner_id"])
        self.assertFalse(self._visible(self.portal_a) & self.public_a)
        # the raiser still sees it, and the neighbour may still co-sign it
        self.assertEqual(self._visible(self.portal_neighbour), self.public_a)
        self.public_a.with_user(self.portal_a).cosign()
        self.assertEqual(self.public_a.signature_ids.partner_id, self.resident_a)
        # a resident of another community can neither see nor co-sign it
        with self.assertRaises(AccessError):
            self.public_a.with_user(self.portal_b).cosign()

    def test_resident_sees_own_and_public_of_community(self):
        self.assertEqual(self._visible(self.portal_a), self.private_a | self.public_a)
        self.assertEqual(self._visible(self.portal_neighbour), self.public_a)
        self.assertEqual(self._visible(self.portal_b), self.private_b | self.public_b)
        with self.assertRaises(AccessError):
            self.private_a.with_user(self.portal_neighbour).read(["title"])
        with self.assertRaises(AccessError):
            self.public_b.with_user(self.portal_a).read(["title"])

    @users("cg_portal_a", "cg_portal_n", "cg_steward", "cg_liaison")
    def test_portal_users_cannot_write_create_or_unlink(self):
        petition = self._as(self.private_a)
        with self.assertRaises(AccessError):
            petition.write({"title": "x"})
        with self.assertRaises(AccessError):
            petition.unlink()
        with self.assertRaises(AccessError):
            self.env["community.petition"].create(
                {
                    "title": "x",
                    "description": "x",
                    "partner_id": self.resident_a.id,
                    "category_id": self.cat_private.id,
                }
            )

    @users("cg_portal_a", "cg_portal_n", "cg_grid", "cg_liaison")
    def test_only_the_handler_acts_at_its_level(self):
        # private_a is at the stairwell: only its steward (and the office) acts.
        petition = self._as(self.private_a)
        with self.assertRaises(AccessError):
            petition.action_take()
        with self.assertRaises(AccessError):
            petition.escalate("Not mine")
        with self.assertRaises(AccessError):
            petition.resolve("myself")
        with self.assertRaises(AccessError):
            petition.action_close()
        self.assertEqual(self.private_a.state, "new")

    @users("cg_portal_a", "cg_steward", "cg_grid", "cg_liaison", "cg_internal")
    def test_only_the_office_summons_and_merges(self):
        petition = self._as(self.public_a)
        with self.assertRaises(AccessError):
            petition.dispatch(self.department_urban)
        with self.assertRaises(AccessError):
            petition.mark_duplicate(self.private_a)
        self.assertFalse(self.public_a.dispatch_ids)

    def test_steward_sees_what_they_handle(self):
        # The steward lives in community A: public petitions of A and theirs to handle.
        self.assertEqual(self._visible(self.steward), self.private_a | self.public_a)
        self.private_a.with_user(self.steward).escalate("To the grid")
        self.assertEqual(self._visible(self.steward), self.public_a)
        with self.assertRaises(AccessError):
            self.private_a.with_user(self.steward).read(["title"])
        self.assertIn(self.private_a, self._visible(self.grid_leader))

    @users("cg_officer_a", "cg_officer_b")
    def test_officer_sees_and_acts_in_own_communities(self):
        mine, theirs = (
            (self.private_a | self.public_a, self.private_b)
            if self.env.user == self.officer_a
            else (self.private_b | self.public_b, self.private_a)
        )
        self.assertEqual(self._visible(), mine)
        other = self._as(theirs)
        with self.assertRaises(AccessError):
            other.write({"title": "x"})
        with self.assertRaises(AccessError):
            other.resolve("not mine")
        with self.assertRaises(AccessError):
            other.action_take()
        with self.assertRaises(AccessError):
            other.escalate("not mine")
        with self.assertRaises(AccessError):
            other.dispatch(self.department_urban)
        with self.assertRaises(AccessError):
            other.action_close()
        with self.assertRaises(AccessError):
            self._as(mine[:1]).unlink()
        # Office staff act on their own communities' petitions at any level.
        self._as(mine[:1]).resolve("Settled by the office")
        self.assertEqual(mine[:1].state, "resolved")

    @users("cg_manager")
    def test_manager_sees_and_acts_everywhere(self):
        self.assertEqual(self._visible(), self.all)
        self._as(self.private_b).resolve("Manager settles it")
        self.assertEqual(self.private_b.state, "resolved")

    @users("cg_internal")
    def test_internal_user_without_role(self):
        with self.assertRaises(AccessError):
            self.env["community.petition"].search([])
        with self.assertRaises(AccessError):
            self.env["community.petition.dispatch"].search([])

    def test_liaison_sees_only_department_dispatches(self):
        self.private_a.with_user(self.officer_a).dispatch(self.department_urban)
        self.private_b.with_user(self.officer_b).dispatch(self.department_traffic)
        Dispatch = self.env["community.petition.dispatch"]
        visible = Dispatch.with_user(self.liaison).search([])
        self.assertEqual(visible, self.private_a.dispatch_ids)
        # What the department needs, not the resident.
        values = visible.with_user(self.liaison).read(
            ["title", "description", "area_id"]
        )
        self.assertEqual(values[0]["title"], "Leak from upstairs")
        with self.assertRaises(AccessError):
            visible.petition_id.with_user(self.liaison).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.private_b.dispatch_ids.with_user(self.liaison).read(["title"])
        with self.assertRaises(AccessError):
            visible.with_user(self.liaison).write({"report": "x"})
        # A liaison acts on another department's dispatch only if they see it.
        with self.assertRaises(AccessError):
            self.private_b.dispatch_ids.with_user(self.liaison).action_acknowledge()
        self.assertFalse(Dispatch.with_user(self.portal_a).search([]))
        self.assertEqual(
            Dispatch.with_user(self.officer_a).search([]), self.private_a.dispatch_ids
        )

    @users("cg_portal_a", "cg_steward", "cg_officer_b")
    def test_dispatch_actions_refused_to_others(self):
        if not self.private_a.dispatch_ids:  # once for all the users
            self.private_a.with_user(self.officer_a).dispatch(self.department_urban)
        dispatch = self._as(self.private_a.dispatch_ids)
        with self.assertRaises(AccessError):
            dispatch.action_acknowledge()
        with self.assertRaises(AccessError):
            dispatch.report_back("Done")
        with self.assertRaises(AccessError):
            dispatch.decline("Not ours")
        self.assertEqual(self.private_a.dispatch_ids.state, "summoned")

    @users("cg_officer_a")
    def test_office_answers_for_a_department(self):
        """The office may record a department's answer given by phone."""
        self.private_a.dispatch(self.department_urban)
        dispatch = self._as(self.private_a.dispatch_ids)
        dispatch.action_acknowledge()
        dispatch.report_back("Told us by phone: pipe replaced")
        self.assertEqual(dispatch.state, "reported")

    def test_signatures_and_timeline(self):
        self.public_a.with_user(self.portal_a).cosign()
        Signature = self.env["community.petition.signature"]
        self.assertEqual(
            Signature.with_user(self.portal_a).search([]).partner_id, self.resident_a
        )
        self.assertFalse(Signature.with_user(self.portal_neighbour).search([]))
        with self.assertRaises(AccessError):
            Signature.with_user(self.portal_a).create(
                {"petition_id": self.public_a.id, "partner_id": self.neighbour_a.id}
            )
        Log = self.env["community.petition.log"]
        self.assertEqual(
            Log.with_user(self.officer_b).search([]).petition_id,
            self.private_b | self.public_b,
        )
        with self.assertRaises(AccessError):
            Log.with_user(self.portal_a).search([])

    def test_categories(self):
        Category = self.env["community.petition.category"]
        self.assertTrue(Category.with_user(self.portal_a).search([]))
        with self.assertRaises(AccessError):
            self.cat_private.with_user(self.officer_a).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.cat_private.with_user(self.portal_a).write({"name": "x"})
        self.cat_private.with_user(self.manager).write({"office_hours": 24})

    def test_reports_follow_communities(self):
        self.env.flush_all()
        Report = self.env["community.petition.report"]
        seen = Report.with_user(self.officer_a).search(
            [("petition_id", "in", self.all.ids)]
        )
        self.assertEqual(seen.petition_id, self.private_a | self.public_a)
        with self.assertRaises(AccessError):
            Report.with_user(self.portal_a).search([])
