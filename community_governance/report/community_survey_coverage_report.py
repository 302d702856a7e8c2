# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.community_survey_campaign import CAMPAIGN_STATES
from ..models.community_survey_visit import REACHED_STATES, VISIT_STATES


class CommunitySurveyCoverageReport(models.Model):
    """One line per household of a campaign: grouped by campaign, building
    or entrance it gives the households, how many were visited, interviewed,
    refused, not home, vacant, and the share reached (an average of 0 / 100
    per household, so it is right at every level of the pivot).

    The query is split as hr_timesheet's reports are (``_select``,
    ``_from``, ``_where``) so that other modules can extend it."""

    _name = "community.survey.coverage.report"
    _description = "Door-to-door Survey Coverage"
    _auto = False
    _rec_name = "household_id"
    _order = "campaign_id desc, area_id"

    visit_id = fields.Many2one("community.survey.visit", readonly=True)
    campaign_id = fields.Many2one("community.survey.campaign", readonly=True)
    campaign_state = fields.Selection(
        CAMPAIGN_STATES, string="Campaign Status", readonly=True
    )
    community_id = fields.Many2one("community.area", readonly=True)
    grid_id = fields.Many2one("community.area", readonly=True)
    building_id = fields.Many2one("community.area", readonly=True)
    area_id = fields.Many2one("community.area", string="Entrance", readonly=True)
    household_id = fields.Many2one("community.household", readonly=True)
    visitor_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(VISIT_STATES, string="Outcome", readonly=True)
    household_count = fields.Integer(string="Households", readonly=True)
    visited_count = fields.Integer(string="Visited", readonly=True)
    interviewed_count = fields.Integer(string="Interviewed", readonly=True)
    refused_count = fields.Integer(string="Refused", readonly=True)
    not_home_count = fields.Integer(string="Not Home", readonly=True)
    vacant_count = fields.Integer(string="Vacant", readonly=True)
    moved_out_count = fields.Integer(string="Moved Out", readonly=True)
    pending_count = fields.Integer(string="Not Visited Yet", readonly=True)
    found_count = fields.Integer(string="Found on the Doorstep", readonly=True)
    attempt_count = fields.Integer(string="Tries", readonly=True)
    reached_rate = fields.Float(
        string="% Reached",
        aggregator="avg",
        readonly=True,
        help="Share of the households with a final outcome: interviewed, refused, "
        "vacant or moved out.",
    )

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    def _select(self):
        return SQL(
            """
            SELECT v.id AS id,
                   v.id AS visit_id,
                   v.campaign_id,
                   c.state AS campaign_state,
                   v.community_id,
                   b.parent_id AS grid_id,
                   v.building_id,
                   v.area_id,
                   v.household_id,
                   v.visitor_id,
                   v.state,
                   1 AS household_count,
                   CASE WHEN v.attempt_count > 0 THEN 1 ELSE 0 END AS visited_count,
                   CASE WHEN v.state = 'interviewed' THEN 1 ELSE 0 END
                       AS interviewed_count,
                   CASE WHEN v.state = 'refused' THEN 1 ELSE 0 END AS refused_count,
                   CASE WHEN v.state IN ('not_home', 'unreachable') THEN 1 ELSE 0 END
                       AS not_home_count,
                   CASE WHEN v.state = 'vacant' THEN 1 ELSE 0 END AS vacant_count,
                   CASE WHEN v.state = 'moved_out' THEN 1 ELSE 0 END
                       AS moved_out_count,
                   CASE WHEN v.state = 'pending' THEN 1 ELSE 0 END AS pending_count,
                   CASE WHEN v.is_found THEN 1 ELSE 0 END AS found_count,
                   v.attempt_count,
                   CASE WHEN v.state IN %(reached)s THEN 100.0 ELSE 0.0 END
                       AS reached_rate
            """,
            reached=REACHED_STATES,
        )

    def _from(self):
        return SQL(
            """
              FROM community_survey_visit v
              JOIN community_survey_campaign c ON c.id = v.campaign_id
         LEFT JOIN community_area b ON b.id = v.building_id
            """
        )

    def _where(self):
        return SQL("")
