# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import models

KEEP_CHOICES = ("保留", "搬走", "无所谓")
TROUBLES = ("共享单车乱停", "货物占道", "送货卡车堵路", "垃圾和异味")


class CommunitySurveyCampaign(models.Model):
    _inherit = "community.survey.campaign"

    _populate_sizes = {"small": 2, "medium": 5, "large": 10}
    _populate_dependencies = ["community.household", "community.steward"]

    def _populate(self, run):
        """A door-to-door questionnaire and campaigns on the run's
        communities, opened as ``action_open`` does: one visit per household,
        the stairwell steward's (else the community's responsible office
        user)."""
        survey = self.env["survey.survey"].create(
            {
                "title": "社区进户调查问卷",
                "survey_type": "community",
                "access_mode": "token",
                "questions_layout": "one_page",
                "question_and_page_ids": [
                    (
                        0,
                        0,
                        {
                            "title": "菜市场是否应该保留？",
                            "question_type": "simple_choice",
                            "sequence": 1,
                            "suggested_answer_ids": [
                                (0, 0, {"value": value}) for value in KEEP_CHOICES
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "title": "最困扰您的是什么？",
                            "question_type": "multiple_choice",
                            "sequence": 2,
                            "suggested_answer_ids": [
                                (0, 0, {"value": value}) for value in TROUBLES
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "title": "您给社区环境打几分？",
                            "question_type": "scale",
                            "sequence": 3,
                            "scale_min": 1,
                            "scale_max": 5,
                        },
                    ),
                ],
            }
        )
        communities = run["community.area"].filtered(
            lambda a: a.area_type == "community"
        )
        count = run.count(self)
        campaigns = run.batch_create(
            self,
            (
                {
                    "name": f"{community.name}进户调查 {index + 1}",
                    "community_id": community.id,
                    "survey_id": survey.id,
                    "user_id": community.user_id.id or self.env.uid,
                    "date_start": run.today - timedelta(days=30 * (count - index)),
                    "max_attempts": 2,
                }
                for index, community in (
                    (i, communities[i % len(communities)]) for i in range(count)
                )
            ),
        )
        campaigns.action_open()
        return campaigns
