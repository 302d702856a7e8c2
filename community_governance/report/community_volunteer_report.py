# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CommunityVolunteerReport(models.Model):
    """Approved volunteer hours, one row per entry: the pivot sums hours to
    rank the volunteers of a period, and counts the distinct volunteers
    (the Volunteer measure) to give the active volunteers per month. One row
    per entry rather than per volunteer and month, so that a period filter
    reads the entries of the period only (the "This Year" ranking read every
    entry of every year and stayed nine times the SQL's time)."""

    _name = "community.volunteer.report"
    _inherit = ["community.report.mixin"]
    _description = "Volunteer Activity Report"
    _auto = False
    _order = "month desc, hours desc"
    _rec_name = "volunteer_id"

    volunteer_id = fields.Many2one("res.partner", readonly=True)
    month = fields.Date(
        string="Date",
        readonly=True,
        help="The day of the hours: group by month or year for the periods.",
    )
    community_id = fields.Many2one("community.area", readonly=True)
    area_id = fields.Many2one("community.area", string="Home Area", readonly=True)
    hours = fields.Float(readonly=True, aggregator="sum")
    entry_count = fields.Integer(string="Entries", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT h.id,
                   h.volunteer_id,
                   h.date AS month,
                   h.community_id,
                   h.area_id,
                   h.hours,
                   1 AS entry_count
              FROM community_volunteer_hour h
             WHERE h.state = 'approved'
            """
        )
