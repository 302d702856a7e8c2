# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import models

ROUND_ITEMS = 30


class CommunityResourceRound(models.Model):
    _inherit = "community.resource.round"

    _populate_sizes = {"small": 8, "medium": 150, "large": 800}
    _populate_dependencies = ["community.resource"]

    def _populate_factories(self, run):
        """Rounds of each type over five years, up to 30 items each: the
        past ones drawn (the waiting lists running), the latest of each type
        open. Lotteries with their seed and witnesses."""
        rng = run.random(self._name)
        types = run["community.resource.type"]
        items = {
            resource_type.id: ids
            for resource_type, ids in self.env["community.resource"]._read_group(
                [
                    ("id", "in", run["community.resource"].ids),
                    ("state", "!=", "retired"),
                ],
                ["type_id"],
                ["id:array_agg"],
            )
        }
        per_type = max(run.count(self) // len(types), 1)
        for resource_type in types:
            pool = sorted(items.get(resource_type.id, []))
            if not pool:
                continue
            for number in range(per_type):
                latest = number == per_type - 1
                # the past rounds from five years ago to two months ago
                step = 5 * 365 // max(per_type - 1, 1)
                opened = run.today - timedelta(
                    days=3 if latest else 60 + (per_type - 2 - number) * step
                )
                start = (number * ROUND_ITEMS) % len(pool)
                chosen = (pool[start:] + pool[:start])[:ROUND_ITEMS]
                vals = {
                    "name": f"{resource_type.name} {opened:%Y-%m}",
                    "type_id": resource_type.id,
                    "resource_ids": [(6, 0, chosen)],
                    "date_open": opened,
                    "date_close": opened + timedelta(days=14),
                    "state": "open" if latest else "drawn",
                }
                if resource_type.allocation_method != "first_come":
                    vals["date_term_start"] = opened + timedelta(days=30)
                if resource_type.allocation_method == "lottery":
                    drawn = datetime.combine(opened + timedelta(days=17), time(12))
                    vals.update(
                        seed_source="公告：开奖日期|福彩3D号码|居民大会现场号码",
                        witnesses="种植委员会主任、居民代表、社区民警",
                    )
                    if not latest:
                        vals.update(
                            seed=f"{drawn:%Y-%m-%d}|{rng.randint(0, 999):03d}|"
                            f"{rng.randint(0, 999):03d}",
                            date_seed_published=drawn - timedelta(hours=1),
                            date_draw=drawn,
                        )
                elif not latest:
                    vals["date_draw"] = datetime.combine(
                        opened + timedelta(days=15), time(9)
                    )
                yield vals
