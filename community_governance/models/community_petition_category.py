# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CommunityPetitionCategory(models.Model):
    """What a petition is about, and the rules of its ladder: how long each level
    has to respond, which departments are summoned by default, whether
    neighbours see and co-sign it."""

    _name = "community.petition.category"
    _description = "Petition Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    entrance_hours = fields.Integer(
        string="Stairwell Deadline (hours)",
        default=24,
        help="Hours the stairwell steward has to settle or escalate a matter. "
        "0: no deadline.",
    )
    grid_hours = fields.Integer(string="Grid Deadline (hours)", default=48)
    office_hours = fields.Integer(string="Office Deadline (hours)", default=72)
    department_hours = fields.Integer(
        string="Department Deadline (hours)",
        default=120,
        help="Hours a summoned department has to report back.",
    )
    acknowledge_hours = fields.Integer(
        string="Acknowledge Within (hours)",
        default=24,
        help="Hours a summoned department has to report for duty (acknowledge).",
    )
    department_ids = fields.Many2many(
        "community.department",
        "community_petition_category_department_rel",
        "category_id",
        "department_id",
        string="Default Departments",
        help="Departments proposed when the office blows the whistle.",
    )
    is_public = fields.Boolean(
        string="Public to Neighbours",
        help="Residents of the same community see these petitions and may "
        "co-sign them.",
    )
    cosign_threshold = fields.Integer(
        string="Co-signature Threshold",
        help="Number of co-signatures that obliges the community office to answer. "
        "0: no threshold.",
    )
    cosign_answer_hours = fields.Integer(
        string="Office Answer Within (hours)",
        default=72,
        help="Once the threshold is reached, the office must answer within "
        "these hours.",
    )
    auto_escalate = fields.Boolean(
        string="Escalate Automatically",
        help="An overdue petition climbs to the next level by itself.",
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    petition_count = fields.Integer(compute="_compute_petition_count")

    @api.constrains(
        "entrance_hours",
        "grid_hours",
        "office_hours",
        "department_hours",
        "acknowledge_hours",
        "cosign_threshold",
        "cosign_answer_hours",
    )
    def _check_positive(self):
        for category in self:
            values = (
                category.entrance_hours,
                category.grid_hours,
                category.office_hours,
                category.department_hours,
                category.acknowledge_hours,
                category.cosign_threshold,
                category.cosign_answer_hours,
            )
            if any(v < 0 for v in values):
                raise ValidationError(
                    self.env._("Deadlines and thresholds cannot be negative.")
                )

    def _compute_petition_count(self):
        counts = dict(
            self.env["community.petition"]._read_group(
                [("category_id", "in", self.ids)], ["category_id"], ["__count"]
            )
        )
        for category in self:
            category.petition_count = counts.get(category, 0)

    def _deadline_hours(self, level):
        """Hours allowed at ``level`` (entrance/grid/office/department)."""
        self.ensure_one()
        return self[f"{level}_hours"]
