# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged, users
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import CommunityCase, PortalHttpMixin

MUTE_ACCESS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


class TestStewardRota(CommunityCase):
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
        action = wizard.action_generate()
        cls.slots = cls.env["community.steward.slot"].search(
            [("area_id", "=", cls.alley_a.id)], order="date_start"
        )
        cls.generated_action = action

    def test_generator_makes_half_hour_slots_once(self):
        self.assertEqual(len(self.slots), 8, "2 days x 4 half hours")
        self.assertEqual(
            self.generated_action["domain"], [("id", "in", self.slots.ids)]
        )
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
        first.with_user(self.portal_a).action_take_slot()
        self.assertEqual(first.partner_id, self.resident_a)
        with self.refused(UserError, "Someone else took this slot"):
            first.with_user(self.portal_neighbour).action_take_slot()
        self.assertEqual(first.partner_id, self.resident_a)
        second.with_user(self.portal_a).action_take_slot()  # back to back is fine
        overlapping = self._slot(
            first.date_start + timedelta(minutes=15), name="Bike parking"
        )
        with self.refused(ValidationError, "two overlapping slots"):
            overlapping.with_user(self.portal_a).action_take_slot()
        self.assertFalse(overlapping.partner_id)
        first.with_user(self.portal_a).action_release_slot()
        self.assertFalse(first.partner_id)
        self.assertFalse(first.is_taken)
        with self.refused(UserError, "not yours"):
            second.with_user(self.portal_neighbour).action_release_slot()
        with self.refused(UserError, "not yours"):
            first.with_user(self.portal_a).action_release_slot()
        self.assertEqual(second.partner_id, self.resident_a)

    @mute_logger(*MUTE_ACCESS)
    def test_who_may_take_a_slot(self):
        slot = self.slots[0]
        # A slot of another community does not exist for the resident.
        with self.assertRaises(AccessError):
            slot.with_user(self.portal_b).action_take_slot()
        slot_b = self._slot(
            slot.date_start, area=self._area("Lane B", "alley", self.community_b)
        )
        with self.assertRaises(AccessError):
            slot_b.with_user(self.portal_a).action_take_slot()
        # Office staff and portal users who are no residents take none.
        with self.refused(AccessError, "Only residents of Community A"):
            slot.with_user(self.officer_a).action_take_slot()
        with self.assertRaises(AccessError):
            slot.with_user(self.liaison).action_take_slot()
        with self.assertRaises(AccessError):
            slot.with_user(self.internal).action_take_slot()
        self.assertFalse(slot.partner_id)
        self.assertFalse(slot_b.partner_id)

    def test_started_slots_are_kept(self):
        started = self._slot(fields.Datetime.now() - timedelta(minutes=5))
        with self.refused(UserError, "already started"):
            started.with_user(self.portal_a).action_take_slot()
        self.assertFalse(started.partner_id)
        started.partner_id = self.resident_a
        with self.refused(UserError, "already started"):
            started.with_user(self.portal_a).action_release_slot()
        self.assertEqual(started.partner_id, self.resident_a)

    def test_portal_sees_only_own_community_rota(self):
        Slot = self.env["community.steward.slot"]
        self.assertEqual(
            Slot.with_user(self.portal_a).search([("id", "in", self.slots.ids)]),
            self.slots,
        )
        self.assertFalse(
            Slot.with_user(self.portal_b).search([("id", "in", self.slots.ids)])
        )

    @users("cg_officer_a", "cg_manager")
    def test_office_manages_the_rota(self):
        Slot = self.env["community.steward.slot"]
        self.assertEqual(Slot.search([("id", "in", self.slots.ids)]), self.slots)
        slot = self._slot(self.slots[0].date_start, name="Bike parking").with_env(
            self.env
        )
        slot.write({"name": "Bike racks", "partner_id": self.neighbour_a.id})
        new = Slot.create(
            {
                "name": "Delivery trucks",
                "role_id": self.role_alley.id,
                "area_id": self.alley_a.id,
                "date_start": slot.date_start,
                "date_end": slot.date_end,
            }
        )
        (new | slot).unlink()
        wizard = self.env["community.steward.slot.generator"].create(
            {
                "name": f"Evening gate ({self.env.user.login})",
                "role_id": self.role_alley.id,
                "area_id": self.alley_a.id,
                "date_from": self.day,
                "date_to": self.day,
                "hour_from": 18.0,
                "hour_to": 19.0,
            }
        )
        self.assertEqual(len(Slot.search(wizard.action_generate()["domain"])), 2)

    @users("cg_officer_b")
    @mute_logger(*MUTE_ACCESS)
    def test_officer_refused_outside_its_communities(self):
        slot = self.slots[0].with_env(self.env)
        self.assertFalse(
            self.env["community.steward.slot"].search([("id", "in", self.slots.ids)])
        )
        with self.assertRaises(AccessError):
            slot.read(["name"])
        with self.assertRaises(AccessError):
            slot.write({"name": "x"})
        with self.assertRaises(AccessError):
            slot.unlink()
        with self.assertRaises(AccessError):
            self.env["community.steward.slot"].create(
                {
                    "name": "Gate",
                    "role_id": self.role_alley.id,
                    "area_id": self.alley_a.id,
                    "date_start": self.slots[0].date_start,
                    "date_end": self.slots[0].date_end,
                }
            )

    @users("cg_portal_a", "cg_portal_b", "cg_liaison", "cg_internal")
    @mute_logger(*MUTE_ACCESS)
    def test_portal_and_internal_users_write_no_slot(self):
        slot = self.slots[0].with_env(self.env)
        with self.assertRaises(AccessError):
            slot.write({"partner_id": self.env.user.partner_id.id})
        with self.assertRaises(AccessError):
            slot.unlink()
        with self.assertRaises(AccessError):
            self.env["community.steward.slot"].create(
                {
                    "name": "Gate",
                    "role_id": self.role_alley.id,
                    "area_id": self.alley_a.id,
                    "date_start": slot.sudo().date_start,
                    "date_end": slot.sudo().date_end,
                }
            )
        with self.assertRaises(AccessError):
            self.env["community.steward.slot.generator"].create(
                {"role_id": self.role_alley.id, "area_id": self.alley_a.id}
            )
        self.assertFalse(self.slots[0].partner_id)


@tagged("post_install", "-at_install")
class TestRotaPortal(PortalHttpMixin, HttpCase, CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        cls.slot = cls._slot(cls.start)

    def test_rota_on_the_portal(self):
        self._steward(self.resident_a, self.role_alley, self.alley_a, state="active")
        self._login(self.portal_a)
        page = self.url_open("/my/rota").text
        self.assertIn("Take this slot", page)
        self.assertIn("You serve as", page)
        self.assertIn("Market Lane", page)
        response = self._post(f"/my/rota/{self.slot.id}/take")
        self.assertIn("The slot is yours", response.text)
        self.assertIn("Give back", response.text)
        self.assertEqual(self.slot.partner_id, self.resident_a)
        self.assertIn("Market gate", self.url_open("/my/rota?filterby=mine").text)
        self.assertNotIn("Market gate", self.url_open("/my/rota?filterby=free").text)
        self._login(self.portal_neighbour)
        response = self._post(f"/my/rota/{self.slot.id}/take")
        self.assertIn("Someone else took this slot", response.text)
        self.assertEqual(self.slot.partner_id, self.resident_a)
        response = self._post(f"/my/rota/{self.slot.id}/release")
        self.assertIn("not yours", response.text)
        self.assertEqual(self.slot.partner_id, self.resident_a)
        self._login(self.portal_b)
        self.assertEqual(self._post(f"/my/rota/{self.slot.id}/take").status_code, 404)
        self.assertEqual(self.slot.partner_id, self.resident_a)
        self._login(self.portal_a)
        response = self._post(f"/my/rota/{self.slot.id}/release")
        self.assertIn("You gave the slot back", response.text)
        self.assertFalse(self.slot.partner_id)

    def test_overlapping_slot_refused_on_the_portal(self):
        self.slot.partner_id = self.resident_a
        bikes = self._slot(self.start + timedelta(minutes=10), name="Bike parking")
        self._login(self.portal_a)
        response = self._post(f"/my/rota/{bikes.id}/take")
        self.assertIn("two overlapping slots", response.text)
        self.assertFalse(bikes.partner_id)

    @mute_logger("odoo.http")
    def test_rules_hold_over_json_rpc(self):
        Slot = "community.steward.slot"
        lane_b = self._area("Lane B", "alley", self.community_b)
        slot_b = self._slot(self.start, area=lane_b)
        self._login(self.portal_a)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(
                Slot, "write", [self.slot.id], {"partner_id": self.resident_a.id}
            )
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call(Slot, "action_take_slot", [slot_b.id])
        self.assertTrue(self._call(Slot, "action_take_slot", [self.slot.id]))
        self.assertEqual(self.slot.partner_id, self.resident_a)
        self._login(self.portal_neighbour)
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self._call(Slot, "action_take_slot", [self.slot.id])
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self._call(Slot, "action_release_slot", [self.slot.id])
        self.assertEqual(self.slot.partner_id, self.resident_a)
        self.assertFalse(slot_b.partner_id)

    def test_bad_requests(self):
        self._login(self.portal_a)
        for verb in ("take", "release"):
            with self.subTest(verb=verb):
                with mute_logger("odoo.http"):
                    response = self._post(f"/my/rota/{self.slot.id}/{verb}", csrf=False)
                self.assertEqual(response.status_code, 400)
                for bad in ("0", "99999999999", "²", "abc"):
                    response = self._post(f"/my/rota/{bad}/{verb}")
                    self.assertEqual(response.status_code, 404, bad)
                response = self.url_open(f"/my/rota/{self.slot.id}/{verb}")
                self.assertEqual(response.status_code, 405, "POST only")
        self.assertEqual(self._post(f"/my/rota/{self.slot.id}/signup").status_code, 404)
        self.assertFalse(self.slot.partner_id)
        self.assertEqual(self.url_open("/my/rota?filterby=%00").status_code, 200)
