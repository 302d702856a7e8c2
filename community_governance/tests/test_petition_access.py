# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .petition_common import PetitionCase


@tagged("post_install", "-at_install")
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

    def _visible(self, user):
        return self.Petition.with_user(user).search([("id", "in", self.all.ids)])

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
        self.public_a.with_user(self.portal_a).action_cosign()
        self.assertEqual(self.public_a.signature_ids.partner_id, self.resident_a)
        # a resident of another community can neither see nor co-sign it
        with self.assertRaises(AccessError):
            self.public_a.with_user(self.portal_b).action_cosign()

    def test_resident_sees_own_and_public_of_community(self):
        self.assertEqual(self._visible(self.portal_a), self.private_a | self.public_a)
        self.assertEqual(self._visible(self.portal_neighbour), self.public_a)
        self.assertEqual(self._visible(self.portal_b), self.private_b | self.public_b)
        with self.assertRaises(AccessError):
            self.private_a.with_user(self.portal_neighbour).read(["title"])
        with self.assertRaises(AccessError):
            self.public_b.with_user(self.portal_a).read(["title"])

    def test_resident_cannot_write_or_create_directly(self):
        with self.assertRaises(AccessError):
            self.private_a.with_user(self.portal_a).write({"title": "x"})
        with self.assertRaises(AccessError):
            self.Petition.with_user(self.portal_a).create(
                {
                    "title": "x",
                    "description": "x",
                    "partner_id": self.resident_a.id,
                    "category_id": self.cat_private.id,
                }
            )
        with self.assertRaises(AccessError):
            self.private_a.with_user(self.portal_a).action_take()
        with self.assertRaises(AccessError):
            self.private_a.with_user(self.portal_a).action_resolve("myself")

    def test_steward_sees_what_they_handle(self):
        # The steward lives in community A: public petitions of A and theirs to handle.
        self.assertEqual(self._visible(self.steward), self.private_a | self.public_a)
        self.private_a.with_user(self.steward).action_escalate("To the grid")
        self.assertEqual(self._visible(self.steward), self.public_a)
        with self.assertRaises(AccessError):
            self.private_a.with_user(self.steward).read(["title"])
        self.assertIn(self.private_a, self._visible(self.grid_leader))

    def test_officer_sees_own_communities(self):
        self.assertEqual(self._visible(self.officer_a), self.private_a | self.public_a)
        self.assertEqual(self._visible(self.officer_b), self.private_b | self.public_b)
        with self.assertRaises(AccessError):
            self.private_b.with_user(self.officer_a).write({"title": "x"})
        with self.assertRaises(AccessError):
            self.private_b.with_user(self.officer_a).action_resolve("not mine")
        with self.assertRaises(AccessError):
            self.private_a.with_user(self.officer_a).unlink()
        self.assertEqual(self._visible(self.manager), self.all)
        self.private_b.with_user(self.manager).action_resolve("Manager settles it")

    def test_internal_user_without_role(self):
        with self.assertRaises(AccessError):
            self.Petition.with_user(self.internal).search([])

    def test_liaison_sees_only_department_dispatches(self):
        self.private_a.with_user(self.officer_a).action_dispatch(self.department_urban)
        self.private_b.with_user(self.officer_b).action_dispatch(
            self.department_traffic
        )
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
        self.assertFalse(Dispatch.with_user(self.portal_a).search([]))
        self.assertEqual(
            Dispatch.with_user(self.officer_a).search([]), self.private_a.dispatch_ids
        )

    def test_signatures_and_timeline(self):
        self.public_a.with_user(self.portal_a).action_cosign()
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
