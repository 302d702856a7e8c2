# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    """The answers of one interviewed household (community.survey.visit)."""

    _inherit = "survey.user_input"

    community_visit_id = fields.Many2one(
        "community.survey.visit",
        string="Household Visit",
        index="btree_not_null",
        readonly=True,
        ondelete="set null",
        copy=False,
    )

    _sql_constraints = [
        (
            "community_visit_uniq",
            "unique(community_visit_id)",
            "A household visit has one set of answers.",
        ),
    ]
