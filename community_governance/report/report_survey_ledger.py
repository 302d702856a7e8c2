# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


def _labels(model, field):
    """{value: label} of a selection field, in the reader's language."""
    return dict(model._fields[field]._description_selection(model.env))


class ReportSurveyLedger(models.AbstractModel):
    """The ledger of residents' conditions (民情台账) of the chosen visits:
    per campaign and entrance, each household, its outcome, what it answered,
    its needs and what became of them."""

    _name = "report.community_governance.report_survey_ledger"
    _description = "Ledger of Residents' Conditions"

    @api.model
    def _get_report_values(self, docids, data=None):
        visits = self.env["community.survey.visit"].browse(docids)
        visits.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "community.survey.visit",
            "docs": visits,
            "groups": visits._report_groups(),
            "state_labels": _labels(visits, "state"),
            "need_labels": _labels(self.env["community.survey.need"], "state"),
        }
