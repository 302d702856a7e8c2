# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CommunityHousehold(models.Model):
    _name = "community.household"
    _description = "Household"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(compute="_compute_name", store=True, index=True)
    area_id = fields.Many2one(
        "community.area",
        string="Entrance",
        required=True,
        index=True,
        domain=[("area_type", "=", "entrance")],
        tracking=True,
        help="The stairwell / unit entrance where the home is.",
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    unit_number = fields.Char(string="Room", required=True, tracking=True)
    entrance_name = fields.Char(related="area_id.name", string="Entrance Name")
    building_name = fields.Char(related="area_id.parent_id.name", string="Building")
    member_ids = fields.One2many("res.partner", "household_id", string="Members")
    head_id = fields.Many2one(
        "res.partner",
        string="Head of Household",
        domain="[('household_id', '=', id)]",
        tracking=True,
    )
    member_count = fields.Integer(
        string="Members Count", compute="_compute_member_count", store=True
    )
    active = fields.Boolean(default=True)
    note = fields.Text()
    # Door-to-door surveys (issue 9): a home found at the door by a visitor
    # enters the registry for the office to confirm.
    registry_state = fields.Selection(
        [("confirmed", "Registered"), ("to_confirm", "To Confirm")],
        string="Registry",
        default="confirmed",
        required=True,
        index=True,
        tracking=True,
        help="To Confirm: found at the door during a door-to-door survey; the "
        "office checks it before it counts as registered.",
    )
    survey_visit_ids = fields.One2many(
        "community.survey.visit", "household_id", string="Door-to-door Visits"
    )

    _sql_constraints = [
        (
            "unit_uniq",
            "unique(area_id, unit_number)",
            "There is already a household in this room of this entrance.",
        ),
    ]

    @api.depends("area_id.complete_name", "unit_number")
    def _compute_name(self):
        for household in self:
            area = household.area_id.complete_name or ""
            household.name = f"{area} - {household.unit_number or ''}"

    @api.depends("member_ids")
    def _compute_member_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("household_id", "in", self.ids)], ["household_id"], ["__count"]
            )
        )
        for household in self:
            household.member_count = counts.get(household, 0)

    @api.constrains("area_id")
    def _check_area_type(self):
        for household in self:
            if household.area_id.area_type != "entrance":
                raise ValidationError(
                    self.env._(
                        "A household lives in a stairwell entrance, not in %(area)s.",
                        area=household.area_id.display_name,
                    )
                )

    @api.constrains("head_id", "member_ids")
    def _check_head_id(self):
        for household in self:
            if household.head_id and household.head_id not in household.member_ids:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not a member of household %(household)s, "
                        "so cannot be its head.",
                        person=household.head_id.name,
                        household=household.name,
                    )
                )

    # ------------------------------------------------------------------
    # Door-to-door surveys (issue 9)
    # ------------------------------------------------------------------
    def action_confirm_registration(self):
        """The office confirms a household found during a survey."""
        self.env["community.mixin"]._check_office(
            self.env._("Only the community office confirms a household.")
        )
        self.check_access("write")
        self.write({"registry_state": "confirmed"})
        return True

    def action_view_survey_visits(self):
        self.ensure_one()
        return self.env["community.mixin"]._action_open(
            "community_governance.community_survey_visit_action",
            domain=[("household_id", "=", self.id)],
            context={"create": False},
        )
