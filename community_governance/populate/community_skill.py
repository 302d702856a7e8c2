# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

SKILLS = (
    ("护理", "care"),
    ("心理疏导", "care"),
    ("急救", "care"),
    ("广场舞", "culture"),
    ("合唱", "culture"),
    ("书法", "culture"),
    ("太极拳", "culture"),
    ("门球", "culture"),
    ("法律咨询", "legal"),
    ("调解纠纷", "legal"),
    ("水电维修", "technical"),
    ("电脑维修", "technical"),
    ("家电维修", "technical"),
    ("木工", "technical"),
    ("辅导功课", "education"),
    ("英语", "education"),
    ("烹饪", "other"),
    ("理发", "other"),
    ("摄影", "other"),
    ("驾驶", "other"),
)


class CommunitySkill(models.Model):
    _inherit = "community.skill"

    _populate_sizes = {"small": 10, "medium": 20, "large": 20}
    _populate_dependencies = []

    def _populate(self, run):
        """The talents residents have; names are unique, so a second run
        reuses the skills of the first."""
        wanted = SKILLS[: run.count(self)]
        existing = self.search([("name", "in", [name for name, _c in wanted])])
        known = set(existing.mapped("name"))
        return existing | run.batch_create(
            self,
            (
                {"name": name, "category": category}
                for name, category in wanted
                if name not in known
            ),
        )
