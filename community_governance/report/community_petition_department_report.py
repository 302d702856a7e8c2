# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CommunityPetitionDepartmentReport(models.Model):
    """The department scoreboard: how each department answered the whistle.
    Medians are computed here (a pivot can only average)."""

    _name = "community.petition.department.report"
    _description = "Department Scoreboard"
    _auto = False
    _rec_name = "department_id"
    _order = "dispatch_count desc, department_id"

    department_id = fields.Many2one("community.department", readonly=True)
    # One row per department and community: officers see the dispatches of
    # the communities they serve (record rules), as on the dispatches.
    community_id = fields.Many2one("community.area", readonly=True)
    dispatch_count = fields.Integer(string="Dispatches Received", readonly=True)
    acknowledged_on_time_count = fields.Integer(
        string="Acknowledged on Time", readonly=True
    )
    acknowledged_on_time_rate = fields.Float(
        string="% Acknowledged on Time", aggregator="avg", readonly=True
    )
    reported_count = fields.Integer(string="Reported", readonly=True)
    declined_count = fields.Integer(string="Declined", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    median_acknowledge_hours = fields.Float(
        string="Median Hours to Acknowledge", aggregator="avg", readonly=True
    )
    median_report_hours = fields.Float(
        string="Median Hours to Report", aggregator="avg", readonly=True
    )
    avg_rating = fields.Float(
        string="Satisfaction of Resolved",
        aggregator="avg",
        readonly=True,
        help="Average rating given by residents to the resolved petitions the "
        "department was summoned on (each petition once).",
    )
    rated_count = fields.Integer(string="Rated Petitions", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            WITH satisfaction AS (%(satisfaction)s),
            department_satisfaction AS (
                SELECT dp.department_id,
                       dp.community_id,
                       COUNT(*) AS rated_count,
                       AVG(s.rating) AS avg_rating
                  FROM (SELECT DISTINCT department_id, community_id, petition_id
                          FROM community_petition_dispatch) dp
                  JOIN community_petition p
                    ON p.id = dp.petition_id AND p.date_resolved IS NOT NULL
                  JOIN satisfaction s ON s.petition_id = dp.petition_id
                 GROUP BY dp.department_id, dp.community_id
            )
            SELECT MIN(d.id) AS id,
                   d.department_id,
                   d.community_id,
                   COUNT(*) AS dispatch_count,
                   COUNT(*) FILTER (WHERE d.acknowledged_on_time)
                       AS acknowledged_on_time_count,
                   100.0 * COUNT(*) FILTER (WHERE d.acknowledged_on_time) / COUNT(*)
                       AS acknowledged_on_time_rate,
                   COUNT(*) FILTER (WHERE d.state = 'reported') AS reported_count,
                   COUNT(*) FILTER (WHERE d.state = 'declined') AS declined_count,
                   COUNT(*) FILTER (WHERE d.is_overdue) AS overdue_count,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY d.acknowledge_hours)
                       FILTER (WHERE d.date_acknowledged IS NOT NULL)
                       AS median_acknowledge_hours,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY d.report_hours)
                       FILTER (WHERE d.state = 'reported') AS median_report_hours,
                   MAX(ds.avg_rating) AS avg_rating,
                   COALESCE(MAX(ds.rated_count), 0) AS rated_count
              FROM community_petition_dispatch d
              LEFT JOIN department_satisfaction ds
                     ON ds.department_id = d.department_id
                    AND ds.community_id IS NOT DISTINCT FROM d.community_id
             GROUP BY d.department_id, d.community_id
            """,
            satisfaction=self.env["community.petition"]._satisfaction_query(),
        )
