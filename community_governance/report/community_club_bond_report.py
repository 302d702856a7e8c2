# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CommunityClubBondReport(models.Model):
    """The seed's "acquaintance bonds": one line per resident, telling whether
    they belong to at least one club. Grouped by community or grid, the count
    is the residents, "In a Club" those in a club, and the average share the
    part of residents who found neighbours through a club."""

    _name = "community.club.bond.report"
    _description = "Residents in Clubs"
    _auto = False
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Resident", readonly=True)
    area_id = fields.Many2one("community.area", string="Home Area", readonly=True)
    grid_id = fields.Many2one("community.area", readonly=True)
    community_id = fields.Many2one("community.area", readonly=True)
    resident_count = fields.Integer(string="Residents", readonly=True)
    club_count = fields.Integer(string="Clubs", readonly=True, aggregator="sum")
    in_club_count = fields.Integer(string="In a Club", readonly=True)
    club_share = fields.Float(
        string="Share in Clubs (%)", readonly=True, aggregator="avg"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT p.id AS id,
                   p.id AS partner_id,
                   p.area_id AS area_id,
                   (SELECT g.id FROM community_area g
                     WHERE g.area_type = 'grid'
                       AND a.parent_path LIKE g.parent_path || '%%'
                     LIMIT 1) AS grid_id,
                   p.community_id AS community_id,
                   1 AS resident_count,
                   COALESCE(m.club_count, 0) AS club_count,
                   CASE WHEN m.club_count > 0 THEN 1 ELSE 0 END AS in_club_count,
                   CASE WHEN m.club_count > 0 THEN 100.0 ELSE 0.0 END AS club_share
              FROM res_partner p
              JOIN community_area a ON a.id = p.area_id
         LEFT JOIN (
                    SELECT partner_id, COUNT(DISTINCT club_id) AS club_count
                      FROM community_club_membership
                     WHERE state = 'active'
                  GROUP BY partner_id
                   ) m ON m.partner_id = p.id
             WHERE p.is_resident AND p.active
            """
        )
