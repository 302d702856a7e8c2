# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CommunityPetitionEscalationReport(models.Model):
    """Petitions to higher authorities (those that reached the departments,
    above the community office) per compound and year, before and after the
    compound started deciding its matters the "1+211" way (the earliest
    "since" of its owners' bodies). Years without any petition show as zero:
    the seed report's headline is that in 8 pilot compounds this figure fell
    to zero."""

    _name = "community.petition.escalation.report"
    _description = "Petitions to Higher Authorities"
    _auto = False
    _rec_name = "compound_id"
    _order = "year desc, compound_id"

    compound_id = fields.Many2one("community.area", readonly=True)
    community_id = fields.Many2one("community.area", readonly=True)
    year = fields.Date(readonly=True)
    period = fields.Selection(
        [("before", "Before 1+211"), ("after", "With 1+211")], readonly=True
    )
    date_start = fields.Date(string="1+211 Since", readonly=True)
    escalated_count = fields.Integer(string="To Higher Authorities", readonly=True)
    petition_count = fields.Integer(string="All Petitions", readonly=True)

    def _with(self):
        return SQL(
            """
            compounds AS (
                SELECT a.id AS compound_id, a.community_id, a.parent_path,
                       MIN(b.date_start) AS date_start
                  FROM community_area a
                  JOIN community_owner_body b ON b.area_id = a.id AND b.active
                 WHERE a.active
                 GROUP BY a.id, a.community_id, a.parent_path
            ), petitions AS (
                SELECT c.compound_id,
                       date_trunc('year', p.date_raised)::date AS year,
                       CASE WHEN c.date_start IS NOT NULL
                                 AND p.date_raised::date >= c.date_start
                            THEN 'after' ELSE 'before' END AS period,
                       COUNT(*) AS petition_count,
                       COUNT(*) FILTER (WHERE p.level = 'department')
                           AS escalated_count
                  FROM community_petition p
                  JOIN community_area pa ON pa.id = p.area_id
                  JOIN compounds c ON starts_with(pa.parent_path, c.parent_path)
                 WHERE p.state != 'duplicate'
                 GROUP BY 1, 2, 3
            ), years AS (
                SELECT c.compound_id, y::date AS year,
                       CASE WHEN c.date_start IS NOT NULL
                                 AND (y + interval '1 year')::date <= c.date_start
                            THEN 'before' ELSE 'after' END AS period
                  FROM compounds c
                 CROSS JOIN LATERAL generate_series(
                           date_trunc('year', LEAST(
                               COALESCE(c.date_start, now()::date),
                               COALESCE((SELECT MIN(p.year) FROM petitions p
                                          WHERE p.compound_id = c.compound_id),
                                        now()::date))),
                           date_trunc('year', now()),
                           interval '1 year') AS y
            ), keys AS (
                SELECT compound_id, year, period FROM years
                 UNION
                SELECT compound_id, year, period FROM petitions
            )
            """
        )

    def _select(self):
        return SQL(
            """
            SELECT k.compound_id * 100000
                   + EXTRACT(YEAR FROM k.year)::int * 10
                   + (k.period = 'after')::int AS id,
                   k.compound_id,
                   c.community_id,
                   k.year,
                   k.period,
                   c.date_start,
                   COALESCE(p.escalated_count, 0) AS escalated_count,
                   COALESCE(p.petition_count, 0) AS petition_count
            """
        )

    def _from(self):
        return SQL(
            """
              FROM keys k
              JOIN compounds c ON c.compound_id = k.compound_id
              LEFT JOIN petitions p ON p.compound_id = k.compound_id
                                   AND p.year = k.year
                                   AND p.period = k.period
            """
        )

    @property
    def _table_query(self):
        return SQL("WITH %s %s %s", self._with(), self._select(), self._from())
