# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
import string
from datetime import timedelta
from urllib.parse import urlencode

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, consteq

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .community_club import LEADER_ROLES
from .community_mixin import MANAGER, OFFICE

CODE_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
# A resident may check in with the code from an hour before the start to an
# hour after the end of the activity.
CHECKIN_MARGIN = timedelta(hours=1)
# Attendance counts as volunteer hours for the length of the activity, at
# most a day.
MAX_ATTENDANCE_HOURS = 24


def _new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class EventEvent(models.Model):
    """A community activity is an Odoo event with an area (hence a community):
    clean-up day, square-dance evening, legal clinic. Event gives the seats,
    the registrations and their attendance, the barcodes and the reminders;
    the community adds the club, the participation line (attendance at an
    activity on the volunteer line becomes approved volunteer hours), the
    coordinators who take the attendance on the portal, the check-in code
    residents type on site, and publication to the residents' portal.

    Residents act through :meth:`action_register`, :meth:`check_in` and
    ``event.registration.action_cancel_registration``; leaders and
    coordinators through ``event.registration.action_mark_attended``.
    """

    _name = "event.event"
    _inherit = ["event.event", "community.mixin"]

    # The office's internal notes are not for the residents who read the event.
    note = fields.Html(groups="base.group_user")
    area_id = fields.Many2one(
        "community.area",
        index=True,
        tracking=True,
        default=lambda self: self._default_area_id(),
        help="The community (or part of it) the activity is for. Events without "
        "an area are not community activities: residents do not see them.",
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    club_id = fields.Many2one("community.club", index=True, tracking=True)
    line_id = fields.Many2one(
        "community.line",
        string="Participation Line",
        index=True,
        help="The line of participation the activity belongs to; volunteer hours "
        "logged for it count on this line, and attendance at an activity on the "
        "volunteer line becomes approved volunteer hours when it ends.",
    )
    coordinator_ids = fields.Many2many(
        "res.users",
        "event_event_community_coordinator_rel",
        "event_id",
        "user_id",
        string="Coordinators",
        help="Residents or staff who lead the activity on the ground: they take "
        "the attendance and approve volunteer hours for it from the portal.",
    )
    place = fields.Char(help="Where to meet, e.g. the market gate.")
    portal_published = fields.Boolean(
        string="Published on the Portal",
        copy=False,
        tracking=True,
        help="Residents of the community see the activity on the portal and may "
        "register for it. A cancelled activity is unpublished.",
    )
    checkin_code = fields.Char(
        string="Check-in Code",
        default=lambda self: _new_code(),
        copy=False,
        groups=OFFICE,
        help="Residents who type this code on the portal at the activity are "
        "checked in. Their registration's barcode, shown as a QR code on the "
        "portal, can be scanned at the registration desk instead.",
    )
    registered_count = fields.Integer(
        string="Registered", compute="_compute_registration_stats", store=True
    )
    attended_count = fields.Integer(
        string="Attended", compute="_compute_registration_stats", store=True
    )
    attendance_rate = fields.Float(
        string="Attendance (%)",
        compute="_compute_registration_stats",
        store=True,
        aggregator="avg",
    )
    club_leader_ids = fields.Many2many(
        "res.partner",
        string="Club Leaders",
        compute="_compute_club_leader_ids",
        compute_sudo=True,
        search="_search_club_leader_ids",
        help="Leaders of the activity's club or of an association above it: "
        "they take the attendance on the portal.",
    )
    volunteer_hour_ids = fields.One2many(
        "community.volunteer.hour", "activity_id", string="Volunteer Hours"
    )
    volunteer_hour_count = fields.Integer(compute="_compute_volunteer_hour_count")
    is_volunteering = fields.Boolean(compute="_compute_is_volunteering")

    @api.model
    def _default_area_id(self):
        """The community an officer serves, when they serve exactly one (an
        officer's events are community activities)."""
        if self.env.user.has_group(MANAGER):
            return False
        communities = self.env.user.officer_community_ids
        return communities.id if len(communities) == 1 else False

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("registration_ids.state", "registration_ids.active")
    def _compute_registration_stats(self):
        counts = {
            (event.id, state): count
            for event, state, count in self.env["event.registration"]._read_group(
                [("event_id", "in", self.ids), ("state", "in", ("open", "done"))],
                ["event_id", "state"],
                ["__count"],
            )
        }
        for event in self:
            attended = counts.get((event.id, "done"), 0)
            registered = counts.get((event.id, "open"), 0) + attended
            event.registered_count = registered
            event.attended_count = attended
            event.attendance_rate = 100.0 * attended / registered if registered else 0.0

    @api.depends("club_id")
    def _compute_club_leader_ids(self):
        groups = (
            self.env["community.club.membership"]
            .sudo()
            ._read_group(
                self._leader_membership_domain()
                + [("club_id", "parent_of", self.club_id.ids)],
                ["club_id"],
                ["partner_id:recordset"],
            )
        )
        leaders = {club.id: partners for club, partners in groups}
        Partner = self.env["res.partner"]
        for event in self:
            # the club and the associations above it
            club_ids = [
                int(i) for i in (event.club_id.parent_path or "").split("/") if i
            ]
            event.club_leader_ids = Partner.union(
                *(leaders.get(club_id, Partner) for club_id in club_ids)
            ).with_env(self.env)

    def _search_club_leader_ids(self, operator, value):
        if operator not in ("in", "="):
            raise UserError(self.env._("This search is not supported."))
        partner_ids = value if isinstance(value, list | tuple) else [value]
        clubs = (
            self.env["community.club.membership"]
            .sudo()
            .search(
                self._leader_membership_domain() + [("partner_id", "in", partner_ids)]
            )
            .club_id
        )
        if not clubs:
            return [(0, "=", 1)]
        return [("club_id", "child_of", clubs.ids)]

    @api.model
    def _leader_membership_domain(self):
        return [("state", "=", "active"), ("role", "in", LEADER_ROLES)]

    def _compute_volunteer_hour_count(self):
        counts = dict(
            self.env["community.volunteer.hour"]._read_group(
                [("activity_id", "in", self.ids)], ["activity_id"], ["__count"]
            )
        )
        for event in self:
            event.volunteer_hour_count = counts.get(event, 0)

    @api.depends("line_id")
    def _compute_is_volunteering(self):
        volunteering = self._volunteer_line()
        for event in self:
            event.is_volunteering = bool(volunteering) and event.line_id == volunteering

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """Community activities take the community event template (its
        reminders) unless another template is chosen."""
        template = self.env.ref(
            "community_governance.event_type_community", raise_if_not_found=False
        )
        if template and not self.env.context.get("default_event_type_id"):
            default_area = self.default_get(["area_id"]).get("area_id")
            for vals in vals_list:
                if vals.get("area_id", default_area) and not vals.get("event_type_id"):
                    vals["event_type_id"] = template.id
        return super().create(vals_list)

    def write(self, vals):
        stage = self.env["event.stage"].browse(vals.get("stage_id"))
        if stage and stage == self._cancelled_stage():
            vals = dict(vals, portal_published=False)
        res = super().write(vals)
        if stage.pipe_end and stage != self._cancelled_stage() and self._is_office():
            # Ended (by hand, or by event's daily clean-up as superuser).
            self._log_attendance_hours()
        return res

    @api.ondelete(at_uninstall=True)
    def _unlink_registrations_at_uninstall(self):
        """Uninstalling the addon deletes its (demo) activities: their
        registrations go with them (event's registrations otherwise keep an
        event from being deleted)."""
        if self.env.context.get(MODULE_UNINSTALL_FLAG):
            self.env["event.registration"].sudo().with_context(
                active_test=False
            ).search([("event_id", "in", self.ids)]).unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_new_checkin_code(self):
        self._check_office()
        for event in self:
            event.checkin_code = _new_code()
        return True

    def action_publish_portal(self):
        self._check_office()
        if self.filtered(lambda e: not e.community_id):
            raise UserError(
                self.env._(
                    "Only a community activity (an event with an area) can be "
                    "published on the portal."
                )
            )
        self.portal_published = True
        return True

    def action_unpublish_portal(self):
        self._check_office()
        self.portal_published = False
        return True

    def action_log_volunteer_hours(self):
        """Log the volunteer hours of attendance marked after the activity
        ended (each attendee once)."""
        self._check_office(
            self.env._("Only the community office logs hours from attendance.")
        )
        self.check_access("write")
        self._log_attendance_hours()
        return True

    @api.readonly
    def action_view_volunteer_hours(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_volunteer_hour_action",
            domain=[("activity_id", "=", self.id)],
            context={"default_activity_id": self.id},
        )

    def action_register(self):
        """Register the current user, a resident of the activity's community,
        for the activity: it is published, open and not over, and a seat is
        free. A cancelled registration is taken up again.

        The event's row is locked first, so that residents racing for the
        last seat register one after the other; the registration updates the
        event's counts, so a registrant who waited on the lock with an older
        snapshot fails to serialize and is retried (as every request is) and
        then sees the seat taken.
        """
        self.ensure_one()
        self.check_access("read")
        partner = self.env.user.partner_id.sudo()
        event = self.sudo()
        if not (
            partner.is_resident
            and event.community_id
            and partner.community_id == event.community_id
        ):
            raise AccessError(
                self.env._(
                    "Only residents of %(community)s can register for %(activity)s.",
                    community=event.community_id.name or "-",
                    activity=event.name,
                )
            )
        event._lock()
        event._check_registration_open()
        Registration = self.env["event.registration"].sudo()
        registration = Registration.with_context(active_test=False).search(
            [("event_id", "=", event.id), ("partner_id", "=", partner.id)], limit=1
        )
        if registration.active and registration.state in ("open", "done"):
            raise UserError(self.env._("You are already registered."))
        event._check_free_seat()
        if registration:
            registration.write({"state": "open", "active": True, "date_closed": False})
        else:
            Registration.create({"event_id": event.id, "partner_id": partner.id})
        return True

    def check_in(self, code):
        """Check the current user in with the code announced on site, from an
        hour before the start to an hour after the end."""
        self.ensure_one()
        self.check_access("read")
        # codes are short: no trying them one after the other
        self.env["community.rate.limit"]._check(
            "checkin", f"user:{self.env.uid}:event:{self.id}"
        )
        event = self.sudo()
        registration = event._registration_of(self.env.user.partner_id)
        # checking in twice at once: the second one waits, then sees it done
        registration.sudo()._lock_rows()
        if registration.state == "done":
            raise UserError(self.env._("You are already checked in."))
        if registration.state != "open":
            raise UserError(self.env._("Register for the activity before checking in."))
        now = fields.Datetime.now()
        if not (
            event.date_begin - CHECKIN_MARGIN <= now <= event.date_end + CHECKIN_MARGIN
        ):
            raise UserError(
                self.env._(
                    "Check-in is open from an hour before the start to an hour after "
                    "the end."
                )
            )
        code = (code or "").strip().upper()
        if not (
            code
            and event.checkin_code
            and consteq(code.encode(), event.checkin_code.encode())
        ):
            raise UserError(
                self.env._(
                    "This check-in code is not right: ask the leader for the code."
                )
            )
        registration.action_set_done()
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _portal_upcoming_domain(self):
        """The community activities residents can still register for."""
        open_stages = self.env["event.stage"].sudo().search([("pipe_end", "=", False)])
        return [
            ("community_id", "!=", False),
            ("portal_published", "=", True),
            ("stage_id", "in", open_stages.ids),
            ("date_end", ">=", fields.Datetime.now()),
        ]

    def _registration_of(self, partner):
        """The registration of ``partner`` for this activity (or none)."""
        self.ensure_one()
        return (
            self.env["event.registration"]
            .sudo()
            .search(
                [("event_id", "=", self.id), ("partner_id", "=", partner.id)], limit=1
            )
            .with_env(self.env)
        )

    def _portal_checkin_url(self):
        """The address a resident scans to check in: the activity's portal
        page with the check-in code filled in. Only for those who take the
        attendance (they show it on site); the check-in itself stays
        :meth:`check_in`'s."""
        self.ensure_one()
        if not self._can_take_attendance():
            raise AccessError(
                self.env._("Only the leaders of the activity show its check-in code.")
            )
        event = self.sudo()
        return "{}/my/activities/{}?{}".format(
            event.get_base_url(), event.id, urlencode({"code": event.checkin_code})
        )

    def _is_portal_leader(self, user):
        """Coordinators and the leaders of the activity's club (or of the
        association above it) take the attendance on the portal."""
        self.ensure_one()
        event = self.sudo()
        return user in event.coordinator_ids or user.partner_id in (
            event.club_leader_ids
        )

    def _can_take_attendance(self):
        """Whether the current user takes the attendance of this activity:
        its coordinators and club leaders, and the office that manages it."""
        self.ensure_one()
        if self._is_office():
            return self.has_access("write")
        return self._is_portal_leader(self.env.user)

    def _lock(self):
        """Lock the events' rows until the end of the transaction. A
        concurrent change of a row is a serialization failure, which Odoo
        retries: not an error to log."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            ),
            log_exceptions=False,
        )
        self.invalidate_recordset(["seats_available", "seats_taken"])

    def _is_open_for_registration(self):
        """Published, neither ended nor cancelled, and not over."""
        self.ensure_one()
        event = self.sudo()
        return bool(
            event.community_id
            and event.portal_published
            and not event.stage_id.pipe_end
            and event.date_end >= fields.Datetime.now()
        )

    def _check_registration_open(self):
        for event in self:
            if not event._is_open_for_registration():
                raise UserError(
                    self.env._(
                        "Registrations for %(activity)s are closed.",
                        activity=event.name,
                    )
                )

    def _check_free_seat(self):
        for event in self:
            if event.seats_limited and event.seats_max and event.seats_available < 1:
                raise UserError(
                    self.env._(
                        "%(activity)s is full (%(capacity)s places).",
                        activity=event.name,
                        capacity=event.seats_max,
                    )
                )

    @api.model
    def _cancelled_stage(self):
        return self.env.ref("event.event_stage_cancelled", raise_if_not_found=False)

    @api.model
    def _volunteer_line(self):
        return self.env.ref(
            "community_governance.line_volunteer", raise_if_not_found=False
        )

    def _log_attendance_hours(self):
        """Attendees of an activity on the volunteer line who are registered
        volunteers get approved hours for its length (at most a day), once."""
        events = self.filtered("is_volunteering")
        if not events:
            return self.env["community.volunteer.hour"]
        attendees = dict(
            self.env["event.registration"]
            .sudo()
            ._read_group(
                [("event_id", "in", events.ids), ("state", "=", "done")],
                ["event_id"],
                ["partner_id:recordset"],
            )
        )
        hours_by_event = {}
        for event in events:
            hours = min(
                (event.date_end - event.date_begin).total_seconds() / 3600,
                MAX_ATTENDANCE_HOURS,
            )
            partners = attendees.get(event, self.env["res.partner"])
            if hours > 0 and partners:
                hours_by_event[event] = dict.fromkeys(partners.ids, hours)
        return self._create_volunteer_hours(hours_by_event)

    def _log_volunteer_hours(self, partner_hours):
        """Log approved volunteer hours for the attendees of this activity
        (attendance taken by the office, the leaders or the residents).

        :param dict partner_hours: {res.partner record or id: hours}
        :return: the created community.volunteer.hour entries

        Attendees who are not registered volunteers on the day of the activity
        are skipped (taking part is not volunteering), and so are those who
        already have hours (not rejected) for this activity: calling it twice
        does not count twice.
        """
        self.ensure_one()
        return self._create_volunteer_hours({self: partner_hours})

    @api.model
    def _create_volunteer_hours(self, hours_by_event):
        """:param dict hours_by_event: {event: {partner or id: hours}}"""
        if not self._is_office():
            raise AccessError(
                self.env._("Only the community office logs hours from attendance.")
            )
        Hour = self.env["community.volunteer.hour"]
        wanted = {
            (event, p.id if isinstance(p, models.BaseModel) else int(p)): h
            for event, partner_hours in hours_by_event.items()
            for p, h in partner_hours.items()
            if h and h > 0
        }
        if not wanted:
            return Hour
        events = self.browse({event.id for event, _pid in wanted})
        partners = self.env["res.partner"].sudo().browse({pid for _e, pid in wanted})
        already = {
            (event.id, volunteer.id)
            for event, volunteer in Hour.sudo()._read_group(
                [
                    ("activity_id", "in", events.ids),
                    ("volunteer_id", "in", partners.ids),
                    ("state", "!=", "rejected"),
                ],
                ["activity_id", "volunteer_id"],
            )
        }
        vals_list = []
        for (event, partner_id), hours in wanted.items():
            partner = partners.browse(partner_id)
            day = fields.Datetime.context_timestamp(event, event.date_begin).date()
            if (
                partner.is_volunteer
                and partner.volunteer_since
                and partner.volunteer_since <= day
                and (event.id, partner_id) not in already
            ):
                vals_list.append(
                    {
                        "volunteer_id": partner_id,
                        "date": day,
                        "hours": hours,
                        "activity_id": event.id,
                        "state": "approved",
                        "description": event.name,
                    }
                )
        return Hour.create(vals_list)
