# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tools import SQL

from .common import VOLUNTEER_TODAY as TODAY
from .common import CommunityCase


@freeze_time(TODAY)
class TestVolunteerTotals(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteers()

    def test_totals(self):
        self._hour(day=date(2026, 6, 1), hours=2)
        self._hour(day=date(2026, 5, 20), hours=3)
        self._hour(day=date(2025, 12, 31), hours=4)
        self._hour(day=date(2026, 6, 2), hours=7, state="submitted")
        self._hour(day=date(2026, 6, 3), hours=1, state="draft")
        rejected = self._hour(day=date(2026, 6, 4), hours=6, state="submitted")
        rejected._reject("no")
        partner = self.resident_a
        self.assertEqual(partner.volunteer_hours_month, 2)
        self.assertEqual(partner.volunteer_hours_year, 5)
        self.assertEqual(partner.volunteer_hours_total, 9)
        self.assertEqual(partner.volunteer_streak_years, 2)
        self.assertEqual(partner.volunteer_next_milestone, 25)
        self.assertEqual(self.resident_b.volunteer_hours_total, 0)
        self.assertEqual(self.resident_b.volunteer_streak_years, 0)

    def test_streak_across_years(self):
        for year in (2021, 2022, 2023, 2024, 2025):
            self._hour(day=date(year, 3, 1), hours=1)
        self._hour(partner=self.resident_b, day=date(2020, 3, 1))
        self._hour(partner=self.resident_b, day=date(2022, 3, 1))
        self._hour(partner=self.resident_b, day=date(2023, 3, 1))
        self._hour(partner=self.resident_b, day=date(2024, 3, 1))
        # this year without hours yet: the streak ends last year
        self.assertEqual(self.resident_a.volunteer_streak_years, 5)
        # a gap (2021) and nothing last year: no running streak
        self.assertEqual(self.resident_b.volunteer_streak_years, 0)
        self._hour(day=date(2026, 1, 2))
        self.resident_a.invalidate_recordset()
        self.assertEqual(self.resident_a.volunteer_streak_years, 6)
        with freeze_time("2028-02-01"):
            self.resident_a.invalidate_recordset()
            self.assertEqual(self.resident_a.volunteer_streak_years, 0)
        with freeze_time("2027-02-01"):
            self.resident_a.invalidate_recordset()
            self.assertEqual(self.resident_a.volunteer_streak_years, 6)

    def test_milestones_posted_once(self):
        partner = self.resident_a

        def milestone_messages():
            return partner.message_ids.filtered(lambda m: "reached" in (m.body or ""))

        self._hour(day=date(2026, 6, 1), hours=20)
        self.assertFalse(milestone_messages())
        entry = self._hour(day=date(2026, 6, 2), hours=6, state="submitted")
        entry.with_user(self.officer_a).action_approve()
        self.assertEqual(partner.volunteer_milestone_reached, 25)
        self.assertEqual(len(milestone_messages()), 1)
        self.assertIn("25", milestone_messages().body)
        activity = partner.activity_ids.filtered(lambda a: "25" in a.summary)
        self.assertEqual(activity.user_id, self.officer_a)
        # and the volunteer is thanked by email
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", partner.ids), ("subject", "ilike", "25 hours")]
        )
        self.assertEqual(len(mails), 1)
        # more hours below the next milestone: no new message
        self._hour(day=date(2026, 6, 3), hours=10)
        self.assertEqual(len(milestone_messages()), 1)
        # crossing 100 posts the next one, once
        self.Hour.create(
            [
                {
                    "volunteer_id": partner.id,
                    "date": date(2026, 5, d),
                    "hours": 8,
                    "state": "approved",
                }
                for d in range(1, 10)
            ]
        )
        self.assertEqual(partner.volunteer_milestone_reached, 100)
        self.assertEqual(len(milestone_messages()), 2)
        self.assertEqual(partner.volunteer_next_milestone, 250)

    def test_totals_query_count_is_bounded(self):
        """Totals of any number of volunteers over many entries: one query."""
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"V{i}",
                    "is_resident": True,
                    "household_id": self.household_a.id,
                    "is_volunteer": True,
                    "volunteer_since": date(2020, 1, 1),
                }
                for i in range(50)
            ]
        )
        Hour = self.env["community.volunteer.hour"]
        Hour.flush_model()
        # 20,000 approved entries over 6 years, inserted in one statement
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO community_volunteer_hour
                    (volunteer_id, date, hours, state, community_id, area_id,
                     create_uid, write_uid, create_date, write_date)
                SELECT (%(ids)s)[1 + MOD(n, %(count)s)],
                       DATE '2021-01-01' + MOD(n, 1990),
                       1.0, 'approved', %(community)s, %(area)s, 1, 1, NOW(), NOW()
                  FROM generate_series(0, 19999) AS n
                """,
                ids=partners.ids,
                count=len(partners),
                community=self.community_a.id,
                area=self.entrance_a.id,
            )
        )
        one = partners[:1]
        self.env.flush_all()
        # one grouped query (+ the user's time zone for "today")
        with self.assertQueryCount(2):
            totals = Hour._get_volunteer_totals(one.ids)
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            totals = Hour._get_volunteer_totals(partners.ids)
        self.assertEqual(sum(t["total"] for t in totals.values()), 20000)
        self.assertEqual(totals[one.id]["total"], 400)
        self.assertEqual(totals[one.id]["streak"], 6)
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            partners.mapped("volunteer_hours_total")
