# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError, UserError

OFFICE = "community_governance.group_officer"
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
    _inherit = "res.partner"

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

    def action_register_volunteer(self):
        """Office button: register the residents as volunteers."""
        if not self.env.user.has_group(OFFICE):
            raise AccessError(
                self.env._("Only the community office registers volunteers.")
            )
        self.check_access("write")
        self._register_volunteer()
        return True

    def action_unregister_volunteer(self):
        if not self.env.user.has_group(OFFICE):
            raise AccessError(
                self.env._("Only the community office registers volunteers.")
            )
        self.check_access("write")
        self.sudo().write({"is_volunteer": False})
        return True

    def action_view_volunteer_hours(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "community_governance.community_volunteer_hour_action"
        )
        action["domain"] = [("volunteer_id", "=", self.id)]
        action["context"] = {"default_volunteer_id": self.id}
        return action

    def action_volunteer_certificate(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "community_governance.community_volunteer_certificate_wizard_action"
        )
        action["context"] = {"default_partner_id": self.id}
        return action

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
