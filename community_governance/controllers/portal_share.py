# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/share: residents browse the offers and needs around them, post their
own, answer a neighbour's, follow their matches (accept, decline, confirm
done, rate, talk) and report a listing to the office.

Every rule is the models' (``community.share.listing.post``,
``action_answer``, ``propose_to_listing`` ..., ``community.share.match``'s
buttons): the routes parse their input with ``portal_tools``, call the model
method and redirect with its outcome.
"""

import secrets
from functools import partial

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.community_petition import MAX_FILE_SIZE
from ..models.community_share_listing import (
    KINDS,
    MAX_CAPACITY,
    MAX_DESCRIPTION,
    MAX_HOURS,
    MAX_PHOTOS,
    MAX_REASON,
    MAX_TITLE,
    VISIBILITIES,
    WHATS,
    closeness_labels,
)
from ..models.community_share_match import MAX_COMMENT
from . import portal_tools as tools

FORM_FIELDS = (
    "kind",
    "what",
    "name",
    "description",
    "category_id",
    "skill_id",
    "visibility",
    "capacity",
    "service_hours",
)
DISTANCES = ("entrance", "building", "grid", "community")


class SharePortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = request.env.user.partner_id
        if "share_listing_count" in counters:
            Listing = request.env["community.share.listing"]
            values["share_listing_count"] = (
                Listing.search_count([("partner_id", "=", partner.id)])
                if tools.home_card("share_listing_count") and Listing.has_access("read")
                else 0
            )
        if "share_match_count" in counters:
            Match = request.env["community.share.match"]
            values["share_match_count"] = (
                Match.search_count([("state", "in", ("proposed", "accepted"))])
                if Match.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _share_resident(self):
        """The current resident, or None (non-residents are sent home)."""
        partner = tools.current_resident()
        if partner and partner.sudo().area_id:
            return partner
        return None

    def _share_not_a_resident(self):
        tools.flash(
            request.env._("The shared community is for the residents of a community."),
            "warning",
        )
        return request.redirect("/my")

    def _share_values(self, page_name, **values):
        result = self._prepare_portal_layout_values()
        result.update(page_name=page_name, closeness=closeness_labels(request.env))
        result.update(values)
        return result

    def _share_labels(self, model, field):
        return dict(
            request.env[model]._fields[field]._description_selection(request.env)
        )

    def _share_list(self, model, url, domain, page, url_args=None, order=None):
        """One page of ``model`` records of ``domain`` as the current user."""
        Model = request.env[model]
        page = tools.parse_id(page) or 1
        pager = tools.pager(url, Model.search_count(domain), page, url_args)
        records = Model.search(
            domain, limit=tools.PAGE_SIZE, offset=pager["offset"], order=order
        )
        return records, pager

    # ------------------------------------------------------------------
    # Around me
    # ------------------------------------------------------------------
    @http.route(
        ["/my/share", "/my/share/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_share(
        self, page=1, kind=None, category_id=None, distance=None, search=None, **kw
    ):
        partner = self._share_resident()
        if not partner:
            return self._share_not_a_resident()
        Listing = request.env["community.share.listing"]
        kind = tools.parse_choice(kind, dict(KINDS), "all")
        categories = request.env["community.share.category"].search([])
        category = categories & categories.browse(tools.parse_id(category_id) or ())
        levels = Listing._visibility_choices(partner)
        distance = tools.parse_choice(distance, levels, "community")
        search = tools.parse_search(search)
        domain = [
            ("partner_id", "!=", partner.id),
            ("state", "in", ("published", "matched")),
        ]
        if kind != "all":
            domain.append(("kind", "=", kind))
        if category:
            domain.append(("category_id", "=", category.id))
        if distance != "community":
            area = partner.sudo().area_id._find_ancestor(distance)
            domain.append(("area_id", "child_of", area.id))
        if search:
            domain += ["|", ("name", "ilike", search), ("description", "ilike", search)]
        url_args = {
            "kind": kind,
            "category_id": category.id or "",
            "distance": distance,
            "search": search,
        }
        listings, pager = self._share_list(
            "community.share.listing", "/my/share", domain, page, url_args
        )
        values = self._share_values(
            "share",
            listings=listings,
            pager=pager,
            listing_photos=listings._portal_photos(),
            listing_closeness=listings._closeness_to(partner),
            categories=categories,
            kind=kind,
            category=category,
            distance=distance,
            distances=levels,
            distance_labels=self._share_labels("community.share.listing", "visibility"),
            search=search,
            kind_labels=self._share_labels("community.share.listing", "kind"),
            what_labels=self._share_labels("community.share.listing", "what"),
        )
        return request.render("community_governance.portal_share", values)

    @http.route(
        ["/my/share/mine", "/my/share/mine/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_share_mine(self, page=1, **kw):
        partner = self._share_resident()
        if not partner:
            return self._share_not_a_resident()
        listings, pager = self._share_list(
            "community.share.listing",
            "/my/share/mine",
            [("partner_id", "=", partner.id)],
            page,
            order="create_date desc, id desc",
        )
        values = self._share_values(
            "share_mine",
            listings=listings,
            pager=pager,
            kind_labels=self._share_labels("community.share.listing", "kind"),
            state_labels=self._share_labels("community.share.listing", "state"),
        )
        return request.render("community_governance.portal_share_mine", values)

    @http.route(
        ["/my/share/matches", "/my/share/matches/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_share_matches(self, page=1, **kw):
        if not self._share_resident():
            return self._share_not_a_resident()
        matches, pager = self._share_list(
            "community.share.match", "/my/share/matches", [], page
        )
        values = self._share_values(
            "share_matches",
            matches=matches,
            pager=pager,
            state_labels=self._share_labels("community.share.match", "state"),
        )
        return request.render("community_governance.portal_share_matches", values)

    # ------------------------------------------------------------------
    # A listing
    # ------------------------------------------------------------------
    def _share_get_listing(self, listing_id):
        return tools.get_record("community.share.listing", listing_id)

    @http.route(
        "/my/share/listings/<int:listing_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_share_listing(self, listing_id, **kw):
        listing = self._share_get_listing(listing_id)
        partner = self._share_resident()
        is_mine = bool(partner) and listing.partner_id == partner
        Match = request.env["community.share.match"]
        matches = Match.search(
            ["|", ("need_id", "=", listing.id), ("offer_id", "=", listing.id)]
        )
        values = self._share_values(
            "share_listing",
            listing=listing,
            photos=listing._portal_photos()[listing.id],
            is_mine=is_mine,
            matches=matches,
            my_open_match=matches.filtered(
                lambda m: m.state in ("proposed", "accepted")
            )[:1],
            suggestions=(
                listing.suggest() if is_mine and listing.state == "published" else []
            ),
            kind_labels=self._share_labels("community.share.listing", "kind"),
            what_labels=self._share_labels("community.share.listing", "what"),
            state_labels=self._share_labels("community.share.listing", "state"),
            match_state_labels=self._share_labels("community.share.match", "state"),
            visibility_labels=self._share_labels(
                "community.share.listing", "visibility"
            ),
            listing_closeness=listing._closeness_to(partner) if partner else {},
            max_reason=MAX_REASON,
        )
        return request.render("community_governance.portal_share_listing", values)

    def _share_listing_action(self, listing_id, call, success):
        listing = self._share_get_listing(listing_id)
        return tools.run_action(
            f"/my/share/listings/{listing.id}", call, listing, success=success
        )

    def _share_to_match(self, back_url, call, success):
        """Run ``call()`` which makes a match; go to the match with
        ``success``, or back with the refusal."""
        try:
            with request.env.cr.savepoint():
                match = call()
        except (UserError, AccessError) as error:
            tools.flash_error(error)
            return request.redirect(back_url)
        tools.flash(success)
        return request.redirect(f"/my/share/matches/{match.id}")

    @http.route(
        "/my/share/listings/<int:listing_id>/answer",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_answer(self, listing_id, **post):
        listing = self._share_get_listing(listing_id)
        return self._share_to_match(
            f"/my/share/listings/{listing.id}",
            listing.action_answer,
            request.env._(
                "Your neighbour was asked: your contact details are shared once "
                "both of you accepted."
            ),
        )

    @http.route(
        "/my/share/listings/<int:listing_id>/propose",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_propose(self, listing_id, **post):
        listing = self._share_get_listing(listing_id)
        back = f"/my/share/listings/{listing.id}"
        # not "listing_id": the route's own parameter
        other_id = tools.parse_id(post.get("other_listing_id"))
        partner_id = tools.parse_id(post.get("partner_id"))
        if other_id:
            other = self._share_get_listing(other_id)
            call = partial(listing.propose_to_listing, other)
        elif partner_id:
            call = partial(listing.propose_to_resident, partner_id)
        else:
            tools.flash(request.env._("Choose a neighbour from the list."), "warning")
            return request.redirect(back)
        return self._share_to_match(
            back,
            call,
            request.env._("Your neighbour was asked: you will see the answer here."),
        )

    @http.route(
        "/my/share/listings/<int:listing_id>/renew",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_renew(self, listing_id, **post):
        return self._share_listing_action(
            listing_id,
            lambda listing: listing.action_renew(),
            request.env._("Your listing is renewed."),
        )

    @http.route(
        "/my/share/listings/<int:listing_id>/withdraw",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_withdraw(self, listing_id, **post):
        return self._share_listing_action(
            listing_id,
            lambda listing: listing.action_withdraw(),
            request.env._("Your listing is withdrawn."),
        )

    @http.route(
        "/my/share/listings/<int:listing_id>/report",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_report(self, listing_id, reason=None, **post):
        listing = self._share_get_listing(listing_id)
        try:
            reason = tools.parse_text(
                reason, max_length=MAX_REASON, label=request.env._("The reason")
            )
        except tools.InputError as error:
            tools.flash_error(error)
            return request.redirect(f"/my/share/listings/{listing.id}")
        return tools.run_action(
            f"/my/share/listings/{listing.id}",
            listing.report_abuse,
            reason,
            success=request.env._(
                "Thank you: the community office will look at this listing."
            ),
        )

    # ------------------------------------------------------------------
    # A match
    # ------------------------------------------------------------------
    def _share_get_match(self, match_id):
        return tools.get_record("community.share.match", match_id)

    @http.route(
        "/my/share/matches/<int:match_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_share_match(self, match_id, **kw):
        match = self._share_get_match(match_id)
        values = self._share_values(
            "share_match",
            match=match,
            actions=match._portal_actions(),
            state_labels=self._share_labels("community.share.match", "state"),
            # best first, as labelled in the user's language
            ratings=sorted(
                self._share_labels(
                    "community.share.match", "rating_by_receiver"
                ).items(),
                reverse=True,
            ),
            max_comment=MAX_COMMENT,
            max_reason=MAX_REASON,
        )
        values = self._get_page_view_values(
            match, None, values, "my_share_matches_history", False
        )
        return request.render("community_governance.portal_share_match", values)

    def _share_match_action(self, match_id, call, success):
        match = self._share_get_match(match_id)
        return tools.run_action(
            f"/my/share/matches/{match.id}", call, match, success=success
        )

    @http.route(
        "/my/share/matches/<int:match_id>/accept",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_match_accept(self, match_id, **post):
        return self._share_match_action(
            match_id,
            lambda match: match.action_accept(),
            request.env._("You accepted."),
        )

    @http.route(
        "/my/share/matches/<int:match_id>/cancel",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_match_cancel(self, match_id, **post):
        return self._share_match_action(
            match_id,
            lambda match: match.action_cancel(),
            request.env._("The match is called off."),
        )

    @http.route(
        "/my/share/matches/<int:match_id>/done",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_match_done(self, match_id, **post):
        return self._share_match_action(
            match_id,
            lambda match: match.action_confirm_done(),
            request.env._("You confirmed it is done."),
        )

    @http.route(
        "/my/share/matches/<int:match_id>/fail",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_match_fail(self, match_id, reason=None, **post):
        match = self._share_get_match(match_id)
        try:
            reason = tools.parse_text(
                reason, max_length=MAX_REASON, label=request.env._("What went wrong")
            )
        except tools.InputError as error:
            tools.flash_error(error)
            return request.redirect(f"/my/share/matches/{match.id}")
        return tools.run_action(
            f"/my/share/matches/{match.id}",
            match.fail,
            reason,
            success=request.env._("Noted: the listing is available again."),
        )

    @http.route(
        "/my/share/matches/<int:match_id>/rate",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_share_match_rate(self, match_id, rating=None, comment=None, **post):
        match = self._share_get_match(match_id)
        try:
            rating = tools.parse_int(
                rating, minimum=1, maximum=5, label=request.env._("The rating")
            )
            comment = tools.parse_text(
                comment, max_length=MAX_COMMENT, label=request.env._("The comment")
            )
        except tools.InputError as error:
            tools.flash_error(error)
            return request.redirect(f"/my/share/matches/{match.id}")
        return tools.run_action(
            f"/my/share/matches/{match.id}",
            match.rate,
            rating,
            comment,
            success=request.env._("Thank you for your rating."),
        )

    # ------------------------------------------------------------------
    # Post a listing
    # ------------------------------------------------------------------
    def _share_form_values(self, partner, error=None, post=None):
        Listing = request.env["community.share.listing"]
        return self._share_values(
            "share_new",
            categories=request.env["community.share.category"].search([]),
            skills=request.env["community.skill"].search([]),
            kinds=KINDS,
            # the selections' labels in the reader's language, not the
            # English of the constants
            whats=list(self._share_labels("community.share.listing", "what").items()),
            visibilities=[
                (key, label)
                for key, label in self._share_labels(
                    "community.share.listing", "visibility"
                ).items()
                if key in Listing._visibility_choices(partner)
            ],
            form_token=secrets.token_urlsafe(16),
            error=error,
            post=post or {},
            max_title=MAX_TITLE,
            max_description=MAX_DESCRIPTION,
            max_capacity=MAX_CAPACITY,
            max_hours=MAX_HOURS,
            max_photos=MAX_PHOTOS,
            max_file_mb=MAX_FILE_SIZE // (1024 * 1024),
            max_file_size=MAX_FILE_SIZE,
            photo_max_size=tools.photo_max_size(),
        )

    @http.route(
        "/my/share/new", type="http", auth="user", website=True, methods=["GET"]
    )
    def portal_share_new(self, kind=None, **kw):
        partner = self._share_resident()
        if not partner:
            return self._share_not_a_resident()
        post = {"kind": tools.parse_choice(kind, dict(KINDS), "need")}
        return request.render(
            "community_governance.portal_share_new",
            self._share_form_values(partner, post=post),
        )

    def _share_render_form(self, partner, error, post):
        """The form again, with the message and what the resident typed (as
        text, never a file part)."""
        shown = {}
        for key in FORM_FIELDS:
            try:
                shown[key] = tools.parse_text(post.get(key), max_length=10**6)
            except UserError:
                shown[key] = ""
        return request.render(
            "community_governance.portal_share_new",
            self._share_form_values(partner, error=error, post=shown),
            status=400,
        )

    @http.route(
        "/my/share/new", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_share_create(self, **post):
        partner = self._share_resident()
        if not partner:
            return self._share_not_a_resident()
        _ = request.env._
        try:
            values = {
                "kind": tools.parse_choice(post.get("kind"), dict(KINDS)),
                "what": tools.parse_choice(post.get("what"), dict(WHATS)),
                "visibility": tools.parse_choice(
                    post.get("visibility"), dict(VISIBILITIES)
                ),
                "name": tools.parse_text(
                    post.get("name"),
                    max_length=MAX_TITLE,
                    required=True,
                    label=_("The title"),
                    multiline=False,
                ),
                "description": tools.parse_text(
                    post.get("description"),
                    max_length=MAX_DESCRIPTION,
                    label=_("The description"),
                ),
                "category_id": tools.parse_optional_id(
                    post.get("category_id"), _("The category")
                ),
                "skill_id": tools.parse_optional_id(
                    post.get("skill_id"), _("The skill")
                ),
                "capacity": tools.parse_int(
                    post.get("capacity"),
                    default=1,
                    minimum=1,
                    maximum=MAX_CAPACITY,
                    label=_("Times available"),
                ),
                "service_hours": tools.parse_float(
                    post.get("service_hours"),
                    default=0.0,
                    minimum=0,
                    maximum=MAX_HOURS,
                    label=_("The time needed"),
                ),
                "form_token": tools.parse_search(post.get("form_token"), 64),
            }
            photos = [
                {
                    "name": tools.clean_filename(upload),
                    "raw": upload.read(MAX_FILE_SIZE + 1),
                }
                for upload in tools.uploaded_files("photos")
            ]
            with request.env.cr.savepoint():
                listing = request.env["community.share.listing"].post(values, photos)
        except (UserError, AccessError) as error:
            return self._share_render_form(partner, error.args[0], post)
        if listing.state == "review":
            tools.flash(
                _(
                    "Your listing waits for the community office's review: your "
                    "neighbours see it once it is published."
                ),
                "info",
            )
        else:
            tools.flash(_("Your listing is published: your neighbours see it."))
        return request.redirect(f"/my/share/listings/{listing.id}")
