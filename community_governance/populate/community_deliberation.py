# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import models

from ..models.community_deliberation import CATEGORIES

TITLES = (
    "更换智能电表",
    "修剪小区树木",
    "增设电动车充电桩",
    "加装电梯",
    "更换屋面防水层",
)
# how the units that vote do: for, against, abstain
CHOICES = {"yes": 70, "no": 20, "abstain": 10}


class CommunityDeliberation(models.Model):
    _inherit = "community.deliberation"

    # matters per run; in each community one vote counted and one running,
    # the others proposals (a vote has one ballot per unit of the community)
    _populate_sizes = {"small": 4, "medium": 20, "large": 50}
    _populate_dependencies = ["community.property.unit"]

    def _populate(self, run):
        """The general meeting of each community and its matters: per
        community one counted vote, one vote running, the rest proposals.
        Ballots are cast in one batch per vote."""
        rng = run.random(self._name)
        communities = run["community.area"].filtered(
            lambda a: a.area_type == "community"
        )
        bodies = run.batch_create(
            self.env["community.owner.body"],
            (
                {
                    "name": f"{community.name}业主大会",
                    "body_type": "general_meeting",
                    "area_id": community.id,
                    "date_start": run.today - timedelta(days=730),
                }
                for community in communities
            ),
        )
        per_community = max(run.count(self) // len(communities), 2)
        # (vote opens, vote closes) in days from now: counted, running, proposal
        windows = {0: (-20, -10), 1: (-2, 10)}
        matters = run.batch_create(
            self,
            (
                {
                    "title": TITLES[n % len(TITLES)],
                    "description": "批量生成的议事事项。",
                    "category": CATEGORIES[(i + n) % len(CATEGORIES)][0],
                    "area_id": body.area_id.id,
                    "body_id": body.id,
                    "date_proposed": run.today - timedelta(days=60 + 30 * n),
                    "date_vote_start": run.now
                    + timedelta(days=windows.get(n, (30, 40))[0]),
                    "date_vote_end": run.now
                    + timedelta(days=windows.get(n, (30, 40))[1]),
                }
                for i, body in enumerate(bodies)
                for n in range(per_community)
            ),
        )
        Ballot = self.env["community.deliberation.ballot"].with_env(run.env)
        for matter in matters.filtered(lambda m: m.date_vote_start <= run.now):
            matter._issue_notice(matter.date_vote_start - timedelta(days=16))
            matter._open_vote()
            ballots = Ballot.search([("deliberation_id", "=", matter.id)])
            Ballot._cast_batch(
                [
                    {
                        "ballot": ballot,
                        "choice": rng.choices(
                            list(CHOICES), weights=list(CHOICES.values())
                        )[0],
                        "channel": rng.choice(("portal", "paper", "door", "meeting")),
                        "voter": ballot.owner_ids[:1].id or None,
                        "proxy": False,
                        "date": matter.date_vote_start
                        + timedelta(hours=rng.randint(1, 40)),
                    }
                    for ballot in ballots
                    if rng.random() < 0.75
                ]
            )
            if matter.date_vote_end < run.now:
                matter._close_vote()
                matter._count(matter.date_vote_end)
        return matters
