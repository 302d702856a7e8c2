# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import models

from .tools import weighted

NEEDS = (
    "共享单车堵住菜市场门口",
    "送货卡车一早堵在胡同口",
    "货物堆在人行道上",
    "楼道灯坏了",
    "下水管道经常堵",
    "楼道里堆放杂物",
    "楼上晚上噪音大",
    "希望开设老年助餐点",
)
STATES = {"new": 15, "settled": 35, "office": 15, "declined": 5, "petition": 30}


class CommunitySurveyNeed(models.Model):
    _inherit = "community.survey.need"

    _populate_sizes = {"small": 30, "medium": 4_000, "large": 20_000}
    _populate_dependencies = ["community.survey.attempt", "community.petition"]

    def _populate_factories(self, run):
        """Needs raised in the interviews (about one household in three),
        most settled on the spot or sent to the office; the petition ones
        linked to a petition of the same community and category when there
        is one, as gather() does."""
        rng = run.random(self._name)
        visits = (
            run["community.survey.campaign"]
            .visit_ids.filtered(lambda v: v.state == "interviewed")
            .sorted("id")
        )
        if not visits:
            return
        categories = (
            run["community.petition.category"]
            | self.env.ref("community_governance.petition_category_stairwell")
            | self.env.ref("community_governance.petition_category_public_space")
        )
        petitions = {}
        for petition in run["community.petition"]:
            key = (petition.community_id.id, petition.category_id.id)
            petitions.setdefault(key, petition)
        count = min(run.count(self), len(visits))
        for visit in rng.sample(list(visits), count):
            text = rng.choice(NEEDS)
            category = (
                rng.choice(categories)
                if rng.random() < 0.9
                else self.env["community.petition.category"]
            )
            state = weighted(rng, STATES)
            petition = petitions.get((visit.community_id.id, category.id))
            if state == "petition" and not petition:
                state = "office"
            raised = visit.date_interviewed
            yield {
                "visit_id": visit.id,
                "description": text,
                "category_id": category.id,
                "urgency": "urgent" if rng.random() < 0.1 else "normal",
                "partner_id": visit.partner_id.id,
                "user_id": visit.visitor_id.id,
                "date": raised,
                "state": state,
                "outcome_note": "已当场解决" if state == "settled" else False,
                "petition_id": petition.id if state == "petition" else False,
                "date_petition": raised + timedelta(days=rng.randint(1, 10))
                if state == "petition"
                else False,
            }
