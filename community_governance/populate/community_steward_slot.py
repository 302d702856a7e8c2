# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import models

POSTS = ("市场门口", "共享单车停放点")
SLOTS_PER_DAY = 4  # 6:30 to 8:30, half an hour each
TAKEN_SHARE = 0.65


class CommunityStewardSlot(models.Model):
    _inherit = "community.steward.slot"

    _populate_sizes = {"small": 40, "medium": 600, "large": 3_000}
    _populate_dependencies = ["community.area", "res.partner", "community.steward"]

    def _populate_factories(self, run):
        """The morning rota of each alley's gate (Dafosi East Street: bikes,
        goods, delivery slots to the half hour), a third of it past, taken by
        the alley stewards and the residents of the alley, nobody twice at
        the same time."""
        rng = run.random(self._name)
        alleys = run["community.area"].filtered(lambda a: a.area_type == "alley")
        if not alleys:
            return
        role = self.env.ref("community_governance.steward_role_alley")
        stewards = run["community.steward"].filtered(lambda s: s.state == "active")
        takers = defaultdict(list)
        for steward in stewards.filtered(lambda s: s.area_id in alleys):
            takers[steward.area_id.id].append(steward.partner_id.id)
        for alley_id, partner_ids in run.residents(
            "area_id", [("area_id", "in", alleys.ids)]
        ).items():
            takers[alley_id] += partner_ids
        per_alley = -(-run.count(self) // len(alleys))
        days = -(-per_alley // SLOTS_PER_DAY)
        date_from = run.today - timedelta(days=days // 3)
        generator = self.env["community.steward.slot.generator"]
        busy = set()
        for index, alley in enumerate(alleys):
            post = POSTS[index % len(POSTS)]
            slots = generator._slot_values(
                post,
                role,
                alley,
                date_from,
                date_from + timedelta(days=days - 1),
                6.5,
                8.5,
                30,
                tz="Asia/Shanghai",
            )
            for vals in slots[:per_alley]:
                pool = takers[alley.id]
                if pool and rng.random() < TAKEN_SHARE:
                    partner_id = rng.choice(pool)
                    if (partner_id, vals["date_start"]) not in busy:
                        busy.add((partner_id, vals["date_start"]))
                        vals["partner_id"] = partner_id
                yield vals
