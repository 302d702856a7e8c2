# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import models

AWARDS = ("区级优秀社团", "文艺汇演一等奖", "邻里和谐奖", "市级群众体育先进集体")


class CommunityClubAward(models.Model):
    _inherit = "community.club.award"

    _populate_sizes = {"small": 3, "medium": 30, "large": 150}
    _populate_dependencies = ["community.club"]

    def _populate_factories(self, run):
        rng = run.random(self._name)
        clubs = run["community.club"]
        for _i in range(run.count(self)):
            yield {
                "name": rng.choice(AWARDS),
                "club_id": rng.choice(clubs).id,
                "date": run.today - timedelta(days=rng.randint(0, 5 * 365)),
            }
