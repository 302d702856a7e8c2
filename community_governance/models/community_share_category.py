# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunityShareCategory(models.Model):
    """What residents share or need (tools, children's things, tutoring, care
    for the elderly ...). A category lists the registered skills that fit it,
    so that a need is suggested to the neighbours who have them; the office
    reviews the listings of sensitive categories before they are published."""

    _name = "community.share.category"
    _description = "Shared Community Category"
    _order = "sequence, name"

    def _default_petition_category(self):
        return self.env.ref(
            "community_governance.petition_category_unmet_need",
            raise_if_not_found=False,
        )

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    skill_ids = fields.Many2many(
        "community.skill",
        "community_share_category_skill_rel",
        "category_id",
        "skill_id",
        string="Fitting Skills",
        help="Residents with one of these registered skills are suggested for the "
        "needs of this category.",
    )
    is_sensitive = fields.Boolean(
        string="Reviewed by the Office",
        help="Childcare, health, legal help, money: the community office reviews "
        "the listings of this category before neighbours see them.",
    )
    petition_category_id = fields.Many2one(
        "community.petition.category",
        default=_default_petition_category,
        ondelete="set null",
        help="The category of the petition the office raises when nobody answers "
        "a need of this category.",
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A category with this name already exists."),
    ]
