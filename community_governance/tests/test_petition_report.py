# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from .petition_common import PetitionCase


class TestPetitionReport(PetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start = datetime(2026, 3, 2, 8, 0)
        cls.petitions = cls.Petition
        # Settled after 10, 20 and 90 hours: median 20, average 40; rated 5, 3
        # and 4 by the resident: average 4.
        for hours, level, rating in (
            (10, "entrance", 5),
            (20, "grid", 3),
            (90, "office", 4),
        ):
            petition = cls._petition(title=f"Matter {hours}", date_raised=cls.start)
            petition.write(
                {
                    "state": "resolved",
                    "level": level,
                    "settled_level": level,
                    "date_first_response": cls.start + timedelta(hours=1),
                    "date_resolved": cls.start + timedelta(hours=hours),
                }
            )
            petition.with_user(cls.portal_a).rate(rating)
            cls.petitions |= petition
        cls.open_one = cls._petition(title="Open", date_raised=cls.start)
        Dispatch = cls.env["community.petition.dispatch"]
        for department, report_hours in (
            (cls.department_urban, 10),
            (cls.department_urban, 30),
            (cls.department_urban, 100),
            (cls.department_traffic, None),
        ):
            dispatch = Dispatch.create(
                {
                    "petition_id": cls.petitions[2].id,
                    "department_id": department.id,
                    "date_summoned": cls.start,
                }
            )
            if report_hours:
                dispatch.write(
                    {
                        "state": "reported",
                        "date_acknowledged": cls.start + timedelta(hours=2),
                        "date_reported": cls.start + timedelta(hours=report_hours),
                    }
                )
            else:
                dispatch.write({"state": "declined", "date_declined": cls.start})
        # Housing answered on two petitions of community B that count no
        # satisfaction: one never rated, one rated, then reopened.
        cls.department_housing = cls.env["community.department"].create(
            {"name": "Housing"}
        )
        for title, rating in (("Never rated", None), ("Reopened", 1)):
            petition = cls._petition(
                partner=cls.resident_b, title=title, date_raised=cls.start
            )
            petition.with_user(cls.officer_b).dispatch(cls.department_housing)
            petition.with_user(cls.officer_b).resolve("Done")
            if rating:
                petition.with_user(cls.portal_b).rate(rating)
                petition.with_user(cls.portal_b).reopen("Not done")
        cls.env.flush_all()

    def test_petition_analysis(self):
        Report = self.env["community.petition.report"]
        groups = Report._read_group(
            [("community_id", "=", self.community_a.id)],
            ["settled_level"],
            ["petition_count:sum", "resolution_hours:avg", "rating:avg"],
        )
        by_level = {
            level: (count, hours, rating) for level, count, hours, rating in groups
        }
        self.assertEqual(by_level["entrance"][0], 1)
        self.assertEqual(by_level["entrance"][2], 5)
        self.assertEqual(by_level["grid"][2], 3)
        self.assertFalse(by_level[False][2], "an open petition has no satisfaction")
        self.assertEqual(by_level[False][0], 1, "the open petition is counted")
        self.assertFalse(by_level[False][1], "no resolution time for an open petition")
        [(count, hours, share, rating, rated)] = Report._read_group(
            [("community_id", "=", self.community_a.id)],
            [],
            [
                "petition_count:sum",
                "resolution_hours:avg",
                "settled_below_office_rate:avg",
                "rating:avg",
                "rated_count:sum",
            ],
        )
        self.assertEqual(count, 4)
        self.assertAlmostEqual(rating, 4.0, msg="the open petition is not a zero")
        self.assertEqual(rated, 3)
        self.assertAlmostEqual(hours, 40.0)
        self.assertAlmostEqual(share, 200 / 3, places=2)

    def test_department_scoreboard_medians(self):
        board = self.env["community.petition.department.report"].search(
            [("department_id", "=", self.department_urban.id)]
        )
        self.assertEqual(board.dispatch_count, 3)
        self.assertEqual(board.acknowledged_on_time_count, 3)
        self.assertAlmostEqual(board.median_report_hours, 30.0)
        self.assertAlmostEqual(board.median_acknowledge_hours, 2.0)
        self.assertAlmostEqual(board.avg_rating, 4.0)
        self.assertEqual(board.rated_count, 1, "each petition once")
        housing = self.env["community.petition.department.report"].search(
            [("department_id", "=", self.department_housing.id)]
        )
        self.assertEqual(housing.dispatch_count, 2)
        self.assertFalse(housing.avg_rating, "no satisfaction given, none shown")
        self.assertEqual(housing.rated_count, 0)
        traffic = self.env["community.petition.department.report"].search(
            [("department_id", "=", self.department_traffic.id)]
        )
        self.assertEqual(traffic.declined_count, 1)
        self.assertFalse(traffic.median_report_hours)

    def test_rate_per_thousand_residents(self):
        rows = self.env["community.petition.rate.report"].search(
            [("community_id", "=", self.community_a.id), ("month", "=", "2026-03-01")]
        )
        self.assertEqual(rows.petition_count, 4)
        residents = self.env["res.partner"].search_count(
            [("community_id", "=", self.community_a.id), ("is_resident", "=", True)]
        )
        self.assertEqual(rows.resident_count, residents)
        self.assertAlmostEqual(rows.rate, 4000.0 / residents)
        # The months without any petition show as zero.
        april = self.env["community.petition.rate.report"].search(
            [("community_id", "=", self.community_a.id), ("month", "=", "2026-04-01")]
        )
        self.assertEqual(april.petition_count, 0)

    def test_monthly_pdf_report(self):
        wizard = (
            self.env["community.petition.governance.wizard"]
            .with_user(self.officer_a)
            .create(
                {"community_ids": [(6, 0, self.community_a.ids)], "month": "2026-03-15"}
            )
        )
        action = wizard.action_print()
        self.assertEqual(action["data"]["month"], "2026-03-01")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "community_governance.action_report_petition_governance",
                self.community_a.ids,
                data=action["data"],
            )[0]
            .decode()
        )
        self.assertIn("Governance Report", html)
        self.assertIn('Petitions raised</td><td class="text-end">4</td>', html)
        self.assertIn(
            'Median hours to resolution</td><td class="text-end">20.0</td>', html
        )
        self.assertIn("Urban Management", html)
        self.assertIn('Rated by the residents</td><td class="text-end">3</td>', html)
        self.assertIn(
            'Average satisfaction (1-5)</td><td class="text-end">4.0</td>', html
        )
