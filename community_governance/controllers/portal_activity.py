# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal_tools import PAGE_SIZE, current_resident, flash, get_record

# A resident may check in with the code from an hour before the start to an
# hour after the end of the activity.
CHECKIN_MARGIN = timedelta(hours=1)


class ActivityPortal(CustomerPortal):
    """/my/activities: residents register, cancel and check in; leaders take
    the attendance."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "activity_count" in counters:
            Activity = request.env["community.activity"]
            values["activity_count"] = (
                Activity.search_count(Activity._portal_upcoming_domain())
                if Activity.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/activities", "/my/activities/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_activities(self, page=1, **kw):
        Activity = request.env["community.activity"]
        if not Activity.has_access("read"):
            return request.redirect("/my")
        domain = request.env["community.activity"]._portal_upcoming_domain()
        pager = portal_pager(
            url="/my/activities",
            total=Activity.search_count(domain),
            page=page,
            step=PAGE_SIZE,
        )
        activities = Activity.search(
            domain, order="date_begin, id", limit=PAGE_SIZE, offset=pager["offset"]
        )
        registrations = request.env["community.activity.registration"].search(
            [
                ("partner_id", "=", request.env.user.partner_id.id),
                ("activity_id", "in", activities.ids),
            ]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "activities",
                "activities": activities,
                "registration_by_activity": {
                    r.activity_id.id: r for r in registrations
                },
                "pager": pager,
                "default_url": "/my/activities",
            }
        )
        return request.render("community_governance.portal_my_activities", values)

    @http.route(
        "/my/activities/<int:activity_id>", type="http", auth="user", website=True
    )
    def portal_activity(self, activity_id, **kw):
        activity = get_record("community.activity", activity_id)
        registration = request.env["community.activity.registration"].search(
            [
                ("partner_id", "=", request.env.user.partner_id.id),
                ("activity_id", "=", activity.id),
            ],
            limit=1,
        )
        is_leader = activity._is_portal_leader(request.env.user)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "activity",
                "activity": activity,
                "registration": registration,
                "is_leader": is_leader,
                "attendees": activity.sudo().registration_ids.filtered(
                    lambda r: r.state != "cancelled"
                )
                if is_leader
                else request.env["community.activity.registration"],
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
        activity = get_record("community.activity", activity_id)
        url = f"/my/activities/{activity.id}"
        partner = current_resident()
        if partner is None:
            flash(request.env._("Only residents can register for activities."))
            return request.redirect(url)
        if activity.state != "confirmed" or activity.date_end < fields.Datetime.now():
            flash(
                request.env._(
                    "Registrations for %(activity)s are closed.", activity=activity.name
                )
            )
            return request.redirect(url)
        Registration = request.env["community.activity.registration"].sudo()
        registration = Registration.search(
            [("partner_id", "=", partner.id), ("activity_id", "=", activity.id)],
            limit=1,
        )
        try:
            with request.env.cr.savepoint():
                if registration.state in ("registered", "attended"):
                    raise UserError(request.env._("You are already registered."))
                activity.sudo()._check_seats()
                if registration:
                    registration.action_reset()
                else:
                    Registration.create(
                        {"partner_id": partner.id, "activity_id": activity.id}
                    )
        except (UserError, ValidationError) as error:
            flash(error.args[0])
            return request.redirect(url)
        flash(
            request.env._(
                "You are registered for %(activity)s.", activity=activity.name
            )
        )
        return request.redirect(url)

    @http.route(
        "/my/activities/<int:activity_id>/cancel",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_activity_cancel(self, activity_id, **kw):
        activity = get_record("community.activity", activity_id)
        registration = request.env["community.activity.registration"].search(
            [
                ("partner_id", "=", request.env.user.partner_id.id),
                ("activity_id", "=", activity.id),
                ("state", "=", "registered"),
            ],
            limit=1,
        )
        if registration:
            registration.sudo().action_cancel()
            flash(request.env._("Your registration was cancelled."))
        else:
            flash(request.env._("You have no registration to cancel."))
        return request.redirect(f"/my/activities/{activity.id}")

    @http.route(
        "/my/activities/<int:activity_id>/checkin",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_activity_checkin(self, activity_id, code="", **kw):
        """The resident checks in with the code announced on site."""
        activity = get_record("community.activity", activity_id)
        url = f"/my/activities/{activity.id}"
        registration = request.env["community.activity.registration"].search(
            [
                ("partner_id", "=", request.env.user.partner_id.id),
                ("activity_id", "=", activity.id),
                ("state", "=", "registered"),
            ],
            limit=1,
        )
        now = fields.Datetime.now()
        activity_sudo = activity.sudo()
        code = (code or "").strip().upper()[:20]
        if not registration:
            flash(request.env._("Register for the activity before checking in."))
        elif not (
            activity.date_begin - CHECKIN_MARGIN
            <= now
            <= activity.date_end + CHECKIN_MARGIN
        ):
            flash(
                request.env._(
                    "Check-in is open from an hour before the start to an hour after "
                    "the end."
                )
            )
        elif (
            not code
            or not activity_sudo.checkin_code
            or not consteq(code, activity_sudo.checkin_code)
        ):
            flash(
                request.env._(
                    "This check-in code is not right: ask the leader for the code."
                )
            )
        else:
            registration.sudo().action_attend()
            flash(
                request.env._(
                    "You are checked in. Enjoy %(activity)s!", activity=activity.name
                )
            )
        return request.redirect(url)

    @http.route(
        "/my/activities/<int:activity_id>/attendance",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_activity_attendance(self, activity_id, **kw):
        """A leader of the club (or a coordinator) ticks who came."""
        activity = get_record("community.activity", activity_id)
        if not activity._is_portal_leader(request.env.user):
            raise request.not_found()
        try:
            ids = {int(i) for i in request.httprequest.form.getlist("registration_ids")}
        except ValueError:
            ids = set()
        registrations = activity.sudo().registration_ids.filtered(
            lambda r: r.id in ids and r.state == "registered"
        )
        registrations.action_attend()
        flash(
            request.env._("%(count)s attendee(s) checked in.", count=len(registrations))
        )
        return request.redirect(f"/my/activities/{activity.id}")
