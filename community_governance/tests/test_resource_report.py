# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields

from .resource_common import ResourceCase


class TestResourceReports(ResourceCase):
    """Every figure of the reports recomputed another way: applications per
    item, days until an offer, turnover, revocations, days held."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.round = cls._round()
        cls.applicants = cls._applicants(7)
        cls.applications = cls._paper_applications(cls.round, cls.applicants)
        cls.applications[6].with_user(cls.officer_a).action_withdraw()
        cls._draw(cls.round)
        cls.first, cls.second, cls.third = cls.round.application_ids.filtered(
            lambda a: a.state == "offered"
        ).sorted("rank")
        # the draw was three days ago, the first offers a day later
        draw = fields.Datetime.now() - timedelta(days=3)
        cls.round.sudo().date_draw = draw
        cls.round.application_ids.filtered("date_first_offer").sudo().write(
            {"date_first_offer": draw + timedelta(days=1)}
        )
        cls.kept = cls.first.sudo().accept(cls.plots[0].id)
        cls.given_back = cls.second.sudo().accept(cls.plots[1].id)
        cls.revoked = cls.third.sudo().accept(cls.plots[2].id)
        cls.given_back.sudo().write({"date_start": cls.today - timedelta(days=9)})
        cls.given_back.sudo().release("Moving")
        cls.revoked.with_user(cls.officer_a).revoke("Left unplanted")
        cls.renewal = cls._renewed(cls.kept)
        cls.Report = cls.env["community.resource.report"]

    @classmethod
    def _renewed(cls, allocation):
        allocation.sudo().date_end = cls.today + timedelta(days=5)
        return allocation.with_user(cls.officer_a).action_renew()

    def test_oversubscription_per_round(self):
        counted = self.Application.search_count(
            [("round_id", "=", self.round.id), ("state", "!=", "withdrawn")]
        )
        self.assertEqual(counted, 6)
        self.assertEqual(self.round.application_count, counted)
        self.assertEqual(self.round.resource_count, len(self.round.resource_ids))
        self.assertAlmostEqual(self.round.oversubscription, counted / 3)
        # the pivot's figures are the same
        [(count, resources, ratio)] = self.Round._read_group(
            [("id", "=", self.round.id)],
            [],
            ["application_count:sum", "resource_count:sum", "oversubscription:avg"],
        )
        self.assertEqual((count, resources), (6, 3))
        self.assertAlmostEqual(ratio, 2.0)
        self.assertEqual(self.round.eligible_count, 6)

    def test_days_until_an_offer(self):
        offered = self.round.application_ids.filtered("date_first_offer")
        for application in offered:
            expected = (
                application.date_first_offer - self.round.date_draw
            ).total_seconds() / 86400
            self.assertAlmostEqual(application.waiting_days, expected, places=3)
        [(average,)] = self.Application._read_group(
            [("id", "in", offered.ids)], [], ["waiting_days:avg"]
        )
        self.assertAlmostEqual(average, 1.0, places=3)
        rows = self.Report.search([("round_id", "=", self.round.id)])
        first_terms = rows.filtered(lambda r: not r.is_renewal)
        self.assertEqual(len(first_terms), 3)
        for row in first_terms:
            self.assertAlmostEqual(row.waiting_days, 1.0, places=3)
        self.assertFalse(rows.filtered("is_renewal").waiting_days, "not for renewals")

    def test_turnover_revocations_and_days_held(self):
        Allocation = self.Allocation
        domain = [("round_id", "=", self.round.id)]
        rows = self.Report.search(domain)
        self.assertEqual(len(rows), Allocation.search_count(domain))
        self.assertEqual(
            sum(rows.mapped("turnover_count")),
            Allocation.search_count(
                domain + [("state", "in", ("ended", "released", "revoked"))]
            ),
        )
        self.assertEqual(sum(rows.mapped("turnover_count")), 2)
        self.assertEqual(sum(rows.mapped("revoked_count")), 1)
        self.assertEqual(sum(rows.mapped("released_count")), 1)
        self.assertEqual(sum(rows.mapped("renewed_count")), 1)
        by_allocation = {row.allocation_id: row for row in rows}
        self.assertEqual(
            by_allocation[self.given_back].days_held, 10, "9 days ago to today"
        )
        self.assertEqual(by_allocation[self.given_back].date_stop, self.today)
        self.assertEqual(by_allocation[self.revoked].days_held, 1)
        self.assertEqual(by_allocation[self.renewal].days_held, 0, "starts later")
        self.assertEqual(by_allocation[self.kept].date_stop, self.kept.date_end)
        # grouped per type and year, as the pivot shows it
        groups = self.Report._read_group(
            domain,
            ["type_id", "date_stop:year"],
            ["turnover_count:sum", "revoked_count:sum", "allocation_count:sum"],
        )
        totals = [(t, r, a) for _type, _year, t, r, a in groups]
        self.assertEqual(sum(t for t, _r, _a in totals), 2)
        self.assertEqual(sum(a for _t, _r, a in totals), 4)

    def test_officers_read_their_communities_rows(self):
        self.assertTrue(self.Report.with_user(self.officer_a).search_count([]))
        self.assertFalse(
            self.Report.with_user(self.officer_b).search(
                [("round_id", "=", self.round.id)]
            )
        )

    def test_draw_result_pdf_values(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "community_governance.action_report_resource_draw", self.round.ids
            )[0]
            .decode()
        )
        for application in self.round.application_ids.filtered(
            lambda a: a.state != "withdrawn"
        ):
            self.assertIn(application.reference, html)
        self.assertIn(self.round.seed, html)
        self.assertNotIn(self.applicants[0].name, html, "names are masked")
        self.assertIn("A*******t 0", html)
