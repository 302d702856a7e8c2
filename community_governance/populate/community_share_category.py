# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# The skills (populate/community_skill.py) that fit each category of the
# addon's data.
FITTING_SKILLS = {
    "share_category_tutoring": ("辅导功课", "英语"),
    "share_category_elderly": ("护理", "理发", "心理疏导"),
    "share_category_digital": ("电脑维修",),
    "share_category_repair": ("水电维修", "家电维修", "木工"),
    "share_category_health": ("护理", "急救"),
    "share_category_legal": ("法律咨询", "调解纠纷"),
    "share_category_activity": ("广场舞", "合唱", "太极拳", "门球"),
}


class CommunityShareCategory(models.Model):
    _inherit = "community.share.category"

    _populate_sizes = {"small": 13, "medium": 13, "large": 13}
    _populate_dependencies = ["community.skill"]

    def _populate(self, run):
        """The categories of the addon's data, with the populated skills
        that fit them (the suggestions find residents through them)."""
        skills = {skill.name: skill.id for skill in run["community.skill"]}
        for xmlid, names in FITTING_SKILLS.items():
            category = self.env.ref(f"community_governance.{xmlid}", False)
            ids = [skills[name] for name in names if name in skills]
            if category and ids:
                category.write({"skill_ids": [(4, skill_id) for skill_id in ids]})
        return self.search([])
