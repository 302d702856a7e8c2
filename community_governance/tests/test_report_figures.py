# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each figure a manager reads on a report, recomputed here another way: from
the records themselves, in Python, with the definitions printed on the
report (and, where a hand count is obvious, against the hand count)."""

from datetime import timedelta
from statistics import median

from odoo import fields

from .petition_common import PetitionCase


class TestReportFigures(PetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now()
        ago = cls.now - timedelta(days=3)
        Department = cls.env["community.department"]
        cls.water = Department.create(
            {"name": "Water Works", "liaison_user_ids": [(6, 0, cls.liaison.ids)]}
        )
        cls.parks = Department.create({"name": "Parks"})
        # Three petitions the water works answered on, resolved by the office
        # and rated: 5, 2, and 5 then reopened by the resident (that rating no
        # longer counts, the petition is not resolved any more).
        cls.answered = cls.Petition
        for title, rating, reopen in (
            ("Leak", 5, False),
            ("Pressure", 2, False),
            ("Meter", 5, True),
        ):
            petition = cls._petition(title=title)
            petition.with_user(cls.officer_a).dispatch(cls.water)
            petition.with_user(cls.officer_a).resolve("Fixed")
            petition.with_user(cls.portal_a).rate(rating)
            if reopen:
                petition.with_user(cls.portal_a).reopen("Still broken")
            cls.answered |= petition
        dispatches = cls.answered.dispatch_ids
        dispatches.sudo().write(
            {
                "date_summoned": ago,
                "date_acknowledge_deadline": ago + timedelta(hours=4),
                "date_deadline": ago + timedelta(hours=48),
            }
        )
        for dispatch, ack_hours, report_hours in zip(
            dispatches, (1, 6, 2), (10, 30, 20), strict=True
        ):
            dispatch.sudo().write(
                {
                    "state": "reported",
                    "date_acknowledged": ago + timedelta(hours=ack_hours),
                    "date_reported": ago + timedelta(hours=report_hours),
                    "report": "Done",
                }
            )
        # Four more dispatches of the water works, each in another state.
        Dispatch = cls.env["community.petition.dispatch"].sudo()

        def dispatch(title, **vals):
            return Dispatch.create(
                {
                    "petition_id": cls._petition(title=title).id,
                    "department_id": cls.water.id,
                    "date_summoned": ago,
                    **vals,
                }
            )

        cls.declined = dispatch(
            "Not ours", state="declined", date_declined=ago, decline_reason="Gas"
        )
        cls.late = dispatch(  # never answered, both deadlines passed
            "Forgotten",
            date_acknowledge_deadline=ago + timedelta(hours=4),
            date_deadline=ago + timedelta(hours=48),
        )
        cls.fresh = dispatch(  # summoned, nothing due yet
            "Just now",
            date_summoned=cls.now,
            date_acknowledge_deadline=cls.now + timedelta(hours=4),
            date_deadline=cls.now + timedelta(hours=48),
        )
        cls.on_duty = dispatch(  # acknowledged on time, report not due yet
            "On it",
            state="acknowledged",
            date_acknowledged=ago + timedelta(hours=3),
            date_acknowledge_deadline=ago + timedelta(hours=4),
            date_deadline=cls.now + timedelta(days=2),
        )
        # Parks only declined: no hours to report, no rates to speak of.
        Dispatch.create(
            {
                "petition_id": cls._petition(title="Tree").id,
                "department_id": cls.parks.id,
                "date_summoned": ago,
                "state": "declined",
                "date_declined": ago,
                "decline_reason": "Not a park",
            }
        )
        cls.env.flush_all()

    def _board(self, department):
        return self.env["community.petition.department.report"].search(
            [("department_id", "=", department.id)]
        )

    def _recompute(self, department):
        """The scoreboard's definitions applied to the dispatch records."""
        dispatches = self.env["community.petition.dispatch"].search(
            [("department_id", "=", department.id)]
        )
        now = self.now + timedelta(minutes=5)  # the report runs a bit later

        def responded(d):
            return bool(d.date_acknowledged) or d.state in ("reported", "declined")

        def due(d):
            return (
                responded(d) or (d.date_acknowledge_deadline or d.date_summoned) <= now
            )

        def resolution_due(d):
            return d.state == "reported" or (
                d.state != "declined" and (d.date_deadline or d.date_summoned) <= now
            )

        due_ones = dispatches.filtered(due)
        ack_due = due_ones.filtered(lambda d: d.state != "declined")
        resolution = dispatches.filtered(resolution_due)
        resolved = resolution.filtered(
            lambda d: (
                d.state == "reported" and d.petition_id.state in ("resolved", "closed")
            )
        )
        rated = {}
        for petition in dispatches.petition_id:
            if petition.state not in ("resolved", "closed"):
                continue
            ratings = self.env["rating.rating"].search(
                [
                    ("res_model", "=", "community.petition"),
                    ("res_id", "=", petition.id),
                    ("consumed", "=", True),
                    ("rating", ">=", 1),
                ]
            )
            if ratings:
                rated[petition] = sum(ratings.mapped("rating")) / len(ratings)
        reported = dispatches.filtered(lambda d: d.state == "reported")
        acknowledged = dispatches.filtered("date_acknowledged")

        def median_hours(dispatches, field):
            if not dispatches:
                return False
            return median(
                (d[field] - d.date_summoned).total_seconds() / 3600 for d in dispatches
            )

        def share(part, whole):
            return 100.0 * len(part) / len(whole) if whole else False

        return {
            "dispatch_count": len(dispatches),
            "response_rate": share(due_ones.filtered(responded), due_ones),
            "resolution_rate": share(resolved, resolution),
            "acknowledged_on_time_rate": share(
                ack_due.filtered("acknowledged_on_time"), ack_due
            ),
            "satisfaction_rate": (
                100.0 * sum(1 for r in rated.values() if r >= 4) / len(rated)
                if rated
                else False
            ),
            "rated_count": len(rated),
            "median_report_hours": median_hours(reported, "date_reported"),
            "median_acknowledge_hours": median_hours(acknowledged, "date_acknowledged"),
        }

    def test_scoreboard_rates_recomputed_from_the_dispatches(self):
        board = self._board(self.water)
        expected = self._recompute(self.water)
        for name, value in expected.items():
            if value is False:
                self.assertFalse(board[name], name)
            else:
                self.assertAlmostEqual(board[name], value, places=6, msg=name)
        # ... and the hand count: 6 due (the fresh one is not), 5 answered;
        # 4 due for a resolution (3 reported + the forgotten one), 2 of them
        # reported on a petition still resolved; 2 rated petitions still
        # resolved, one of them satisfied; on time: 3 of the 5 due and not
        # declined (the 6-hour one was late, the forgotten one never came).
        self.assertEqual((board.responded_count, board.due_count), (5, 6))
        self.assertAlmostEqual(board.response_rate, 500 / 6)
        self.assertEqual((board.resolved_count, board.resolution_due_count), (2, 4))
        self.assertAlmostEqual(board.resolution_rate, 50.0)
        self.assertEqual((board.satisfied_count, board.rated_count), (1, 2))
        self.assertAlmostEqual(board.satisfaction_rate, 50.0)
        self.assertAlmostEqual(board.acknowledged_on_time_rate, 60.0)
        self.assertAlmostEqual(board.median_report_hours, 20.0)
        self.assertAlmostEqual(board.median_acknowledge_hours, 2.5)
        self.assertTrue(board.has_liaison)

    def test_declined_only_department_has_no_hours(self):
        board = self._board(self.parks)
        self.assertEqual(board.declined_count, 1)
        self.assertFalse(board.has_liaison, "the warning of the list and the card")
        # no "0.0 hours to report": nothing reported, nothing to measure
        self.assertFalse(board.median_report_hours)
        self.assertEqual(board.reported_count, 0)
        self.assertAlmostEqual(board.response_rate, 100.0, msg="a reasoned no answers")
        self.assertFalse(board.resolution_due_count)
        view = self.env.ref(
            "community_governance.community_petition_department_report_view_list"
        )
        self.assertIn('invisible="not reported_count"', view.arch_db)

    def test_monthly_pdf_uses_the_scoreboard_definitions(self):
        """The PDF's department rows are the scoreboard's, per community."""
        report = self.env["report.community_governance.report_petition_governance"]
        month = self.now.date().replace(day=1)
        start = self.now - timedelta(days=3)
        if start.date() < month:  # early in the month: the dispatches are older
            month = start.date().replace(day=1)
        rows = report._department_figures(
            self.community_a, month, month + timedelta(days=40)
        )[self.community_a.id]
        water = next(row for row in rows if row["name"] == "Water Works")
        board = self._board(self.water)
        for name in ("dispatch_count", "response_rate", "declined_count"):
            self.assertAlmostEqual(water[name], board[name], msg=name)

    def test_governance_trend_against_last_month(self):
        report = self.env["report.community_governance.report_petition_governance"]
        month = self.now.date().replace(day=1)
        Petition = self.env["community.petition"]
        # one more petition last month than the records of this month show
        last = Petition.search_count(
            [
                ("community_id", "=", self.community_a.id),
                ("date_raised", ">=", month - timedelta(days=1)),
                ("date_raised", "<", month),
            ]
        )
        self._petition(title="Last month", date_raised=month - timedelta(days=1))
        now_count = Petition.search_count(
            [
                ("community_id", "=", self.community_a.id),
                ("date_raised", ">=", month),
            ]
        )
        self.env.flush_all()
        values = report._get_report_values(
            self.community_a.ids, data={"month": fields.Date.to_string(month)}
        )
        [raised] = [
            row
            for row in values["figure_rows"][self.community_a.id]
            if row["label"] == "Petitions raised"
        ]
        self.assertEqual(raised["now"], str(now_count))
        self.assertEqual(raised["last"], str(last + 1))
        self.assertEqual(raised["change"], "%+d" % (now_count - last - 1))

    def test_steward_coverage_opens_on_every_area(self):
        action = self.env.ref("community_governance.community_steward_coverage_action")
        self.assertNotIn("search_default_uncovered", action.context)
        rows = self.env["community.steward.coverage"].search(
            [("community_id", "=", self.community_a.id)]
        )
        self.assertTrue(rows)
        for row in rows:
            serving = self.env["community.steward"].search_count(
                [
                    ("state", "=", "active"),
                    ("area_id", "=", row.area_id.id),
                    ("role_id", "=", row.role_id.id),
                ]
            )
            self.assertEqual(row.steward_count, serving, row.area_id.name)
            self.assertEqual(row.is_covered, bool(serving))
