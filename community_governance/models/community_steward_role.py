# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .community_area import AREA_TYPES


class CommunityStewardRole(models.Model):
    """A kind of steward: stairwell "red steward" (an entrance), alley steward
    (an alley), grid leader (a grid)."""

    _name = "community.steward.role"
    _description = "Steward Role"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    area_type = fields.Selection(
        AREA_TYPES,
        string="Serves",
        required=True,
        default="entrance",
        help="The type of area a steward of this role serves.",
    )
    max_per_area = fields.Integer(
        string="Stewards per Area",
        default=1,
        required=True,
        help="How many stewards of this role may serve one area at the same time.",
    )
    duties = fields.Text(translate=True)
    skill_ids = fields.Many2many(
        "community.skill",
        "community_steward_role_skill_rel",
        "role_id",
        "skill_id",
        string="Preferred Skills",
        help="Candidates with these skills rank higher in the candidate finder.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "max_per_area_positive",
            "CHECK(max_per_area > 0)",
            "A role needs at least one steward per area.",
        ),
    ]
