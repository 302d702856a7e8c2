# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal_tools import PAGE_SIZE, current_resident, flash, get_record


class ClubPortal(CustomerPortal):
    """/my/clubs: residents browse clubs, ask to join, leave; leaders approve
    or decline the requests."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "club_count" in counters:
            Club = request.env["community.club"]
            values["club_count"] = (
                Club.search_count([]) if Club.has_access("read") else 0
            )
        return values

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
            }
        )
        return request.render("community_governance.portal_my_clubs", values)

    @http.route("/my/clubs/<int:club_id>", type="http", auth="user", website=True)
    def portal_club(self, club_id, **kw):
        club = get_record("community.club", club_id)
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
        activities = request.env["event.event"].search(
            request.env["event.event"]._portal_upcoming_domain()
            + [("club_id", "=", club.id)],
            limit=10,
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
        club = get_record("community.club", club_id)
        partner = current_resident()
        url = f"/my/clubs/{club.id}"
        if partner is None or partner.community_id != club.community_id:
            flash(
                request.env._(
                    "Only residents of %(community)s can join this club.",
                    community=club.community_id.name,
                )
            )
            return request.redirect(url)
        if not club.is_open:
            flash(
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
            flash(error.args[0])
            return request.redirect(url)
        flash(
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
        club = get_record("community.club", club_id)
        membership = request.env["community.club.membership"].search(
            [
                ("partner_id", "=", request.env.user.partner_id.id),
                ("club_id", "=", club.id),
                ("state", "!=", "left"),
            ],
            limit=1,
        )
        if not membership:
            flash(request.env._("You are not a member of %(club)s.", club=club.name))
        else:
            membership.sudo().action_leave()
            flash(request.env._("You left %(club)s.", club=club.name))
        return request.redirect(f"/my/clubs/{club.id}")

    @http.route(
        "/my/clubs/<int:club_id>/requests",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_club_requests(self, club_id, membership_id=None, decision=None, **kw):
        club = get_record("community.club", club_id)
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
            flash(request.env._("This request to join does not exist any more."))
            return request.redirect(f"/my/clubs/{club.id}")
        if decision == "approve":
            membership.action_approve()
            flash(
                request.env._(
                    "%(person)s joined %(club)s.",
                    person=membership.partner_id.name,
                    club=club.name,
                )
            )
        else:
            membership.action_leave()
            flash(
                request.env._(
                    "The request of %(person)s was declined.",
                    person=membership.partner_id.name,
                )
            )
        return request.redirect(f"/my/clubs/{club.id}")
