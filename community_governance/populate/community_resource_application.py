# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import models

from ..models.community_resource_round import draw_key
from ..models.community_resource_type import PRIORITY_SEQUENCE

DECLINED_SHARE = 0.1


class CommunityResourceApplication(models.Model):
    _inherit = "community.resource.application"

    _populate_sizes = {"small": 120, "medium": 8_000, "large": 60_000}
    _populate_dependencies = ["community.resource.round", "res.partner"]

    def _populate(self, run):
        """Households of each round's community apply, more of them than
        items (one application per household); drawn rounds are ranked as
        their draw ranks them (the lottery from its seed), their items were
        offered in rank order and mostly accepted, the rest wait; open
        rounds wait for their draw (first come: ranked on arrival)."""
        rng = run.random(self._name)
        rounds = run["community.resource.round"]
        residents = run.residents("community_id", [("household_id", "!=", False)])
        households = {
            partner.id: partner.household_id.id
            for partner in self.env["res.partner"].browse(
                [p for ids in residents.values() for p in ids]
            )
        }
        per_round = max(run.count(self) // len(rounds), 1)
        values = []
        for resource_round in rounds:
            pool = residents.get(resource_round.community_id.id, [])
            seen, applicants = set(), []
            for partner_id in rng.sample(pool, min(len(pool), 3 * per_round)):
                if households[partner_id] not in seen:
                    seen.add(households[partner_id])
                    applicants.append(partner_id)
                if len(applicants) == per_round:
                    break
            values += self._populate_round(rng, resource_round, applicants, households)
        return run.batch_create(self, values)

    def _populate_round(self, rng, resource_round, applicants, households):
        method = resource_round.allocation_method
        opened = datetime.combine(resource_round.date_open, time(9))
        drawn = resource_round.state != "open"
        rows = []
        for number, partner_id in enumerate(applicants, start=1):
            submitted = opened + timedelta(minutes=rng.randint(0, 14 * 24 * 60))
            reference = f"RP{resource_round.id:05d}-{number:05d}"
            rows.append(
                {
                    "reference": reference,
                    "round_id": resource_round.id,
                    "partner_id": partner_id,
                    "household_id": households[partner_id],
                    "priority_group": "elderly" if rng.random() < 0.15 else "general",
                    "rules_version": 1,
                    "date_rules_accepted": submitted,
                    "date_submitted": submitted,
                    "state": "submitted",
                }
            )
        if method == "first_come" or drawn:
            if method == "lottery" and resource_round.seed:
                for row in rows:
                    row["draw_key"] = draw_key(resource_round.seed, row["reference"])
                rows.sort(
                    key=lambda r: (
                        PRIORITY_SEQUENCE[r["priority_group"]],
                        r["draw_key"],
                        r["reference"],
                    )
                )
            else:
                rows.sort(key=lambda r: r["date_submitted"])
            for rank, row in enumerate(rows, start=1):
                row.update(rank=rank, state="waiting")
        if drawn:
            offered = resource_round.date_draw or (opened + timedelta(days=15))
            items = len(resource_round.resource_ids)
            taken = 0
            for row in rows:
                if taken == items:
                    break
                row.update(
                    date_first_offer=offered,
                    date_offer=offered,
                    date_offer_deadline=offered + timedelta(days=7),
                    date_decided=offered + timedelta(days=rng.randint(1, 6)),
                )
                if rng.random() < DECLINED_SHARE:
                    row["state"] = "declined"
                else:
                    row["state"] = "accepted"
                    taken += 1
        return rows
