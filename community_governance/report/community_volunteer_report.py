# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CommunityVolunteerReport(models.Model):
    """Approved volunteer hours, one row per volunteer and month: the pivot
    counts rows to give the active volunteers per month, and sums hours to
    rank the volunteers of a period."""

    _name = "community.volunteer.report"
    _inherit = ["community.report.mixin"]
    _description = "Volunteer Activity Report"
    _auto = False
    _order = "month desc, hours desc"
    _rec_name = "volunteer_id"

    volunteer_id = fields.Many2one("res.partner", readonly=True)
    month = fields.Date(readonly=True)
    community_id = fields.Many2one("community.area", readonly=True)
    area_id = fields.Many2one("community.area", string="Home Area", readonly=True)
    hours = fields.Float(readonly=True, aggregator="sum")
    entry_count = fields.Integer(string="Entries", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT MIN(h.id) AS id,
                   h.volunteer_id,
                   DATE_TRUNC('month', h.date)::date AS month,
                   h.community_id,
                   h.area_id,
                   SUM(h.hours) AS hours,
                   COUNT(*) AS entry_count
              FROM community_volunteer_hour h
             WHERE h.state = 'approved'
             GROUP BY h.volunteer_id, DATE_TRUNC('month', h.date),
                      h.community_id, h.area_id
            """
        )
