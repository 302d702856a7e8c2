# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

PAGE_SIZE = 20
# A resident may check in with the code from an hour before the start to an
# hour after the end of the activity.
CHECKIN_MARGIN = timedelta(hours=1)


class CommunityPortal(CustomerPortal):
    """Clubs and activities for residents: browse, join, leave, register,
    check in; club leaders approve requests and take the attendance."""

    # ------------------------------------------------------------------ helpers
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "club_count" in counters:
            Club = request.env["community.club"]
            values["club_count"] = (
                Club.search_count([]) if Club.has_access("read") else 0
            )
        if "activity_count" in counters:
            Activity = request.env["community.activity"]
            values["activity_count"] = (
                Activity.search_count(self._cg_upcoming_activity_domain())
                if Activity.has_access("read")
                else 0
            )
        return values

    def _cg_flash(self, message):
        request.session["cg_portal_message"] = message

    def _cg_pop_flash(self):
        return request.session.pop("cg_portal_message", None)

    def _cg_record(self, model_name, record_id):
        """The record as the current user (record rules apply), or None."""
        try:
            self._document_check_access(model_name, record_id)
        except (AccessError, MissingError):
            return None
        return request.env[model_name].browse(record_id)

    def _cg_resident(self):
        partner = request.env.user.partner_id
        return partner if partner.is_resident else None

    def _cg_upcoming_activity_domain(self):
        return [
            ("state", "=", "confirmed"),
            ("date_end", ">=", fields.Datetime.now()),
        ]

    # -------------------------------------------------------------------- clubs
    @http.route(
        ["/my/clubs", "/my/clubs/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_clubs(self, page=1, filterby="all", search=None, **kw):
        Club = request.env["community.club"]
        partner = request.env.user.partner_id
        if not Club.has_access("read"):
            return request.redirect("/my")
        searchbar_filters = {
            "all": {"label": request.env._("All clubs"), "domain": []},
            "open": {
                "label": request.env._("Open to new members"),
                "domain": [("is_open", "=", True)],
            },
            "mine": {
                "label": request.env._("My clubs"),
                "domain": [
                    ("membership_ids.partner_id", "=", partner.id),
                    ("membership_ids.state", "=", "active"),
                ],
            },
        }
        if filterby not in searchbar_filters:
            filterby = "all"
        domain = list(searchbar_filters[filterby]["domain"])
        if search:
            domain.append(("complete_name", "ilike", search[:100]))
        count = Club.search_count(domain)
        pager = portal_pager(
            url="/my/clubs",
            url_args={"filterby": filterby, "search": search},
            total=count,
            page=page,
            step=PAGE_SIZE,
        )
        clubs = Club.search(domain, limit=PAGE_SIZE, offset=pager["offset"])
        memberships = request.env["community.club.membership"].search(
            [
                ("partner_id", "=", partner.id),
                ("club_id", "in", clubs.ids),
                ("state", "!=", "left"),
            ]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "clubs",
                "clubs": clubs,
                "membership_by_club": {m.club_id.id: m for m in memberships},
                "pager": pager,
                "searchbar_filters": searchbar_filters,
                "filterby": filterby,
                "search": search,
                "search_in": "name",
                "searchbar_inputs": {
                    "name": {"input": "name", "label": request.env._("Search clubs")}
                },
                "default_url": "/my/clubs",
                "cg_message": self._cg_pop_flash(),
            }
        )
        return request.render("community_governance.portal_my_clubs", values)

    @http.route("/my/clubs/<int:club_id>", type="http", auth="user", website=True)
    def portal_club(self, club_id, **kw):
        club = self._cg_record("community.club", club_id)
        if club is None:
            raise request.not_found()
        partner = request.env.user.partner_id
        membership = request.env["community.club.membership"].search(
            [
                ("partner_id", "=", partner.id),
                ("club_id", "=", club.id),
                ("state", "!=", "left"),
            ],
            limit=1,
        )
        is_leader = club._is_leader(partner)
        requests = (
            club.sudo().membership_ids.filtered(lambda m: m.state == "requested")
            if is_leader
            else request.env["community.club.membership"]
        )
        activities = request.env["community.activity"].search(
            self._cg_upcoming_activity_domain() + [("club_id", "=", club.id)], limit=10
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "club",
                "club": club,
                "club_sudo": club.sudo(),
                "membership": membership,
                "is_leader": is_leader,
                "join_requests": requests,
                "activities": activities,
                "cg_message": self._cg_pop_flash(),
            }
        )
        return request.render("community_governance.portal_club_page", values)

    @http.route(
        "/my/clubs/<int:club_id>/join",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_club_join(self, club_id, **kw):
        club = self._cg_record("community.club", club_id)
        partner = self._cg_resident()
        if club is None:
            raise request.not_found()
        url = f"/my/clubs/{club.id}"
        if partner is None or partner.community_id != club.community_id:
            self._cg_flash(
                request.env._(
                    "Only residents of %(community)s can join this club.",
                    community=club.community_id.name,
                )
            )
            return request.redirect(url)
        if not club.is_open:
            self._cg_flash(
                request.env._(
                    "%(club)s does not take new members at the moment.", club=club.name
                )
            )
            return request.redirect(url)
        try:
            with request.env.cr.savepoint():
                request.env["community.club.membership"].sudo().create(
                    {"partner_id": partner.id, "club_id": club.id, "state": "requested"}
                )
        except (UserError, ValidationError) as error:
            self._cg_flash(error.args[0])
            return request.redirect(url)
        self._cg_flash(
            request.env._(
                "Your request to join %(club)s was sent to its leaders.", club=club.name
            )
        )
        return request.redirect(url)

    @http.route(
        "/my/clubs/<int:club_id>/leave",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_club_leave(self, club_id, **kw):
        club = self._cg_record("community.club", club_id)
        if club is None:
            raise request.not_found()
        membership = request.env["community.club.membership"].search(
            [
                ("partner_id", "=", request.env.user.partner_id.id),
                ("club_id", "=", club.id),
                ("state", "!=", "left"),
            ],
            limit=1,
        )
        if not membership:
            self._cg_flash(
                request.env._("You are not a member of %(club)s.", club=club.name)
            )
        else:
            membership.sudo().action_leave()
            self._cg_flash(request.env._("You left %(club)s.", club=club.name))
        return request.redirect(f"/my/clubs/{club.id}")

    @http.route(
        "/my/clubs/<int:club_id>/requests",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_club_requests(self, club_id, membership_id=None, decision=None, **kw):
        club = self._cg_record("community.club", club_id)
        if club is None:
            raise request.not_found()
        if not club._is_leader(request.env.user.partner_id):
            raise request.not_found()
        try:
            membership_id = int(membership_id)
        except (TypeError, ValueError):
            membership_id = 0
        membership = (
            request.env["community.club.membership"]
            .sudo()
            .browse(membership_id)
            .exists()
        )
        if (
            not membership
            or membership.club_id != club
            or membership.state != "requested"
            or decision not in ("approve", "decline")
        ):
            self._cg_flash(
                request.env._("This request to join does not exist any more.")
            )
            return request.redirect(f"/my/clubs/{club.id}")
        if decision == "approve":
            membership.action_approve()
            self._cg_flash(
                request.env._(
                    "%(person)s joined %(club)s.",
                    person=membership.partner_id.name,
                    club=club.name,
                )
            )
        else:
            membership.action_leave()
            self._cg_flash(
                request.env._(
                    "The request of %(person)s was declined.",
                    person=membership.partner_id.name,
                )
            )
        return request.redirect(f"/my/clubs/{club.id}")

    # --------------------------------------------------------------- activities
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
        domain = self._cg_upcoming_activity_domain()
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
                "cg_message": self._cg_pop_flash(),
            }
        )
        return request.render("community_governance.portal_my_activities", values)

    @http.route(
        "/my/activities/<int:activity_id>", type="http", auth="user", website=True
    )
    def portal_activity(self, activity_id, **kw):
        activity = self._cg_record("community.activity", activity_id)
        if activity is None:
            raise request.not_found()
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
                "cg_message": self._cg_pop_flash(),
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
        activity = self._cg_record("community.activity", activity_id)
        if activity is None:
            raise request.not_found()
        url = f"/my/activities/{activity.id}"
        partner = self._cg_resident()
        if partner is None:
            self._cg_flash(request.env._("Only residents can register for activities."))
            return request.redirect(url)
        if activity.state != "confirmed" or activity.date_end < fields.Datetime.now():
            self._cg_flash(
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
            self._cg_flash(error.args[0])
            return request.redirect(url)
        self._cg_flash(
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
        activity = self._cg_record("community.activity", activity_id)
        if activity is None:
            raise request.not_found()
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
            self._cg_flash(request.env._("Your registration was cancelled."))
        else:
            self._cg_flash(request.env._("You have no registration to cancel."))
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
        activity = self._cg_record("community.activity", activity_id)
        if activity is None:
            raise request.not_found()
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
            self._cg_flash(
                request.env._("Register for the activity before checking in.")
            )
        elif not (
            activity.date_begin - CHECKIN_MARGIN
            <= now
            <= activity.date_end + CHECKIN_MARGIN
        ):
            self._cg_flash(
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
            self._cg_flash(
                request.env._(
                    "This check-in code is not right: ask the leader for the code."
                )
            )
        else:
            registration.sudo().action_attend()
            self._cg_flash(
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
        activity = self._cg_record("community.activity", activity_id)
        if activity is None or not activity._is_portal_leader(request.env.user):
            raise request.not_found()
        try:
            ids = {int(i) for i in request.httprequest.form.getlist("registration_ids")}
        except ValueError:
            ids = set()
        registrations = activity.sudo().registration_ids.filtered(
            lambda r: r.id in ids and r.state == "registered"
        )
        registrations.action_attend()
        self._cg_flash(
            request.env._("%(count)s attendee(s) checked in.", count=len(registrations))
        )
        return request.redirect(f"/my/activities/{activity.id}")
