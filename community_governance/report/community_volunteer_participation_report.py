# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CommunityVolunteerParticipationReport(models.Model):
    """Per community and year: residents, registered volunteers, residents
    with approved hours in the year and their share of the residents."""

    _name = "community.volunteer.participation.report"
    _description = "Volunteer Participation per Community"
    _auto = False
    _order = "year desc, community_id"
    _rec_name = "community_id"

    community_id = fields.Many2one("community.area", readonly=True)
    year = fields.Integer(readonly=True, aggregator=False)
    resident_count = fields.Integer(string="Residents", readonly=True, aggregator="sum")
    volunteer_count = fields.Integer(
        string="Registered Volunteers", readonly=True, aggregator="sum"
    )
    active_count = fields.Integer(
        string="Volunteered",
        readonly=True,
        aggregator="sum",
        help="Residents with approved volunteer hours in the year.",
    )
    share = fields.Float(
        string="Share Who Volunteered (%)",
        readonly=True,
        aggregator="max",
        digits=(5, 1),
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH residents AS (
                SELECT community_id,
                       COUNT(*) AS resident_count,
                       COUNT(*) FILTER (WHERE is_volunteer) AS volunteer_count
                  FROM res_partner
                 WHERE is_resident AND active AND community_id IS NOT NULL
                 GROUP BY community_id
            ), active AS (
                SELECT community_id,
                       EXTRACT(YEAR FROM date)::int AS year,
                       COUNT(DISTINCT volunteer_id) AS active_count
                  FROM community_volunteer_hour
                 WHERE state = 'approved' AND community_id IS NOT NULL
                 GROUP BY community_id, EXTRACT(YEAR FROM date)
            ), years AS (
                SELECT DISTINCT year FROM active
                 UNION SELECT EXTRACT(YEAR FROM CURRENT_DATE)::int
            )
            SELECT r.community_id * 10000 + y.year AS id,
                   r.community_id,
                   y.year,
                   r.resident_count,
                   r.volunteer_count,
                   COALESCE(a.active_count, 0) AS active_count,
                   ROUND(100.0 * COALESCE(a.active_count, 0) / r.resident_count, 1)
                       AS share
              FROM residents r
             CROSS JOIN years y
              LEFT JOIN active a ON a.community_id = r.community_id AND a.year = y.year
            """
        )
