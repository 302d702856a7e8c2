# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.community_area import AREA_TYPES


class CommunityStewardCoverage(models.Model):
    """One line per area and steward role serving its type: how many stewards
    serve it now, and whether it is covered. "Does every stairwell have its
    steward?" is the list filtered on "Without steward".

    The list shows the names the view's query selects (``area_name``,
    ``community_name``, ``role_name``) and is ordered on them: the 2,000
    rows of a district then come from that one query, instead of reading
    and formatting the display names of 2,000 areas through the ORM and
    joining the areas and roles again to sort (5.4x the raw SQL's time,
    the goal being 2x). The many2one fields stay, for searching, grouping
    and the record rules."""

    _name = "community.steward.coverage"
    _inherit = ["community.report.mixin"]
    _description = "Steward Coverage"
    _auto = False
    # the many2ones' orders (complete names, then the role's sequence), on
    # the view's own columns
    _order = "community_name, area_name, role_sequence, role_id"
    _rec_name = "area_name"

    area_id = fields.Many2one("community.area", readonly=True)
    area_name = fields.Char(readonly=True)
    community_name = fields.Char(readonly=True)
    # the role's translations (jsonb): read in the reader's language
    role_name = fields.Char(readonly=True, translate=True)
    role_sequence = fields.Integer(readonly=True)
    parent_id = fields.Many2one("community.area", string="Inside", readonly=True)
    community_id = fields.Many2one("community.area", readonly=True)
    area_type = fields.Selection(AREA_TYPES, readonly=True)
    role_id = fields.Many2one("community.steward.role", readonly=True)
    steward_count = fields.Integer(string="Serving Stewards", readonly=True)
    max_per_area = fields.Integer(string="Stewards per Area", readonly=True)
    area_count = fields.Integer(string="Areas", readonly=True)
    covered_count = fields.Integer(string="Covered Areas", readonly=True)
    is_covered = fields.Boolean(string="Covered", readonly=True)
    coverage_rate = fields.Float(string="Coverage (%)", readonly=True, aggregator="avg")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT row_number() OVER (ORDER BY a.id, r.id) AS id,
                   a.id AS area_id,
                   a.complete_name AS area_name,
                   a.parent_id AS parent_id,
                   a.community_id AS community_id,
                   c.complete_name AS community_name,
                   a.area_type AS area_type,
                   r.id AS role_id,
                   r.name AS role_name,
                   r.sequence AS role_sequence,
                   r.max_per_area AS max_per_area,
                   COALESCE(s.steward_count, 0) AS steward_count,
                   1 AS area_count,
                   CASE WHEN s.steward_count > 0 THEN 1 ELSE 0 END AS covered_count,
                   COALESCE(s.steward_count, 0) > 0 AS is_covered,
                   CASE WHEN s.steward_count > 0 THEN 100.0 ELSE 0.0 END
                       AS coverage_rate
              FROM community_area a
              JOIN community_steward_role r
                ON r.area_type = a.area_type AND r.active
         LEFT JOIN community_area c ON c.id = a.community_id
         LEFT JOIN (
                    SELECT area_id, role_id, COUNT(*) AS steward_count
                      FROM community_steward
                     WHERE state = 'active'
                  GROUP BY area_id, role_id
                   ) s ON s.area_id = a.id AND s.role_id = r.id
             WHERE a.active
            """
        )
