# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunitySkill(models.Model):
    _name = "community.skill"
    _description = "Resident Skill or Talent"
    _order = "category, name"

    name = fields.Char(required=True, translate=True)
    category = fields.Selection(
        [
            ("care", "Care and health"),
            ("culture", "Culture and sports"),
            ("legal", "Legal and mediation"),
            ("technical", "Technical and repair"),
            ("education", "Education"),
            ("other", "Other"),
        ],
        default="other",
        required=True,
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    partner_ids = fields.Many2many(
        "res.partner",
        "community_skill_res_partner_rel",
        "skill_id",
        "partner_id",
        string="Residents",
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A skill with this name already exists."),
    ]
