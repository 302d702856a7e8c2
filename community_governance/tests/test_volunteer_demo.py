# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase


class TestVolunteerDemo(TransactionCase):
    """The demo tells the seed's story: Liu Yuling of Angong volunteered five
    years without a break and passed a milestone."""

    def test_demo_story(self):
        liu = self.env.ref(
            "community_governance.partner_liu_yuling_demo", raise_if_not_found=False
        )
        if not liu or not liu.is_volunteer:
            self.skipTest("demo data not loaded")
        self.assertEqual(liu.volunteer_streak_years, 5)
        self.assertGreaterEqual(liu.volunteer_milestone_reached, 250)
        self.assertTrue(
            liu.message_ids.filtered(lambda m: "reached 250 hours" in (m.body or ""))
        )
        Hour = self.env["community.volunteer.hour"]
        coordinator = self.env.ref("community_governance.user_volunteer_demo")
        waiting = Hour.with_user(coordinator).search(
            [
                ("state", "=", "submitted"),
                ("activity_id.coordinator_ids", "in", coordinator.ids),
            ]
        )
        self.assertTrue(waiting, "entries wait for the coordinator's approval")
        self.assertGreater(Hour.search_count([("state", "=", "approved")]), 300)
