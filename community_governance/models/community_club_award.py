# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunityClubAward(models.Model):
    _name = "community.club.award"
    _description = "Club Award"
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    club_id = fields.Many2one(
        "community.club", required=True, index=True, ondelete="cascade"
    )
    community_id = fields.Many2one(
        related="club_id.community_id", store=True, index=True, string="Community"
    )
    description = fields.Text()
