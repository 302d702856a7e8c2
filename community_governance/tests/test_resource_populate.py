# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter

from odoo.tests import TransactionCase, tagged

from ..populate import populate


@tagged("post_install", "-at_install")
class TestResourcePopulate(TransactionCase):
    """The populate of shared resources keeps the rules of the real thing:
    one application per household and round, one active allocation per
    item, lottery ranks from the published seed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.populated = populate(cls.env, "small", ["community.resource.allocation"])

    def test_invariants(self):
        applications = self.populated["community.resource.application"]
        allocations = self.populated["community.resource.allocation"]
        self.assertTrue(applications and allocations)
        per_household = Counter(
            (a.round_id.id, a.household_id.id) for a in applications
        )
        self.assertEqual(max(per_household.values()), 1)
        active = allocations.filtered(lambda a: a.state == "active")
        self.assertEqual(len(active), len(active.resource_id))
        self.assertEqual(
            set(active.resource_id.mapped("state")) - {"maintenance"}, {"allocated"}
        )
        rounds = applications.round_id
        self.assertGreater(
            min(rounds.mapped("oversubscription")), 1, "more applicants than items"
        )
        lottery = rounds.filtered(lambda r: r.allocation_method == "lottery" and r.seed)
        self.assertTrue(lottery)
        draw = rounds._public_draw(lottery[0].id)
        ranked = sorted((r for r in draw["rows"] if r["rank"]), key=lambda r: r["rank"])
        self.assertEqual([r["rank"] for r in ranked], list(range(1, len(ranked) + 1)))
        keys = [r["key"] for r in ranked if r["group_key"] == "general"]
        self.assertEqual(keys, sorted(keys), "ranked by key within the group")
        # the job runs on populated data
        self.env["community.resource.round"]._cron_waiting_lists()
