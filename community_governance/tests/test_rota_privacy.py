# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who is on duty is the office's: /my/rota shows "Taken", and JSON-RPC gives
residents no more (issue 13)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import users

from .common import CommunityCase


class TestRotaPrivacy(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        cls.taken = cls._slot(start, partner_id=cls.neighbour_a.id)
        cls.mine = cls._slot(start + timedelta(hours=1), partner_id=cls.resident_a.id)
        cls.free = cls._slot(start + timedelta(hours=2))
        cls.all = cls.taken | cls.mine | cls.free

    @users("cg_portal_a", "cg_portal_n")
    def test_residents_do_not_read_who_took_a_slot(self):
        Slot = self.env["community.steward.slot"]
        slots = self.all.with_env(self.env)
        with self.assertRaises(AccessError):
            slots.read(["partner_id"])
        # nor find it out by searching
        with self.assertRaises(AccessError):
            Slot.search([("partner_id", "=", self.neighbour_a.id)])
        with self.assertRaises(AccessError):
            Slot.read_group([], ["partner_id"], ["partner_id"])
        # what the portal shows: taken, and theirs
        values = {r["id"]: r for r in slots.read(["is_taken", "is_mine"])}
        me = self.env.user.partner_id
        for slot in self.all:
            self.assertEqual(values[slot.id]["is_taken"], bool(slot.partner_id))
            self.assertEqual(values[slot.id]["is_mine"], slot.partner_id == me)
        self.assertEqual(
            Slot.search([("id", "in", self.all.ids), ("is_mine", "=", True)]),
            self.all.filtered(lambda s: s.partner_id == me),
        )
        self.assertEqual(
            Slot.search([("id", "in", self.all.ids), ("is_mine", "!=", True)]),
            self.all.filtered(lambda s: s.partner_id != me),
        )

    @users("cg_officer_a")
    def test_the_office_reads_the_rota(self):
        slots = self.all.with_env(self.env)
        self.assertEqual(
            {
                r["id"]: r["partner_id"] and r["partner_id"][0]
                for r in slots.read(["partner_id"])
            },
            {s.id: s.partner_id.id for s in self.all},
        )
