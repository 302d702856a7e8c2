# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunityClubCategory(models.Model):
    _name = "community.club.category"
    _description = "Club Category"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()
    skill_ids = fields.Many2many(
        "community.skill",
        "community_club_category_skill_rel",
        "category_id",
        "skill_id",
        string="Talents Sought",
        help="Residents with these skills are proposed as leaders of the clubs of "
        "this category.",
    )
    active = fields.Boolean(default=True)
