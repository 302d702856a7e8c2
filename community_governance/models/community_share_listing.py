# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL

from .community_mixin import OFFICE
from .community_petition import _to_id, clean_text
from .community_share_mixin import create_once

KINDS = [("offer", "Offer"), ("need", "Need")]
WHATS = [
    ("lend", "Item to lend"),
    ("give", "Item to give"),
    ("skill", "Skill or service"),
    ("activity", "Activity"),
    ("space", "Space"),
]
# Who sees a listing: the residents of the poster's stairwell, building, grid
# or community (the area of that level above the poster's home).
VISIBILITIES = [
    ("entrance", "My stairwell"),
    ("building", "My building"),
    ("grid", "My grid"),
    ("community", "My community"),
]
STATES = [
    ("draft", "Draft"),
    ("review", "Waiting for Review"),
    ("published", "Published"),
    ("matched", "Matched"),
    ("fulfilled", "Fulfilled"),
    ("expired", "Expired"),
    ("withdrawn", "Withdrawn"),
]
# Seen by the neighbours (record rules), and still to be renewed.
LIVE_STATES = ("published", "matched")
# Set by the workflow methods only (the office included): the counters and
# states the matches keep.
WORKFLOW_FIELDS = {
    "state",
    "taken_count",
    "done_count",
    "date_published",
    "date_matched",
    "date_fulfilled",
    "is_unanswered",
    "date_office_notified",
    "petition_id",
    "is_hidden",
    "expiry_reminded",
    "form_token",
}
MAX_TITLE = 120
MAX_DESCRIPTION = 4000
MAX_REASON = 1000
MAX_CAPACITY = 50
MAX_HOURS = 24
MAX_PHOTOS = 5
SUGGESTION_LIMIT = 10
CRON_BATCH = 200
VALIDITY_PARAM = "community_governance.share_validity_days"
REMINDER_PARAM = "community_governance.share_reminder_days"
UNANSWERED_PARAM = "community_governance.share_unanswered_days"


def closeness_labels(env):
    """How close a neighbour lives, from 4 (the same home area: stairwell,
    or alley) to 1 (the same community)."""
    return {
        4: env._("Same stairwell"),
        3: env._("Same building"),
        2: env._("Same grid"),
        1: env._("Same community"),
        0: env._("Further away"),
    }


class CommunityShareListing(models.Model):
    """What a resident offers (a ladder to lend, help with a smartphone) or
    needs (someone to walk an old man to the clinic), seen by the neighbours
    of the stairwell, building, grid or community the resident chooses, for a
    limited time. Matches pair it with a listing of the other kind or with a
    neighbour who answers it."""

    _name = "community.share.listing"
    _description = "Shared Community Listing"
    _inherit = ["community.share.mixin", "portal.mixin", "mail.activity.mixin"]
    _order = "date_published desc, id desc"
    _rec_names_search = ["name"]

    def _default_date_expiry(self):
        return fields.Date.context_today(self) + timedelta(days=self._validity_days())

    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Text()
    kind = fields.Selection(KINDS, required=True, default="need", index=True)
    what = fields.Selection(WHATS, required=True, default="skill", index=True)
    category_id = fields.Many2one(
        "community.share.category",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    skill_id = fields.Many2one(
        "community.skill",
        index="btree_not_null",
        ondelete="restrict",
        help="For a skill or a service: the skill it is about, as the office "
        "registers them for residents.",
    )
    is_sensitive = fields.Boolean(related="category_id.is_sensitive")
    partner_id = fields.Many2one(
        "res.partner",
        string="Resident",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("is_resident", "=", True)],
    )
    # Names shown to the neighbours, who cannot read the residents' contacts.
    poster_name = fields.Char(related="partner_id.name", string="Posted By")
    area_id = fields.Many2one(
        "community.area",
        string="Home Area",
        compute="_compute_area_id",
        store=True,
        index=True,
        help="Where the resident lived when posting.",
    )
    community_id = fields.Many2one(
        "community.area",
        compute="_compute_area_id",
        store=True,
        index=True,
    )
    visibility = fields.Selection(
        VISIBILITIES,
        string="Seen By",
        required=True,
        default="community",
        tracking=True,
        help="The neighbours who see the listing: those of the resident's "
        "stairwell, building, grid or whole community.",
    )
    visibility_area_id = fields.Many2one(
        "community.area",
        string="Visible In",
        compute="_compute_visibility_area_id",
        store=True,
        index=True,
        help="The area whose residents see the listing (record rules).",
    )
    capacity = fields.Integer(
        string="Times Available",
        default=1,
        help="How many neighbours it can serve: one ladder serves one at a time, "
        "a weekly lesson several.",
    )
    service_hours = fields.Float(
        string="Time Needed (hours)",
        digits=(6, 2),
        help="About how long the service takes: the volunteer hours of the "
        "provider when the community counts them.",
    )
    date_expiry = fields.Date(
        string="Valid Until",
        required=True,
        index=True,
        default=_default_date_expiry,
        tracking=True,
    )
    expiry_reminded = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        STATES,
        required=True,
        default="draft",
        index=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    date_published = fields.Datetime(readonly=True, index=True, copy=False)
    date_matched = fields.Datetime(
        string="First Matched", readonly=True, copy=False, index=True
    )
    date_fulfilled = fields.Datetime(readonly=True, copy=False)
    taken_count = fields.Integer(
        string="Places Taken",
        readonly=True,
        copy=False,
        help="Matches accepted by both sides or done.",
    )
    done_count = fields.Integer(string="Done", readonly=True, copy=False)
    # The office's: a resident reads the matches they are a side of only.
    need_match_ids = fields.One2many("community.share.match", "need_id", groups=OFFICE)
    offer_match_ids = fields.One2many(
        "community.share.match", "offer_id", groups=OFFICE
    )
    match_count = fields.Integer(compute="_compute_match_count", groups=OFFICE)
    is_hidden = fields.Boolean(
        string="Hidden by the Office",
        readonly=True,
        index=True,
        copy=False,
        tracking=True,
    )
    abuse_ids = fields.One2many("community.share.abuse", "listing_id", groups=OFFICE)
    abuse_count = fields.Integer(
        string="Reports", compute="_compute_abuse_count", groups=OFFICE
    )
    review_note = fields.Text(
        string="Office's Note",
        copy=False,
        help="Why the office refused the listing: the resident reads it.",
    )
    is_unanswered = fields.Boolean(
        string="Reached the Office",
        readonly=True,
        index=True,
        copy=False,
        help="A need nobody answered in time: the office was asked to act.",
    )
    date_office_notified = fields.Datetime(readonly=True, copy=False)
    petition_id = fields.Many2one(
        "community.petition",
        groups=OFFICE,
        readonly=True,
        index="btree_not_null",
        copy=False,
        ondelete="set null",
        help="The petition the office raised for this need.",
    )
    photo_ids = fields.Many2many(
        "ir.attachment",
        string="Photos",
        compute="_compute_photo_ids",
        compute_sudo=True,
    )
    # The key of the portal form that posted it: a form sent twice is one listing.
    # portal.mixin's token: these pages open for the logged-in residents only,
    # and a token readable by a neighbour would open the record's messages.
    access_token = fields.Char(groups="base.group_user")
    form_token = fields.Char(copy=False, readonly=True, groups="base.group_system")
    color = fields.Integer()

    _sql_constraints = [
        (
            "form_token_uniq",
            "unique(partner_id, form_token)",
            "This form was already sent: the listing is posted.",
        ),
        (
            "capacity_positive",
            "CHECK(capacity >= 1)",
            "A listing serves at least one neighbour.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("partner_id")
    def _compute_area_id(self):
        # The home of the resident when posting: a later move does not carry
        # the listing to another community.
        for listing in self:
            listing.area_id = listing.partner_id.area_id
            listing.community_id = listing.partner_id.community_id

    @api.depends("area_id", "visibility")
    def _compute_visibility_area_id(self):
        for listing in self:
            area = listing.area_id
            listing.visibility_area_id = area and (
                area._find_ancestor(listing.visibility) or area
            )

    def _compute_match_count(self):
        Match = self.env["community.share.match"]
        counts = defaultdict(int)
        for field in ("need_id", "offer_id"):
            for listing, count in Match._read_group(
                [(field, "in", self.ids)], [field], ["__count"]
            ):
                counts[listing.id] += count
        for listing in self:
            listing.match_count = counts[listing.id]

    def _compute_abuse_count(self):
        counts = dict(
            self.env["community.share.abuse"]._read_group(
                [("listing_id", "in", self.ids)], ["listing_id"], ["__count"]
            )
        )
        for listing in self:
            listing.abuse_count = counts.get(listing, 0)

    def _compute_photo_ids(self):
        photos = defaultdict(list)
        if self.ids:
            for attachment in self.env["ir.attachment"].search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("mimetype", "=like", "image/%"),
                ],
                order="id",
            ):
                photos[attachment.res_id].append(attachment.id)
        for listing in self:
            listing.photo_ids = [Command.set(photos[listing.id])]

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for listing in self:
            listing.access_url = f"/my/share/listings/{listing.id}"
        return res

    def _portal_photos(self):
        """The photos of the listings for the portal pages: {listing id:
        [(attachment id, access token)]}, one query. Portal users may not
        read attachments; the pages of the listings they see show the photos
        through their tokens."""
        photos = defaultdict(list)
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("mimetype", "=like", "image/%"),
                ],
                order="id",
            )
        )
        attachments.filtered(lambda a: not a.access_token).generate_access_token()
        for attachment in attachments:
            photos[attachment.res_id].append((attachment.id, attachment.access_token))
        return photos

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("partner_id")
    def _check_partner_id(self):
        for listing in self:
            partner = listing.partner_id.sudo()
            if not (partner.is_resident and partner.area_id):
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a resident with a home area: only residents "
                        "post in the shared community.",
                        name=partner.name,
                    )
                )

    @api.constrains("capacity", "service_hours")
    def _check_numbers(self):
        for listing in self:
            if not 1 <= listing.capacity <= MAX_CAPACITY:
                raise ValidationError(
                    self.env._(
                        "A listing serves from 1 to %(max)s neighbours.",
                        max=MAX_CAPACITY,
                    )
                )
            if not 0 <= listing.service_hours <= MAX_HOURS:
                raise ValidationError(
                    self.env._(
                        "The time needed is from 0 to %(max)s hours.", max=MAX_HOURS
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if WORKFLOW_FIELDS & vals.keys():
                    raise UserError(
                        self.env._("A listing starts as a draft: publish it after.")
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
        if not self.env.su and WORKFLOW_FIELDS & vals.keys():
            raise UserError(
                self.env._(
                    "The state of a listing changes with its buttons (publish, "
                    "renew, withdraw, hide) and its matches."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions (buttons)
    # ------------------------------------------------------------------
    def action_publish(self):
        """Publish the drafts: the office directly (it reviews what it
        publishes), the resident after the office's review for a sensitive
        category."""
        listings = self._as_owner_or_office()
        if any(listing.state not in ("draft", "review") for listing in listings):
            raise UserError(self.env._("Only a draft can be published."))
        is_office = self._is_office()
        if not is_office and any(listing.state != "draft" for listing in listings):
            raise AccessError(self.env._("The office reviews this listing."))
        listings._publish(reviewed=is_office)
        listings.filtered(
            lambda listing: listing.state == "published"
        )._office_activities(
            "community_governance.mail_activity_share_review"
        ).action_feedback()
        return True

    def action_refuse(self):
        """Button of the review: refuse with the office's note as the reason."""
        self.ensure_one()
        return self.reject(self.review_note)

    def action_withdraw(self):
        """The resident (or the office) takes the listings off: the open
        proposals are cancelled; a match under way must be ended first."""
        listings = self._as_owner_or_office()
        if any(listing.state in ("fulfilled", "withdrawn") for listing in listings):
            raise UserError(self.env._("This listing is already closed."))
        if listings._matches("accepted"):
            raise UserError(
                self.env._(
                    "A neighbour and you agreed on this listing: end that match "
                    "first (done, cancelled or failed)."
                )
            )
        listings.write({"state": "withdrawn"})
        listings._matches("proposed")._cancel_proposals()
        return True

    def action_renew(self):
        """One more validity period from today: also for an expired listing,
        which is published again."""
        listings = self._as_owner_or_office()
        if any(
            listing.state not in ("published", "matched", "expired")
            for listing in listings
        ):
            raise UserError(
                self.env._("Only a published or expired listing is renewed.")
            )
        listings.write(
            {
                "date_expiry": self._default_date_expiry(),
                "expiry_reminded": False,
            }
        )
        listings.filtered(lambda listing: listing.state == "expired").write(
            {"state": "published"}
        )
        return True

    def action_hide(self):
        """The office hides reported listings from the neighbours (their
        poster still sees them); their open reports are upheld."""
        self._check_share_office(
            self.env._("Only the community office hides listings.")
        )
        listings = self.sudo()
        listings.write({"is_hidden": True})
        listings.abuse_ids.filtered(lambda r: r.state == "open").write(
            {"state": "upheld"}
        )
        listings._matches("proposed")._cancel_proposals()
        listings._office_activities(
            "community_governance.mail_activity_share_abuse"
        ).action_feedback()
        listings._post_template(
            "community_governance.mail_template_share_listing_hidden"
        )
        return True

    def action_unhide(self):
        self._check_share_office(
            self.env._("Only the community office hides listings.")
        )
        self.sudo().write({"is_hidden": False})
        return True

    def action_dismiss_reports(self):
        """The office read the reports and keeps the listing."""
        self._check_share_office()
        listings = self.sudo()
        listings.abuse_ids.filtered(lambda r: r.state == "open").write(
            {"state": "dismissed"}
        )
        listings._office_activities(
            "community_governance.mail_activity_share_abuse"
        ).action_feedback()
        return True

    @api.returns("community.share.match", lambda value: value.id)
    def action_answer(self):
        """ "I can help" / "I would like it": the current resident answers a
        listing of a neighbour. The neighbour accepts or declines.

        :return: the new match
        """
        self.ensure_one()
        partner = self._share_resident()
        self.check_access("read")
        listing = self.sudo()
        if listing.partner_id == partner:
            raise UserError(self.env._("This is your own listing."))
        listing._check_open()
        if listing.kind == "need":
            provider, receiver = partner, listing.partner_id
        else:
            provider, receiver = listing.partner_id, partner
        side = "provider" if provider == partner else "receiver"
        return self.env["community.share.match"]._propose(
            {
                f"{listing.kind}_id": listing.id,
                "provider_id": provider.id,
                "receiver_id": receiver.id,
            },
            accepted=(side,),
        )

    def action_create_petition(self):
        """One click for the office: a need nobody answered becomes a petition
        of its resident, handled by the community office, linked both ways.

        :return: the petition's form
        """
        self.ensure_one()
        self._check_share_office(
            self.env._("Only the community office turns a need into a petition.")
        )
        if self.kind != "need":
            raise UserError(self.env._("Only a need can become a petition."))
        if not self.petition_id:
            category = self.category_id.petition_category_id
            if not category:
                raise UserError(
                    self.env._(
                        "Choose the petition category of %(category)s first "
                        "(Configuration, Shared Community Categories).",
                        category=self.category_id.name,
                    )
                )
            petition = self.env["community.petition"].create(
                {
                    "title": self.name,
                    "description": self._petition_description(),
                    "partner_id": self.partner_id.id,
                    "area_id": self.area_id.id,
                    "category_id": category.id,
                    "level": "office",
                }
            )
            self.sudo().write({"petition_id": petition.id})
            self._office_activities(
                "community_governance.mail_activity_share_unanswered"
            ).action_feedback(
                feedback=self.env._("Raised as petition %(name)s.", name=petition.name)
            )
            self.message_post(
                body=self.env._(
                    "The community office raised petition %(name)s for this need.",
                    name=petition.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return self._action_open(
            "community_governance.community_petition_action",
            res_id=self.petition_id.id,
            view_mode="form",
            views=[(False, "form")],
        )

    def action_answer_by_volunteer(self):
        """The office answers the need through a volunteer it asked."""
        self.ensure_one()
        self._check_share_office()
        return self._action_open(
            "community_governance.community_share_volunteer_wizard_action",
            context={"default_listing_id": self.id},
        )

    def action_view_matches(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_share_match_action",
            domain=["|", ("need_id", "=", self.id), ("offer_id", "=", self.id)],
            context={},
        )

    def action_view_abuse_reports(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_share_abuse_action",
            domain=[("listing_id", "=", self.id)],
            context={},
        )

    def action_view_petition(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_petition_action",
            res_id=self.petition_id.id,
            view_mode="form",
            views=[(False, "form")],
        )

    # ------------------------------------------------------------------
    # Business methods (public: each checks who calls it)
    # ------------------------------------------------------------------
    @api.model
    @api.returns("self", lambda value: value.id)
    def post(self, values, photos=None):
        """A resident posts an offer or a need: the portal form's way in, and
        the only one for residents over JSON-RPC (they may not create).

        :param dict values: ``kind``, ``what``, ``name``, ``description``,
            ``category_id``, ``skill_id``, ``visibility``, ``capacity``,
            ``service_hours``, and the form's ``form_token`` (a form sent
            twice posts one listing)
        :param list photos: dicts with ``name`` and the file's ``raw`` bytes
            (or ``datas``, base64): photos only
        :return: the listing, published or waiting for the office's review
        """
        partner = self._share_resident(
            self.env._("Only residents of a community post in the shared community.")
        )
        values = values if isinstance(values, dict) else {}
        vals = self._post_values(values, partner)
        files = self._check_photos(photos)
        existing = self._posted_with(partner, vals.get("form_token"))
        if existing:
            return existing
        # the same form sent at the same instant: posted by the other request
        listing = create_once(
            self.sudo(),
            vals,
            "form_token_uniq",
            self.env._("This form was already sent: your listing is posted."),
        )
        if files:
            self.env["ir.attachment"].sudo().create(
                [dict(f, res_model=self._name, res_id=listing.id) for f in files]
            ).generate_access_token()
            listing.invalidate_recordset(["photo_ids"])
        listing = listing.sudo(False)
        listing._publish(reviewed=False)
        return listing

    def suggest(self, limit=SUGGESTION_LIMIT):
        """The neighbours' listings of the other kind (and for a need, the
        neighbours whose registered skills fit it) ranked by fit, closeness,
        how recent and how reliable: for the resident who posted it, or the
        office.

        :return: a list of dicts (see ``_suggestions``)
        """
        self.ensure_one()
        self._as_owner_or_office(write=False)
        limit = (
            limit if isinstance(limit, int) and 0 < limit <= 50 else SUGGESTION_LIMIT
        )
        return self._suggestions(limit=limit)

    @api.returns("community.share.match", lambda value: value.id)
    def propose_to_listing(self, other):
        """Pair this listing of the current resident with a neighbour's
        listing of the other kind (a suggestion): the neighbour accepts or
        declines.

        :param other: a ``community.share.listing`` or its id
        :return: the new match
        """
        self.ensure_one()
        partner = self._share_resident()
        # as the current user, whatever environment a record came with
        other = self.browse(
            other.ids if isinstance(other, models.BaseModel) else _to_id(other)
        ).exists()
        if len(other) != 1:
            raise UserError(self.env._("Choose a listing of your neighbours."))
        self.check_access("read")
        other.check_access("read")
        mine, theirs = self.sudo(), other.sudo()
        if mine.partner_id != partner:
            raise AccessError(
                self.env._("Only the resident who posted it can do this.")
            )
        if theirs.partner_id == partner:
            raise UserError(self.env._("This is your own listing."))
        if mine.kind == theirs.kind:
            raise UserError(self.env._("An offer is paired with a need."))
        mine._check_open()
        theirs._check_open()
        need, offer = (mine, theirs) if mine.kind == "need" else (theirs, mine)
        return self.env["community.share.match"]._propose(
            {
                "need_id": need.id,
                "offer_id": offer.id,
                "provider_id": offer.partner_id.id,
                "receiver_id": need.partner_id.id,
            },
            accepted=("receiver" if mine == need else "provider",),
        )

    @api.returns("community.share.match", lambda value: value.id)
    def propose_to_resident(self, partner):
        """Ask a neighbour to answer this need: the resident who posted it
        asks a neighbour suggested for their registered skills, or the office
        answers it through a volunteer it asked (whose side is then accepted).

        :param partner: a ``res.partner`` or its id
        :return: the new match
        """
        self.ensure_one()
        if not isinstance(partner, models.BaseModel):
            partner = self.env["res.partner"].browse(_to_id(partner))
        partner = partner.sudo().exists()
        if len(partner) != 1:
            raise UserError(self.env._("Choose a neighbour from the list."))
        listing = self.sudo()
        if listing.kind != "need":
            raise UserError(self.env._("Neighbours are asked to answer a need."))
        if self._is_office():
            self.check_access("write")
            if not (
                partner.is_volunteer
                and partner.is_resident
                and partner.community_id == listing.community_id
            ):
                raise UserError(
                    self.env._(
                        "%(name)s is not a registered volunteer of the community.",
                        name=partner.name,
                    )
                )
            accepted = ("provider",)
        else:
            resident = self._share_resident()
            self.check_access("read")
            if listing.partner_id != resident:
                raise AccessError(
                    self.env._("Only the resident who posted it can do this.")
                )
            if not listing._suggestions(limit=1, partner_id=partner.id):
                raise UserError(
                    self.env._("Ask one of the neighbours suggested for your need.")
                )
            accepted = ("receiver",)
        listing._check_open()
        return self.env["community.share.match"]._propose(
            {
                "need_id": listing.id,
                "provider_id": partner.id,
                "receiver_id": listing.partner_id.id,
            },
            accepted=accepted,
        )

    def report_abuse(self, reason):
        """Any resident who sees a neighbour's listing reports it to the
        office (once): the office reads the reports and may hide it."""
        self.ensure_one()
        partner = self._share_resident()
        self.check_access("read")
        listing = self.sudo()
        if listing.partner_id == partner:
            raise UserError(self.env._("This is your own listing."))
        reason = clean_text(
            self.env,
            reason,
            self.env._("The reason"),
            MAX_REASON,
            self.env._("Say what is wrong with this listing."),
        )
        Abuse = self.env["community.share.abuse"].sudo()
        already = self.env._("You already reported this listing.")
        if Abuse.search_count(
            [("listing_id", "=", listing.id), ("partner_id", "=", partner.id)], limit=1
        ):
            raise UserError(already)
        first = not listing.abuse_ids.filtered(lambda r: r.state == "open")
        create_once(
            Abuse,
            {"listing_id": listing.id, "partner_id": partner.id, "reason": reason},
            "listing_partner_uniq",
            already,
        )
        if first:
            listing._schedule_office_activity(
                "community_governance.mail_activity_share_abuse"
            )
        return True

    def reject(self, reason):
        """The office refuses a listing waiting for its review (sensitive
        category): withdrawn, with the reason for the resident."""
        self._check_share_office(
            self.env._("Only the community office reviews listings.")
        )
        reason = clean_text(
            self.env,
            reason,
            self.env._("The reason"),
            MAX_REASON,
            self.env._("Say why the listing is refused."),
        )
        if any(listing.state != "review" for listing in self):
            raise UserError(self.env._("Only a listing waiting for review is refused."))
        listings = self.sudo()
        listings.write({"state": "withdrawn", "review_note": reason})
        listings._office_activities(
            "community_governance.mail_activity_share_review"
        ).action_feedback(feedback=reason)
        listings._post_template(
            "community_governance.mail_template_share_listing_refused"
        )
        return True

    # ------------------------------------------------------------------
    # Private steps (the caller checked the user's right)
    # ------------------------------------------------------------------
    def _as_owner_or_office(self, write=True):
        """The listings to act on as the current user: the office's (record
        rules), or the current resident's own, as superuser."""
        if self.env.su:
            return self
        if self._is_office():
            self.check_access("write" if write else "read")
            return self.sudo() if write else self
        partner = self.env.user.partner_id
        self.check_access("read")
        if any(listing.partner_id != partner for listing in self.sudo()):
            raise AccessError(
                self.env._("Only the resident who posted it can do this.")
            )
        return self.sudo()

    def _publish(self, reviewed):
        """Published; waiting for the office's review instead for a sensitive
        category, unless ``reviewed`` (the office publishes it)."""
        now = fields.Datetime.now()
        listings = self.sudo()
        to_review = listings.filtered(
            lambda listing: (
                not reviewed and listing.is_sensitive and listing.state == "draft"
            )
        )
        (listings - to_review).write({"state": "published", "date_published": now})
        if to_review:
            to_review.write({"state": "review"})
            to_review._schedule_office_activity(
                "community_governance.mail_activity_share_review"
            )

    def _check_open(self):
        """The listing can be answered: published, not hidden, not expired,
        and not taken as many times as it serves."""
        for listing in self:
            if (
                listing.state != "published"
                or listing.is_hidden
                or listing.date_expiry < fields.Date.context_today(self)
            ):
                raise UserError(
                    self.env._("%(title)s is no longer available.", title=listing.name)
                )
            if listing.taken_count >= listing.capacity:
                raise UserError(
                    self.env._(
                        "%(title)s was just taken by a neighbour.", title=listing.name
                    )
                )

    def _matches(self, state):
        """The matches of the listings in ``state``, as superuser."""
        return (
            self.env["community.share.match"]
            .sudo()
            .search(
                [
                    ("state", "=", state),
                    "|",
                    ("need_id", "in", self.ids),
                    ("offer_id", "in", self.ids),
                ]
            )
        )

    def _post_values(self, values, partner):
        """The values of a listing posted by ``partner`` from ``values`` (as a
        public method receives them): every choice from its list, every text
        clean and short enough."""
        env = self.env
        choice = {
            "kind": dict(KINDS),
            "what": dict(WHATS),
            "visibility": dict(VISIBILITIES),
        }
        vals = {}
        for name, choices in choice.items():
            value = values.get(name)
            if not isinstance(value, str) or value not in choices:
                raise UserError(env._("Choose from the lists of the form."))
            vals[name] = value
        vals["name"] = clean_text(
            env,
            values.get("name"),
            env._("The title"),
            MAX_TITLE,
            env._("Give your listing a title."),
        )
        vals["description"] = clean_text(
            env, values.get("description"), env._("The description"), MAX_DESCRIPTION
        )
        category = env["community.share.category"].search(
            [("id", "=", _to_id(values.get("category_id")))]
        )
        if not category:
            raise UserError(env._("Choose a category from the list."))
        vals["category_id"] = category.id
        if values.get("skill_id"):
            skill = env["community.skill"].search(
                [("id", "=", _to_id(values.get("skill_id")))]
            )
            if not skill:
                raise UserError(env._("Choose a skill from the list."))
            vals["skill_id"] = skill.id
        for name, label, minimum, maximum, default in (
            ("capacity", env._("Times available"), 1, MAX_CAPACITY, 1),
            ("service_hours", env._("The time needed"), 0, MAX_HOURS, 0),
        ):
            value = values.get(name, default)
            if value is None or value is False or value == "":
                value = default
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise UserError(env._("%(label)s must be a number.", label=label))
            if not minimum <= value <= maximum:
                raise UserError(
                    env._(
                        "%(label)s must be between %(minimum)s and %(maximum)s.",
                        label=label,
                        minimum=minimum,
                        maximum=maximum,
                    )
                )
            vals[name] = value
        if vals["capacity"] != int(vals["capacity"]):
            raise UserError(env._("Times available must be a whole number."))
        vals["capacity"] = int(vals["capacity"])
        if vals["visibility"] not in self._visibility_choices(partner):
            raise UserError(
                env._("Choose who sees your listing among the areas you live in.")
            )
        token = values.get("form_token")
        if token:
            vals["form_token"] = clean_text(env, token, env._("The form"), 64)
        vals["partner_id"] = partner.id
        return vals

    @api.model
    def _visibility_choices(self, partner):
        """The visibilities ``partner`` may choose: the levels of the areas
        they live in (a resident of an alley has no stairwell)."""
        area = partner.sudo().area_id
        levels = set()
        while area:
            levels.add(area.area_type)
            area = area.parent_id
        return [key for key, _label in VISIBILITIES if key in levels]

    @api.model
    def _posted_with(self, partner, token):
        """The listing ``partner`` already posted with the form ``token``."""
        if not token:
            return self.browse()
        return (
            self.sudo()
            .search(
                [("partner_id", "=", partner.id), ("form_token", "=", token)], limit=1
            )
            .sudo(False)
        )

    @api.model
    def _check_photos(self, photos):
        """Photos only, with the petitions' limits on number and size."""
        files = self.env["community.petition"]._check_attachments(photos)
        if len(files) > MAX_PHOTOS:
            raise UserError(self.env._("Add at most %(max)s photos.", max=MAX_PHOTOS))
        for upload in files:
            if not upload["mimetype"].startswith("image/"):
                raise UserError(
                    self.env._("%(name)s is not a photo.", name=upload["name"])
                )
        return files

    def _petition_description(self):
        self.ensure_one()
        return self.env._(
            "%(description)s\n\nNeed posted in the shared community on %(date)s that "
            "no neighbour answered: raised as a petition by the community office.",
            description=self.description or self.name,
            date=fields.Date.to_string(
                (self.date_published or self.create_date).date()
            ),
        )

    def _office_user(self):
        """Who in the office acts on the listing: the responsible user of the
        community (else the administrator)."""
        self.ensure_one()
        user = self.community_id.user_id
        return user if user and not user.share else self.env.ref("base.user_admin")

    def _schedule_office_activity(self, type_xmlid):
        """An activity of type ``type_xmlid`` for the office on each listing,
        in one batch (its summary and note are the type's)."""
        activity_type = self.env.ref(type_xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        deadline = activity_type._get_date_deadline()
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": listing.id,
                    "activity_type_id": activity_type.id,
                    "user_id": listing._office_user().id,
                    "date_deadline": deadline,
                    "summary": activity_type.summary,
                    "note": activity_type.default_note,
                }
                for listing in self
            ]
        )

    def _office_activities(self, type_xmlid):
        """The open activities of type ``type_xmlid`` on the listings."""
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", self.env.ref(type_xmlid).id),
                ]
            )
        )

    def _take(self):
        """Count one more accepted match on the listings, which are locked
        first: a listing serving one neighbour is matched once, whatever
        requests come at the same instant (a concurrent request waits, then
        fails on the row changed under it and is retried).

        :raise UserError: a listing is no longer available
        """
        self._lock_rows()
        self._check_open()
        now = fields.Datetime.now()
        for listing in self:
            taken = listing.taken_count + 1
            vals = {"taken_count": taken, "date_matched": listing.date_matched or now}
            if taken >= listing.capacity:
                vals["state"] = "matched"
            listing.write(vals)

    def _release(self):
        """One accepted match less (cancelled or failed): available again."""
        self._lock_rows()
        for listing in self:
            vals = {"taken_count": max(listing.taken_count - 1, 0)}
            if listing.state == "matched":
                vals["state"] = "published"
            listing.write(vals)

    def _fulfil(self):
        """One match more done; fulfilled once done as many times as it serves."""
        self._lock_rows()
        now = fields.Datetime.now()
        for listing in self:
            done = listing.done_count + 1
            vals = {"done_count": done}
            if done >= listing.capacity and listing.state in LIVE_STATES:
                vals.update(state="fulfilled", date_fulfilled=now)
            listing.write(vals)

    def _lock_rows(self):
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset()

    # ------------------------------------------------------------------
    # Suggestions
    # ------------------------------------------------------------------
    def _suggestions(self, limit=SUGGESTION_LIMIT, partner_id=None):
        """For a need, the offers and the residents whose registered skills
        fit it; for an offer, the needs it fits: the neighbours' listings this
        listing's resident sees, ranked by fit (same skill, same category, a
        fitting skill), closeness (same stairwell, building, grid, community),
        how recent (this week, this month) and how reliable (done matches,
        ratings received). One grouped query whatever the number of
        candidates. Private: the caller checked the user's right.

        :param partner_id: only the candidates of this resident
        :return: a list of dicts with ``listing_id`` (False for a resident),
            ``title``, ``partner_id``, ``partner_name``, ``fit``, ``closeness``,
            ``recency``, ``done``, ``rating``, ``date``
        """
        self.ensure_one()
        listing = self.sudo()
        area = listing.area_id
        if not area or not listing.community_id:
            return []
        ancestor_ids = [int(i) for i in area.parent_path.split("/") if i]
        ancestors = {a.area_type: a for a in area.browse(ancestor_ids)}

        def below(level):
            ancestor = ancestors.get(level)
            return f"{ancestor.parent_path}%" if ancestor else ""

        skills = (listing.skill_id | listing.category_id.skill_ids).ids or [0]
        is_need = listing.kind == "need"
        Match = self.env["community.share.match"]
        for model in (self, Match, self.env["res.partner"], self.env["community.area"]):
            model.flush_model()
        my_side, other_side = (
            ("need_id", "offer_id") if is_need else ("offer_id", "need_id")
        )
        now = fields.Datetime.now()
        query = SQL(
            """
            WITH reliability AS (
                SELECT partner_id, COUNT(*) AS done, AVG(rating)::float AS rating
                  FROM (
                        SELECT m.provider_id AS partner_id,
                               m.rating_by_receiver::int AS rating
                          FROM %(match)s m
                         WHERE m.community_id = %(community)s AND m.state = 'done'
                        UNION ALL
                        SELECT m.receiver_id, m.rating_by_provider::int
                          FROM %(match)s m
                         WHERE m.community_id = %(community)s AND m.state = 'done'
                       ) AS sides
                 GROUP BY partner_id
            ),
            listings AS (
                SELECT l.id AS listing_id, l.name AS title, l.partner_id, l.area_id,
                       CASE WHEN l.skill_id = %(skill)s THEN 3
                            WHEN l.category_id = %(category)s THEN 2
                            ELSE 1 END AS fit,
                       l.date_published AS date
                  FROM %(listing)s l
                 WHERE l.kind = %(other_kind)s
                   AND l.state = 'published'
                   AND NOT COALESCE(l.is_hidden, FALSE)
                   AND COALESCE(l.taken_count, 0) < l.capacity
                   AND l.date_expiry >= %(today)s
                   AND l.community_id = %(community)s
                   AND l.partner_id != %(me)s
                   AND l.visibility_area_id = ANY(%(ancestors)s)
                   AND (l.category_id = %(category)s OR l.skill_id = ANY(%(skills)s))
                   AND (%(only)s IS NULL OR l.partner_id = %(only)s)
                   AND NOT EXISTS (
                        SELECT 1 FROM %(match)s m
                         WHERE m.state IN ('proposed', 'accepted')
                           AND m.%(my_side)s = %(id)s AND m.%(other_side)s = l.id)
            ),
            residents AS (
                SELECT NULL::int AS listing_id, NULL::varchar AS title,
                       p.id AS partner_id, p.area_id,
                       MAX(CASE WHEN rel.skill_id = %(skill)s THEN 3 ELSE 2 END) AS fit,
                       NULL::timestamp AS date
                  FROM res_partner p
                  JOIN community_skill_res_partner_rel rel ON rel.partner_id = p.id
                  JOIN community_area pa ON pa.id = p.area_id
                 WHERE %(is_need)s
                   AND rel.skill_id = ANY(%(skills)s)
                   AND p.active AND p.is_resident
                   AND p.community_id = %(community)s
                   AND p.id != %(me)s
                   AND pa.parent_path LIKE %(visible)s
                   AND (%(only)s IS NULL OR p.id = %(only)s)
                   AND p.id NOT IN (SELECT partner_id FROM listings)
                   AND EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id = p.id AND u.active AND u.share)
                   AND NOT EXISTS (
                        SELECT 1 FROM %(match)s m
                         WHERE m.state IN ('proposed', 'accepted')
                           AND m.need_id = %(id)s AND m.provider_id = p.id)
                 GROUP BY p.id, p.area_id
            ),
            candidates AS (
                SELECT * FROM listings UNION ALL SELECT * FROM residents
            )
            SELECT c.listing_id, c.title, c.partner_id, p.name AS partner_name,
                   c.fit,
                   CASE WHEN a.id = %(home)s THEN 4
                        WHEN a.parent_path LIKE %(building)s THEN 3
                        WHEN a.parent_path LIKE %(grid)s THEN 2
                        ELSE 1 END AS closeness,
                   CASE WHEN c.date >= %(week)s THEN 2
                        WHEN c.date >= %(month)s THEN 1
                        ELSE 0 END AS recency,
                   COALESCE(r.done, 0) AS done, r.rating, c.date
              FROM candidates c
              JOIN res_partner p ON p.id = c.partner_id
              JOIN community_area a ON a.id = c.area_id
              LEFT JOIN reliability r ON r.partner_id = c.partner_id
             ORDER BY fit DESC, closeness DESC, recency DESC, done DESC,
                      r.rating DESC NULLS LAST, c.date DESC NULLS LAST,
                      c.partner_id, c.listing_id
             LIMIT %(limit)s
            """,
            match=SQL.identifier(Match._table),
            listing=SQL.identifier(self._table),
            my_side=SQL.identifier(my_side),
            other_side=SQL.identifier(other_side),
            id=listing.id,
            community=listing.community_id.id,
            me=listing.partner_id.id,
            skill=listing.skill_id.id or 0,
            category=listing.category_id.id,
            skills=skills,
            other_kind="offer" if is_need else "need",
            ancestors=ancestor_ids,
            is_need=is_need,
            visible=f"{listing.visibility_area_id.parent_path or '-'}%",
            only=partner_id,
            home=area.id,
            building=below("building"),
            grid=below("grid"),
            today=fields.Date.context_today(self),
            week=now - timedelta(days=7),
            month=now - timedelta(days=30),
            limit=limit,
        )
        self.env.cr.execute(query)
        return [
            dict(row, listing_id=row["listing_id"] or False)
            for row in self.env.cr.dictfetchall()
        ]

    def _closeness_to(self, partner):
        """How close each listing's resident lives to ``partner``:
        {listing id: 4 (same home area) to 1 (same community), 0 elsewhere}."""
        home = partner.sudo().area_id
        if not home:
            return dict.fromkeys(self.ids, 0)
        ancestors = {
            a.area_type: a.parent_path
            for a in home.browse(int(i) for i in home.parent_path.split("/") if i)
        }
        result = {}
        for listing in self.sudo():
            path = listing.area_id.parent_path or ""
            if listing.area_id == home:
                result[listing.id] = 4
            elif ancestors.get("building") and path.startswith(ancestors["building"]):
                result[listing.id] = 3
            elif ancestors.get("grid") and path.startswith(ancestors["grid"]):
                result[listing.id] = 2
            elif listing.community_id == home.community_id:
                result[listing.id] = 1
            else:
                result[listing.id] = 0
        return result

    # ------------------------------------------------------------------
    # Scheduled jobs: one batch per call, the scheduler calls again while
    # records remain (and commits after each call)
    # ------------------------------------------------------------------
    @api.model
    def _validity_days(self):
        return self._int_param(VALIDITY_PARAM, 30)

    @api.model
    def _int_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key, default)
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return default

    @api.model
    def _cron_batch(self, domain, process, batch_size=CRON_BATCH):
        """Process one batch of the listings of ``domain`` (which ``process``
        takes out of the domain) and report the progress to the scheduler."""
        listings = self.search(domain, limit=batch_size, order="id")
        if listings:
            process(listings)
        remaining = self.search_count(domain) if len(listings) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(listings), remaining=remaining)
        return len(listings)

    @api.model
    def _expiry_domain(self):
        today = fields.Date.context_today(self)
        return [("state", "=", "published"), ("date_expiry", "<", today)]

    @api.model
    def _reminder_domain(self):
        today = fields.Date.context_today(self)
        days = self._int_param(REMINDER_PARAM, 3)
        return [
            ("state", "in", LIVE_STATES),
            ("expiry_reminded", "=", False),
            ("date_expiry", ">=", today),
            ("date_expiry", "<=", today + timedelta(days=days)),
        ]

    @api.model
    def _unanswered_domain(self):
        days = self._int_param(UNANSWERED_PARAM, 7)
        return [
            ("kind", "=", "need"),
            ("state", "=", "published"),
            ("is_hidden", "=", False),
            ("is_unanswered", "=", False),
            ("taken_count", "=", 0),
            ("date_published", "<=", fields.Datetime.now() - timedelta(days=days)),
        ]

    @api.model
    def _cron_expire(self, batch_size=CRON_BATCH):
        """Listings past their validity expire; their proposals are cancelled."""

        def expire(listings):
            listings.write({"state": "expired"})
            listings._matches("proposed")._cancel_proposals()

        return self._cron_batch(self._expiry_domain(), expire, batch_size)

    @api.model
    def _cron_remind_expiry(self, batch_size=CRON_BATCH):
        """The residents are reminded a few days before their listings
        expire, with a link to renew them in one tap."""

        def remind(listings):
            listings.write({"expiry_reminded": True})
            listings._post_template(
                "community_governance.mail_template_share_listing_expiring"
            )

        return self._cron_batch(self._reminder_domain(), remind, batch_size)

    @api.model
    def _cron_unanswered_needs(self, batch_size=CRON_BATCH):
        """Needs nobody answered within the configured days go to the office
        as an activity: it may raise a petition or answer through a
        volunteer."""

        def notify(listings):
            listings.write(
                {"is_unanswered": True, "date_office_notified": fields.Datetime.now()}
            )
            listings._schedule_office_activity(
                "community_governance.mail_activity_share_unanswered"
            )

        return self._cron_batch(self._unanswered_domain(), notify, batch_size)
