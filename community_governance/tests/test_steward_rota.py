# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_steward_club import StewardClubCase


@tagged("post_install", "-at_install")
class TestStewardRota(StewardClubCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = fields.Date.today() + timedelta(days=3)
        wizard = cls.env["community.steward.slot.generator"].create(
            {
                "name": "Market gate",
                "role_id": cls.role_alley.id,
                "area_id": cls.alley_a.id,
                "date_from": cls.day,
                "date_to": cls.day + timedelta(days=1),
                "hour_from": 6.0,
                "hour_to": 8.0,
                "slot_minutes": 30,
            }
        )
        wizard.action_generate()
        cls.slots = cls.env["community.steward.slot"].search(
            [("area_id", "=", cls.alley_a.id)], order="date_start"
        )

    def test_generator_makes_half_hour_slots_once(self):
        self.assertEqual(len(self.slots), 8, "2 days x 4 half hours")
        self.assertEqual(
            self.slots[0].date_end - self.slots[0].date_start, timedelta(minutes=30)
        )
        again = self.env["community.steward.slot.generator"].create(
            {
                "name": "Market gate",
                "role_id": self.role_alley.id,
                "area_id": self.alley_a.id,
                "date_from": self.day,
                "date_to": self.day,
                "hour_from": 6.0,
                "hour_to": 9.0,
            }
        )
        again.action_generate()
        self.assertEqual(
            self.env["community.steward.slot"].search_count(
                [("area_id", "=", self.alley_a.id)]
            ),
            10,
            "only the two missing slots are added",
        )
        with self.assertRaisesRegex(UserError, "Check the rota"):
            again.write({"hour_to": 5.0})
            again.action_generate()

    def test_no_double_booking(self):
        first, second = self.slots[0], self.slots[1]
        first._sign_up(self.resident_a)
        self.assertEqual(first.partner_id, self.resident_a)
        with self.assertRaisesRegex(UserError, "Someone else took this slot"):
            first._sign_up(self.neighbour_a)
        self.assertEqual(first.partner_id, self.resident_a)
        second._sign_up(self.resident_a)  # back to back is fine
        overlapping = self.env["community.steward.slot"].create(
            {
                "name": "Bike parking",
                "role_id": self.role_alley.id,
                "area_id": self.alley_a.id,
                "date_start": first.date_start + timedelta(minutes=15),
                "date_end": first.date_end + timedelta(minutes=15),
            }
        )
        with self.assertRaisesRegex(ValidationError, "two overlapping slots"):
            overlapping._sign_up(self.resident_a)
        first._cancel_sign_up(self.resident_a)
        self.assertFalse(first.partner_id)
        with self.assertRaisesRegex(UserError, "not yours"):
            second._cancel_sign_up(self.neighbour_a)

    def test_portal_sees_only_own_community_rota(self):
        Slot = self.env["community.steward.slot"]
        self.assertEqual(
            Slot.with_user(self.portal_a).search([("id", "in", self.slots.ids)]),
            self.slots,
        )
        self.assertFalse(
            Slot.with_user(self.portal_b).search([("id", "in", self.slots.ids)])
        )

    def test_slot_access(self):
        slot = self.slots[0]
        slot.with_user(self.officer_a).write({"name": "Bike parking"})
        with self.assertRaises(AccessError):
            slot.with_user(self.officer_b).write({"name": "x"})
        with self.assertRaises(AccessError):
            slot.with_user(self.portal_a).write({"partner_id": self.resident_a.id})
        with self.assertRaises(AccessError):
            self.env["community.steward.slot.generator"].with_user(
                self.portal_a
            ).create({"role_id": self.role_alley.id, "area_id": self.alley_a.id})
