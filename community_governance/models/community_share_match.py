# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, create_index

from .community_petition import clean_text
from .community_share_listing import MAX_REASON, WHATS
from .community_share_mixin import create_once

STATES = [
    ("proposed", "Proposed"),
    ("accepted", "Accepted by Both"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
    ("failed", "Failed"),
]
OPEN_STATES = ("proposed", "accepted")
RATINGS = [
    ("1", "Poor"),
    ("2", "Fair"),
    ("3", "Good"),
    ("4", "Very good"),
    ("5", "Excellent"),
]
SIDES = ("provider", "receiver")
# Given by each side about the other: the provider rates the receiver.
RATING_FIELDS = {
    "provider": ("rating_by_provider", "comment_by_provider"),
    "receiver": ("rating_by_receiver", "comment_by_receiver"),
}
# Set by the workflow methods only.
WORKFLOW_FIELDS = {
    "need_id",
    "offer_id",
    "provider_id",
    "receiver_id",
    "proposer_id",
    "state",
    "provider_accepted",
    "receiver_accepted",
    "provider_done",
    "receiver_done",
    "date_accepted",
    "date_done",
    "rating_by_provider",
    "comment_by_provider",
    "rating_by_receiver",
    "comment_by_receiver",
    "volunteer_hour_id",
    "fail_reason",
}
MAX_COMMENT = 1000


class CommunityShareMatch(models.Model):
    """An offer and a need paired, or a listing and the neighbour who answers
    it: the provider (who lends, gives or helps) and the receiver. Proposed by
    one side (or the office), accepted by both, after which each sees the
    other's phone and e-mail; done once both confirmed; each side rates the
    other once. The conversation between the two is the chatter.

    Ratings are a pair of fields here rather than ``rating.rating``: there
    are two per match, in opposite directions, each given once by a portal
    user (who may not read ``rating.rating``), and the suggestions rank the
    neighbours by the ratings they received in the same grouped query."""

    _name = "community.share.match"
    _description = "Shared Community Match"
    _inherit = ["community.share.mixin", "portal.mixin", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    # The two neighbours write in the conversation of the match they see.
    _mail_post_access = "read"

    need_id = fields.Many2one(
        "community.share.listing",
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    offer_id = fields.Many2one(
        "community.share.listing",
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    # Shown to the two neighbours, who may no longer see the other listing.
    need_title = fields.Char(related="need_id.name", string="Need Title")
    offer_title = fields.Char(related="offer_id.name", string="Offer Title")
    category_id = fields.Many2one(
        "community.share.category",
        compute="_compute_listing_values",
        store=True,
        index=True,
    )
    what = fields.Selection(WHATS, compute="_compute_listing_values", store=True)
    community_id = fields.Many2one(
        "community.area",
        compute="_compute_listing_values",
        store=True,
        index=True,
    )
    provider_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
        help="Who lends, gives or helps.",
    )
    receiver_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
        help="Who borrows, receives or is helped.",
    )
    provider_name = fields.Char(related="provider_id.name", string="Provider Name")
    receiver_name = fields.Char(related="receiver_id.name", string="Receiver Name")
    proposer_id = fields.Many2one(
        "res.users",
        string="Proposed By",
        readonly=True,
        default=lambda self: self.env.user,
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="proposed",
        index=True,
        tracking=True,
        readonly=True,
    )
    provider_accepted = fields.Boolean(readonly=True, default=False)
    receiver_accepted = fields.Boolean(readonly=True, default=False)
    provider_done = fields.Boolean(
        string="Provider Confirmed", readonly=True, default=False
    )
    receiver_done = fields.Boolean(
        string="Receiver Confirmed", readonly=True, default=False
    )
    date_accepted = fields.Datetime(string="Accepted On", readonly=True, index=True)
    date_done = fields.Datetime(string="Done On", readonly=True, index=True)
    hours = fields.Float(
        string="Hours of Service",
        digits=(6, 2),
        compute="_compute_hours",
        store=True,
        readonly=False,
        help="Logged as volunteer hours of the provider when the community "
        "counts the services rendered.",
    )
    rating_by_receiver = fields.Selection(
        RATINGS, string="Receiver's Rating", readonly=True
    )
    comment_by_receiver = fields.Text(string="Receiver's Comment", readonly=True)
    rating_by_provider = fields.Selection(
        RATINGS, string="Provider's Rating", readonly=True
    )
    comment_by_provider = fields.Text(string="Provider's Comment", readonly=True)
    volunteer_hour_id = fields.Many2one(
        "community.volunteer.hour",
        string="Volunteer Hours",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    # portal.mixin's token: these pages open for the logged-in residents only,
    # and a token readable by a neighbour would open the record's messages.
    access_token = fields.Char(groups="base.group_user")
    fail_reason = fields.Text(string="What Went Wrong", readonly=True)
    # The current user's side and the other side, for the two neighbours: the
    # contact only once both accepted.
    my_side = fields.Selection(
        [("provider", "Provider"), ("receiver", "Receiver")],
        compute="_compute_counterpart",
    )
    counterpart_name = fields.Char(compute="_compute_counterpart")
    contact_visible = fields.Boolean(compute="_compute_counterpart")
    counterpart_phone = fields.Char(compute="_compute_counterpart")
    counterpart_email = fields.Char(compute="_compute_counterpart")

    def init(self):
        # One open match per listings and neighbours: a proposal sent twice
        # (double click, two requests at once) is one match.
        self.env.cr.execute(
            SQL(
                """
                CREATE UNIQUE INDEX IF NOT EXISTS community_share_match_open_uniq
                    ON %s (COALESCE(need_id, 0), COALESCE(offer_id, 0),
                           provider_id, receiver_id)
                 WHERE state IN ('proposed', 'accepted')
                """,
                SQL.identifier(self._table),
            )
        )
        # The reliability of the neighbours of a community (suggestions).
        create_index(
            self.env.cr,
            "community_share_match_community_state_idx",
            self._table,
            ["community_id", "state"],
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("need_id", "offer_id")
    def _compute_listing_values(self):
        for match in self:
            listing = match.need_id or match.offer_id
            match.category_id = listing.category_id
            match.what = listing.what
            match.community_id = listing.community_id

    @api.depends("need_id.service_hours", "offer_id.service_hours")
    def _compute_hours(self):
        for match in self:
            if match.state in OPEN_STATES:
                match.hours = (
                    match.need_id.service_hours or match.offer_id.service_hours or 1.0
                )
            else:
                match.hours = match.hours

    @api.depends("need_title", "offer_title", "provider_name", "receiver_name")
    def _compute_display_name(self):
        for match in self:
            match.display_name = self.env._(
                "%(title)s (%(provider)s to %(receiver)s)",
                title=match.need_title or match.offer_title or "",
                provider=match.provider_name or "",
                receiver=match.receiver_name or "",
            )

    @api.depends_context("uid")
    @api.depends("state", "provider_id", "receiver_id")
    def _compute_counterpart(self):
        partner = self.env.user.partner_id
        for match in self:
            sudo = match.sudo()
            if sudo.provider_id == partner:
                side, other = "provider", sudo.receiver_id
            elif sudo.receiver_id == partner:
                side, other = "receiver", sudo.provider_id
            else:
                side, other = False, sudo.provider_id.browse()
            visible = bool(side) and sudo.state in ("accepted", "done")
            match.my_side = side
            match.counterpart_name = other.name or False
            match.contact_visible = visible
            match.counterpart_phone = (
                (other.phone or other.mobile) if visible else False
            )
            match.counterpart_email = other.email if visible else False

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for match in self:
            match.access_url = f"/my/share/matches/{match.id}"
        return res

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------
    @api.constrains("need_id", "offer_id", "provider_id", "receiver_id")
    def _check_sides(self):
        for match in self:
            need, offer = match.need_id, match.offer_id
            if not (need or offer):
                raise ValidationError(self.env._("A match pairs at least one listing."))
            if need and need.kind != "need" or offer and offer.kind != "offer":
                raise ValidationError(self.env._("A match pairs a need with an offer."))
            if match.provider_id == match.receiver_id:
                raise ValidationError(
                    self.env._("A resident is not matched with themself.")
                )
            if offer and match.provider_id != offer.partner_id:
                raise ValidationError(self.env._("The provider is who offers."))
            if need and match.receiver_id != need.partner_id:
                raise ValidationError(self.env._("The receiver is who needs."))
            if need and offer and need.community_id != offer.community_id:
                raise ValidationError(
                    self.env._("A need and an offer are matched in one community.")
                )
            community = (need or offer).community_id
            strangers = (
                (match.provider_id | match.receiver_id)
                .sudo()
                .filtered(
                    lambda p, community=community: (
                        not p.is_resident or p.community_id != community
                    )
                )
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(names)s do not live in %(community)s.",
                        names=", ".join(strangers.mapped("name")),
                        community=community.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A match is proposed from a listing (Answer, or a suggestion)."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            if WORKFLOW_FIELDS & vals.keys():
                raise UserError(
                    self.env._("A match changes with the buttons of its two sides.")
                )
            if "hours" in vals and any(m.state not in OPEN_STATES for m in self):
                raise UserError(
                    self.env._("The hours of a closed match no longer change.")
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions (buttons of the two sides)
    # ------------------------------------------------------------------
    def action_accept(self):
        """The current user's side accepts; once both sides did, the match is
        accepted: the listings are taken and the two see each other's
        contact."""
        self.ensure_one()
        sides = self._acting_sides()
        match = self._locked()
        if match.state != "proposed":
            raise UserError(
                self.env._("This match is no longer waiting for an answer.")
            )
        vals = {f"{side}_accepted": True for side in sides}
        if all(vals.get(f"{s}_accepted") or match[f"{s}_accepted"] for s in SIDES):
            (match.need_id | match.offer_id)._take()
            vals.update(state="accepted", date_accepted=fields.Datetime.now())
        match.write(vals)
        if match.state == "accepted":
            match._post_template(
                "community_governance.mail_template_share_match_accepted"
            )
        return True

    def action_cancel(self):
        """Decline or withdraw a proposal, or call off an accepted match (the
        listings are available again): either side, or the office."""
        self.ensure_one()
        self._acting_sides(office=True)
        match = self._locked()
        if match.state not in OPEN_STATES:
            raise UserError(self.env._("This match is already closed."))
        if match.state == "accepted":
            (match.need_id | match.offer_id)._release()
        match.write({"state": "cancelled"})
        return True

    def action_confirm_done(self):
        """The current user's side confirms the hand-off or the service; once
        both did, the match is done: the listings are fulfilled and, where
        the community counts them, the provider's service is submitted as
        volunteer hours."""
        self.ensure_one()
        sides = self._acting_sides()
        match = self._locked()
        if match.state != "accepted":
            raise UserError(self.env._("Only an accepted match is confirmed as done."))
        vals = {f"{side}_done": True for side in sides}
        if all(vals.get(f"{s}_done") or match[f"{s}_done"] for s in SIDES):
            (match.need_id | match.offer_id)._fulfil()
            vals.update(state="done", date_done=fields.Datetime.now())
        match.write(vals)
        if match.state == "done":
            match._log_volunteer_hours()
            match.message_post(
                body=self.env._("Both sides confirmed: done. Thank you, neighbours!"),
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_view_volunteer_hour(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_volunteer_hour_action",
            res_id=self.volunteer_hour_id.id,
            view_mode="form",
            views=[(False, "form")],
        )

    # ------------------------------------------------------------------
    # Business methods (public: each checks who calls it)
    # ------------------------------------------------------------------
    def fail(self, reason):
        """It did not happen (nobody came, the item broke): either side of an
        accepted match says what went wrong; the listings are available
        again."""
        self.ensure_one()
        self._acting_sides(office=True)
        reason = clean_text(
            self.env,
            reason,
            self.env._("What went wrong"),
            MAX_REASON,
            self.env._("Say what went wrong."),
        )
        match = self._locked()
        if match.state != "accepted":
            raise UserError(self.env._("Only an accepted match can fail."))
        (match.need_id | match.offer_id)._release()
        match.write({"state": "failed", "fail_reason": reason})
        return True

    def rate(self, rating, comment=None):
        """Each side rates the other once the match is done, 1 (poor) to 5
        (excellent), with a comment: once. Only the two neighbours rate, not
        the office in their place."""
        self.ensure_one()
        if (
            isinstance(rating, str)
            and rating.strip().isascii()
            and rating.strip().isdigit()
        ):
            rating = int(rating)
        if (
            isinstance(rating, bool)
            or not isinstance(rating, int)
            or not 1 <= rating <= 5
        ):
            raise UserError(self.env._("Choose a rating from 1 to 5."))
        comment = clean_text(self.env, comment, self.env._("The comment"), MAX_COMMENT)
        self.check_access("read")
        side = self.my_side
        if not side:
            raise AccessError(
                self.env._("Only the two neighbours of this match rate it.")
            )
        match = self._locked()
        if match.state != "done":
            raise UserError(self.env._("A match is rated once it is done."))
        rating_field, comment_field = RATING_FIELDS[side]
        if match[rating_field]:
            raise UserError(self.env._("You already rated this match."))
        match.write({rating_field: str(rating), comment_field: comment or False})
        return True

    # ------------------------------------------------------------------
    # Private steps (the caller checked the user's right)
    # ------------------------------------------------------------------
    def _acting_sides(self, office=False):
        """The sides the current user acts for: their own, as one of the two
        neighbours; for the office, the sides whose resident has no portal
        account (the office acts for them), or both with ``office`` (the
        office may call off any match of its communities).

        :raise AccessError: anybody else
        """
        self.ensure_one()
        if self.env.su:
            return set(SIDES)
        self.check_access("read")
        match = self.sudo()
        partner = self.env.user.partner_id
        sides = {side for side in SIDES if match[f"{side}_id"] == partner}
        if not sides and self._is_office():
            self.check_access("write")
            if office:
                return set(SIDES)
            sides = {side for side in SIDES if not match[f"{side}_id"].user_ids}
        if not sides:
            raise AccessError(
                self.env._("Only the two neighbours of this match can do this.")
            )
        return sides

    def _locked(self):
        """The match as superuser, its row locked: a concurrent request on the
        same match waits, then fails on the row changed under it and is
        retried, seeing what this one did (two confirmations at the same
        instant end as one done match)."""
        self.ensure_one()
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id = %s FOR UPDATE",
                SQL.identifier(self._table),
                self.id,
            )
        )
        self.invalidate_recordset()
        return self.sudo()

    @api.model
    def _propose(self, vals, accepted):
        """A new match of ``vals`` (listings, provider, receiver), with the
        ``accepted`` sides already accepted; the two neighbours follow it
        and the other side is asked to answer. Private: the listing's method
        checked the user's right.

        :raise UserError: the same match is already open
        """
        vals = dict(vals, proposer_id=self.env.uid)
        for side in accepted:
            vals[f"{side}_accepted"] = True
        Match = self.sudo()
        already = self.env._("You already proposed this: see your matches.")
        if Match.search_count(
            [
                ("state", "in", OPEN_STATES),
                ("need_id", "=", vals.get("need_id", False)),
                ("offer_id", "=", vals.get("offer_id", False)),
                ("provider_id", "=", vals["provider_id"]),
                ("receiver_id", "=", vals["receiver_id"]),
            ],
            limit=1,
        ):
            raise UserError(already)
        match = create_once(
            Match.with_context(mail_create_nosubscribe=True),
            vals,
            "community_share_match_open_uniq",
            already,
        )
        match.message_subscribe(partner_ids=(match.provider_id | match.receiver_id).ids)
        to_answer = [match[f"{side}_id"].id for side in SIDES if side not in accepted]
        match._post_template(
            "community_governance.mail_template_share_match_proposed",
            partner_ids=to_answer,
        )
        return match.sudo(False)

    def _cancel_proposals(self):
        """The listing is no longer available: its proposals are cancelled."""
        proposals = self.sudo().filtered(lambda m: m.state == "proposed")
        proposals.write({"state": "cancelled"})
        return proposals

    def _log_volunteer_hours(self):
        """A submitted volunteer-hour entry on the service line for the
        provider of a done service, where the community counts them; the
        office approves it like any other."""
        self.ensure_one()
        if (
            self.what != "skill"
            or not self.community_id.share_volunteer_hours
            or self.volunteer_hour_id
        ):
            return
        provider = self.provider_id
        if not provider.is_volunteer:
            self.message_post(
                body=self.env._(
                    "%(name)s is not a registered volunteer: this service was not "
                    "logged as volunteer hours.",
                    name=provider.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            return
        # The office's day, as when it registered the volunteer (a resident
        # without a time zone would date the service the day before, earlier
        # than the registration, in the hours the two days differ).
        Hour = (
            self.env["community.volunteer.hour"]
            .sudo()
            .with_context(tz=self.community_id.user_id.tz or self.env.user.tz)
        )
        try:
            with self.env.cr.savepoint():
                hour = Hour.create(
                    {
                        "volunteer_id": provider.id,
                        "date": fields.Date.context_today(Hour),
                        "hours": self.hours or 1.0,
                        "line_id": self.env.ref("community_governance.line_service").id,
                        "state": "submitted",
                        "description": f"{self.need_title or self.offer_title}"
                        f" ({self.receiver_id.name})",
                    }
                )
        except ValidationError as error:
            self.message_post(body=error.args[0], subtype_xmlid="mail.mt_note")
            return
        self.write({"volunteer_hour_id": hour.id})

    def _portal_actions(self):
        """What the current user may do with this match on its page (the
        buttons; the methods check again)."""
        self.ensure_one()
        side = self.my_side
        match = self.sudo()
        is_open = match.state in OPEN_STATES
        return {
            "side": side,
            "can_accept": bool(side)
            and match.state == "proposed"
            and not match[f"{side}_accepted"],
            "waiting_other": bool(side)
            and match.state == "proposed"
            and match[f"{side}_accepted"],
            "can_cancel": bool(side) and is_open,
            "can_fail": bool(side) and match.state == "accepted",
            "can_confirm": bool(side)
            and match.state == "accepted"
            and not match[f"{side}_done"],
            "confirmed": bool(side)
            and match.state == "accepted"
            and match[f"{side}_done"],
            "can_rate": bool(side)
            and match.state == "done"
            and not match[RATING_FIELDS[side][0]],
        }
