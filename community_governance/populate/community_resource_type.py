# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# name, allocation method, term, term unit, offer days
KINDS = (
    ("共享菜地", "lottery", 3, "year", 7),
    ("社区活动室", "first_come", 1, "day", 2),
    ("工具借用", "first_come", 14, "day", 2),
    ("停车位", "committee", 1, "year", 5),
)
RULES = "<p>每户限一件；按期使用，爱护公物；荒废或违约的由委员会收回。</p>"


class CommunityResourceType(models.Model):
    _inherit = "community.resource.type"

    _populate_sizes = {"small": 4, "medium": 20, "large": 60}
    _populate_dependencies = ["community.area"]

    def _populate_factories(self, run):
        """Each community's shared plots (a lottery, holders and the elderly
        first), rooms and tools (first come), parking (the committee)."""
        communities = run["community.area"].filtered(
            lambda a: a.area_type == "community"
        )
        for index in range(run.count(self)):
            community = communities[index % len(communities)]
            kind = index // len(communities)
            name, method, term, unit, offer_days = KINDS[kind % len(KINDS)]
            lottery = method == "lottery"
            yield {
                "name": name
                if kind < len(KINDS)
                else f"{name} {kind // len(KINDS) + 1}",
                "community_id": community.id,
                "allocation_method": method,
                "term_number": term,
                "term_unit": unit,
                "offer_days": offer_days,
                "max_per_household": 1 if lottery else 2,
                "min_age": 18,
                "priority_renewal": lottery,
                "priority_age": 70 if lottery else 0,
                "allow_renewal": unit == "year",
                "rules": RULES,
            }
