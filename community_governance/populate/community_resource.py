# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .tools import weighted

# allocated items are marked by the allocations' populate
STATES = {"available": 90, "maintenance": 7, "retired": 3}
CAPACITY = {"lottery": (6, "m²"), "first_come": (1, "件"), "committee": (12, "m²")}


class CommunityResource(models.Model):
    _inherit = "community.resource"

    _populate_sizes = {"small": 40, "medium": 1_500, "large": 10_000}
    _populate_dependencies = ["community.resource.type"]

    def _populate_factories(self, run):
        """As many items of each type, numbered A-0001 ..., a few under
        maintenance or retired."""
        rng = run.random(self._name)
        types = run["community.resource.type"]
        per_type = max(run.count(self) // len(types), 1)
        for resource_type in types:
            capacity, unit = CAPACITY[resource_type.allocation_method]
            for number in range(1, per_type + 1):
                yield {
                    "code": f"{resource_type.id}-{number:04d}",
                    "type_id": resource_type.id,
                    "capacity": capacity,
                    "capacity_unit": unit,
                    "state": weighted(rng, STATES),
                }
