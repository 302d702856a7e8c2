# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# name, public, co-signature threshold, auto-escalate, departments (indexes of
# the populated departments)
CATEGORIES = (
    ("噪音扰民", False, 0, True, (9,)),
    ("房屋漏水与维修", False, 0, False, (3, 4)),
    ("环境卫生", True, 10, False, (7, 0)),
    ("停车与交通", True, 20, False, (1, 0)),
    ("公共设施", True, 10, False, (3, 5, 6)),
    ("绿化养护", True, 15, True, (8,)),
    ("治安与安全", False, 0, True, (9,)),
    ("养老助残", False, 0, False, (10, 11)),
)


class CommunityPetitionCategory(models.Model):
    _inherit = "community.petition.category"

    _populate_sizes = {"small": 3, "medium": 6, "large": 8}
    _populate_dependencies = ["community.department"]

    def _populate_factories(self, run):
        """Kinds of matters: private ones the ladder settles, public ones
        neighbours co-sign, with the departments the office summons."""
        rng = run.random(self._name)
        departments = run["community.department"]
        for name, public, threshold, auto, indexes in CATEGORIES[: run.count(self)]:
            entrance = rng.choice((12, 24, 48))
            yield {
                "name": name,
                "is_public": public,
                "cosign_threshold": threshold,
                "auto_escalate": auto,
                "entrance_hours": entrance,
                "grid_hours": entrance * 2,
                "office_hours": 72,
                "department_hours": rng.choice((72, 120, 168)),
                "acknowledge_hours": 24,
                "department_ids": [
                    fields.Command.set(
                        [departments[i % len(departments)].id for i in indexes]
                    )
                ],
            }
