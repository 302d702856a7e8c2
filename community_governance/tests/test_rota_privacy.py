# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who is on duty is the office's and the area's stewards': /my/rota shows
residents "Claimed", and JSON-RPC gives them no more (issue 13); the office
and the stewards of the slot's area see the name (issue 14)."""

import re
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged, users

from .common import CommunityCase, PortalHttpMixin


class TestRotaPrivacy(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        cls.taken = cls._slot(start, partner_id=cls.neighbour_a.id)
        cls.mine = cls._slot(start + timedelta(hours=1), partner_id=cls.resident_a.id)
        cls.free = cls._slot(start + timedelta(hours=2))
        cls.all = cls.taken | cls.mine | cls.free
        # the alley steward of Market Lane, where the slots are
        cls.alley_steward_partner, cls.alley_steward = cls._portal_resident(
            "Alley Steward", household=cls.household_a, login="cg_alley"
        )
        cls._steward(
            cls.alley_steward_partner, cls.role_alley, cls.alley_a
        ).action_appoint()

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

    @users("cg_officer_a", "cg_alley")
    def test_office_and_area_steward_know_who_took_a_slot(self):
        slots = self.all.with_env(self.env)
        self.assertEqual(
            {r["id"]: r["taken_by_name"] for r in slots.read(["taken_by_name"])},
            {
                self.taken.id: "Neighbour A",
                self.mine.id: "Resident A",
                self.free.id: False,
            },
        )

    @users("cg_portal_a", "cg_portal_n", "cg_officer_b")
    def test_others_do_not_know_who_took_a_slot(self):
        if self.env.user.login == "cg_officer_b":
            # another community's officer does not even read the slots
            with self.assertRaises(AccessError):
                self.all.with_env(self.env).read(["taken_by_name"])
            return
        slots = self.all.with_env(self.env)
        self.assertEqual(
            [r["taken_by_name"] for r in slots.read(["taken_by_name"])],
            [False, False, False],
        )

    def test_steward_of_another_area_or_ended_term_does_not_know(self):
        term = self.env["community.steward"].search(
            [("partner_id", "=", self.alley_steward_partner.id)]
        )
        other_lane = self._area("Temple Lane", "alley", self.community_a)
        term.area_id = other_lane
        slots = self.all.with_user(self.alley_steward)
        self.assertFalse(any(slots.mapped("taken_by_name")))
        term.area_id = self.alley_a
        slots.invalidate_recordset()
        self.assertEqual(slots[0].taken_by_name, "Neighbour A")
        term.action_end()
        slots.invalidate_recordset()
        self.assertFalse(any(slots.mapped("taken_by_name")))


@tagged("post_install", "-at_install")
class TestRotaPortalByDay(PortalHttpMixin, HttpCase, CommunityCase):
    """/my/rota: a heading per day with the day's slots under it, and the
    taker's name only for those who may know it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alley_steward_partner, cls.alley_steward = cls._portal_resident(
            "Alley Steward", household=cls.household_a, login="cg_alley"
        )
        cls._steward(
            cls.alley_steward_partner, cls.role_alley, cls.alley_a
        ).action_appoint()
        (cls.portal_a | cls.alley_steward).tz = "Asia/Shanghai"
        # two mornings next year, 06:00 and 06:30 in Beijing (22:00 UTC the day
        # before): the day is the reader's, not UTC's
        year = fields.Date.today().year + 1
        cls.day1 = datetime(year, 3, 2, 6, 0) - timedelta(hours=8)
        cls.day2 = cls.day1 + timedelta(days=1)
        cls.taken = cls._slot(cls.day1, partner_id=cls.neighbour_a.id)
        cls._slot(cls.day1 + timedelta(minutes=30))
        cls._slot(cls.day2)
        cls.year = year

    def _days(self, page):
        """The day headings of the page, and the number of slots under each."""
        return [
            (heading, section.count("o_cg_rota_slot"))
            for heading, section in re.findall(
                r'o_cg_rota_day">\s*<h5[^>]*>([^<]*)</h5>(.*?)</section>', page, re.S
            )
        ]

    def test_resident_sees_days_and_claimed_without_name(self):
        self._login(self.portal_a)
        page = self.url_open("/my/rota").text
        first, second = (datetime(self.year, 3, day) for day in (2, 3))
        self.assertEqual(
            self._days(page),
            [
                (f"{first:%a}, Mar 2, {self.year}", 2),
                (f"{second:%a}, Mar 3, {self.year}", 1),
            ],
        )
        self.assertIn("06:00–06:30", page)
        self.assertIn("o_cg_slot_claimed", page)
        self.assertNotIn("Neighbour A", page)
        self.assertNotIn("o_cg_slot_taker", page)

    def test_area_steward_sees_who_claimed(self):
        self._login(self.alley_steward)
        page = self.url_open("/my/rota").text
        self.assertIn("Claimed by Neighbour A", page)
        self.assertEqual([count for _day, count in self._days(page)], [2, 1])

    def test_rota_page_query_count(self):
        """The steward's page costs the same with 3 slots on 2 days as with 15
        on 5 days, some claimed (no query per slot or per day)."""
        self._login(self.alley_steward)
        self.url_open("/my/rota")  # warm up caches
        self.env.flush_all()
        count0 = self.cr.sql_log_count
        self.url_open("/my/rota")
        one = self.cr.sql_log_count - count0
        for day in range(2, 5):
            for index in range(4):
                self._slot(
                    self.day1 + timedelta(days=day, minutes=30 * index),
                    partner_id=index % 2 and self.resident_a.id or False,
                )
        self.url_open("/my/rota")
        with self.assertQueryCount(one):
            page = self.url_open("/my/rota").text
        self.assertEqual(len(self._days(page)), 5)
        self.assertEqual(page.count("Claimed by Resident A"), 6)
