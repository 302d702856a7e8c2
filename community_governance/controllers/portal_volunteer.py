# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.res_partner import AVAILABILITIES, VOLUNTEER_MILESTONES

PAGE_SIZE = 20
MAX_TEXT = 2000


class VolunteerPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Hour = request.env["community.volunteer.hour"]
        partner = request.env.user.partner_id
        if "volunteer_hour_count" in counters:
            values["volunteer_hour_count"] = (
                Hour.search_count([("volunteer_id", "=", partner.id)])
                if Hour.has_access("read")
                else 0
            )
        if "volunteer_approval_count" in counters:
            values["volunteer_approval_count"] = (
                Hour.search_count(self._volunteer_approval_domain())
                if Hour.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _volunteer_approval_domain(self):
        return [
            ("activity_id.coordinator_ids", "in", [request.env.user.id]),
            ("state", "=", "submitted"),
        ]

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

    def _volunteer_form_options(self, partner):
        """Lines (not sensitive ones) and activities a volunteer may log hours for."""
        lines = request.env["community.line"].search([("is_sensitive", "=", False)])
        activities = request.env["event.event"].search(
            [("community_id", "!=", False), ("portal_published", "=", True)],
            order="date_begin desc, id desc",
            limit=50,
        )
        return lines, activities

    def _parse_hour_form(self, post):
        """Validated values of the log-hours form, or raise UserError."""
        _ = request.env._
        try:
            day = fields.Date.to_date(post.get("date") or "")
        except ValueError:
            day = None
        if not day:
            raise UserError(_("Give the date of the volunteer work."))
        try:
            hours = float((post.get("hours") or "").replace(",", "."))
        except ValueError:
            raise UserError(_("Give the hours as a number, e.g. 2 or 1.5.")) from None
        if not 0 < hours <= 24:
            raise UserError(_("Hours must be more than 0 and at most 24."))
        vals = {
            "date": day,
            "hours": hours,
            "description": (post.get("description") or "").strip()[:MAX_TEXT],
        }
        lines, activities = self._volunteer_form_options(None)
        activity_id = post.get("activity_id")
        if activity_id:
            if not activity_id.isdigit() or int(activity_id) not in activities.ids:
                raise UserError(_("Choose an activity from the list."))
            vals["activity_id"] = int(activity_id)
        line_id = post.get("line_id")
        if line_id:
            if not line_id.isdigit() or int(line_id) not in lines.ids:
                raise UserError(_("Choose a line from the list."))
            vals["line_id"] = int(line_id)
        return vals

    def _volunteer_values(self, page=1, filterby="all", year=None, **kw):
        partner = request.env.user.partner_id
        Hour = request.env["community.volunteer.hour"]
        filters = self._volunteer_searchbar_filters()
        if filterby not in filters:
            filterby = "all"
        domain = [("volunteer_id", "=", partner.id)] + filters[filterby]["domain"]
        today = fields.Date.context_today(Hour)
        year_int = (
            int(year)
            if year and str(year).isdigit() and 1900 < int(year) <= 9999
            else None
        )
        if year_int:
            domain += [
                ("date", ">=", date(year_int, 1, 1)),
                ("date", "<=", date(year_int, 12, 31)),
            ]
        count = Hour.search_count(domain)
        url_args = {"filterby": filterby}
        if year_int:
            url_args["year"] = year_int
        pager = portal_pager(
            url="/my/volunteer",
            url_args=url_args,
            total=count,
            page=page,
            step=PAGE_SIZE,
        )
        hours = Hour.search(domain, limit=PAGE_SIZE, offset=pager["offset"])
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
        reached = partner.sudo().volunteer_milestone_reached
        lines, activities = self._volunteer_form_options(partner)
        return {
            "page_name": "volunteer",
            "default_url": "/my/volunteer",
            "partner": partner,
            "is_volunteer": partner.sudo().is_volunteer,
            "is_resident": partner.sudo().is_resident,
            "hours": hours,
            "pager": pager,
            "searchbar_filters": filters,
            "filterby": filterby,
            "year": year_int,
            "years": years,
            "totals": totals,
            "milestone_reached": reached,
            "milestone_next": next(
                (m for m in VOLUNTEER_MILESTONES if m > totals["total"]), 0
            ),
            "lines": lines,
            "activities": activities,
            "availabilities": AVAILABILITIES,
            "skills": request.env["community.skill"].search([]),
            "today": today,
            "error": kw.get("error"),
            "success": kw.get("success"),
            "form": kw.get("form") or {},
        }

    # ------------------------------------------------------------------
    # My hours
    # ------------------------------------------------------------------
    @http.route(
        ["/my/volunteer", "/my/volunteer/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_my_volunteer(self, page=1, filterby="all", year=None, **kw):
        values = self._volunteer_values(
            page=page, filterby=filterby, year=year, success=kw.get("success")
        )
        return request.render("community_governance.portal_my_volunteer", values)

    @http.route(
        "/my/volunteer/log", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_volunteer_log(self, **post):
        partner = request.env.user.partner_id
        _ = request.env._
        try:
            if not partner.sudo().is_volunteer:
                raise UserError(_("Register as a volunteer before logging hours."))
            vals = self._parse_hour_form(post)
            vals["volunteer_id"] = partner.id
            vals["state"] = "draft" if post.get("save") == "draft" else "submitted"
            with request.env.cr.savepoint():
                request.env["community.volunteer.hour"].create(vals)
        except (UserError, ValidationError) as error:
            values = self._volunteer_values(error=str(error), form=post)
            return request.render("community_governance.portal_my_volunteer", values)
        return request.redirect("/my/volunteer?success=logged")

    @http.route(
        "/my/volunteer/hour/<int:hour_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_volunteer_hour_update(self, hour_id, action=None, **post):
        """Change, submit or delete one of my draft entries (as the user, so
        the record rules decide)."""
        try:
            hour_sudo = self._document_check_access("community.volunteer.hour", hour_id)
        except (AccessError, MissingError):
            raise NotFound() from None
        hour = request.env["community.volunteer.hour"].browse(hour_sudo.id)
        try:
            hour.check_access("write")
        except AccessError:
            return request.render(
                "community_governance.portal_volunteer_error",
                {"message": request.env._("Only your own draft hours can be changed.")},
                status=403,
            )
        try:
            with request.env.cr.savepoint():
                if action == "delete":
                    hour.unlink()
                elif action == "submit":
                    hour.action_submit()
                elif action == "save":
                    vals = self._parse_hour_form(post)
                    hour.write(vals)
                else:
                    raise UserError(request.env._("Unknown action."))
        except (UserError, ValidationError) as error:
            values = self._volunteer_values(error=str(error))
            return request.render("community_governance.portal_my_volunteer", values)
        return request.redirect("/my/volunteer?success=" + (action or ""))

    @http.route(
        "/my/volunteer/register",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_volunteer_register(self, **post):
        partner = request.env.user.partner_id
        _ = request.env._
        if not partner.sudo().is_resident:
            return request.render(
                "community_governance.portal_volunteer_error",
                {
                    "message": _(
                        "Only residents of a community can register as volunteers."
                    )
                },
                status=403,
            )
        lines, _activities = self._volunteer_form_options(partner)
        skills = request.env["community.skill"].search([])
        form = request.httprequest.form
        line_ids = [int(i) for i in form.getlist("line_ids") if i.isdigit()]
        skill_ids = [int(i) for i in form.getlist("skill_ids") if i.isdigit()]
        availability = post.get("availability") or False
        if (
            set(line_ids) - set(lines.ids)
            or set(skill_ids) - set(skills.ids)
            or availability not in dict(AVAILABILITIES) | {False: 1}
        ):
            values = self._volunteer_values(
                error=_("Choose from the lists of the form.")
            )
            return request.render("community_governance.portal_my_volunteer", values)
        # The resident registers themself: checked above, the write is sudo.
        partner._register_volunteer(
            line_ids=line_ids, availability=availability, skill_ids=skill_ids
        )
        return request.redirect("/my/volunteer?success=registered")

    @http.route(
        "/my/volunteer/certificate",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_volunteer_certificate(self, year=None, **kw):
        partner = request.env.user.partner_id
        _ = request.env._
        today = fields.Date.context_today(request.env.user)
        if not year or not str(year).isdigit() or not 1900 < int(year) <= today.year:
            raise NotFound()
        year = int(year)
        date_to = min(date(year, 12, 31), today)
        try:
            # For the user's own partner only: the certificate is theirs.
            certificate = request.env["community.volunteer.certificate"]._issue(
                partner.sudo(), date(year, 1, 1), date_to
            )
        except UserError as error:
            return request.render(
                "community_governance.portal_volunteer_error",
                {"message": str(error)},
                status=404,
            )
        content, report_type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(
                "community_governance.action_report_volunteer_certificate",
                certificate.ids,
            )
        )
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
    )
    def portal_volunteer_approvals(self, **kw):
        hours = request.env["community.volunteer.hour"].search(
            self._volunteer_approval_domain(), limit=200
        )
        return request.render(
            "community_governance.portal_volunteer_approvals",
            {
                "page_name": "volunteer_approvals",
                "hours": hours,
                "success": kw.get("success"),
            },
        )

    @http.route(
        "/my/volunteer/approvals/decide",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_volunteer_decide(self, decision=None, reason=None, **post):
        _ = request.env._
        ids = [
            int(i) for i in request.httprequest.form.getlist("hour_ids") if i.isdigit()
        ]
        # fetched as the user: the coordinator rule decides what they may read
        hours = request.env["community.volunteer.hour"].browse(ids).exists()
        try:
            if not ids or len(hours) != len(set(ids)):
                raise UserError(_("Choose the hours to decide on."))
            hours.check_access("read")
            with request.env.cr.savepoint():
                hours._coordinator_decide(decision, (reason or "")[:MAX_TEXT])
        except AccessError:
            return request.render(
                "community_governance.portal_volunteer_error",
                {"message": _("You do not coordinate the activity of these hours.")},
                status=403,
            )
        except (UserError, ValidationError) as error:
            hours = request.env["community.volunteer.hour"].search(
                self._volunteer_approval_domain(), limit=200
            )
            return request.render(
                "community_governance.portal_volunteer_approvals",
                {
                    "page_name": "volunteer_approvals",
                    "hours": hours,
                    "error": str(error),
                },
            )
        return request.redirect("/my/volunteer/approvals?success=" + decision)

    # ------------------------------------------------------------------
    # Public verification of a certificate
    # ------------------------------------------------------------------
    @http.route(
        "/volunteer/verify/<string:code>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
    )
    def volunteer_verify(self, code, **kw):
        certificate = request.env["community.volunteer.certificate"]
        if 10 <= len(code) <= 64:
            # public page: the unguessable code is the access right
            certificate = certificate.sudo().search([("code", "=", code)], limit=1)
        if not certificate:
            return request.render(
                "community_governance.portal_volunteer_verify_not_found", {}, status=404
            )
        values = {
            "masked_name": certificate._masked_name(),
            "date_from": certificate.date_from,
            "date_to": certificate.date_to,
            "hours": certificate.hours,
            "issue_date": certificate.issue_date,
            "community": certificate.community_id.name,
        }
        return request.render("community_governance.portal_volunteer_verify", values)
