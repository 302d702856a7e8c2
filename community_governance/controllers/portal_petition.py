# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/petitions: residents raise, follow, co-sign, rate and reopen
petitions; stewards take, escalate and resolve the ones they handle.

Every rule is the model's (``community.petition.submit``, ``escalate``,
``resolve`` ...): the routes parse their input with ``portal_tools``, call the
model method and redirect with its outcome.
"""

import secrets

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.community_petition import (
    MAX_COMMENT,
    MAX_DESCRIPTION,
    MAX_FILE_SIZE,
    MAX_FILES,
    MAX_TITLE,
    OPEN_STATES,
)
from . import portal_tools as tools

FORM_TOKENS_KEY = "community_petition_form_tokens"
FORM_FIELDS = (
    "title",
    "description",
    "category_id",
    "area_id",
    "urgent",
    "is_anonymous",
)


class PetitionPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Petition = request.env["community.petition"]
        if "petition_count" in counters:
            values["petition_count"] = (
                # The domain holds the user's own record rules.
                Petition.sudo().search_count(Petition._portal_domain())
                if tools.home_card("petition_count") and Petition.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # List
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
                "domain": [("state", "in", OPEN_STATES)],
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

    def _petition_search_domain(self, search_in, search):
        if search_in == "description":
            return [("description", "ilike", search)]
        return ["|", ("name", "ilike", search), ("title", "ilike", search)]

    @http.route(
        ["/my/petitions", "/my/petitions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
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
        sortby = tools.parse_choice(sortby, sortings, "date")
        filterby = tools.parse_choice(filterby, filters, "all")
        search_in = tools.parse_choice(search_in, inputs, "all")
        search = tools.parse_search(search)
        domain = expression.AND(
            [filters[filterby]["domain"], Petition._portal_domain()]
        )
        if search:
            domain = expression.AND(
                [domain, self._petition_search_domain(search_in, search)]
            )
        # The domain holds the user's own record rules (see _portal_domain).
        count = Petition.sudo().search_count(domain)
        pager = tools.pager(
            "/my/petitions",
            count,
            tools.parse_id(page) or 1,
            url_args={
                "sortby": sortby,
                "filterby": filterby,
                "search_in": search_in,
                "search": search,
            },
        )
        petitions = Petition.sudo().search(
            domain,
            order=sortings[sortby]["order"],
            limit=tools.PAGE_SIZE,
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
    # Page
    # ------------------------------------------------------------------

    def _can_raise(self):
        partner = tools.current_resident()
        return bool(partner and partner.community_id)

    def _get_petition(self, petition_id, access_token=None):
        """The petition as the current user, or the anonymous public petition
        of a neighbour (seen without its raiser); anything else is a 404."""
        try:
            return tools.get_record("community.petition", petition_id, access_token)
        except NotFound:
            petition = request.env["community.petition"].browse(
                tools.parse_id(petition_id) or ()
            )
            if petition.exists() and petition._is_anonymous_for_neighbour():
                return petition
            raise

    def _petition_page_values(self, petition, access_token=None, pid=None, hash=None):
        # Checked by _get_petition; rendered as superuser, and without the
        # raiser for a neighbour (show_raiser).
        petition_sudo = petition.sudo()
        if access_token and not tools.same_token(
            petition_sudo.access_token, access_token
        ):
            access_token = None  # the page is the reader's, not the raiser's link
        actions = petition._portal_actions()
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
        attachments.generate_access_token()
        rating = petition_sudo._rating_current().filtered("consumed")
        values = self._prepare_portal_layout_values()
        values.update(actions)
        values.update(
            {
                "petition": petition_sudo,
                "page_name": "petition",
                # The raiser's name only to those who deal with it, or if not
                # anonymous.
                "show_raiser": actions["is_owner"]
                or actions["is_handler"]
                or not petition_sudo.is_anonymous,
                "show_chatter": actions["is_owner"]
                or actions["is_handler"]
                or bool(access_token),
                "attachments": attachments,
                "level_labels": dict(
                    petition_sudo._fields["level"]._description_selection(request.env)
                ),
                "petition_rating": rating,
                "max_comment": MAX_COMMENT,
                "max_description": MAX_DESCRIPTION,
            }
        )
        # The raiser's signed link (their notification mail) lets them post in
        # the chatter without logging in; the token alone does not.
        signed = {"pid": pid, "hash": hash} if pid and hash else {}
        # Not portal's record pager: its previous/next links carry the
        # access tokens of the neighbours' petitions (and create them).
        values = self._get_page_view_values(
            petition_sudo, access_token, values, None, False, **signed
        )
        values.update(self._petition_pager(petition_sudo))
        return values

    def _petition_pager(self, petition):
        """Previous and next petition of the list the user last saw."""
        history = request.session.get("my_petitions_history") or []
        if petition.id not in history:
            return {}
        index = history.index(petition.id)
        return {
            "prev_record": index > 0 and f"/my/petitions/{history[index - 1]}",
            "next_record": index < len(history) - 1
            and f"/my/petitions/{history[index + 1]}",
        }

    # Not read-only: the page gives the petition's files their access token.
    @http.route(
        ["/my/petitions/<int:petition_id>"], type="http", auth="public", website=True
    )
    def portal_my_petition(self, petition_id, access_token=None, **kw):
        try:
            petition = self._get_petition(petition_id, access_token)
        except NotFound:
            if not request.env.user._is_public():
                raise
            # A visitor without a valid link: the resident logs in to see it.
            return request.redirect(f"/web/login?redirect=/my/petitions/{petition_id}")
        values = self._petition_page_values(
            petition,
            tools.parse_search(access_token),
            pid=tools.parse_id(kw.get("pid")),
            hash=tools.parse_search(kw.get("hash"), 128),
        )
        return request.render("community_governance.portal_petition_page", values)

    # ------------------------------------------------------------------
    # Actions: one route each, the model method decides
    # ------------------------------------------------------------------

    def _petition_action(self, petition_id, call, success, url=None):
        """Run ``call(petition)`` for a POST on a petition the user sees (404
        otherwise), then redirect to the petition (or ``url``) with the
        outcome."""
        petition = self._get_petition(petition_id)
        return tools.run_action(
            url or f"/my/petitions/{petition.id}",
            call,
            petition,
            success=success,
        )

    def _text(self, value, label, max_length=MAX_DESCRIPTION):
        return tools.parse_text(value, max_length=max_length, label=label)

    @http.route(
        "/my/petitions/<int:petition_id>/take",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_petition_take(self, petition_id, **post):
        return self._petition_action(
            petition_id,
            lambda petition: petition.action_take(),
            request.env._("You took the petition: the resident sees you handle it."),
        )

    @http.route(
        "/my/petitions/<int:petition_id>/escalate",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_petition_escalate(self, petition_id, reason=None, **post):
        # The handler no longer sees the petition once it went up: back to the list.
        return self._petition_action(
            petition_id,
            lambda petition: petition.escalate(
                self._text(reason, request.env._("The reason"))
            ),
            request.env._("The petition went up to the next level."),
            url="/my/petitions",
        )

    @http.route(
        "/my/petitions/<int:petition_id>/resolve",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_petition_resolve(self, petition_id, resolution=None, **post):
        return self._petition_action(
            petition_id,
            lambda petition: petition.resolve(
                self._text(resolution, request.env._("The resolution"))
            ),
            request.env._("The petition is resolved: the resident was told."),
        )

    @http.route(
        "/my/petitions/<int:petition_id>/rate",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_petition_rate(self, petition_id, rating=None, comment=None, **post):
        return self._petition_action(
            petition_id,
            lambda petition: petition.rate(
                tools.parse_int(
                    rating, minimum=1, maximum=5, label=request.env._("The rating")
                ),
                self._text(comment, request.env._("The comment"), MAX_COMMENT),
            ),
            request.env._("Thank you for your rating."),
        )

    @http.route(
        "/my/petitions/<int:petition_id>/reopen",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_petition_reopen(self, petition_id, reason=None, **post):
        return self._petition_action(
            petition_id,
            lambda petition: petition.reopen(
                self._text(reason, request.env._("The reason"))
            ),
            request.env._("The petition is reopened: it is back with its handler."),
        )

    @http.route(
        "/my/petitions/<int:petition_id>/cosign",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_petition_cosign(self, petition_id, anonymous=None, **post):
        return self._petition_action(
            petition_id,
            lambda petition: petition.cosign(anonymous=tools.parse_bool(anonymous)),
            request.env._("You co-signed the petition."),
        )

    # ------------------------------------------------------------------
    # New petition
    # ------------------------------------------------------------------

    def _petition_form_values(self, error=None, post=None):
        partner = request.env.user.partner_id
        token = secrets.token_urlsafe(16)
        tokens = list(request.session.get(FORM_TOKENS_KEY) or [])[-4:] + [token]
        request.session[FORM_TOKENS_KEY] = tokens
        Petition = request.env["community.petition"]
        post = post or {}
        categories = request.env["community.petition.category"].search([])
        public = categories.filtered("is_public")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "petition_new",
                "categories": categories,
                "public_categories": public,
                "private_categories": categories - public,
                "visibility": self._petition_form_visibility(categories, post),
                # what the script says again when the choice is emptied
                "visibility_default": self._petition_form_visibility(categories, {}),
                "areas": Petition._raise_areas(),
                "form_token": token,
                "error": error,
                "post": post,
                "default_area_id": partner.area_id.id,
                "max_description": MAX_DESCRIPTION,
                "max_title": MAX_TITLE,
                # the limits the model checks, said before files are chosen
                **tools.upload_values(MAX_FILES, MAX_FILE_SIZE),
            }
        )
        return values

    @staticmethod
    def _petition_form_visibility(categories, post):
        """Who will see the petition, as the form stands: ``public``
        (neighbours of the community see public categories' petitions, see
        the record rules), ``private``, or ``unknown`` while no category is
        chosen and the form offers both kinds."""
        chosen = categories.filtered(lambda c: str(c.id) == post.get("category_id"))
        kinds = set((chosen or categories).mapped("is_public"))
        if len(kinds) != 1:
            return "unknown"
        return "public" if kinds.pop() else "private"

    def _render_form(self, error, post):
        """The form again, with the message and what the resident typed (as
        text, never a file part)."""
        shown = {}
        for key in FORM_FIELDS:
            try:
                shown[key] = tools.parse_text(post.get(key), max_length=10**7)
            except UserError:
                shown[key] = ""
        return request.render(
            "community_governance.portal_petition_new",
            self._petition_form_values(error=error, post=shown),
            status=400,
        )

    @http.route(
        ["/my/petitions/new"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def portal_petition_new(self, **kw):
        if not self._can_raise():
            return request.redirect("/my")
        return request.render(
            "community_governance.portal_petition_new", self._petition_form_values()
        )

    def _uploaded_attachments(self):
        """The files of the form, read up to one byte over the limit (the
        model refuses what is larger). Sent with the form rather than through
        portal's /portal/attachment/add: the petition does not exist yet."""
        return tools.read_uploads("attachments", MAX_FILE_SIZE)

    @http.route(
        ["/my/petitions/new"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_petition_create(self, **post):
        if not self._can_raise():
            return request.redirect("/my")
        tokens = list(request.session.get(FORM_TOKENS_KEY) or [])
        token = tools.parse_search(post.get("form_token"))
        Petition = request.env["community.petition"]
        saved = Petition._submitted(token)
        if saved:
            # the same form again (sent twice at once, or again after an
            # error): the petition it raised, not a second one
            tools.flash(
                request.env._("Your petition was already sent: here it is."), "info"
            )
            return request.redirect(f"/my/petitions/{saved.id}")
        if not token or token not in tokens:
            error = request.env._(
                "This form was already sent or has expired: check your petitions "
                "before sending it again."
            )
            return self._render_form(error, post)
        # The token stays in the session: the petition raised with it is the
        # proof it was used (see _submitted), and a form whose sending failed
        # (the database unreachable) can be sent again as it is.
        try:
            values = {
                "title": self._text(
                    post.get("title"), request.env._("The title"), MAX_TITLE
                ),
                "description": self._text(
                    post.get("description"), request.env._("The description")
                ),
                "category_id": tools.parse_optional_id(
                    post.get("category_id"), request.env._("The category")
                ),
                "area_id": tools.parse_optional_id(
                    post.get("area_id"), request.env._("The area")
                ),
                "is_anonymous": tools.parse_bool(post.get("is_anonymous")),
                "urgent": tools.parse_bool(post.get("urgent")),
                "form_token": token,
            }
            with request.env.cr.savepoint():
                petition = Petition.submit(values, self._uploaded_attachments())
        except UserError as error:
            return self._render_form(error.args[0], post)
        tools.flash(
            request.env._("Your petition was sent. You will be told of every step.")
        )
        return request.redirect(f"/my/petitions/{petition.id}")
