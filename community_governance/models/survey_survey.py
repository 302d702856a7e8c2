# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .community_mixin import OFFICE


class SurveySurvey(models.Model):
    """Door-to-door questionnaires are surveys of their own type, as
    recruitment's are: built in survey's editor, answered through the visits
    only, their answers read by the office of each community (record rules on
    ``survey.user_input``), not by every user of the Surveys app."""

    _inherit = "survey.survey"

    survey_type = fields.Selection(
        selection_add=[("community", "Door-to-door")],
        ondelete={"community": "set default"},
    )
    community_campaign_ids = fields.One2many(
        "community.survey.campaign", "survey_id", string="Door-to-door Campaigns"
    )

    @api.depends("survey_type")
    @api.depends_context("uid")
    def _compute_allowed_survey_types(self):
        res = super()._compute_allowed_survey_types()
        if self.env.user.has_group(OFFICE):
            self.allowed_survey_types = (self.allowed_survey_types or []) + [
                "community"
            ]
        return res

    @api.onchange("survey_type")
    def _onchange_survey_type(self):
        res = super()._onchange_survey_type()
        if self.survey_type == "community":
            self.write(
                {
                    "access_mode": "token",
                    "users_login_required": False,
                    "certification": False,
                    "is_attempts_limited": False,
                    "is_time_limited": False,
                    "scoring_type": "no_scoring",
                    "questions_layout": "one_page",
                }
            )
        return res

    @api.constrains("survey_type", "access_mode", "certification")
    def _check_community_survey(self):
        for survey in self.filtered(lambda s: s.survey_type == "community"):
            if survey.access_mode != "token" or survey.certification:
                raise ValidationError(
                    self.env._(
                        "%(survey)s is a door-to-door questionnaire: households answer "
                        "it through their visits only. Keep it for invited people, "
                        "without certification.",
                        survey=survey.title,
                    )
                )
