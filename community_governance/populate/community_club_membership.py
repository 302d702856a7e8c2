# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import models

from .tools import weighted

STATES = {"active": 85, "left": 12, "requested": 3}
# the first members of a club lead it
ROLES = ("leader", "secretary", "treasurer", "coach")


class CommunityClubMembership(models.Model):
    _inherit = "community.club.membership"

    _populate_sizes = {"small": 60, "medium": 1_500, "large": 12_000}
    _populate_dependencies = ["community.club", "res.partner"]

    def _populate_factories(self, run):
        """Members of each club among the residents of its community: some
        clubs big (300 square dancers), some small; a leader and a secretary
        first; a few who left and a few requests waiting for the leaders."""
        rng = run.random(self._name)
        clubs = run["community.club"]
        residents = run.residents("community_id")
        weights = [rng.uniform(0.2, 2.5) for _club in clubs]
        total = sum(weights)
        count = run.count(self)
        for club, weight in zip(clubs, weights, strict=True):
            pool = residents.get(club.community_id.id, [])
            size = min(max(round(count * weight / total), 2), len(pool))
            for rank, partner_id in enumerate(rng.sample(pool, size)):
                joined = run.today - timedelta(days=rng.randint(0, 5 * 365))
                state = "active" if rank < len(ROLES) else weighted(rng, STATES)
                vals = {
                    "club_id": club.id,
                    "partner_id": partner_id,
                    "role": ROLES[rank] if rank < len(ROLES) else "member",
                    "state": state,
                }
                if state != "requested":
                    vals["date_join"] = joined
                if state == "left":
                    vals["date_left"] = joined + (run.today - joined) * rng.random()
                yield vals
