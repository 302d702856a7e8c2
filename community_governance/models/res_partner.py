# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .community_mixin import OFFICE

# Hours of approved volunteer service that are celebrated.
VOLUNTEER_MILESTONES = (25, 100, 250, 500, 1000)

AVAILABILITIES = [
    ("weekday", "Weekdays"),
    ("evening", "Weekday evenings"),
    ("weekend", "Weekends"),
    ("anytime", "Any time"),
    ("on_call", "On call for emergencies"),
]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "community.mixin"]

    is_resident = fields.Boolean(
        string="Resident", index=True, help="This contact lives in the community."
    )
    household_id = fields.Many2one(
        "community.household", index=True, ondelete="set null"
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

    is_volunteer = fields.Boolean(
        string="Volunteer",
        index=True,
        readonly=True,
        help="Registered volunteer of the community: may log volunteer hours.",
    )
    volunteer_since = fields.Date(
        readonly=True,
        help="Date of the volunteer registration: no hours can be logged before it.",
    )
    volunteer_line_ids = fields.Many2many(
        "community.line",
        "community_line_res_partner_volunteer_rel",
        "partner_id",
        "line_id",
        string="Volunteering In",
        help="Lines of participation the volunteer says they serve in.",
    )
    volunteer_availability = fields.Selection(AVAILABILITIES, string="Availability")
    volunteer_milestone_reached = fields.Integer(
        string="Milestone Reached",
        readonly=True,
        help="Highest milestone of approved hours (25, 100, 250, 500, 1,000) "
        "already celebrated.",
    )
    volunteer_hour_ids = fields.One2many(
        "community.volunteer.hour", "volunteer_id", string="Volunteer Hours"
    )
    volunteer_hours_month = fields.Float(
        string="Hours This Month", compute="_compute_volunteer_totals"
    )
    volunteer_hours_year = fields.Float(
        string="Hours This Year", compute="_compute_volunteer_totals"
    )
    volunteer_hours_total = fields.Float(
        string="Lifetime Hours", compute="_compute_volunteer_totals"
    )
    volunteer_streak_years = fields.Integer(
        string="Years Without a Break",
        compute="_compute_volunteer_totals",
        help="Consecutive years, ending this year or last year, with at least "
        "one approved volunteer hour.",
    )
    volunteer_next_milestone = fields.Integer(
        string="Next Milestone", compute="_compute_volunteer_totals"
    )
    # Owners' deliberation: the units a partner owns (owners need not live
    # there) and their terms in the compounds' owners' bodies.
    property_unit_ids = fields.Many2many(
        "community.property.unit",
        "community_property_unit_owner_rel",
        "partner_id",
        "unit_id",
        string="Units Owned",
    )
    property_unit_count = fields.Integer(
        string="Units", compute="_compute_property_unit_count"
    )
    owner_body_member_ids = fields.One2many(
        "community.owner.body.member", "partner_id", string="Owners' Bodies"
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
            [
                born_after(value),
                born_before(value + 1),
                [("birthdate_date", "=", False)],
            ]
        )

    def _compute_volunteer_totals(self):
        """All totals of all the partners in one grouped query."""
        totals = self.env["community.volunteer.hour"]._get_volunteer_totals(self.ids)
        empty = {"month": 0.0, "year": 0.0, "total": 0.0, "streak": 0}
        for partner in self:
            values = totals.get(partner.id, empty)
            partner.volunteer_hours_month = values["month"]
            partner.volunteer_hours_year = values["year"]
            partner.volunteer_hours_total = values["total"]
            partner.volunteer_streak_years = values["streak"]
            partner.volunteer_next_milestone = next(
                (m for m in VOLUNTEER_MILESTONES if m > values["total"]), 0
            )

    def _compute_property_unit_count(self):
        counts = dict(
            self.env["community.property.unit"]._read_group(
                [("owner_ids", "in", self.ids)], ["owner_ids"], ["__count"]
            )
        )
        for partner in self:
            partner.property_unit_count = counts.get(partner, 0)

    @api.constrains("birthdate_date")
    def _check_birthdate_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.birthdate_date and partner.birthdate_date > today:
                raise ValidationError(
                    self.env._(
                        "The birth date of %(name)s is in the future.",
                        name=partner.name,
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

    @api.ondelete(at_uninstall=True)
    def _unlink_community_records_at_uninstall(self):
        """Uninstalling the addon deletes its (demo) residents: the records
        people created for them meanwhile (certificates issued, hours logged,
        petitions raised on the portal) have no XML id and would keep them
        (ondelete restrict); they go with the addon."""
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            return
        for model, field in (
            ("community.volunteer.certificate", "partner_id"),
            ("community.volunteer.hour", "volunteer_id"),
            ("community.petition", "partner_id"),
        ):
            self.env[model].sudo().with_context(active_test=False).search(
                [(field, "in", self.ids)]
            ).unlink()

    def action_register_volunteer(self):
        """Office button: register the residents as volunteers."""
        self._check_office(
            self.env._("Only the community office registers volunteers.")
        )
        self.check_access("write")
        self._register_volunteer()
        return True

    def action_unregister_volunteer(self):
        self._check_office(
            self.env._("Only the community office registers volunteers.")
        )
        self.check_access("write")
        self.sudo().write({"is_volunteer": False})
        return True

    @api.readonly
    def action_view_volunteer_hours(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_volunteer_hour_action",
            domain=[("volunteer_id", "=", self.id)],
            context={"default_volunteer_id": self.id},
        )

    def action_volunteer_certificate(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_volunteer_certificate_wizard_action",
            context={"default_partner_id": self.id},
        )

    def action_view_property_units(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_property_unit_action",
            domain=[("owner_ids", "in", self.ids)],
            context={"default_owner_ids": [fields.Command.set(self.ids)]},
        )

    def register_volunteer(self, line_ids=(), availability=False, skill_ids=()):
        """Register the resident as a volunteer, with the lines they want to
        serve in, when they are available and their skills: the resident
        themself (from the portal), or the office.

        :param line_ids: ids of community.line (not the lines the office
            records, such as party membership)
        :param availability: a key of ``AVAILABILITIES`` or False
        :param skill_ids: ids of community.skill
        """
        self.ensure_one()
        if self != self.env.user.partner_id:
            self._check_office(
                self.env._("Only the community office registers volunteers.")
            )
            self.check_access("write")
        if not self.is_resident:
            raise AccessError(
                self.env._("Only residents of a community can register as volunteers.")
            )
        lines = self.env["community.line"].sudo().browse(line_ids).exists()
        skills = self.env["community.skill"].sudo().browse(skill_ids).exists()
        if (
            len(lines) != len(set(line_ids))
            or len(skills) != len(set(skill_ids))
            or (availability and availability not in dict(AVAILABILITIES))
        ):
            raise UserError(self.env._("Choose from the lists of the form."))
        sensitive = lines.filtered("is_sensitive")
        if sensitive and not self._is_office():
            raise AccessError(
                self.env._(
                    "The line %(line)s is recorded by the office only.",
                    line=sensitive[0].name,
                )
            )
        return self._register_volunteer(
            line_ids=lines.ids, availability=availability, skill_ids=skills.ids
        )

    def _register_volunteer(self, line_ids=None, availability=None, skill_ids=None):
        """Register the partners as volunteers. Private: the caller checked that
        the current user may do it (office, or the resident themself).
        Registering also adds the volunteer line to the office's lines."""
        residents = self.filtered("is_resident")
        if residents != self:
            raise UserError(
                self.env._(
                    "Only residents can register as volunteers: %(names)s.",
                    names=", ".join((self - residents).mapped("name")),
                )
            )
        volunteer_line = self.env.ref("community_governance.line_volunteer")
        today = fields.Date.context_today(self)
        vals = {"is_volunteer": True}
        if availability:
            vals["volunteer_availability"] = availability
        commands = [fields.Command.link(volunteer_line.id)]
        for line_id in line_ids or []:
            commands.append(fields.Command.link(line_id))
        vals["volunteer_line_ids"] = commands
        if skill_ids:
            vals["skill_ids"] = [fields.Command.link(s) for s in skill_ids]
        partners = self.sudo()
        partners.filtered(lambda p: not p.volunteer_since).write(
            {"volunteer_since": today}
        )
        partners.write(dict(vals, line_ids=[fields.Command.link(volunteer_line.id)]))
        return True

    def _check_volunteer_milestones(self):
        """Celebrate the milestones crossed by the partners' approved hours:
        post a message on the volunteer and plan an activity for the office.
        Each milestone once. Private: called after an approval."""
        if not self:
            return
        totals = self.env["community.volunteer.hour"]._get_volunteer_totals(self.ids)
        template = self.env.ref(
            "community_governance.mail_template_volunteer_milestone",
            raise_if_not_found=False,
        )
        for partner in self.sudo():
            total = totals.get(partner.id, {}).get("total", 0.0)
            reached = max((m for m in VOLUNTEER_MILESTONES if m <= total), default=0)
            if reached <= partner.volunteer_milestone_reached:
                continue
            partner.volunteer_milestone_reached = reached
            partner.message_post(
                body=self.env._(
                    "%(name)s reached %(hours)s hours of volunteer service. Thank you!",
                    name=partner.name,
                    hours=reached,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if template and partner.email:
                template.sudo().send_mail(partner.id)
            office_user = partner.community_id.user_id or self.env.user
            if not office_user.share:
                partner.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._(
                        "Celebrate %(hours)s volunteer hours", hours=reached
                    ),
                    note=self.env._(
                        "%(name)s reached the milestone of %(hours)s volunteer hours.",
                        name=partner.name,
                        hours=reached,
                    ),
                    user_id=office_user.id,
                )
