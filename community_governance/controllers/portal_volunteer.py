# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.res_partner import AVAILABILITIES, VOLUNTEER_MILESTONES
from .portal_tools import (
    PAGE_SIZE,
    InputError,
    flash,
    flash_error,
    get_record,
    home_card,
    pager,
    parse_choice,
    parse_date,
    parse_float,
    parse_int,
    parse_optional_id,
    parse_search,
    parse_text,
    request_ids,
    run_action,
)

MAX_TEXT = 2000
APPROVALS_LIMIT = 200
# The log form's buttons: save as draft, or submit for approval.
LOG_STATES = {"draft": "draft", "submit": "submitted"}


class VolunteerPortal(CustomerPortal):
    """/my/volunteer: volunteers register, log and follow their hours and
    download their certificate; coordinators decide on the hours of their
    activities. The rules are community.volunteer.hour's, res.partner's and
    community.volunteer.certificate's; the routes parse, call and redirect."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Hour = request.env["community.volunteer.hour"]
        partner = request.env.user.partner_id
        wanted = {
            "volunteer_hour_count": [("volunteer_id", "=", partner.id)],
            "volunteer_approval_count": Hour._coordinator_domain(),
        }
        asked = [key for key in wanted if key in counters]
        values.update(dict.fromkeys(asked, 0))
        # only the cards the user has: one counting query for both
        wanted = {key: wanted[key] for key in asked if home_card(key)}
        if wanted and Hour.has_access("read"):
            values.update(Hour._count_many(wanted))
        return values

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _volunteer_searchbar_filters(self):
        _ = request.env._
        return {
            "all": {"label": _("All"), "domain": []},
            "draft": {"label": _("Draft"), "domain": [("state", "=", "draft")]},
            "submitted": {
                "label": _("To Approve"),
                "domain": [("state", "=", "submitted")],
            },
            "approved": {
                "label": _("Approved"),
                "domain": [("state", "=", "approved")],
            },
            "rejected": {
                "label": _("Rejected"),
                "domain": [("state", "=", "rejected")],
            },
        }

    def _parse_hour_form(self, post):
        """The values of the log-hours (or edit) form; the model checks them."""
        _ = request.env._
        vals = {
            "date": parse_date(post.get("date"), required=True, label=_("The date")),
            "hours": parse_float(post.get("hours"), label=_("Hours"), default=0.0),
            "description": parse_text(
                post.get("description"), max_length=MAX_TEXT, label=_("What I did")
            ),
        }
        labels = {"activity_id": _("The activity"), "line_id": _("The line")}
        for name, label in labels.items():
            if name in post:
                vals[name] = parse_optional_id(post.get(name), label)
        return vals

    def _volunteer_values(self, page=1, filterby=None, year=None, form=None):
        partner = request.env.user.partner_id
        Hour = request.env["community.volunteer.hour"]
        filters = self._volunteer_searchbar_filters()
        filterby = parse_choice(filterby, filters, "all")
        domain = [("volunteer_id", "=", partner.id)] + filters[filterby]["domain"]
        today = fields.Date.context_today(Hour)
        try:
            year = parse_int(year, minimum=1901, maximum=9999)
        except InputError:
            year = None
        if year:
            domain += [
                ("date", ">=", date(year, 1, 1)),
                ("date", "<=", date(year, 12, 31)),
            ]
        url_args = {"filterby": filterby}
        if year:
            url_args["year"] = year
        page_pager = pager(
            "/my/volunteer", Hour.search_count(domain), page, url_args=url_args
        )
        hours = Hour.search(domain, limit=PAGE_SIZE, offset=page_pager["offset"])
        # one grouped query for the totals and one for the years with hours
        totals = Hour._get_volunteer_totals(partner.ids).get(
            partner.id,
            {"month": 0.0, "year": 0.0, "total": 0.0, "streak": 0, "years": []},
        )
        years = sorted(
            {
                d.year
                for [d] in Hour._read_group(
                    [("volunteer_id", "=", partner.id)], ["date:year"]
                )
            }
            | {today.year},
            reverse=True,
        )
        lines, activities = Hour._volunteer_choices()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "volunteer",
                "default_url": "/my/volunteer",
                "partner": partner,
                "is_volunteer": partner.is_volunteer,
                "is_resident": partner.is_resident,
                "hours": hours,
                "pager": page_pager,
                "searchbar_filters": filters,
                "filterby": filterby,
                "year": year,
                "years": years,
                "totals": totals,
                "milestone_reached": partner.volunteer_milestone_reached,
                "milestone_next": next(
                    (m for m in VOLUNTEER_MILESTONES if m > totals["total"]), 0
                ),
                "lines": lines,
                "activities": activities,
                "availabilities": AVAILABILITIES,
                "skills": request.env["community.skill"].search([]),
                "today": today,
                "form": form or {},
            }
        )
        return values

    def _hour(self, hour_id):
        return get_record("community.volunteer.hour", hour_id)

    # ------------------------------------------------------------------
    # My hours
    # ------------------------------------------------------------------
    @http.route(
        ["/my/volunteer", "/my/volunteer/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_my_volunteer(self, page=1, filterby=None, year=None, **kw):
        values = self._volunteer_values(page=page, filterby=filterby, year=year)
        return request.render("community_governance.portal_my_volunteer", values)

    @http.route(
        "/my/volunteer/log", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_volunteer_log(self, **post):
        try:
            vals = self._parse_hour_form(post)
            vals["volunteer_id"] = request.env.user.partner_id.id
            vals["state"] = LOG_STATES[
                parse_choice(post.get("save"), LOG_STATES, "submit")
            ]
            with request.env.cr.savepoint():
                request.env["community.volunteer.hour"].create(vals)
        except (UserError, AccessError) as error:
            # the form again, with what was typed and the reason
            flash_error(error)
            values = self._volunteer_values(form=post)
            return request.render("community_governance.portal_my_volunteer", values)
        flash(request.env._("Your hours were saved."))
        return request.redirect("/my/volunteer")

    @http.route(
        "/my/volunteer/hour/<int:hour_id>/save",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_volunteer_hour_save(self, hour_id, **post):
        hour = self._hour(hour_id)
        try:
            vals = self._parse_hour_form(post)
        except InputError as error:
            flash_error(error)
            return request.redirect("/my/volunteer")
        return run_action(
            "/my/volunteer",
            hour.write,
            vals,
            success=request.env._("Your hours were saved."),
        )

    @http.route(
        "/my/volunteer/hour/<int:hour_id>/submit",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_volunteer_hour_submit(self, hour_id, **post):
        hour = self._hour(hour_id)
        return run_action(
            "/my/volunteer",
            hour.action_submit,
            success=request.env._("Your hours were submitted for approval."),
        )

    @http.route(
        "/my/volunteer/hour/<int:hour_id>/delete",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_volunteer_hour_delete(self, hour_id, **post):
        hour = self._hour(hour_id)
        return run_action(
            "/my/volunteer",
            hour.unlink,
            success=request.env._("The draft was deleted."),
        )

    @http.route(
        "/my/volunteer/register",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_volunteer_register(self, **post):
        # as the user (env.user.partner_id is superuser's)
        partner = request.env["res.partner"].browse(request.env.user.partner_id.id)
        try:
            line_ids = request_ids("line_ids")
            skill_ids = request_ids("skill_ids")
        except InputError as error:
            flash_error(error)
            return request.redirect("/my/volunteer")
        return run_action(
            "/my/volunteer",
            partner.register_volunteer,
            line_ids=line_ids,
            availability=parse_choice(post.get("availability"), dict(AVAILABILITIES))
            or False,
            skill_ids=skill_ids,
            success=request.env._("You are registered as a volunteer. Thank you!"),
        )

    # Not read-only: downloading issues the year's certificate.
    @http.route(
        "/my/volunteer/certificate",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_volunteer_certificate(self, year=None, **kw):
        try:
            year = parse_int(year, minimum=1, maximum=9999)
        except InputError:
            year = None
        if not year:
            raise NotFound()
        Certificate = request.env["community.volunteer.certificate"]
        try:
            with request.env.cr.savepoint():
                certificate = Certificate.issue_for_year(year)
        except UserError as error:
            flash_error(error)
            return request.redirect("/my/volunteer")
        content, report_type = certificate._render_pdf()
        mimetype = "application/pdf" if report_type == "pdf" else "text/html"
        filename = f"volunteer-certificate-{year}.{report_type}"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Length", len(content)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

    # ------------------------------------------------------------------
    # Coordinators
    # ------------------------------------------------------------------
    @http.route(
        "/my/volunteer/approvals",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_volunteer_approvals(self, **kw):
        Hour = request.env["community.volunteer.hour"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "volunteer_approvals",
                "hours": Hour.search(Hour._coordinator_domain(), limit=APPROVALS_LIMIT),
            }
        )
        return request.render("community_governance.portal_volunteer_approvals", values)

    def _decide(self, decide, success):
        """Call ``decide(hours)`` on the hours ticked on the approvals page,
        as the current user: a 404 when one of them does not exist or may not
        be read."""
        try:
            ids = request_ids("hour_ids")
        except InputError as error:
            flash_error(error)
            return request.redirect("/my/volunteer/approvals")
        hours = request.env["community.volunteer.hour"].search([("id", "in", ids)])
        if len(hours) != len(ids):
            raise NotFound()
        if not hours:
            flash(request.env._("Choose the hours to decide on."), "warning")
            return request.redirect("/my/volunteer/approvals")
        return run_action("/my/volunteer/approvals", decide, hours, success=success)

    @http.route(
        "/my/volunteer/approvals/approve",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_volunteer_approve(self, **post):
        return self._decide(
            lambda hours: hours.action_approve(),
            request.env._("The hours were approved."),
        )

    @http.route(
        "/my/volunteer/approvals/reject",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_volunteer_reject(self, reason=None, **post):
        try:
            reason = parse_text(
                reason, max_length=MAX_TEXT, label=request.env._("The reason")
            )
        except InputError as error:
            flash_error(error)
            return request.redirect("/my/volunteer/approvals")
        return self._decide(
            lambda hours: hours.reject(reason),
            request.env._("The hours were rejected."),
        )

    # ------------------------------------------------------------------
    # Public verification of a certificate
    # ------------------------------------------------------------------
    @http.route(
        "/volunteer/verify/<string:code>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        # not readonly: each check counts in the rate limiter (a write)
    )
    def volunteer_verify(self, code, **kw):
        address = request.httprequest.remote_addr or "-"
        if not request.env["community.rate.limit"].sudo()._hit("verify", address):
            return request.render(
                "community_governance.portal_volunteer_verify_not_found",
                {"too_many": True},
                status=429,
                headers=[("Retry-After", "60")],
            )
        values = request.env["community.volunteer.certificate"]._verification_values(
            parse_search(code)
        )
        if not values:
            return request.render(
                "community_governance.portal_volunteer_verify_not_found", {}, status=404
            )
        return request.render("community_governance.portal_volunteer_verify", values)
