# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.community_petition import STATES as PETITION_STATES
from ..models.community_survey_need import NEED_STATES, URGENCIES


class CommunitySurveyNeedReport(models.Model):
    """One line per need raised in a visit: per category, area and state, and
    how long it took to become a petition and to be resolved."""

    _name = "community.survey.need.report"
    _description = "Needs from Door-to-door Surveys"
    _auto = False
    _rec_name = "need_id"
    _order = "date desc"

    need_id = fields.Many2one("community.survey.need", readonly=True)
    campaign_id = fields.Many2one("community.survey.campaign", readonly=True)
    community_id = fields.Many2one("community.area", readonly=True)
    building_id = fields.Many2one("community.area", readonly=True)
    area_id = fields.Many2one("community.area", string="Entrance", readonly=True)
    household_id = fields.Many2one("community.household", readonly=True)
    category_id = fields.Many2one("community.petition.category", readonly=True)
    state = fields.Selection(NEED_STATES, readonly=True)
    urgency = fields.Selection(URGENCIES, readonly=True)
    date = fields.Datetime(string="Raised On", readonly=True)
    petition_id = fields.Many2one("community.petition", readonly=True)
    petition_state = fields.Selection(
        PETITION_STATES, string="Petition Status", readonly=True
    )
    date_petition = fields.Datetime(string="Became a Petition On", readonly=True)
    date_resolved = fields.Datetime(string="Resolved On", readonly=True)
    need_count = fields.Integer(string="Needs", readonly=True)
    petition_count = fields.Integer(string="Became Petitions", readonly=True)
    resolved_count = fields.Integer(string="Resolved", readonly=True)
    hours_to_petition = fields.Float(
        string="Hours to Petition",
        aggregator="avg",
        readonly=True,
        help="From the visit that raised the need to the petition it joined "
        "(needs that became petitions only).",
    )
    hours_petition_to_resolution = fields.Float(
        string="Hours from Petition to Resolution",
        aggregator="avg",
        readonly=True,
        help="From the petition the need joined to its resolution (0 when it was "
        "already resolved).",
    )
    hours_to_resolution = fields.Float(
        string="Hours to Resolution",
        aggregator="avg",
        readonly=True,
        help="From the visit to the resolution of the need's petition.",
    )

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    def _select(self):
        return SQL(
            """
            SELECT n.id AS id,
                   n.id AS need_id,
                   n.campaign_id,
                   n.community_id,
                   n.building_id,
                   n.area_id,
                   n.household_id,
                   n.category_id,
                   n.state,
                   n.urgency,
                   n.date,
                   n.petition_id,
                   p.state AS petition_state,
                   n.date_petition,
                   p.date_resolved,
                   1 AS need_count,
                   CASE WHEN n.petition_id IS NOT NULL THEN 1 ELSE 0 END
                       AS petition_count,
                   CASE WHEN p.date_resolved IS NOT NULL THEN 1 ELSE 0 END
                       AS resolved_count,
                   CASE WHEN n.date_petition IS NOT NULL
                        THEN EXTRACT(EPOCH FROM n.date_petition - n.date) / 3600.0
                   END AS hours_to_petition,
                   CASE WHEN p.date_resolved IS NOT NULL AND n.date_petition IS NOT NULL
                        THEN EXTRACT(EPOCH FROM GREATEST(p.date_resolved,
                                                         n.date_petition)
                                     - n.date_petition) / 3600.0
                   END AS hours_petition_to_resolution,
                   CASE WHEN p.date_resolved IS NOT NULL
                        THEN EXTRACT(EPOCH FROM GREATEST(p.date_resolved, n.date)
                                     - n.date) / 3600.0
                   END AS hours_to_resolution
            """
        )

    def _from(self):
        return SQL(
            """
              FROM community_survey_need n
         LEFT JOIN community_petition p ON p.id = n.petition_id
            """
        )

    def _where(self):
        return SQL("")
