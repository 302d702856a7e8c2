# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal_tools import (
    PAGE_SIZE,
    get_record,
    home_card,
    pager,
    parse_choice,
    parse_search,
    run_action,
)


class ClubPortal(CustomerPortal):
    """/my/clubs: residents browse clubs, ask to join, leave; leaders approve
    or decline the requests. The rules are community.club's and
    community.club.membership's; the routes parse, call and redirect."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "club_count" in counters:
            Club = request.env["community.club"]
            values["club_count"] = (
                Club.search_count([])
                if home_card("club_count") and Club.has_access("read")
                else 0
            )
        return values

    def _club_searchbar_filters(self, partner):
        _ = request.env._
        return {
            "all": {"label": _("All clubs"), "domain": []},
            "open": {
                "label": _("Open to new members"),
                "domain": [("is_open", "=", True)],
            },
            "mine": {
                "label": _("My clubs"),
                "domain": [
                    ("membership_ids.partner_id", "=", partner.id),
                    ("membership_ids.state", "=", "active"),
                ],
            },
        }

    # -------------------------------------------------------------------- clubs
    @http.route(
        ["/my/clubs", "/my/clubs/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_my_clubs(self, page=1, filterby=None, search=None, **kw):
        Club = request.env["community.club"]
        partner = request.env.user.partner_id
        if not Club.has_access("read"):
            return request.redirect("/my")
        searchbar_filters = self._club_searchbar_filters(partner)
        filterby = parse_choice(filterby, searchbar_filters, "all")
        search = parse_search(search)
        domain = list(searchbar_filters[filterby]["domain"])
        if search:
            domain.append(("complete_name", "ilike", search))
        page_pager = pager(
            "/my/clubs",
            Club.search_count(domain),
            page,
            url_args={"filterby": filterby, "search": search},
        )
        clubs = Club.search(domain, limit=PAGE_SIZE, offset=page_pager["offset"])
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
                "pager": page_pager,
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

    @http.route(
        "/my/clubs/<int:club_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_club(self, club_id, **kw):
        club = get_record("community.club", club_id)
        partner = request.env.user.partner_id
        is_leader = club._is_leader(partner)
        Membership = request.env["community.club.membership"]
        # As the user: the record rules show a leader the requests to join.
        requests = (
            Membership.search([("club_id", "=", club.id), ("state", "=", "requested")])
            if is_leader
            else Membership
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
                "membership": club._running_membership(partner),
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
        return run_action(
            f"/my/clubs/{club.id}",
            club.action_request_membership,
            success=request.env._(
                "Your request to join %(club)s was sent to its leaders.",
                club=club.name,
            ),
        )

    @http.route(
        "/my/clubs/<int:club_id>/leave",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_club_leave(self, club_id, **kw):
        club = get_record("community.club", club_id)
        return run_action(
            f"/my/clubs/{club.id}",
            club.action_leave,
            success=request.env._("You left %(club)s.", club=club.name),
        )

    def _club_request(self, club_id, membership_id):
        """The request to join ``club_id`` as the current user: 404 unless
        the user may read it (a leader of the club, or the office) and it is
        a request of this club."""
        club = get_record("community.club", club_id)
        membership = get_record("community.club.membership", membership_id)
        if membership.club_id != club:
            raise NotFound()
        return club, membership

    @http.route(
        "/my/clubs/<int:club_id>/requests/<int:membership_id>/approve",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_club_request_approve(self, club_id, membership_id, **kw):
        club, membership = self._club_request(club_id, membership_id)
        return run_action(
            f"/my/clubs/{club.id}",
            membership.action_approve,
            success=request.env._(
                "%(person)s joined %(club)s.",
                person=membership.partner_name,
                club=club.name,
            ),
        )

    @http.route(
        "/my/clubs/<int:club_id>/requests/<int:membership_id>/decline",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_club_request_decline(self, club_id, membership_id, **kw):
        club, membership = self._club_request(club_id, membership_id)
        return run_action(
            f"/my/clubs/{club.id}",
            membership.action_decline,
            success=request.env._(
                "The request of %(person)s was declined.",
                person=membership.partner_name,
            ),
        )
