# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.community_mixin import qr_code_src
from .portal_tools import (
    PAGE_SIZE,
    InputError,
    flash_error,
    get_record,
    home_card,
    pager,
    parse_text,
    request_ids,
    run_action,
)


class ActivityPortal(CustomerPortal):
    """/my/activities: residents register, cancel and check in; leaders take
    the attendance. Community activities are events (event.event); the rules
    are the models' (``action_register``, ``check_in``,
    ``action_cancel_registration``, ``action_mark_attended``)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "activity_count" in counters:
            Event = request.env["event.event"]
            values["activity_count"] = (
                Event.search_count(Event._portal_upcoming_domain())
                if home_card("activity_count") and Event.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/activities", "/my/activities/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_activities(self, page=1, **kw):
        Event = request.env["event.event"]
        if not Event.has_access("read"):
            return request.redirect("/my")
        domain = Event._portal_upcoming_domain()
        page_pager = pager("/my/activities", Event.search_count(domain), page)
        activities = Event.search(
            domain, order="date_begin, id", limit=PAGE_SIZE, offset=page_pager["offset"]
        )
        registrations = request.env["event.registration"].search(
            [
                ("partner_id", "=", request.env.user.partner_id.id),
                ("event_id", "in", activities.ids),
            ]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "activities",
                "activities": activities,
                "registration_by_activity": {r.event_id.id: r for r in registrations},
                "pager": page_pager,
                "default_url": "/my/activities",
            }
        )
        return request.render("community_governance.portal_my_activities", values)

    @http.route(
        "/my/activities/<int:activity_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_activity(self, activity_id, code=None, **kw):
        """The activity; ``code`` is the check-in code of the leader's QR code
        (scanned by a resident: the check-in form comes filled in)."""
        activity = get_record("event.event", activity_id)
        try:
            code = parse_text(code, max_length=20, multiline=False)
        except InputError:
            code = None
        Registration = request.env["event.registration"]
        registration = Registration.search(
            [
                ("partner_id", "=", request.env.user.partner_id.id),
                ("event_id", "=", activity.id),
            ],
            limit=1,
        )
        is_leader = activity._can_take_attendance()
        checkin_url = is_leader and activity._portal_checkin_url()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "activity",
                "activity": activity,
                "registration": registration,
                "is_open": activity._is_open_for_registration(),
                "is_leader": is_leader,
                "scanned_code": code,
                "checkin_qr": checkin_url and qr_code_src(checkin_url, 240),
                # as the user: the rules give leaders their activities' attendance
                "attendees": Registration.search(
                    [("event_id", "=", activity.id), ("state", "in", ("open", "done"))],
                    order="name, id",
                )
                if is_leader
                else Registration,
            }
        )
        return request.render("community_governance.portal_activity_page", values)

    @http.route(
        "/my/activities/<int:activity_id>/register",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_activity_register(self, activity_id, **kw):
        activity = get_record("event.event", activity_id)
        return run_action(
            f"/my/activities/{activity.id}",
            activity.action_register,
            success=request.env._(
                "You are registered for %(activity)s.", activity=activity.name
            ),
        )

    @http.route(
        "/my/activities/<int:activity_id>/cancel",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_activity_cancel(self, activity_id, **kw):
        activity = get_record("event.event", activity_id)
        registration = request.env["event.registration"].search(
            [
                ("partner_id", "=", request.env.user.partner_id.id),
                ("event_id", "=", activity.id),
            ],
            limit=1,
        )
        return run_action(
            f"/my/activities/{activity.id}",
            registration.action_cancel_registration,
            success=request.env._("Your registration was cancelled."),
        )

    @http.route(
        "/my/activities/<int:activity_id>/checkin",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_activity_checkin(self, activity_id, code=None, **kw):
        """The resident checks in with the code announced on site."""
        activity = get_record("event.event", activity_id)
        url = f"/my/activities/{activity.id}"
        try:
            code = parse_text(
                code,
                max_length=20,
                required=True,
                label=request.env._("The check-in code"),
                multiline=False,
            )
        except InputError as error:
            flash_error(error)
            return request.redirect(url)
        return run_action(
            url,
            activity.check_in,
            code,
            success=request.env._(
                "You are checked in. Enjoy %(activity)s!", activity=activity.name
            ),
        )

    @http.route(
        "/my/activities/<int:activity_id>/attendance",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_activity_attendance(self, activity_id, **kw):
        """A leader of the club (or a coordinator) ticks who came."""
        activity = get_record("event.event", activity_id)
        if not activity._can_take_attendance():
            # the attendance sheet is not there for the others
            raise NotFound()
        try:
            ids = request_ids("registration_ids")
            if not ids:
                raise InputError(request.env._("Tick the attendees who came."))
        except InputError as error:
            flash_error(error)
            return request.redirect(f"/my/activities/{activity.id}")
        registrations = request.env["event.registration"].search(
            [("id", "in", ids), ("event_id", "=", activity.id), ("state", "=", "open")]
        )
        return run_action(
            f"/my/activities/{activity.id}",
            registrations.action_mark_attended,
            success=request.env._(
                "%(count)s attendee(s) checked in.", count=len(registrations)
            ),
        )
