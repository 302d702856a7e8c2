# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.community_petition import LEVELS, STATES


class CommunityPetitionReport(models.Model):
    """One line per petition, for pivots and graphs: where and when it was
    raised, the level that settled it, how fast it was answered."""

    _name = "community.petition.report"
    _inherit = ["community.report.mixin"]
    _description = "Petition Analysis"
    _auto = False
    _rec_name = "petition_id"
    _order = "date_raised desc"

    petition_id = fields.Many2one("community.petition", readonly=True)
    area_id = fields.Many2one("community.area", readonly=True)
    community_id = fields.Many2one("community.area", readonly=True)
    grid_id = fields.Many2one(
        "community.area",
        readonly=True,
        help="The grid the petition's area is in (none for an area of the "
        "community outside any grid).",
    )
    category_id = fields.Many2one("community.petition.category", readonly=True)
    date_raised = fields.Datetime(string="Raised On", readonly=True)
    level = fields.Selection(LEVELS, string="Current Level", readonly=True)
    settled_level = fields.Selection(LEVELS, string="Settled At", readonly=True)
    state = fields.Selection(STATES, string="Status", readonly=True)
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], readonly=True)
    petition_count = fields.Integer(string="Petitions", readonly=True)
    resolved_count = fields.Integer(string="Resolved", readonly=True)
    settled_below_office_count = fields.Integer(
        string="Settled in Stairwell or Grid", readonly=True
    )
    settled_below_office_rate = fields.Float(
        string="% Settled in Stairwell or Grid",
        aggregator="avg",
        readonly=True,
        help="Among resolved petitions: share settled by the stairwell steward or "
        "the grid leader.",
    )
    response_hours = fields.Float(
        string="Hours to First Response", aggregator="avg", readonly=True
    )
    resolution_hours = fields.Float(
        string="Hours to Resolution", aggregator="avg", readonly=True
    )
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    rating = fields.Float(
        string="Satisfaction",
        aggregator="avg",
        readonly=True,
        help="The resident's rating of the last resolution, 1 to 5 (unrated "
        "petitions are left out of the average).",
    )
    rated_count = fields.Integer(string="Rated", readonly=True)
    signature_count = fields.Integer(string="Co-signatures", readonly=True)
    reopen_count = fields.Integer(string="Reopened", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            WITH satisfaction AS (%(satisfaction)s)
            SELECT p.id AS id,
                   p.id AS petition_id,
                   p.area_id,
                   p.community_id,
                   g.id AS grid_id,
                   p.category_id,
                   p.date_raised,
                   p.level,
                   p.settled_level,
                   p.state,
                   p.priority,
                   1 AS petition_count,
                   CASE WHEN p.date_resolved IS NOT NULL THEN 1 ELSE 0 END
                       AS resolved_count,
                   CASE WHEN p.settled_level IN ('entrance', 'grid') THEN 1 ELSE 0 END
                       AS settled_below_office_count,
                   CASE WHEN p.settled_level IS NULL THEN NULL
                        WHEN p.settled_level IN ('entrance', 'grid') THEN 100.0
                        ELSE 0.0 END AS settled_below_office_rate,
                   CASE WHEN p.date_first_response IS NOT NULL THEN p.response_hours END
                       AS response_hours,
                   CASE WHEN p.date_resolved IS NOT NULL THEN p.resolution_hours END
                       AS resolution_hours,
                   CASE WHEN p.was_overdue THEN 1 ELSE 0 END AS overdue_count,
                   s.rating,
                   CASE WHEN s.rating IS NOT NULL THEN 1 ELSE 0 END AS rated_count,
                   p.signature_count,
                   p.reopen_count
              FROM community_petition p
              -- LEFT JOINs on primary keys (a petition always has its area):
              -- PostgreSQL leaves them out of the pivots that do not group
              -- or filter on the grid (a hash join of every petition with
              -- its area, a third of a category x level pivot's time)
         LEFT JOIN community_area a ON a.id = p.area_id
              -- a grid is the second step of its areas' parent path
              LEFT JOIN community_area g
                ON g.id = NULLIF(split_part(a.parent_path, '/', 2), '')::int
               AND g.area_type = 'grid'
              LEFT JOIN satisfaction s ON s.petition_id = p.id
             WHERE p.state != 'duplicate'
            """,
            satisfaction=self.env["community.petition"]._satisfaction_query(),
        )
