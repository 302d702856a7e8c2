# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
from datetime import date

from odoo import fields
from odoo.tests import TransactionCase

from .test_resource import independent_ranks


class TestResourceDemo(TransactionCase):
    """The demo tells Shuyuan's story: 30 plots, 96 applications in June
    2017 drawn by lottery, 曾君素 among the first farmers, a waiting list
    still moving; in Yangjiamen an offer waits for the `resident` login."""

    def setUp(self):
        super().setUp()
        self.round_2017 = self.env.ref(
            "community_governance.resource_round_sy_2017_demo",
            raise_if_not_found=False,
        )
        if not self.round_2017:
            self.skipTest("demo data not loaded")

    def test_the_june_2017_draw_is_the_published_formula(self):
        resource_round = self.round_2017
        self.assertEqual(resource_round.resource_count, 30)
        self.assertEqual(resource_round.application_count, 96)
        self.assertAlmostEqual(resource_round.oversubscription, 3.2)
        self.assertEqual(resource_round.allocation_method, "lottery")
        self.assertLess(resource_round.date_seed_published, resource_round.date_draw)
        self.assertTrue(resource_round.witnesses)
        draw = self.env["community.resource.round"]._public_draw(resource_round.id)
        rows = [row for row in draw["rows"] if row["eligible"]]
        self.assertEqual(len(rows), 94, "two applicants were under 18")
        expected = independent_ranks(
            draw["seed"],
            [{"reference": r["reference"], "group": r["group_key"]} for r in rows],
        )
        self.assertEqual({r["reference"]: r["rank"] for r in rows}, expected)
        for row in rows:
            self.assertEqual(
                row["key"],
                hashlib.sha256(
                    f"{draw['seed']}:{row['reference']}".encode()
                ).hexdigest(),
            )
        self.assertNotIn("曾君素", str(draw), "names are masked")
        self.assertIn("曾*素", [row["name"] for row in draw["rows"]])

    def test_zeng_junsu_farms_since_2017(self):
        zeng = self.env.ref("community_governance.partner_zeng_junsu_demo")
        application = self.round_2017.application_ids.filtered(
            lambda a: a.partner_id == zeng
        )
        self.assertEqual(application.state, "accepted")
        self.assertLessEqual(application.rank, 30, "among the first farmers")
        allocations = self.env["community.resource.allocation"].search(
            [("household_id", "=", zeng.household_id.id)], order="date_start"
        )
        self.assertEqual(allocations[0].date_start, date(2017, 7, 1))
        self.assertEqual(allocations[-1].state, "active")
        self.assertEqual(allocations[:-1].mapped("state"), ["renewed"] * 3)
        self.assertEqual(application.allocation_id, allocations[0])
        self.assertEqual(zeng.resource_allocation_count, 1)

    def test_the_waiting_list_of_2017_still_moves(self):
        applications = self.round_2017.application_ids
        offered = applications.filtered(lambda a: a.state == "offered")
        self.assertEqual(len(offered), 1)
        self.assertGreater(offered.date_offer_deadline, fields.Datetime.now())
        free = self.round_2017._free_resources()[self.round_2017.id]
        self.assertEqual(free.mapped("code"), ["A-14"], "given back this week")
        waiting = applications.filtered(lambda a: a.state == "waiting")
        self.assertGreater(len(waiting), 40)
        self.assertGreater(min(waiting.mapped("rank")), offered.rank)
        plots = self.round_2017.resource_ids
        Allocation = self.env["community.resource.allocation"]
        active = Allocation.search(
            [("resource_id", "in", plots.ids), ("state", "=", "active")]
        )
        self.assertEqual(len(active), 29)
        self.assertEqual(len(active.resource_id), 29, "one holder per plot")
        self.assertEqual(
            set(active.resource_id.mapped("state")), {"allocated"}, "states agree"
        )
        self.assertTrue(
            Allocation.search_count(
                [("resource_id", "in", plots.ids), ("state", "=", "revoked")]
            ),
            "plots left unplanted were revoked",
        )
        # the job leaves the story as it is
        self.env["community.resource.round"]._cron_waiting_lists()
        self.assertEqual(offered.state, "offered")

    def test_an_offer_waits_for_the_resident(self):
        resident = self.env.ref("community_governance.user_resident_demo")
        Application = self.env["community.resource.application"].with_user(resident)
        offer = Application.search([("state", "=", "offered")])
        self.assertEqual(len(offer), 1)
        self.assertEqual(offer.round_id.community_id.code, "YJM")
        self.assertEqual(offer._offer_resources().mapped("code"), ["DR-02"])
        allocation = offer.accept()
        self.assertEqual(allocation.resource_id.code, "DR-02")
        self.assertEqual(allocation.household_id, resident.partner_id.household_id)
        rounds = (
            self.env["community.resource.round"]
            .with_user(resident)
            .search([("state", "=", "open")])
        )
        eligibility = rounds._portal_eligibility()
        open_to_her = [r.name for r in rounds if not eligibility[r.id][0]]
        self.assertIn("下周六活动室借用", open_to_her)
        self.assertIn("人字梯借用（常年开放）", open_to_her)
        self.assertFalse(
            rounds.filtered(lambda r: r.community_id.code == "SY"),
            "Shuyuan's rounds are Shuyuan's residents'",
        )
