# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..models.community_survey_attempt import NO_ANSWER_OUTCOMES
from .report_survey_ledger import _labels


class ReportSurveyDoorList(models.AbstractModel):
    """The printed door list of each entrance, for visitors without a phone:
    the rooms to knock at, what happened so far, boxes to tick. The ledger's
    values (the visits grouped by campaign and entrance) and the outcomes to
    tick."""

    _name = "report.community_governance.report_survey_door_list"
    _inherit = "report.community_governance.report_survey_ledger"
    _description = "Door List"

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data)
        values["outcomes"] = [
            label
            for key, label in _labels(
                self.env["community.survey.attempt"], "outcome"
            ).items()
            if key in dict(NO_ANSWER_OUTCOMES)
        ]
        return values
