# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
import string

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

OFFICE = "community_governance.group_officer"
CODE_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"


def _new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class CommunityActivity(models.Model):
    """A dated activity of the community or of a club (clean-up day, square-dance
    evening, legal clinic...). Clubs add registrations and attendance, volunteer
    hours are logged against it."""

    _name = "community.activity"
    _description = "Community Activity"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_begin desc, id desc"

    name = fields.Char(required=True, tracking=True)
    date_begin = fields.Datetime(
        string="Start", required=True, index=True, tracking=True
    )
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    area_id = fields.Many2one(
        "community.area",
        required=True,
        index=True,
        help="The community (or part of it) the activity is for.",
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    place = fields.Char()
    line_id = fields.Many2one(
        "community.line",
        string="Participation Line",
        index=True,
        help="The line of participation the activity belongs to; volunteer hours "
        "logged for it count on this line.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Organizer",
        default=lambda self: self.env.user,
        tracking=True,
    )
    coordinator_ids = fields.Many2many(
        "res.users",
        "community_activity_coordinator_rel",
        "activity_id",
        "user_id",
        string="Coordinators",
        help="Residents or staff who lead the activity on the ground: they may "
        "check attendance and approve volunteer hours for it from the portal.",
    )
    description = fields.Html()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    color = fields.Integer()
    club_id = fields.Many2one("community.club", index=True, tracking=True)
    capacity = fields.Integer(
        help="Maximum number of registered residents; 0 means no limit."
    )
    registration_ids = fields.One2many(
        "community.activity.registration", "activity_id", string="Registrations"
    )
    registered_count = fields.Integer(
        string="Registered", compute="_compute_registration_stats", store=True
    )
    attended_count = fields.Integer(
        string="Attended", compute="_compute_registration_stats", store=True
    )
    seats_available = fields.Integer(compute="_compute_registration_stats", store=True)
    attendance_rate = fields.Float(
        string="Attendance (%)",
        compute="_compute_registration_stats",
        store=True,
        aggregator="avg",
    )
    checkin_code = fields.Char(
        string="Check-in Code",
        default=lambda self: _new_code(),
        copy=False,
        groups="community_governance.group_officer",
        help="Residents who enter this code on the portal are checked in.",
    )
    volunteer_hour_ids = fields.One2many(
        "community.volunteer.hour", "activity_id", string="Volunteer Hours"
    )
    volunteer_hour_count = fields.Integer(compute="_compute_volunteer_hour_count")

    @api.depends("registration_ids.state", "capacity")
    def _compute_registration_stats(self):
        counts = {
            (activity.id, state): count
            for activity, state, count in self.env[
                "community.activity.registration"
            ]._read_group(
                [("activity_id", "in", self.ids)], ["activity_id", "state"], ["__count"]
            )
        }
        for activity in self:
            attended = counts.get((activity.id, "attended"), 0)
            registered = counts.get((activity.id, "registered"), 0) + attended
            activity.registered_count = registered
            activity.attended_count = attended
            activity.seats_available = (
                max(activity.capacity - registered, 0) if activity.capacity else 0
            )
            activity.attendance_rate = (
                100.0 * attended / registered if registered else 0.0
            )

    def _compute_volunteer_hour_count(self):
        counts = dict(
            self.env["community.volunteer.hour"]._read_group(
                [("activity_id", "in", self.ids)], ["activity_id"], ["__count"]
            )
        )
        for activity in self:
            activity.volunteer_hour_count = counts.get(activity, 0)

    @api.constrains("date_begin", "date_end")
    def _check_dates(self):
        for activity in self:
            if activity.date_end < activity.date_begin:
                raise ValidationError(
                    self.env._(
                        "Activity %(name)s ends before it starts.", name=activity.name
                    )
                )

    def action_confirm(self):
        self.write({"state": "confirmed"})

    def action_done(self):
        """Done; a volunteering activity logs its attendees' volunteer hours."""
        self.write({"state": "done"})
        self._log_attendance_hours()

    def action_cancel(self):
        self.write({"state": "cancel"})

    def action_draft(self):
        self.write({"state": "draft"})

    def action_new_checkin_code(self):
        for activity in self:
            activity.checkin_code = _new_code()

    def action_view_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "community_governance.community_activity_registration_action"
        )
        action["domain"] = [("activity_id", "=", self.id)]
        action["context"] = {"default_activity_id": self.id}
        return action

    def action_view_volunteer_hours(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "community_governance.community_volunteer_hour_action"
        )
        action["domain"] = [("activity_id", "=", self.id)]
        action["context"] = {"default_activity_id": self.id}
        return action

    @api.model
    def _portal_upcoming_domain(self):
        """The activities residents can still register for."""
        return [
            ("state", "=", "confirmed"),
            ("date_end", ">=", fields.Datetime.now()),
        ]

    def _check_seats(self, adding=1):
        for activity in self:
            if (
                activity.capacity
                and activity.registered_count + adding > activity.capacity
            ):
                raise UserError(
                    self.env._(
                        "%(activity)s is full (%(capacity)s places).",
                        activity=activity.name,
                        capacity=activity.capacity,
                    )
                )

    def _is_portal_leader(self, user):
        """Coordinators and the leaders of the activity's club may take the
        attendance on the portal."""
        self.ensure_one()
        activity = self.sudo()
        if user in activity.coordinator_ids:
            return True
        return bool(activity.club_id) and activity.club_id._is_leader(user.partner_id)

    def _log_attendance_hours(self):
        """When a volunteering activity (on the volunteer line) is done, its
        checked-in attendees who are registered volunteers get approved hours
        for the length of the activity (at most a day)."""
        volunteering = self.env.ref("community_governance.line_volunteer")
        for activity in self.filtered(lambda a: a.line_id == volunteering):
            hours = min(
                (activity.date_end - activity.date_begin).total_seconds() / 3600, 24
            )
            attendees = activity.registration_ids.filtered(
                lambda r: r.state == "attended"
            ).partner_id
            if hours > 0 and attendees:
                activity._log_volunteer_hours(dict.fromkeys(attendees, hours))

    def _log_volunteer_hours(self, partner_hours):
        """Log approved volunteer hours for the attendees of this activity
        (attendance checked by the office or the clubs feature).

        :param dict partner_hours: {res.partner record or id: hours}
        :return: the created community.volunteer.hour entries

        Attendees who are not registered volunteers on the day of the activity
        are skipped (taking part is not volunteering), and so are those who
        already have hours (not rejected) for this activity: calling it twice
        does not count twice.
        """
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group(OFFICE)):
            raise AccessError(
                self.env._("Only the community office logs hours from attendance.")
            )
        Hour = self.env["community.volunteer.hour"]
        day = fields.Datetime.context_timestamp(self, self.date_begin).date()
        hours_by_id = {
            (p.id if isinstance(p, models.BaseModel) else int(p)): h
            for p, h in partner_hours.items()
            if h and h > 0
        }
        partners = self.env["res.partner"].sudo().browse(list(hours_by_id))
        already = {
            volunteer.id
            for [volunteer] in Hour.sudo()._read_group(
                [
                    ("activity_id", "=", self.id),
                    ("volunteer_id", "in", partners.ids),
                    ("state", "!=", "rejected"),
                ],
                ["volunteer_id"],
            )
        }
        vals_list = [
            {
                "volunteer_id": partner.id,
                "date": day,
                "hours": hours_by_id[partner.id],
                "activity_id": self.id,
                "state": "approved",
                "description": self.name,
            }
            for partner in partners
            if partner.is_volunteer
            and partner.volunteer_since
            and partner.volunteer_since <= day
            and partner.id not in already
        ]
        return Hour.create(vals_list)
