# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

OFFICE = "community_governance.group_officer"


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_resident = fields.Boolean(
        string="Resident", index=True, help="This contact lives in the community."
    )
    household_id = fields.Many2one(
        "community.household", string="Household", index=True, ondelete="set null"
    )
    area_id = fields.Many2one(
        "community.area",
        string="Home Area",
        compute="_compute_area_id",
        store=True,
        readonly=False,
        index=True,
        ondelete="restrict",
        help="Where the resident lives: the stairwell entrance of their household, "
        "or any area of the community.",
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    unit_number = fields.Char(
        string="Room", compute="_compute_area_id", store=True, readonly=False
    )
    birthdate_date = fields.Date(string="Birth Date", groups=OFFICE)
    age = fields.Integer(compute="_compute_age", search="_search_age", groups=OFFICE)
    skill_ids = fields.Many2many(
        "community.skill",
        "community_skill_res_partner_rel",
        "partner_id",
        "skill_id",
        string="Skills and Talents",
    )
    date_moved_in = fields.Date(string="Moved In")
    line_ids = fields.Many2many(
        "community.line",
        "community_line_res_partner_rel",
        "partner_id",
        "line_id",
        string="Participation Lines",
        groups=OFFICE,
    )

    @api.depends("household_id")
    def _compute_area_id(self):
        for partner in self:
            if partner.household_id:
                partner.area_id = partner.household_id.area_id
                partner.unit_number = partner.household_id.unit_number
            else:
                partner.area_id = partner.area_id
                partner.unit_number = partner.unit_number

    @api.depends("birthdate_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            birth = partner.birthdate_date
            partner.age = relativedelta(today, birth).years if birth else 0

    def _search_age(self, operator, value):
        """Turn a condition on the age into one on the stored birth date."""
        if operator not in ("=", "!=", "<", "<=", ">", ">=") or not isinstance(
            value, int
        ):
            raise ValidationError(self.env._("Search the age with a whole number."))
        today = fields.Date.context_today(self)

        def born_before(years):  # age >= years
            return [("birthdate_date", "<=", today - relativedelta(years=years))]

        def born_after(years):  # age < years
            return [("birthdate_date", ">", today - relativedelta(years=years))]

        if operator == ">=":
            return born_before(value)
        if operator == ">":
            return born_before(value + 1)
        if operator == "<":
            return born_after(value)
        if operator == "<=":
            return born_after(value + 1)
        equal = expression.AND([born_before(value), born_after(value + 1)])
        if operator == "=":
            return equal
        return expression.OR(
            [born_after(value), born_before(value + 1), [("birthdate_date", "=", False)]]
        )

    @api.constrains("birthdate_date")
    def _check_birthdate_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.birthdate_date and partner.birthdate_date > today:
                raise ValidationError(
                    self.env._(
                        "The birth date of %(name)s is in the future.", name=partner.name
                    )
                )

    @api.constrains("is_resident", "area_id")
    def _check_resident_area(self):
        for partner in self:
            if partner.is_resident and not partner.area_id:
                raise ValidationError(
                    self.env._(
                        "Resident %(name)s needs a home area.", name=partner.name
                    )
                )
