# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .tools import weighted

# how the terms of past rounds ended
ENDINGS = {"ended": 60, "released": 25, "revoked": 15}


class CommunityResourceAllocation(models.Model):
    _inherit = "community.resource.allocation"

    _populate_sizes = {"small": 40, "medium": 2_500, "large": 20_000}
    _populate_dependencies = ["community.resource.application"]

    def _populate(self, run):
        """An allocation for each accepted application, on the items of its
        round in order: the latest round of an item holds it (active), the
        allocations of older rounds ended, were given back or revoked."""
        rng = run.random(self._name)
        accepted = (
            run["community.resource.application"]
            .filtered(lambda a: a.state == "accepted")
            .sorted(lambda a: (a.round_id.date_open, a.rank))
        )
        holder = {}
        values = []
        free = {}
        for application in accepted:
            resource_round = application.round_id
            items = free.setdefault(
                resource_round.id, list(resource_round.resource_ids)
            )
            if not items:
                continue
            resource = items.pop(0)
            start = resource_round.date_term_start or application.date_decided.date()
            vals = {
                "resource_id": resource.id,
                "household_id": application.household_id.id,
                "partner_id": application.partner_id.id,
                "round_id": resource_round.id,
                "application_id": application.id,
                "date_start": start,
                "date_end": resource_round._term_end(start),
                "state": "active",
            }
            previous = holder.get(resource.id)
            if previous is not None:
                previous["state"] = weighted(rng, ENDINGS)
                previous["date_stop"] = min(previous["date_end"], start)
                if previous["state"] == "revoked":
                    previous["revoke_reason"] = "连续两个月荒废，经委员会收回。"
            holder[resource.id] = vals
            values.append(vals)
        for vals in values:
            if vals["state"] == "active" and vals["date_end"] < run.today:
                vals.update(state="ended", date_stop=vals["date_end"])
        allocations = run.batch_create(self, values)
        active = allocations.filtered(lambda a: a.state == "active")
        active.resource_id.filtered(lambda r: r.state == "available").write(
            {"state": "allocated"}
        )
        return allocations
