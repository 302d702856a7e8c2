# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .tools import weighted

RATED_SHARE = 0.35
RATINGS = {5: 45, 4: 30, 3: 12, 2: 8, 1: 5}
FEEDBACK = {
    5: "处理得很及时，谢谢楼道长！",
    4: "问题解决了，就是等得有点久。",
    3: "基本解决了。",
    2: "拖了很久才有人来。",
    1: "问题还在，没人管。",
}


class RatingRating(models.Model):
    _inherit = "rating.rating"

    _populate_sizes = {"small": 20, "medium": 1_200, "large": 12_000}
    _populate_dependencies = ["community.petition"]

    def _populate_factories(self, run):
        """The raisers' satisfaction with about a third of the settled
        petitions (``petition.rate``'s rating: rated partner the handler who
        settled it), mostly satisfied."""
        rng = run.random(self._name)
        model_id = self.env["ir.model"]._get_id("community.petition")
        for petition in run["community.petition"]:
            if not petition.date_resolved or rng.random() > RATED_SHARE:
                continue
            value = weighted(rng, RATINGS)
            yield {
                "res_model_id": model_id,
                "res_id": petition.id,
                "partner_id": petition.partner_id.id,
                "rated_partner_id": petition.user_id.partner_id.id,
                "rating": value,
                "feedback": FEEDBACK[value],
                "consumed": True,
                "access_token": False,
            }
