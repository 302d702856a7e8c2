# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.osv import expression
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

MAX_TITLE = 200
MAX_DESCRIPTION = 10000
MAX_FILES = 5
MAX_FILE_SIZE = 5 * 1024 * 1024
ALLOWED_MIMETYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
}
FORM_TOKENS_KEY = "community_petition_form_tokens"
HANDLER_ACTIONS = {"take", "escalate", "resolve"}
OWNER_ACTIONS = {"rate", "reopen"}
NEIGHBOUR_ACTIONS = {"cosign"}


class PetitionPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Petition = request.env["community.petition"]
        if "petition_count" in counters:
            values["petition_count"] = (
                Petition.sudo().search_count(self._portal_petition_domain())
                if Petition.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Petitions: list
    # ------------------------------------------------------------------

    def _petition_searchbar_sortings(self):
        return {
            "date": {
                "label": request.env._("Newest"),
                "order": "date_raised desc, id desc",
            },
            "deadline": {
                "label": request.env._("Due First"),
                "order": "date_deadline asc, id desc",
            },
            "name": {"label": request.env._("Reference"), "order": "name desc"},
            "state": {
                "label": request.env._("Status"),
                "order": "state, date_raised desc",
            },
        }

    def _petition_searchbar_filters(self):
        user = request.env.user
        return {
            "all": {"label": request.env._("All"), "domain": []},
            "mine": {
                "label": request.env._("Raised by me"),
                "domain": [("partner_id", "=", user.partner_id.id)],
            },
            "handling": {
                "label": request.env._("Handled by me"),
                "domain": [("user_id", "=", user.id)],
            },
            "neighbours": {
                "label": request.env._("My neighbours'"),
                "domain": [
                    ("is_public", "=", True),
                    ("partner_id", "!=", user.partner_id.id),
                ],
            },
            "open": {
                "label": request.env._("Open"),
                "domain": [("state", "in", ("new", "in_progress", "dispatched"))],
            },
            "resolved": {
                "label": request.env._("Resolved"),
                "domain": [("state", "in", ("resolved", "closed"))],
            },
        }

    def _petition_searchbar_inputs(self):
        return {
            "all": {
                "input": "all",
                "label": request.env._("Search in reference and title"),
            },
            "description": {
                "input": "description",
                "label": request.env._("Search in description"),
            },
        }

    def _portal_petition_domain(self):
        """The petitions the current user sees on the portal: those the record
        rules let them read, plus the anonymous public petitions of their
        community, which neighbours see on these pages only (to be searched with
        sudo)."""
        Petition = request.env["community.petition"]
        return expression.OR(
            [
                [("id", "in", Petition._search([]))],
                Petition._anonymous_neighbour_domain(),
            ]
        )

    def _petition_search_domain(self, search_in, search):
        if search_in == "description":
            return [("description", "ilike", search)]
        return ["|", ("name", "ilike", search), ("title", "ilike", search)]

    @http.route(
        ["/my/petitions", "/my/petitions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_petitions(
        self, page=1, sortby=None, filterby=None, search=None, search_in="all", **kw
    ):
        Petition = request.env["community.petition"]
        if not Petition.has_access("read"):
            return request.redirect("/my")
        sortings = self._petition_searchbar_sortings()
        filters = self._petition_searchbar_filters()
        inputs = self._petition_searchbar_inputs()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        search_in = search_in if search_in in inputs else "all"
        domain = expression.AND(
            [filters[filterby]["domain"], self._portal_petition_domain()]
        )
        if search:
            search = search[:100]
            domain = expression.AND(
                [domain, self._petition_search_domain(search_in, search)]
            )
        # The domain holds the user's own record rules (see above).
        count = Petition.sudo().search_count(domain)
        pager = portal_pager(
            url="/my/petitions",
            url_args={
                "sortby": sortby,
                "filterby": filterby,
                "search_in": search_in,
                "search": search,
            },
            total=count,
            page=page,
            step=self._items_per_page,
        )
        petitions = Petition.sudo().search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_petitions_history"] = petitions.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "petitions": petitions,
                "page_name": "petition",
                "pager": pager,
                "default_url": "/my/petitions",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_inputs": inputs,
                "search_in": search_in,
                "search": search,
                "can_raise": self._can_raise(),
            }
        )
        return request.render("community_governance.portal_my_petitions", values)

    # ------------------------------------------------------------------
    # Petitions: page and actions
    # ------------------------------------------------------------------

    def _can_raise(self):
        partner = request.env.user.partner_id
        return bool(partner.is_resident and partner.community_id)

    def _petition_page_values(self, petition_sudo, access_token=None, **kw):
        user = request.env.user
        partner = user.partner_id
        is_owner = petition_sudo.partner_id == partner
        is_handler = petition_sudo.user_id == user and not user._is_public()
        signed = partner in petition_sudo.signature_ids.partner_id
        attachments = (
            request.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", petition_sudo._name),
                    ("res_id", "=", petition_sudo.id),
                ]
            )
        )
        for attachment in attachments:
            attachment.generate_access_token()
        values = {
            "petition": petition_sudo,
            "page_name": "petition",
            "is_owner": is_owner,
            "is_handler": is_handler,
            # The raiser's name only to those who deal with it, or if not anonymous.
            "show_raiser": is_owner or is_handler or not petition_sudo.is_anonymous,
            "can_cosign": (
                not is_owner
                and not signed
                and not user._is_public()
                and petition_sudo.is_public
                and petition_sudo.state in ("new", "in_progress", "dispatched")
                and partner.is_resident
                and partner.community_id == petition_sudo.community_id
            ),
            "has_signed": signed,
            "can_rate": is_owner
            and petition_sudo.state in ("resolved", "closed")
            and bool(petition_sudo.date_resolved),
            "can_reopen": is_owner and petition_sudo._can_reopen(),
            "can_take": is_handler and petition_sudo.state == "new",
            "can_escalate": is_handler
            and petition_sudo.state in ("new", "in_progress")
            and petition_sudo.level in ("entrance", "grid"),
            "can_resolve": is_handler
            and petition_sudo.state in ("new", "in_progress", "dispatched"),
            "show_chatter": is_owner or is_handler or bool(access_token),
            "attachments": attachments,
            "level_labels": dict(
                petition_sudo._fields["level"]._description_selection(request.env)
            ),
            "error": kw.get("error"),
            "success": kw.get("success"),
        }
        return self._get_page_view_values(
            petition_sudo, access_token, values, "my_petitions_history", False
        )

    @http.route(
        ["/my/petitions/<int:petition_id>"], type="http", auth="public", website=True
    )
    def portal_my_petition(self, petition_id, access_token=None, **kw):
        try:
            petition_sudo = self._document_check_access(
                "community.petition", petition_id, access_token
            )
        except (AccessError, MissingError):
            # A neighbour sees an anonymous public petition without its raiser.
            petition_sudo = (
                request.env["community.petition"].browse(petition_id).exists()
            )
            if not (petition_sudo and petition_sudo._is_anonymous_for_neighbour()):
                return request.redirect("/my")
            petition_sudo = petition_sudo.sudo()
        success = {
            "created": request.env._(
                "Your petition was sent. You will be told of every step."
            ),
            "done": request.env._("Done."),
        }.get(kw.get("message"))
        values = self._petition_page_values(
            petition_sudo, access_token, success=success
        )
        return request.render("community_governance.portal_petition_page", values)

    @http.route(
        ["/my/petitions/<int:petition_id>/<string:action>"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_petition_action(self, petition_id, action, **post):
        if action not in HANDLER_ACTIONS | OWNER_ACTIONS | NEIGHBOUR_ACTIONS:
            raise request.not_found()
        # The record as the current user: the action methods check who may act.
        petition = request.env["community.petition"].browse(petition_id)
        try:
            if not (action == "cosign" and petition._is_anonymous_for_neighbour()):
                petition.check_access("read")
            if action == "take":
                petition.action_take()
            elif action == "escalate":
                petition.action_escalate((post.get("reason") or "")[:MAX_DESCRIPTION])
            elif action == "resolve":
                petition.action_resolve(
                    (post.get("resolution") or "")[:MAX_DESCRIPTION]
                )
            elif action == "rate":
                petition.action_rate(
                    post.get("rating"), (post.get("comment") or "")[:2000]
                )
            elif action == "reopen":
                petition.action_reopen((post.get("reason") or "")[:MAX_DESCRIPTION])
            elif action == "cosign":
                petition.action_cosign(anonymous=bool(post.get("anonymous")))
        except (AccessError, MissingError):
            return request.redirect("/my")
        except UserError as error:
            values = self._petition_page_values(petition.sudo(), error=str(error))
            return request.render("community_governance.portal_petition_page", values)
        return request.redirect(f"/my/petitions/{petition_id}?message=done")

    # ------------------------------------------------------------------
    # Petitions: new
    # ------------------------------------------------------------------

    def _petition_form_values(self, error=None, **post):
        partner = request.env.user.partner_id
        token = secrets.token_urlsafe(16)
        tokens = list(request.session.get(FORM_TOKENS_KEY) or [])[-4:] + [token]
        request.session[FORM_TOKENS_KEY] = tokens
        areas = request.env["community.area"].search(
            [
                ("community_id", "=", partner.community_id.id),
                ("area_type", "in", ("community", "grid", "entrance", "alley")),
            ]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "petition_new",
                "categories": request.env["community.petition.category"].search([]),
                "areas": areas,
                "form_token": token,
                "error": error,
                "post": post,
                "default_area_id": partner.area_id.id,
                "max_files": MAX_FILES,
                "max_file_mb": MAX_FILE_SIZE // (1024 * 1024),
                "max_description": MAX_DESCRIPTION,
                "max_title": MAX_TITLE,
            }
        )
        return values

    @http.route(
        ["/my/petitions/new"], type="http", auth="user", methods=["GET"], website=True
    )
    def portal_petition_new(self, **kw):
        if not self._can_raise():
            return request.redirect("/my")
        return request.render(
            "community_governance.portal_petition_new", self._petition_form_values()
        )

    def _to_int(self, value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0

    def _validate_petition_form(self, post, files):
        """Return (values, attachments, error): nothing is written here."""
        env = request.env
        partner = env.user.partner_id
        title = (post.get("title") or "").strip()
        description = (post.get("description") or "").strip()
        if not title or not description:
            return (
                None,
                None,
                env._("Give your petition a title and describe the matter."),
            )
        if len(title) > MAX_TITLE:
            return (
                None,
                None,
                env._(
                    "The title is too long (%(max)s characters at most).", max=MAX_TITLE
                ),
            )
        if len(description) > MAX_DESCRIPTION:
            return (
                None,
                None,
                env._(
                    "The description is too long (%(max)s characters at most).",
                    max=MAX_DESCRIPTION,
                ),
            )
        category = env["community.petition.category"].search(
            [("id", "=", self._to_int(post.get("category_id")))]
        )
        if not category:
            return None, None, env._("Choose one of the categories offered.")
        area = env["community.area"].search(
            [
                ("id", "=", self._to_int(post.get("area_id"))),
                ("community_id", "=", partner.community_id.id),
            ]
        )
        if not area:
            return None, None, env._("Choose an area of your own community.")
        files = [f for f in files if f and f.filename]
        if len(files) > MAX_FILES:
            return None, None, env._("Attach at most %(max)s files.", max=MAX_FILES)
        attachments = []
        for upload in files:
            data = upload.read(MAX_FILE_SIZE + 1)
            if len(data) > MAX_FILE_SIZE:
                return (
                    None,
                    None,
                    env._(
                        "%(name)s is larger than %(max)s MB.",
                        name=upload.filename,
                        max=MAX_FILE_SIZE // (1024 * 1024),
                    ),
                )
            mimetype = guess_mimetype(data)
            if mimetype not in ALLOWED_MIMETYPES:
                return (
                    None,
                    None,
                    env._("%(name)s is not a photo or a PDF.", name=upload.filename),
                )
            attachments.append(
                {"name": upload.filename[:200], "raw": data, "mimetype": mimetype}
            )
        # Same matter sent twice in a row (double click, reload): refuse it.
        recent = (
            env["community.petition"]
            .sudo()
            .search_count(
                [
                    ("partner_id", "=", partner.id),
                    ("title", "=", title),
                    ("create_date", ">=", fields.Datetime.now() - timedelta(minutes=1)),
                ]
            )
        )
        if recent:
            return (
                None,
                None,
                env._("You just sent this petition: it is already registered."),
            )
        values = {
            "title": title,
            "description": description,
            "category_id": category.id,
            "area_id": area.id,
            "partner_id": partner.id,
            "is_anonymous": bool(post.get("is_anonymous")),
            "priority": "1" if post.get("urgent") else "0",
        }
        return values, attachments, None

    @http.route(
        ["/my/petitions/new"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_petition_create(self, **post):
        if not self._can_raise():
            return request.redirect("/my")
        tokens = list(request.session.get(FORM_TOKENS_KEY) or [])
        token = post.get("form_token")
        if not token or token not in tokens:
            error = request.env._(
                "This form was already sent or has expired: check your petitions "
                "before sending it again."
            )
            values = self._petition_form_values(error=error, **post)
            return request.render(
                "community_governance.portal_petition_new", values, status=400
            )
        tokens.remove(token)
        request.session[FORM_TOKENS_KEY] = tokens
        files = request.httprequest.files.getlist("attachments")
        values, attachments, error = self._validate_petition_form(post, files)
        if error:
            values = self._petition_form_values(error=error, **post)
            return request.render(
                "community_governance.portal_petition_new", values, status=400
            )
        # Checked above: the resident raises a petition for themselves, in
        # their community, in an offered category.
        petition = request.env["community.petition"].sudo().create(values)
        if attachments:
            request.env["ir.attachment"].sudo().create(
                [
                    dict(a, res_model="community.petition", res_id=petition.id)
                    for a in attachments
                ]
            )
        return request.redirect(f"/my/petitions/{petition.id}?message=created")
