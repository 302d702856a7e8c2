# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

ASSOCIATIONS = ("文体协会", "老年协会", "志愿者协会", "家长联合会")
# branch club names and categories
CLUBS = (
    ("广场舞队", "sports"),
    ("合唱团", "culture"),
    ("门球队", "sports"),
    ("羽毛球队", "sports"),
    ("书法社", "culture"),
    ("太极拳队", "sports"),
    ("妈妈团", "family"),
    ("京剧票友会", "culture"),
    ("摄影协会", "culture"),
    ("亲子阅读会", "family"),
    ("乒乓球队", "sports"),
)
CLUBS_PER_ASSOCIATION = 5


class CommunityClub(models.Model):
    _inherit = "community.club"

    _populate_sizes = {"small": 6, "medium": 60, "large": 300}
    _populate_dependencies = ["community.area"]

    def _populate(self, run):
        """Associations of each community with their branch clubs (Yong'an:
        the culture and sports association and its square dance, chorus,
        gateball... teams), one ``create()`` per level."""
        rng = run.random(self._name)
        communities = run["community.area"].filtered(
            lambda a: a.area_type == "community"
        )
        per_community = max(run.count(self) // len(communities), 2)
        associations_n = max(per_community // (CLUBS_PER_ASSOCIATION + 1), 1)
        category = {
            code: self.env.ref(f"community_governance.club_category_{code}").id
            for code in ("culture", "sports", "family", "association")
        }
        associations = run.batch_create(
            self,
            (
                {
                    "name": community.name.removesuffix("社区")
                    + ASSOCIATIONS[a % len(ASSOCIATIONS)],
                    "area_id": community.id,
                    "category_id": category["association"],
                    "schedule": "每月第一个周六 9:00",
                }
                for community in communities
                for a in range(associations_n)
            ),
        )
        by_community = {
            community: associations.filtered(lambda c, a=community: c.area_id == a)
            for community in communities
        }
        grids = run["community.area"].filtered(lambda a: a.area_type == "grid")
        branches = run.batch_create(
            self,
            (
                {
                    "name": CLUBS[b % len(CLUBS)][0]
                    + (f" {b // len(CLUBS) + 1}" if b >= len(CLUBS) else ""),
                    "parent_id": by_community[community][b % associations_n].id,
                    "area_id": rng.choice(
                        [community.id]
                        + grids.filtered(lambda g, c=community: g.parent_id == c).ids
                    ),
                    "category_id": category[CLUBS[b % len(CLUBS)][1]],
                    "meeting_place": rng.choice(("社区活动中心", "小区广场", "文化室")),
                    "schedule": rng.choice(
                        ("每天 19:30-21:00", "每周二、四 9:00", "周末上午")
                    ),
                    "is_open": rng.random() < 0.9,
                }
                for community in communities
                for b in range(per_community - associations_n)
            ),
        )
        return associations | branches
