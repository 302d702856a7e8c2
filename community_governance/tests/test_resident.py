# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError

from .common import CommunityCase


class TestResident(CommunityCase):
    @freeze_time("2026-06-15")
    def test_age_and_age_search(self):
        self.resident_a.birthdate_date = date(1956, 6, 16)  # 70 tomorrow
        self.neighbour_a.birthdate_date = date(1956, 6, 15)  # 70 today
        self.assertEqual(self.resident_a.age, 69)
        self.assertEqual(self.neighbour_a.age, 70)
        Partner = self.env["res.partner"]
        both = self.resident_a | self.neighbour_a
        self.assertEqual(Partner.search([("age", ">=", 70)]) & both, self.neighbour_a)
        self.assertEqual(Partner.search([("age", "<", 70)]) & both, self.resident_a)
        self.assertEqual(Partner.search([("age", "=", 69)]) & both, self.resident_a)
        self.assertEqual(Partner.search([("age", ">", 69)]) & both, self.neighbour_a)
        self.assertEqual(Partner.search([("age", "<=", 69)]) & both, self.resident_a)

    def test_future_birth_date_refused(self):
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.resident_a.birthdate_date = date(2999, 1, 1)

    def test_resident_needs_home(self):
        with self.assertRaisesRegex(ValidationError, "needs a home area"):
            self.env["res.partner"].create({"name": "Nowhere", "is_resident": True})

    def test_household_gives_home_and_counts(self):
        self.assertEqual(self.resident_a.area_id, self.entrance_a)
        self.assertEqual(self.resident_a.unit_number, "101")
        self.assertEqual(self.household_a.member_count, 2)
        self.neighbour_a.household_id = False
        self.assertEqual(self.household_a.member_count, 1)
        # Leaving the household keeps the last known home
        self.assertEqual(self.neighbour_a.area_id, self.entrance_a)

    def test_household_head_must_be_member(self):
        self.household_a.head_id = self.resident_a
        with self.assertRaisesRegex(ValidationError, "not a member"):
            self.household_a.head_id = self.resident_b

    def test_household_lives_in_entrance(self):
        with self.assertRaisesRegex(ValidationError, "stairwell entrance"):
            self.env["community.household"].create(
                {"area_id": self.building_a.id, "unit_number": "1"}
            )
        self.assertIn("Unit 1 - 101", self.household_a.name)

    def test_liaison_role_follows_departments(self):
        group = self.env.ref("community_governance.group_portal_liaison")
        self.assertIn(group, self.liaison.groups_id)
        self.department_urban.liaison_user_ids = [(5, 0, 0)]
        self.assertNotIn(group, self.liaison.groups_id)
        self.department_traffic.liaison_user_ids = [(4, self.liaison.id)]
        self.assertIn(group, self.liaison.groups_id)
        self.department_traffic.active = False
        self.assertNotIn(group, self.liaison.groups_id)
