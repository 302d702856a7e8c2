# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from itertools import groupby

from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal_tools import (
    PAGE_SIZE,
    get_record,
    home_card,
    pager,
    parse_choice,
    run_action,
)


class RotaPortal(CustomerPortal):
    """The duty rota (e.g. the market gate of Dafosi East Street in half-hour
    slots): residents take a free slot or give theirs back. The rules are
    community.steward.slot's; the routes parse, call and redirect."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "slot_count" in counters:
            Slot = request.env["community.steward.slot"]
            values["slot_count"] = (
                Slot.search_count([("date_start", ">=", fields.Datetime.now())])
                if home_card("slot_count") and Slot.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/rota", "/my/rota/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_my_rota(self, page=1, filterby=None, **kw):
        Slot = request.env["community.steward.slot"]
        if not Slot.has_access("read"):
            return request.redirect("/my")
        partner = request.env.user.partner_id
        searchbar_filters = {
            "all": {"label": request.env._("All upcoming slots"), "domain": []},
            "free": {
                "label": request.env._("Free slots"),
                "domain": [("is_taken", "=", False)],
            },
            "mine": {
                "label": request.env._("My slots"),
                "domain": [("is_mine", "=", True)],
            },
        }
        filterby = parse_choice(filterby, searchbar_filters, "all")
        domain = [("date_start", ">=", fields.Datetime.now())] + searchbar_filters[
            filterby
        ]["domain"]
        page_pager = pager(
            "/my/rota", Slot.search_count(domain), page, url_args={"filterby": filterby}
        )
        slots = Slot.search(domain, limit=PAGE_SIZE, offset=page_pager["offset"])
        # one heading per day (the reader's day), the day's slots under it; a
        # day cut by the page end goes on with its heading on the next page
        # (the page stays the prefetch set: one read for all days)
        days = [
            (
                heading,
                slots.browse([slot.id for slot in day_slots]).with_prefetch(
                    slots._prefetch_ids
                ),
            )
            for heading, day_slots in groupby(
                slots, key=lambda slot: Slot._day_heading(slot.date_start)
            )
        ]
        terms = request.env["community.steward"].search(
            [("partner_id", "=", partner.id), ("state", "=", "active")]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "rota",
                "terms": terms,
                "slots": slots,
                "days": days,
                "my_partner": partner,
                "pager": page_pager,
                "searchbar_filters": searchbar_filters,
                "filterby": filterby,
                "default_url": "/my/rota",
            }
        )
        return request.render("community_governance.portal_my_rota", values)

    @http.route(
        "/my/rota/<int:slot_id>/take",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_rota_take(self, slot_id, **kw):
        slot = get_record("community.steward.slot", slot_id)
        return run_action(
            "/my/rota",
            slot.action_take_slot,
            success=request.env._("The slot is yours. Thank you for keeping order!"),
        )

    @http.route(
        "/my/rota/<int:slot_id>/release",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_rota_release(self, slot_id, **kw):
        slot = get_record("community.steward.slot", slot_id)
        return run_action(
            "/my/rota",
            slot.action_release_slot,
            success=request.env._("You gave the slot back."),
        )
