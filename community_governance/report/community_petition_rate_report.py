# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CommunityPetitionRateReport(models.Model):
    """Petitions per 1,000 residents, per community and month, from the first
    month with a petition to this month: the months without any petition show
    as zero (the figure the seed says fell to zero)."""

    _name = "community.petition.rate.report"
    _description = "Petitions per 1,000 Residents"
    _auto = False
    _rec_name = "community_id"
    _order = "month desc, community_id"

    community_id = fields.Many2one("community.area", readonly=True)
    month = fields.Date(readonly=True)
    petition_count = fields.Integer(string="Petitions", readonly=True)
    resident_count = fields.Integer(string="Residents", aggregator="max", readonly=True)
    rate = fields.Float(
        string="Petitions per 1,000 Residents", aggregator="avg", readonly=True
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH months AS (
                SELECT generate_series(
                           date_trunc('month', MIN(date_raised)),
                           date_trunc('month',
                                      GREATEST(MAX(date_raised),
                                               now() AT TIME ZONE 'UTC')),
                           interval '1 month'
                       )::date AS month
                  FROM community_petition
            ), residents AS (
                SELECT community_id, COUNT(*) AS resident_count
                  FROM res_partner
                 WHERE is_resident AND active AND community_id IS NOT NULL
                 GROUP BY community_id
            ), petitions AS (
                SELECT community_id,
                       date_trunc('month', date_raised)::date AS month,
                       COUNT(*) AS petition_count
                  FROM community_petition
                 WHERE state != 'duplicate'
                 GROUP BY community_id, date_trunc('month', date_raised)
            )
            SELECT c.id * 100000
                   + (EXTRACT(YEAR FROM m.month) * 12
                      + EXTRACT(MONTH FROM m.month))::int AS id,
                   c.id AS community_id,
                   m.month,
                   COALESCE(p.petition_count, 0) AS petition_count,
                   COALESCE(r.resident_count, 0) AS resident_count,
                   CASE WHEN COALESCE(r.resident_count, 0) = 0 THEN 0.0
                        ELSE 1000.0 * COALESCE(p.petition_count, 0) / r.resident_count
                   END AS rate
              FROM community_area c
             CROSS JOIN months m
              LEFT JOIN residents r ON r.community_id = c.id
              LEFT JOIN petitions p ON p.community_id = c.id AND p.month = m.month
             WHERE c.area_type = 'community' AND c.active
            """
        )
