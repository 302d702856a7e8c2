# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import CommunityCase


class TestAccess(CommunityCase):
    def _visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_manager_sees_and_manages_everything(self):
        areas = self.community_a | self.community_b
        self.assertEqual(self._visible(self.manager, "community.area", areas), areas)
        residents = self.resident_a | self.resident_b
        self.assertEqual(
            self._visible(self.manager, "res.partner", residents), residents
        )
        Area = self.env["community.area"].with_user(self.manager)
        area = Area.create({"name": "C", "area_type": "community"})
        area.unlink()
        dept = (
            self.env["community.department"]
            .with_user(self.manager)
            .create({"name": "Housing"})
        )
        dept.write({"phone": "12345"})
        dept.unlink()
        self.env["community.line"].with_user(self.manager).create(
            {"name": "Youth", "code": "youth"}
        )

    def test_officer_sees_only_assigned_communities(self):
        officer = self.officer_a
        areas = self.env["community.area"].search([("code", "in", ("TA", "TB"))])
        self.assertEqual(
            self._visible(officer, "community.area", areas), self.community_a
        )
        all_areas = self.community_a | self.grid_a | self.entrance_a | self.grid_b
        self.assertEqual(
            self._visible(officer, "community.area", all_areas),
            self.community_a | self.grid_a | self.entrance_a,
        )
        households = self.household_a | self.household_b
        self.assertEqual(
            self._visible(officer, "community.household", households), self.household_a
        )
        residents = self.resident_a | self.resident_b
        self.assertEqual(
            self._visible(officer, "res.partner", residents), self.resident_a
        )
        # Contacts that are not residents stay visible (companies, users...)
        self.assertEqual(
            self._visible(officer, "res.partner", self.liaison_partner),
            self.liaison_partner,
        )
        with self.assertRaises(AccessError):
            self.resident_b.with_user(officer).read(["name"])
        with self.assertRaises(AccessError):
            self.resident_b.with_user(officer).write({"phone": "1"})
        with self.assertRaises(AccessError):
            self.household_b.with_user(officer).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.grid_b.with_user(officer).write({"name": "x"})

    def test_officer_registers_residents_in_own_community(self):
        officer = self.officer_a
        household = (
            self.env["community.household"]
            .with_user(officer)
            .create({"area_id": self.entrance_a2.id, "unit_number": "202"})
        )
        partner = (
            self.env["res.partner"]
            .with_user(officer)
            .create(
                {
                    "name": "New Resident",
                    "is_resident": True,
                    "household_id": household.id,
                }
            )
        )
        self.assertEqual(partner.area_id, self.entrance_a2)
        grid = (
            self.env["community.area"]
            .with_user(officer)
            .create(
                {
                    "name": "Grid 2",
                    "area_type": "grid",
                    "parent_id": self.community_a.id,
                }
            )
        )
        self.assertEqual(grid.community_id, self.community_a)
        # ... but not in a community they do not work for
        with self.assertRaises(AccessError):
            self.env["community.household"].with_user(officer).create(
                {"area_id": self.entrance_b.id, "unit_number": "303"}
            )
        # Officers do not delete areas or households: managers do
        with self.assertRaises(AccessError):
            grid.with_user(officer).unlink()
        with self.assertRaises(AccessError):
            household.with_user(officer).unlink()
        # nor configure departments and lines
        with self.assertRaises(AccessError):
            self.env["community.department"].with_user(officer).create({"name": "X"})
        with self.assertRaises(AccessError):
            self.env["community.line"].with_user(officer).create(
                {"name": "X", "code": "x"}
            )
        with self.assertRaises(AccessError):
            self.department_urban.with_user(officer).write({"name": "Y"})

    def test_plain_internal_user_has_no_community_data(self):
        for model in ("community.area", "community.household"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.internal).search([])
        # sensitive fields are office-only
        with self.assertRaises(AccessError):
            self.resident_a.with_user(self.internal).read(["birthdate_date"])
        with self.assertRaises(AccessError):
            self.resident_a.with_user(self.internal).read(["line_ids"])

    def test_resident_sees_only_own_data(self):
        user = self.portal_a
        # own contact yes, another resident's no
        self.resident_a.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.neighbour_a.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.resident_b.with_user(user).read(["name"])
        # sensitive fields not even on their own record
        with self.assertRaises(AccessError):
            self.resident_a.with_user(user).read(["birthdate_date"])
        # own household only
        self.household_a.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.household_b.with_user(user).read(["name"])
        # areas of their community, not of another
        self.assertEqual(
            self._visible(user, "community.area", self.entrance_a | self.entrance_b),
            self.entrance_a,
        )
        with self.assertRaises(AccessError):
            self.entrance_a.with_user(user).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.env["community.area"].with_user(user).create(
                {"name": "X", "area_type": "community"}
            )
        with self.assertRaises(AccessError):
            self.env["community.household"].with_user(user).create(
                {"area_id": self.entrance_a.id, "unit_number": "999"}
            )
        # departments are for their liaisons
        with self.assertRaises(AccessError):
            self.department_urban.with_user(user).read(["name"])

    def test_liaison_sees_own_department_only(self):
        self.department_urban.with_user(self.liaison).read(["name"])
        with self.assertRaises(AccessError):
            self.department_traffic.with_user(self.liaison).read(["name"])
        with self.assertRaises(AccessError):
            self.department_urban.with_user(self.liaison).write({"name": "X"})
        with self.assertRaises(AccessError):
            self.resident_a.with_user(self.liaison).read(["name"])
