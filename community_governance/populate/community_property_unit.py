# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

ROOMS_PER_FLOOR = 2
# exclusive areas of the flat types, in m² with two decimals
AREAS = ("68.45", "89.37", "112.56", "128.04", "143.26")
UNSOLD_SHARE = 0.03
SECOND_UNIT_SHARE = 0.02
CO_OWNED_SHARE = 0.1


class CommunityPropertyUnit(models.Model):
    _inherit = "community.property.unit"

    _populate_sizes = {"small": 100, "medium": 4_000, "large": 40_000}
    _populate_dependencies = ["community.area", "res.partner"]

    def _populate_factories(self, run):
        """The units of each stairwell entrance, floor by floor, owned by
        residents of the entrance (a few co-owned, a few owners of a second
        unit, a few still the developer's)."""
        rng = run.random(self._name)
        entrances = run["community.area"].filtered(lambda a: a.area_type == "entrance")
        residents = run.residents("area_id")
        everyone = [p for ids in residents.values() for p in ids]
        per_entrance, extra = divmod(run.count(self), len(entrances))
        for index, entrance in enumerate(entrances):
            local = residents.get(entrance.id) or everyone
            for room in range(per_entrance + (index < extra)):
                floor, door = divmod(room, ROOMS_PER_FLOOR)
                values = {
                    "area_id": entrance.id,
                    "room": f"{floor + 1}{door + 1:02d}",
                    "floor_area": AREAS[(index + door) % len(AREAS)],
                }
                chance = rng.random()
                if chance < UNSOLD_SHARE:
                    values["is_developer_unsold"] = True
                else:
                    pool = (
                        everyone if chance < UNSOLD_SHARE + SECOND_UNIT_SHARE else local
                    )
                    owners = rng.sample(pool, 2 if rng.random() < CO_OWNED_SHARE else 1)
                    values["owner_ids"] = [fields.Command.set(owners)]
                yield values
