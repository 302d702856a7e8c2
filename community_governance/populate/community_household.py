# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

ROOMS_PER_FLOOR = 4


class CommunityHousehold(models.Model):
    _inherit = "community.household"

    # about 2.5 residents per household (res.partner's sizes)
    _populate_sizes = {"small": 100, "medium": 4_000, "large": 40_000}
    _populate_dependencies = ["community.area"]

    def _populate_factories(self, run):
        """The homes of each stairwell entrance, room 101, 102 ... floor by
        floor, as many in each entrance (the head of household is set with
        the residents)."""
        entrances = run["community.area"].filtered(lambda a: a.area_type == "entrance")
        count = run.count(self)
        per_entrance, extra = divmod(count, len(entrances))
        for index, entrance in enumerate(entrances):
            for room in range(per_entrance + (index < extra)):
                floor, door = divmod(room, ROOMS_PER_FLOOR)
                yield {
                    "area_id": entrance.id,
                    "unit_number": f"{floor + 1}{door + 1:02d}",
                }
