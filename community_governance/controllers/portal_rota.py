# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal_tools import PAGE_SIZE, current_resident, flash, get_record


class RotaPortal(CustomerPortal):
    """The duty rota (e.g. the market gate of Dafosi East Street in half-hour
    slots): residents take a free slot or give theirs back."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "slot_count" in counters:
            Slot = request.env["community.steward.slot"]
            values["slot_count"] = (
                Slot.search_count([("date_start", ">=", fields.Datetime.now())])
                if Slot.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/rota", "/my/rota/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_rota(self, page=1, filterby="all", **kw):
        Slot = request.env["community.steward.slot"]
        if not Slot.has_access("read"):
            return request.redirect("/my")
        partner = request.env.user.partner_id
        searchbar_filters = {
            "all": {"label": request.env._("All upcoming slots"), "domain": []},
            "free": {
                "label": request.env._("Free slots"),
                "domain": [("partner_id", "=", False)],
            },
            "mine": {
                "label": request.env._("My slots"),
                "domain": [("partner_id", "=", partner.id)],
            },
        }
        if filterby not in searchbar_filters:
            filterby = "all"
        domain = [("date_start", ">=", fields.Datetime.now())] + searchbar_filters[
            filterby
        ]["domain"]
        pager = portal_pager(
            url="/my/rota",
            url_args={"filterby": filterby},
            total=Slot.search_count(domain),
            page=page,
            step=PAGE_SIZE,
        )
        slots = Slot.search(domain, limit=PAGE_SIZE, offset=pager["offset"])
        terms = request.env["community.steward"].search(
            [("partner_id", "=", partner.id), ("state", "=", "active")]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "rota",
                "terms": terms,
                "slots": slots,
                "my_partner": partner,
                "pager": pager,
                "searchbar_filters": searchbar_filters,
                "filterby": filterby,
                "default_url": "/my/rota",
            }
        )
        return request.render("community_governance.portal_my_rota", values)

    @http.route(
        "/my/rota/<int:slot_id>/<string:operation>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_rota_slot(self, slot_id, operation, **kw):
        slot = get_record("community.steward.slot", slot_id)
        if operation not in ("signup", "cancel"):
            raise request.not_found()
        partner = current_resident()
        if partner is None:
            flash(request.env._("Only residents can take duty slots."))
            return request.redirect("/my/rota")
        try:
            with request.env.cr.savepoint():
                if operation == "signup":
                    slot.sudo()._sign_up(partner)
                    message = request.env._(
                        "The slot is yours. Thank you for keeping order!"
                    )
                else:
                    slot.sudo()._cancel_sign_up(partner)
                    message = request.env._("You gave the slot back.")
        except (UserError, ValidationError) as error:
            message = error.args[0]
        flash(message)
        return request.redirect("/my/rota")
