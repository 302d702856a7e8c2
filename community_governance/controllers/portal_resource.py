# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal_tools import (
    MAX_ID,
    PAGE_SIZE,
    InputError,
    get_record,
    home_card,
    pager,
    parse_bool,
    parse_choice,
    parse_id,
    parse_int,
    parse_text,
    run_action,
)

MAX_NOTE = 500


class ResourcePortal(CustomerPortal):
    """/my/resources: shared plots, rooms and tools. Residents see the rounds
    of their community (and why they may not apply), apply with the rules
    accepted, follow their rank and place on the waiting list, accept or
    decline an offer, renew, give an item back. /resources/draws/<id> is the
    public result of a round anybody can recompute. The rules are the
    models'; the routes parse, call and redirect."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "resource_count" in counters:
            Round = request.env["community.resource.round"]
            values["resource_count"] = (
                Round.search_count([("state", "=", "open")])
                if home_card("resource_count") and Round.has_access("read")
                else 0
            )
        return values

    def _resource_filters(self):
        _ = request.env._
        household = request.env.user.partner_id.household_id
        return {
            "open": {
                "label": _("Open for applications"),
                "domain": [("state", "=", "open")],
            },
            "mine": {
                "label": _("My applications"),
                "domain": [("application_ids.household_id", "=", household.id or 0)],
            },
            "all": {"label": _("All rounds"), "domain": []},
        }

    # ---------------------------------------------------------------- pages
    @http.route(
        ["/my/resources", "/my/resources/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_my_resources(self, page=1, filterby=None, **kw):
        if not request.env["community.resource.round"].has_access("read"):
            return request.redirect("/my")
        return self._resources_page(page, filterby)

    def _resources_page(self, page=1, filterby=None, error=None, status=200):
        Round = request.env["community.resource.round"]
        household = request.env.user.partner_id.household_id
        filters = self._resource_filters()
        filterby = parse_choice(filterby, filters, "open")
        domain = filters[filterby]["domain"]
        page_pager = pager(
            "/my/resources",
            Round.search_count(domain),
            page,
            url_args={"filterby": filterby},
        )
        rounds = Round.search(domain, limit=PAGE_SIZE, offset=page_pager["offset"])
        # The household's applications on this page and its offers anywhere,
        # in one search; their rounds and types read with the page's.
        applications = request.env["community.resource.application"].search(
            [
                ("household_id", "=", household.id or 0),
                "|",
                "&",
                ("round_id", "in", rounds.ids),
                ("state", "!=", "withdrawn"),
                ("state", "=", "offered"),
            ]
        )
        rounds = rounds.with_prefetch((rounds | applications.round_id).ids)
        rounds.type_id.mapped("name")
        offers = applications.filtered(lambda a: a.state == "offered")
        allocations = request.env["community.resource.allocation"].search(
            [("household_id", "=", household.id or 0), ("state", "=", "active")],
            order="date_end",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "resources",
                "rounds": rounds,
                "application_by_round": {
                    a.round_id.id: a for a in applications if a.round_id in rounds
                },
                "eligibility": rounds.filtered(
                    lambda r: r.state == "open"
                )._portal_eligibility(),
                "offers": offers,
                "allocations": allocations,
                "pager": page_pager,
                "searchbar_filters": filters,
                "filterby": filterby,
                "default_url": "/my/resources",
                "error": error,
                "max_note": MAX_NOTE,
            }
        )
        return request.render(
            "community_governance.portal_my_resources", values, status=status
        )

    def _round_page(self, resource_round, error=None, post=None, status=200):
        Application = request.env["community.resource.application"]
        household = request.env.user.partner_id.household_id
        application = Application.search(
            [
                ("household_id", "=", household.id or 0),
                ("round_id", "=", resource_round.id),
                ("state", "!=", "withdrawn"),
            ],
            limit=1,
        )
        reasons, _group = resource_round._portal_eligibility()[resource_round.id]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "resource_round",
                "resource_round": resource_round,
                "application": application,
                "reasons": reasons,
                "offer_items": application._offer_resources() if application else [],
                "error": error,
                "post": post or {},
                "max_note": MAX_NOTE,
            }
        )
        return request.render(
            "community_governance.portal_resource_round", values, status=status
        )

    @http.route(
        "/my/resources/rounds/<int:round_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_resource_round(self, round_id, **kw):
        return self._round_page(get_record("community.resource.round", round_id))

    # -------------------------------------------------------------- actions
    @http.route(
        "/my/resources/rounds/<int:round_id>/apply",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_resource_apply(self, round_id, **post):
        resource_round = get_record("community.resource.round", round_id)
        _ = request.env._
        try:
            accept_rules = parse_bool(post.get("accept_rules"))
            rules_version = parse_int(
                post.get("rules_version"),
                minimum=1,
                maximum=MAX_ID,
                label=_("The version of the rules"),
            )
            note = parse_text(
                post.get("note"), max_length=MAX_NOTE, label=_("Your note")
            )
        except InputError as error:
            shown = {"note": ""}
            return self._round_page(
                resource_round, error=error.args[0], post=shown, status=400
            )
        return run_action(
            f"/my/resources/rounds/{resource_round.id}",
            resource_round.apply,
            accept_rules,
            rules_version,
            note,
            success=lambda application: _(
                "Your application %(reference)s was received. Keep its reference: "
                "the public page of the round lists it.",
                reference=application.reference,
            ),
        )

    def _application(self, application_id):
        return get_record("community.resource.application", application_id)

    @http.route(
        "/my/resources/applications/<int:application_id>/accept",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_resource_accept(self, application_id, **post):
        application = self._application(application_id)
        try:
            resource_id = parse_int(
                post.get("resource_id"),
                minimum=1,
                maximum=MAX_ID,
                label=request.env._("The item"),
            )
        except InputError as error:
            return self._round_page(
                application.round_id, error=error.args[0], status=400
            )
        return run_action(
            f"/my/resources/rounds/{application.round_id.id}",
            application.accept,
            resource_id,
            success=lambda allocation: request.env._(
                "%(item)s is allocated to your household until %(date)s.",
                item=allocation.resource_id.display_name,
                date=allocation.date_end,
            ),
        )

    @http.route(
        "/my/resources/applications/<int:application_id>/decline",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_resource_decline(self, application_id, **post):
        application = self._application(application_id)
        return run_action(
            f"/my/resources/rounds/{application.round_id.id}",
            application.action_decline,
            success=request.env._(
                "You declined the offer: the item goes to the next household."
            ),
        )

    @http.route(
        "/my/resources/applications/<int:application_id>/withdraw",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_resource_withdraw(self, application_id, **post):
        application = self._application(application_id)
        return run_action(
            f"/my/resources/rounds/{application.round_id.id}",
            application.action_withdraw,
            success=request.env._(
                "Application %(reference)s was withdrawn.",
                reference=application.reference,
            ),
        )

    @http.route(
        "/my/resources/allocations/<int:allocation_id>/renew",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_resource_renew(self, allocation_id, **post):
        allocation = get_record("community.resource.allocation", allocation_id)
        return run_action(
            "/my/resources",
            allocation.action_renew,
            success=lambda renewal: request.env._(
                "%(item)s is renewed until %(date)s.",
                item=renewal.resource_id.display_name,
                date=renewal.date_end,
            ),
        )

    @http.route(
        "/my/resources/allocations/<int:allocation_id>/release",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_resource_release(self, allocation_id, **post):
        allocation = get_record("community.resource.allocation", allocation_id)
        try:
            reason = parse_text(
                post.get("reason"),
                max_length=MAX_NOTE,
                label=request.env._("The reason"),
            )
        except InputError as error:
            return self._resources_page(error=error.args[0], status=400)
        return run_action(
            "/my/resources",
            allocation.release,
            reason,
            success=request.env._(
                "Thank you: %(item)s goes to the next household on the waiting list.",
                item=allocation.resource_id.display_name,
            ),
        )

    # --------------------------------------------------------------- public
    @http.route(
        "/resources/draws/<int:round_id>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
    )
    def resource_draw(self, round_id, **kw):
        """The result of a round, for anybody: the seed, how the ranks were
        computed, the references with masked names, keys and ranks."""
        round_id = parse_id(str(round_id))
        draw = (
            request.env["community.resource.round"]._public_draw(round_id)
            if round_id
            else None
        )
        if not draw:
            raise NotFound()
        return request.render(
            "community_governance.portal_resource_draw", {"draw": draw}
        )
