# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

# The figures Beijing's 12345 hotline judges departments by (接诉即办: 响应率,
# 解决率, 满意率), as this addon counts them. Shown on the scoreboard (column
# tooltips, the department's card), in the monthly PDF and on the dashboard.
RESPONSE_RATE_HELP = (
    "Response rate: of the dispatches due for an answer, the share the "
    "department answered at all (reported for duty, reported back, or declined "
    "with a reason). A dispatch is due for an answer once answered or once its "
    "acknowledge-by time passed (at once when the category sets none)."
)
RESOLUTION_RATE_HELP = (
    "Resolution rate: of the dispatches the department did not decline and "
    "that are due (reported back, or past their report-by time), the share it "
    "reported back on whose petition is now resolved or closed. A petition "
    "reopened by its resident is not resolved until it is settled again."
)
SATISFACTION_RATE_HELP = (
    "Satisfaction rate: of the resolved petitions the department was summoned "
    "on and that their resident rated, the share rated 4 or 5 (satisfied or "
    "very satisfied). Each petition counts once per department, with the "
    "rating of its last resolution only."
)
ON_TIME_HELP = (
    "On-time acknowledgement: of the dispatches due and not declined, the "
    "share acknowledged (reported for duty, or reported back) by the "
    "acknowledge-by time (any time when the category sets none)."
)


class CommunityPetitionDepartmentReport(models.Model):
    """The department scoreboard: how each department answered the whistle,
    one row per department. The rates are ratios of counts of the row and the
    medians are computed here (a pivot could only average them), so neither
    is summed nor averaged again (``aggregator=False``): a total of rates
    would mislead."""

    _name = "community.petition.department.report"
    _description = "Department Scoreboard"
    _auto = False
    _rec_name = "department_id"
    _order = "dispatch_count desc, department_id"

    department_id = fields.Many2one("community.department", readonly=True)
    has_liaison = fields.Boolean(
        string="Has a Liaison",
        readonly=True,
        help="At least one liaison acts for the department on the portal.",
    )
    dispatch_count = fields.Integer(string="Dispatches Received", readonly=True)
    due_count = fields.Integer(
        string="Due for an Answer",
        readonly=True,
        help="Dispatches answered, or whose acknowledge-by time passed.",
    )
    responded_count = fields.Integer(string="Answered", readonly=True)
    response_rate = fields.Float(
        string="Response Rate (%)",
        aggregator=False,
        readonly=True,
        digits=(5, 1),
        help=RESPONSE_RATE_HELP,
    )
    acknowledged_on_time_count = fields.Integer(
        string="Acknowledged on Time", readonly=True
    )
    acknowledged_on_time_rate = fields.Float(
        string="% Acknowledged on Time",
        aggregator=False,
        readonly=True,
        digits=(5, 1),
        help=ON_TIME_HELP,
    )
    acknowledged_count = fields.Integer(string="Acknowledged", readonly=True)
    reported_count = fields.Integer(string="Reported", readonly=True)
    declined_count = fields.Integer(string="Declined", readonly=True)
    overdue_count = fields.Integer(
        string="Overdue", readonly=True, help="Past the report-by time, unanswered."
    )
    resolution_due_count = fields.Integer(
        string="Due for a Resolution",
        readonly=True,
        help="Dispatches not declined, reported back or past their report-by time.",
    )
    resolved_count = fields.Integer(
        string="Reported and Resolved",
        readonly=True,
        help="Dispatches reported back whose petition is resolved or closed.",
    )
    resolution_rate = fields.Float(
        string="Resolution Rate (%)",
        aggregator=False,
        readonly=True,
        digits=(5, 1),
        help=RESOLUTION_RATE_HELP,
    )
    median_acknowledge_hours = fields.Float(
        string="Median Hours to Acknowledge",
        aggregator=False,
        readonly=True,
        digits=(16, 1),
        help="Median, over the acknowledged dispatches, of the hours from the "
        "summons to the acknowledgement.",
    )
    median_report_hours = fields.Float(
        string="Median Hours to Report",
        aggregator=False,
        readonly=True,
        digits=(16, 1),
        help="Median, over the dispatches reported back (not the declined or "
        "pending ones), of the hours from the summons to the report.",
    )
    rated_count = fields.Integer(string="Rated Petitions", readonly=True)
    satisfied_count = fields.Integer(
        string="Satisfied (4-5)",
        readonly=True,
        help="Rated petitions whose resident gave 4 or 5.",
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)",
        aggregator=False,
        readonly=True,
        digits=(5, 1),
        help=SATISFACTION_RATE_HELP,
    )
    avg_rating = fields.Float(
        string="Average Rating (1-5)",
        aggregator=False,
        readonly=True,
        digits=(3, 2),
        help="Average rating given by residents to the resolved petitions the "
        "department was summoned on (each petition once, the rating of its last "
        "resolution only).",
    )

    @property
    def _table_query(self):
        return self._figures_query()

    @api.model
    def _figures_query(self, where=None, by_community=False):
        """The scoreboard's figures per department (and per community with
        ``by_community``) of the dispatches matching ``where`` (an SQL
        condition on the dispatch ``d``): one definition for the scoreboard,
        the monthly PDF and the dashboard."""
        where = where or SQL("TRUE")
        columns = (
            ["department_id", "community_id"] if by_community else ["department_id"]
        )
        key = SQL(", ").join(SQL.identifier(column) for column in columns)
        dp_key = SQL(", ").join(SQL.identifier("dp", column) for column in columns)
        return SQL(
            """
            WITH satisfaction AS (%(satisfaction)s),
            dispatch AS (
                SELECT d.*,
                       (d.date_acknowledged IS NOT NULL
                        OR d.state IN ('reported', 'declined')) AS responded,
                       (d.date_acknowledged IS NOT NULL
                        OR d.state IN ('reported', 'declined')
                        OR COALESCE(d.date_acknowledge_deadline, d.date_summoned)
                           <= %(now)s) AS due,
                       (d.state = 'reported'
                        OR (d.state != 'declined'
                            AND COALESCE(d.date_deadline, d.date_summoned)
                                <= %(now)s)) AS resolution_due,
                       (d.state = 'reported'
                        AND p.state IN ('resolved', 'closed')) AS resolved
                  FROM community_petition_dispatch d
                  JOIN community_petition p ON p.id = d.petition_id
                 WHERE %(where)s
            ),
            department_satisfaction AS (
                SELECT %(dp_key)s,
                       COUNT(*) AS rated_count,
                       COUNT(*) FILTER (WHERE s.rating >= 4) AS satisfied_count,
                       AVG(s.rating) AS avg_rating
                  FROM (SELECT DISTINCT department_id, community_id, petition_id
                          FROM dispatch) dp
                  JOIN community_petition p
                    ON p.id = dp.petition_id AND p.state IN ('resolved', 'closed')
                  JOIN satisfaction s ON s.petition_id = dp.petition_id
                 GROUP BY %(dp_key)s
            ),
            department_liaison AS (
                SELECT DISTINCT rel.department_id
                  FROM community_department_liaison_rel rel
                  JOIN res_users u ON u.id = rel.user_id AND u.active
            ),
            counts AS (
                SELECT %(key)s,
                       MIN(d.id) AS first_id,
                       COUNT(*) AS dispatch_count,
                       COUNT(*) FILTER (WHERE d.due) AS due_count,
                       COUNT(*) FILTER (WHERE d.responded) AS responded_count,
                       COUNT(*) FILTER (WHERE d.due AND d.state != 'declined')
                           AS ack_due_count,
                       COUNT(*) FILTER (
                           WHERE d.acknowledged_on_time AND d.state != 'declined'
                       ) AS acknowledged_on_time_count,
                       COUNT(*) FILTER (WHERE d.date_acknowledged IS NOT NULL)
                           AS acknowledged_count,
                       COUNT(*) FILTER (WHERE d.state = 'reported') AS reported_count,
                       COUNT(*) FILTER (WHERE d.state = 'declined') AS declined_count,
                       COUNT(*) FILTER (WHERE d.is_overdue) AS overdue_count,
                       COUNT(*) FILTER (WHERE d.resolution_due)
                           AS resolution_due_count,
                       COUNT(*) FILTER (WHERE d.resolved) AS resolved_count,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY d.acknowledge_hours)
                           FILTER (WHERE d.date_acknowledged IS NOT NULL)
                           AS median_acknowledge_hours,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY d.report_hours)
                           FILTER (WHERE d.state = 'reported') AS median_report_hours
                  FROM dispatch d
                 GROUP BY %(key)s
            )
            SELECT %(id)s AS id,
                   c.*,
                   dl.department_id IS NOT NULL AS has_liaison,
                   100.0 * c.responded_count / NULLIF(c.due_count, 0)
                       AS response_rate,
                   100.0 * c.acknowledged_on_time_count / NULLIF(c.ack_due_count, 0)
                       AS acknowledged_on_time_rate,
                   100.0 * c.resolved_count / NULLIF(c.resolution_due_count, 0)
                       AS resolution_rate,
                   COALESCE(ds.rated_count, 0) AS rated_count,
                   COALESCE(ds.satisfied_count, 0) AS satisfied_count,
                   100.0 * ds.satisfied_count / NULLIF(ds.rated_count, 0)
                       AS satisfaction_rate,
                   ds.avg_rating
              FROM counts c
              LEFT JOIN department_satisfaction ds USING (%(key)s)
              LEFT JOIN department_liaison dl ON dl.department_id = c.department_id
            """,
            satisfaction=self.env["community.petition"]._satisfaction_query(),
            now=fields.Datetime.now(),
            where=where,
            key=key,
            dp_key=dp_key,
            id=SQL("c.first_id") if by_community else SQL("c.department_id"),
        )
