# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shared community's figures, recomputed another way: from the listings
and matches themselves."""

import statistics
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .share_common import ShareCase


class TestShareReport(ShareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now().replace(microsecond=0)
        cls.now = now
        cls.community_a.share_volunteer_hours = True
        cls.neighbour_a.write({"is_volunteer": True, "volunteer_since": "2020-01-01"})
        # Three needs and two offers in community A, one need in community B.
        cls.need_video = cls._listing(
            cls.portal_a,
            name="Video calls",
            kind="need",
            what="skill",
            category=cls.cat_digital,
            service_hours=2,
        )
        cls.need_ladder = cls._listing(cls.portal_a2, name="Ladder", kind="need")
        cls.need_clinic = cls._listing(cls.portal_a3, name="Clinic", kind="need")
        cls.offer_phone = cls._listing(
            cls.portal_neighbour,
            name="Phone lessons",
            what="skill",
            category=cls.cat_digital,
            capacity=3,
        )
        cls.offer_drill = cls._listing(cls.portal_alley, name="Drill")
        cls.need_b = cls._listing(cls.portal_b, name="Stroller", kind="need")
        posted = {
            cls.need_video: now - timedelta(hours=50),
            cls.need_ladder: now - timedelta(hours=30),
            cls.need_clinic: now - timedelta(days=9),
            cls.offer_phone: now - timedelta(hours=60),
            cls.offer_drill: now - timedelta(hours=20),
        }
        for listing, date in posted.items():
            listing.date_published = date
        cls.env["community.share.listing"]._cron_unanswered_needs()
        # The video need is matched with the phone offer and done; the ladder
        # need is answered by the neighbour of the drill, accepted, not done.
        video = cls.need_video.with_user(cls.portal_a).propose_to_listing(
            cls.offer_phone
        )
        video = video.with_env(cls.env)
        video.with_user(cls.portal_neighbour).action_accept()
        video.with_user(cls.portal_neighbour).action_confirm_done()
        video.with_user(cls.portal_a).action_confirm_done()
        video.with_user(cls.portal_a).rate(4)
        video.write(
            {
                "date_accepted": now - timedelta(hours=40),
                "date_done": now - timedelta(hours=10),
            }
        )
        (cls.need_video | cls.offer_phone).write(
            {"date_matched": now - timedelta(hours=40)}
        )
        cls.need_video.date_fulfilled = now - timedelta(hours=10)
        ladder = cls._accepted(cls.need_ladder, cls.portal_alley)
        ladder.date_accepted = now - timedelta(hours=26)
        cls.need_ladder.date_matched = now - timedelta(hours=26)
        cls.video, cls.ladder = video, ladder

    def test_needs_and_offers_analysis(self):
        Report = self.env["community.share.report"]
        rows = Report.search([("community_id", "=", self.community_a.id)])
        listings = self.Listing.search(
            [
                ("community_id", "=", self.community_a.id),
                ("date_published", "!=", False),
            ]
        )
        self.assertEqual(rows.listing_id, listings)
        groups = {
            (category, grid): (needs, offers, unanswered, count, matched, rate)
            for category, grid, needs, offers, unanswered, count, matched, rate in (
                Report._read_group(
                    [("community_id", "=", self.community_a.id)],
                    ["category_id", "grid_id"],
                    [
                        "need_count:sum",
                        "offer_count:sum",
                        "unanswered_count:sum",
                        "listing_count:sum",
                        "matched_count:sum",
                        "match_rate:avg",
                    ],
                )
            )
        }
        # The same figures from the listings themselves.
        expected = {}
        for listing in listings:
            key = (listing.category_id, listing.area_id._find_ancestor("grid"))
            needs, offers, unanswered, count, matched = expected.get(key, (0,) * 5)
            expected[key] = (
                needs + (listing.kind == "need"),
                offers + (listing.kind == "offer"),
                unanswered + (listing.kind == "need" and listing.is_unanswered),
                count + 1,
                matched + bool(listing.date_matched),
            )
        self.assertEqual({key: values[:5] for key, values in groups.items()}, expected)
        for values in groups.values():
            self.assertAlmostEqual(values[5], 100.0 * values[4] / values[3])
        # In grid 1, tools: the ladder (matched) and the clinic (unanswered);
        # the drill's resident lives in the alley, outside any grid.
        no_grid = self.env["community.area"]
        self.assertEqual(groups[(self.cat_tools, self.grid_a)], (2, 0, 1, 2, 1, 50.0))
        self.assertEqual(groups[(self.cat_tools, no_grid)], (0, 1, 0, 1, 0, 0.0))
        self.assertEqual(
            groups[(self.cat_digital, self.grid_a)], (1, 1, 0, 2, 2, 100.0)
        )
        # Hours from posting to the first match: 10 for the video need.
        video = rows.filtered(lambda r: r.listing_id == self.need_video)
        self.assertAlmostEqual(video.hours_to_match, 10.0, places=2)
        self.assertAlmostEqual(video.hours_to_fulfil, 40.0, places=2)
        self.assertTrue(
            rows.filtered(lambda r: r.listing_id == self.need_clinic).is_unanswered
        )
        # Officers see their communities only.
        self.assertFalse(
            Report.with_user(self.officer_b).search(
                [("community_id", "=", self.community_a.id)]
            )
        )
        with self.assertRaises(AccessError):
            Report.with_user(self.portal_a).search([])

    def test_pdf_figures(self):
        values = (
            self.env["report.community_governance.report_share_community"]
            .with_user(self.officer_a)
            ._get_report_values(
                self.community_a.ids,
                {
                    "date_from": fields.Date.to_string(
                        self.now.date() - timedelta(days=30)
                    ),
                    "date_to": fields.Date.to_string(self.now.date()),
                },
            )
        )
        figures = values["figures"][self.community_a.id]
        listings = self.Listing.search([("community_id", "=", self.community_a.id)])
        needs = listings.filtered(lambda li: li.kind == "need")
        self.assertEqual(figures["needs"], len(needs))
        self.assertEqual(figures["offers"], len(listings) - len(needs))
        self.assertEqual(figures["needs_matched"], len(needs.filtered("date_matched")))
        self.assertEqual(
            figures["needs_unanswered"], len(needs.filtered("is_unanswered"))
        )
        self.assertAlmostEqual(
            figures["match_rate"],
            100.0 * len(needs.filtered("date_matched")) / len(needs),
        )
        # Median hours from posting to the match (video 10 h, ladder 4 h) and
        # to done (video 40 h).
        matches = self.video | self.ladder
        to_match = [
            (
                (
                    m.date_accepted - (m.need_id or m.offer_id).date_published
                ).total_seconds()
                / 3600
            )
            for m in matches
        ]
        self.assertAlmostEqual(
            figures["median_to_match"], statistics.median(to_match), places=3
        )
        self.assertAlmostEqual(figures["median_to_done"], 40.0, places=3)
        self.assertEqual(figures["done"], 1)
        self.assertEqual(figures["services"], 1)
        self.assertEqual(float(figures["service_hours"]), 2.0)
        self.assertEqual(
            float(figures["approved_hours"]), 0.0, "submitted, not approved"
        )
        self.video.volunteer_hour_id.with_user(self.officer_a).action_approve()
        values = self.env[
            "report.community_governance.report_share_community"
        ]._get_report_values(
            self.community_a.ids,
            {
                "date_from": fields.Date.to_string(
                    self.now.date() - timedelta(days=30)
                ),
                "date_to": fields.Date.to_string(self.now.date()),
            },
        )
        self.assertEqual(
            float(values["figures"][self.community_a.id]["approved_hours"]), 2.0
        )
        categories = {r["name"]: r for r in values["categories"][self.community_a.id]}
        self.assertEqual(categories["Tools (test)"]["needs"], 2)
        self.assertEqual(categories["Tools (test)"]["needs_unanswered"], 1)
        self.assertEqual(categories["Digital help (test)"]["offers"], 1)
        helpers = values["helpers"][self.community_a.id]
        self.assertEqual(
            [(h["name"], h["done"], h["rating"]) for h in helpers],
            [("Neighbour A", 1, 4.0)],
        )
        # The PDF shows them (rendered as HTML here).
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "community_governance.report_share_community",
                self.community_a.ids,
                {
                    "date_from": "2000-01-01",
                    "date_to": fields.Date.to_string(self.now.date()),
                },
            )[0]
            .decode()
        )
        self.assertIn("Neighbour A", html)
        self.assertIn("o_cg_share_helper_row", html)
        # Another community's figures are not the officer's.
        with self.assertRaises(AccessError):
            self.env["report.community_governance.report_share_community"].with_user(
                self.officer_b
            )._get_report_values(self.community_a.ids, {})

    def test_wizard(self):
        wizard = (
            self.env["community.share.report.wizard"]
            .with_user(self.officer_a)
            .create({"community_ids": [(6, 0, self.community_a.ids)]})
        )
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "community_governance.report_share_community"
        )
        self.assertEqual(
            action["data"]["date_to"],
            fields.Date.to_string(fields.Date.context_today(wizard)),
        )
