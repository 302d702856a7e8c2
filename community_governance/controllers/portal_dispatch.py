# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.community_petition import MAX_DESCRIPTION, MAX_FILE_SIZE, MAX_FILES
from . import portal_tools as tools

LIAISON = "community_governance.group_portal_liaison"
PENDING = ("summoned", "acknowledged")


class DispatchPortal(CustomerPortal):
    """/my/dispatches: department liaisons acknowledge the petitions their
    department is summoned on and report back, or decline. The rules are the
    dispatch's (``action_acknowledge``, ``report_back``, ``decline``)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dispatch_count" in counters:
            Dispatch = request.env["community.petition.dispatch"]
            values["dispatch_count"] = (
                Dispatch.search_count([("state", "in", PENDING)])
                if tools.home_card("dispatch_count") and Dispatch.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # List and page
    # ------------------------------------------------------------------

    @http.route(
        ["/my/dispatches", "/my/dispatches/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_dispatches(self, page=1, sortby=None, filterby=None, **kw):
        if not request.env.user.has_group(LIAISON):
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
                "domain": [("state", "in", PENDING)],
            },
            "all": {"label": request.env._("All"), "domain": []},
        }
        sortby = tools.parse_choice(sortby, sortings, "deadline")
        filterby = tools.parse_choice(filterby, filters, "pending")
        domain = filters[filterby]["domain"]
        pager = tools.pager(
            "/my/dispatches",
            Dispatch.search_count(domain),
            tools.parse_id(page) or 1,
            url_args={"sortby": sortby, "filterby": filterby},
        )
        # Searched as the liaison (record rules); shown with what the
        # department needs, no personal data.
        dispatches = Dispatch.search(
            domain,
            order=sortings[sortby]["order"],
            limit=tools.PAGE_SIZE,
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

    # not readonly: the petition's photos get their access tokens
    @http.route(
        ["/my/dispatches/<int:dispatch_id>"], type="http", auth="user", website=True
    )
    def portal_my_dispatch(self, dispatch_id, **kw):
        dispatch = tools.get_record("community.petition.dispatch", dispatch_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "dispatch": dispatch.sudo(),
                "page_name": "dispatch",
                # checked by the dispatch: the photos of its own petition
                "photos": dispatch._petition_photos(),
                # the messages with the office (portal.message_thread), under
                # the dispatch's record rules
                "object": dispatch,
                # proof of the fix: the petition's own limits
                **tools.upload_values(MAX_FILES, MAX_FILE_SIZE),
            }
        )
        return request.render("community_governance.portal_dispatch_page", values)

    # ------------------------------------------------------------------
    # Actions: one route each, the dispatch's method decides
    # ------------------------------------------------------------------

    def _dispatch_action(self, dispatch_id, call, success):
        dispatch = tools.get_record("community.petition.dispatch", dispatch_id)
        return tools.run_action(
            f"/my/dispatches/{dispatch.id}", call, dispatch, success=success
        )

    @http.route(
        "/my/dispatches/<int:dispatch_id>/acknowledge",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_dispatch_acknowledge(self, dispatch_id, **post):
        return self._dispatch_action(
            dispatch_id,
            lambda dispatch: dispatch.action_acknowledge(),
            request.env._("Your department reported for duty."),
        )

    @http.route(
        "/my/dispatches/<int:dispatch_id>/report",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_dispatch_report(self, dispatch_id, report=None, **post):
        return self._dispatch_action(
            dispatch_id,
            lambda dispatch: dispatch.report_back(
                tools.parse_text(
                    report,
                    max_length=MAX_DESCRIPTION,
                    label=request.env._("The report"),
                ),
                tools.read_uploads("attachments", MAX_FILE_SIZE),
            ),
            request.env._("Your report was sent to the community office."),
        )

    @http.route(
        "/my/dispatches/<int:dispatch_id>/decline",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_dispatch_decline(self, dispatch_id, reason=None, **post):
        return self._dispatch_action(
            dispatch_id,
            lambda dispatch: dispatch.decline(
                tools.parse_text(
                    reason,
                    max_length=MAX_DESCRIPTION,
                    label=request.env._("The reason"),
                )
            ),
            request.env._(
                "The community office was told why your department declines."
            ),
        )
