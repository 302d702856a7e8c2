# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/deliberations: owners follow the matters of their compounds, give
their opinion during the consultation, vote for each unit they own (or hold
a proxy for) and read the result once published; members of a supervisory
committee file their reports; representatives read the opinions of their
buildings.

Every rule is the model's (``community.deliberation.give_opinion``,
``file_supervision_report``, ``community.deliberation.ballot.cast``): the
routes parse their input with ``portal_tools``, call the model method and
redirect with its outcome.
"""

import secrets

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.community_deliberation import (
    MAX_TEXT,
    OPINION_GROUPS,
    STANCES,
    SUPERVISION_FINDINGS,
)
from ..models.community_deliberation_ballot import CHOICES
from . import portal_tools as tools


class DeliberationPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "deliberation_count" in counters:
            Matter = request.env["community.deliberation"]
            values["deliberation_count"] = (
                Matter._count_many({"matters": Matter._portal_domain()})["matters"]
                if tools.home_card("deliberation_count") and Matter.has_access("read")
                else 0
            )
        return values

    def _deliberation_filters(self):
        _ = request.env._
        return {
            "all": {"label": _("All"), "domain": []},
            "voting": {"label": _("Voting"), "domain": [("state", "=", "voting")]},
            "consultation": {
                "label": _("Consultation"),
                "domain": [("state", "=", "consultation")],
            },
            "decided": {
                "label": _("Decided"),
                "domain": [
                    (
                        "state",
                        "in",
                        ("decided", "implementation", "supervision", "done"),
                    )
                ],
            },
        }

    @http.route(
        ["/my/deliberations", "/my/deliberations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_my_deliberations(self, page=1, filterby=None, search=None, **kw):
        Matter = request.env["community.deliberation"]
        if not Matter.has_access("read"):
            return request.redirect("/my")
        filters = self._deliberation_filters()
        filterby = tools.parse_choice(filterby, filters, "all")
        search = tools.parse_search(search)
        domain = Matter._portal_domain() + filters[filterby]["domain"]
        if search:
            domain += ["|", ("title", "ilike", search), ("name", "ilike", search)]
        pager = tools.pager(
            "/my/deliberations",
            Matter.search_count(domain),
            page,
            url_args={"filterby": filterby, "search": search},
        )
        matters = Matter.search(
            domain,
            order="date_proposed desc, id desc",
            limit=tools.PAGE_SIZE,
            offset=pager["offset"],
        )
        partner = request.env.user.partner_id
        # my units still to vote, per matter, in one query
        pending = dict(
            request.env["community.deliberation.ballot"]._read_group(
                [
                    ("deliberation_id", "in", matters.ids),
                    ("state", "=", "pending"),
                    "|",
                    ("owner_ids", "in", partner.ids),
                    ("proxy_id", "=", partner.id),
                ],
                ["deliberation_id"],
                ["__count"],
            )
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "deliberations",
                "matters": matters,
                "pending_by_matter": {m.id: n for m, n in pending.items()},
                "state_labels": dict(
                    Matter._fields["state"]._description_selection(request.env)
                ),
                "category_labels": dict(
                    Matter._fields["category"]._description_selection(request.env)
                ),
                "pager": pager,
                "searchbar_filters": filters,
                "filterby": filterby,
                "search": search,
                "search_in": "title",
                "searchbar_inputs": {
                    "title": {
                        "input": "title",
                        "label": request.env._("Search matters"),
                    }
                },
                "default_url": "/my/deliberations",
            }
        )
        return request.render("community_governance.portal_my_deliberations", values)

    def _page_values(self, matter, error=None):
        partner = request.env["res.partner"].browse(request.env.user.partner_id.id)
        values = self._prepare_portal_layout_values()
        values.update(matter._portal_values(partner))
        Matter = request.env["community.deliberation"]
        values.update(
            {
                "page_name": "deliberation",
                "partner": partner,
                "error": error,
                "max_text": MAX_TEXT,
                "form_key": secrets.token_urlsafe(16),
                "state_labels": dict(
                    Matter._fields["state"]._description_selection(request.env)
                ),
                "choices": CHOICES,
                "stances": STANCES,
                "opinion_group_labels": dict(OPINION_GROUPS),
                "findings": SUPERVISION_FINDINGS,
            }
        )
        return values

    @http.route(
        "/my/deliberations/<int:matter_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_deliberation(self, matter_id, **kw):
        matter = tools.get_record("community.deliberation", matter_id)
        return request.render(
            "community_governance.portal_deliberation_page", self._page_values(matter)
        )

    def _matter_action(self, matter_id, call, success):
        matter = tools.get_record("community.deliberation", matter_id)
        return tools.run_action(
            f"/my/deliberations/{matter.id}", call, matter, success=success
        )

    @http.route(
        "/my/deliberations/<int:matter_id>/vote",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_deliberation_vote(self, matter_id, ballot_id=None, choice=None, **kw):
        matter = tools.get_record("community.deliberation", matter_id)
        ballot = tools.get_record("community.deliberation.ballot", ballot_id)
        if ballot.deliberation_id != matter:
            raise NotFound()
        return tools.run_action(
            f"/my/deliberations/{matter.id}",
            lambda: ballot.cast(tools.parse_choice(choice, dict(CHOICES), "")),
            success=request.env._(
                "Your vote for %(unit)s is recorded. It cannot be changed.",
                unit=ballot.sudo().unit_id.name,
            ),
        )

    @http.route(
        "/my/deliberations/<int:matter_id>/opinion",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_deliberation_opinion(
        self, matter_id, text=None, stance=None, group=None, **kw
    ):
        return self._matter_action(
            matter_id,
            lambda matter: matter.give_opinion(
                tools.parse_text(
                    text,
                    max_length=MAX_TEXT,
                    required=True,
                    label=request.env._("Your opinion"),
                ),
                stance=tools.parse_choice(stance, dict(STANCES), ""),
                group=tools.parse_choice(group, dict(OPINION_GROUPS), None),
            ),
            request.env._("Thank you: your opinion was added to the consultation."),
        )

    @http.route(
        "/my/deliberations/<int:matter_id>/report",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_deliberation_report(
        self, matter_id, text=None, finding=None, form_key=None, **kw
    ):
        return self._matter_action(
            matter_id,
            lambda matter: matter.file_supervision_report(
                tools.parse_text(
                    text,
                    max_length=MAX_TEXT,
                    required=True,
                    label=request.env._("The report"),
                ),
                finding=tools.parse_choice(finding, dict(SUPERVISION_FINDINGS), ""),
                submission_key=tools.parse_search(form_key, 64) or None,
            ),
            request.env._("Your supervision report was filed."),
        )

    @http.route(
        "/my/deliberations/<int:matter_id>/<any(notice, result):kind>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_deliberation_document(self, matter_id, kind, **kw):
        matter = tools.get_record("community.deliberation", matter_id)
        try:
            content, report_type = matter._render_document(kind)
        except UserError as error:
            tools.flash_error(error)
            return request.redirect(f"/my/deliberations/{matter.id}")
        mimetype = "application/pdf" if report_type == "pdf" else "text/html"
        filename = f"{kind}-{matter.sudo().name.replace('/', '-')}.{report_type}"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Length", len(content)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )
