# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

MAX_DESCRIPTION = 10000
DISPATCH_ACTIONS = {"acknowledge", "report", "decline"}


class DispatchPortal(CustomerPortal):
    """/my/dispatches: department liaisons acknowledge the petitions their
    department is summoned on and report back, or decline."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dispatch_count" in counters:
            Dispatch = request.env["community.petition.dispatch"]
            values["dispatch_count"] = (
                Dispatch.search_count([("state", "in", ("summoned", "acknowledged"))])
                if Dispatch.has_access("read")
                and request.env.user.has_group(
                    "community_governance.group_portal_liaison"
                )
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Dispatches (department liaisons)
    # ------------------------------------------------------------------

    def _is_liaison(self):
        return request.env.user.has_group("community_governance.group_portal_liaison")

    @http.route(
        ["/my/dispatches", "/my/dispatches/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_dispatches(self, page=1, sortby=None, filterby=None, **kw):
        if not self._is_liaison():
            return request.redirect("/my")
        Dispatch = request.env["community.petition.dispatch"]
        sortings = {
            "deadline": {
                "label": request.env._("Due First"),
                "order": "date_deadline asc, id",
            },
            "date": {
                "label": request.env._("Newest"),
                "order": "date_summoned desc, id desc",
            },
        }
        filters = {
            "pending": {
                "label": request.env._("To answer"),
                "domain": [("state", "in", ("summoned", "acknowledged"))],
            },
            "all": {"label": request.env._("All"), "domain": []},
        }
        sortby = sortby if sortby in sortings else "deadline"
        filterby = filterby if filterby in filters else "pending"
        domain = filters[filterby]["domain"]
        count = Dispatch.search_count(domain)
        pager = portal_pager(
            url="/my/dispatches",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        dispatches = Dispatch.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        ).sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "dispatches": dispatches,
                "page_name": "dispatch",
                "pager": pager,
                "default_url": "/my/dispatches",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("community_governance.portal_my_dispatches", values)

    def _dispatch_page(self, dispatch, error=None, success=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "dispatch": dispatch,
                "page_name": "dispatch",
                "error": error,
                "success": success,
            }
        )
        return request.render("community_governance.portal_dispatch_page", values)

    @http.route(
        ["/my/dispatches/<int:dispatch_id>"], type="http", auth="user", website=True
    )
    def portal_my_dispatch(self, dispatch_id, **kw):
        dispatch = request.env["community.petition.dispatch"].browse(dispatch_id)
        try:
            dispatch.check_access("read")
            dispatch.exists().ensure_one()
        except (AccessError, MissingError, ValueError):
            return request.redirect("/my")
        success = request.env._("Done.") if kw.get("message") == "done" else None
        # Checked above; shown with what the department needs, no personal data.
        return self._dispatch_page(dispatch.sudo(), success=success)

    @http.route(
        ["/my/dispatches/<int:dispatch_id>/<string:action>"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_dispatch_action(self, dispatch_id, action, **post):
        if action not in DISPATCH_ACTIONS:
            raise request.not_found()
        dispatch = request.env["community.petition.dispatch"].browse(dispatch_id)
        try:
            dispatch.check_access("read")
            if action == "acknowledge":
                dispatch.action_acknowledge()
            elif action == "report":
                dispatch.action_report((post.get("report") or "")[:MAX_DESCRIPTION])
            else:
                dispatch.action_decline((post.get("reason") or "")[:MAX_DESCRIPTION])
        except (AccessError, MissingError):
            return request.redirect("/my")
        except UserError as error:
            return self._dispatch_page(dispatch.sudo(), error=str(error))
        return request.redirect(f"/my/dispatches/{dispatch_id}?message=done")
