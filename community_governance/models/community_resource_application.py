# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import bisect
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .community_mixin import mask_name
from .community_resource_type import PRIORITY_GROUPS, PRIORITY_SEQUENCE, office_today

APPLICATION_STATES = [
    ("submitted", "Submitted"),
    ("eligible", "Eligible"),
    ("ineligible", "Not eligible"),
    ("waiting", "Waiting list"),
    ("offered", "Offered"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("expired", "Offer expired"),
    ("withdrawn", "Withdrawn"),
]
# Applications the household may still withdraw.
RUNNING_STATES = ("submitted", "eligible", "waiting", "offered")


class CommunityResourceApplication(models.Model):
    """A household's application in a round: who applied, which version of
    the rules they accepted, their priority group, rank and place on the
    waiting list, the offer and its answer."""

    _name = "community.resource.application"
    _description = "Application for a Shared Resource"
    _inherit = ["mail.thread", "community.mixin"]
    _order = "round_id desc, rank, id"
    _rec_name = "reference"

    reference = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        help="Public: the lottery ranks the applications from it, and the "
        "public page of the round lists it.",
    )
    round_id = fields.Many2one(
        "community.resource.round",
        required=True,
        index=True,
        ondelete="cascade",
    )
    type_id = fields.Many2one(
        related="round_id.type_id", store=True, index=True, string="Type"
    )
    community_id = fields.Many2one(
        related="round_id.community_id", store=True, index=True, string="Community"
    )
    allocation_method = fields.Selection(related="round_id.allocation_method")
    partner_id = fields.Many2one(
        "res.partner",
        string="Applicant",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_resident", "=", True), ("household_id", "!=", False)],
    )
    household_id = fields.Many2one(
        "community.household",
        required=True,
        index=True,
        ondelete="restrict",
        compute="_compute_household_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    masked_name = fields.Char(string="Public Name", compute="_compute_masked_name")
    priority_group = fields.Selection(
        PRIORITY_GROUPS, required=True, default="general", tracking=True
    )
    priority_sequence = fields.Integer(compute="_compute_priority_sequence", store=True)
    rules_version = fields.Integer(
        string="Rules Version Accepted",
        readonly=True,
        help="The version of the type's rules the applicant read and accepted.",
    )
    date_rules_accepted = fields.Datetime(string="Rules Accepted On", readonly=True)
    note = fields.Text(help="What the applicant wants the office or committee to know.")
    state = fields.Selection(
        APPLICATION_STATES,
        default="submitted",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    ineligible_reason = fields.Text(string="Why Not Eligible", tracking=True)
    rank = fields.Integer(
        index=True,
        copy=False,
        tracking=True,
        aggregator=False,
        help="Lottery: the position from the seed. First come: the order of "
        "arrival. Committee: the position the committee decided.",
    )
    draw_key = fields.Char(
        readonly=True,
        copy=False,
        help="SHA-256 of the seed, a colon and the reference (lotteries).",
    )
    date_submitted = fields.Datetime(
        string="Applied On", default=fields.Datetime.now, readonly=True, index=True
    )
    date_first_offer = fields.Datetime(string="First Offered On", readonly=True)
    date_offer = fields.Datetime(string="Offered On", readonly=True)
    date_offer_deadline = fields.Datetime(string="Answer By", readonly=True, index=True)
    date_decided = fields.Datetime(string="Answered On", readonly=True)
    allocation_ids = fields.One2many(
        "community.resource.allocation", "application_id", string="Allocations"
    )
    allocation_id = fields.Many2one(
        "community.resource.allocation",
        compute="_compute_allocation_id",
        help="The allocation made when the offer was accepted (renewals follow it).",
    )
    waiting_days = fields.Float(
        string="Days Until an Offer",
        compute="_compute_waiting_days",
        store=True,
        aggregator="avg",
        digits=(10, 1),
        help="From the draw (or the application, first come) to the first offer.",
    )
    waiting_position = fields.Integer(
        string="Place on the Waiting List", compute="_compute_waiting_position"
    )
    waiting_total = fields.Integer(
        string="Waiting in the Round", compute="_compute_waiting_position"
    )

    def init(self):
        # One running application per household and round, also when two
        # members apply at the same instant (the round's row lock serializes
        # them first, this index is the last word).
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS "
                "community_resource_application_household_uniq "
                "ON community_resource_application (round_id, household_id) "
                "WHERE state != 'withdrawn'"
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS "
                "community_resource_application_reference_uniq "
                "ON community_resource_application (reference)"
            )
        )

    @api.depends("partner_id")
    def _compute_household_id(self):
        for application in self:
            if not application.household_id:
                application.household_id = application.partner_id.household_id

    @api.depends("allocation_ids.renewed_from_id")
    def _compute_allocation_id(self):
        for application in self:
            application.allocation_id = application.allocation_ids.filtered(
                lambda a: not a.renewed_from_id
            )[:1]

    def _compute_masked_name(self):
        for application in self:
            application.masked_name = mask_name(application.sudo().partner_id.name)

    @api.depends("priority_group")
    def _compute_priority_sequence(self):
        for application in self:
            application.priority_sequence = PRIORITY_SEQUENCE.get(
                application.priority_group, len(PRIORITY_SEQUENCE)
            )

    @api.depends(
        "date_first_offer",
        "date_submitted",
        "round_id.date_draw",
        "round_id.allocation_method",
    )
    def _compute_waiting_days(self):
        for application in self:
            resource_round = application.round_id
            start = application.date_submitted
            if resource_round.allocation_method != "first_come" and (
                resource_round.date_draw
            ):
                start = resource_round.date_draw
            offered = application.date_first_offer
            application.waiting_days = (
                max((offered - start).total_seconds(), 0) / 86400
                if offered and start
                else 0.0
            )

    def _compute_waiting_position(self):
        """The place of each waiting application among the waiting ones of its
        round (1: next to be offered), in one grouped query."""
        waiting = self.filtered(lambda a: a.state == "waiting")
        ranks = {
            resource_round.id: sorted(r for r in round_ranks if r)
            for resource_round, round_ranks in self.sudo()._read_group(
                [("round_id", "in", waiting.round_id.ids), ("state", "=", "waiting")],
                ["round_id"],
                ["rank:array_agg"],
            )
        }
        for application in self:
            round_ranks = ranks.get(application.round_id.id, [])
            application.waiting_total = len(round_ranks)
            application.waiting_position = (
                bisect.bisect_right(round_ranks, application.rank)
                if application in waiting
                else 0
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            vals_list = self._prepare_office_applications(vals_list)
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if not vals.get("reference") or not self.env.su:
                vals["reference"] = Sequence.next_by_code(
                    "community.resource.application"
                )
        applications = super().create(vals_list)
        if not self.env.su:
            applications._after_submit()
        return applications

    def write(self, vals):
        if not self.env.su and {"reference", "draw_key", "round_id"} & vals.keys():
            raise UserError(
                self.env._(
                    "The reference, round and draw key of an application are part of "
                    "the published draw and cannot change."
                )
            )
        if not self.env.su and "rank" in vals:
            for application in self:
                if application.allocation_method != "committee" or (
                    application.round_id.state != "closed"
                ):
                    raise UserError(
                        self.env._(
                            "Ranks are set by the draw; only a committee round "
                            "takes ranks from the office, before its result is "
                            "published."
                        )
                    )
        return super().write(vals)

    def _prepare_office_applications(self, vals_list):
        """The office records applications made on paper (in its
        communities): the same checks as on the portal."""
        self._check_office(
            self.env._(
                "Residents apply from the portal; the office records paper ones."
            )
        )
        Round = self.env["community.resource.round"]
        prepared = []
        for vals in vals_list:
            resource_round = Round.browse(vals.get("round_id"))
            resource_round.check_access("write")
            partner = self.env["res.partner"].browse(vals.get("partner_id")).sudo()
            round_sudo = resource_round.sudo()
            round_sudo._check_takes_applications()
            values = round_sudo._prepare_application(partner)
            values["note"] = vals.get("note") or False
            prepared.append(values)
        return prepared

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_decline(self):
        """The household declines the offer: the item goes to the next one."""
        self.ensure_one()
        application = self._checked_household()
        if application.state != "offered":
            raise UserError(self._no_offer_message())
        application.write({"state": "declined", "date_decided": fields.Datetime.now()})
        self.env["community.resource"]._trigger_waiting_lists()
        return True

    def action_withdraw(self):
        """The household withdraws its application (and any offer)."""
        self.ensure_one()
        application = self._checked_household()
        if application.state not in RUNNING_STATES:
            raise UserError(
                self.env._(
                    "Application %(reference)s is over: nothing to withdraw.",
                    reference=application.reference,
                )
            )
        was_offered = application.state == "offered"
        application.write({"state": "withdrawn", "date_decided": fields.Datetime.now()})
        if was_offered:
            self.env["community.resource"]._trigger_waiting_lists()
        return True

    def action_open_ineligible(self):
        """The office gives the reason an application is not eligible."""
        return self._action_open(
            "community_governance.community_resource_reason_wizard_action_ineligible",
            context={"default_application_ids": self.ids},
        )

    def action_view_allocation(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_resource_allocation_action",
            domain=[("id", "=", self.allocation_id.id)],
            context={},
            res_id=self.allocation_id.id,
            view_mode="form",
            views=[(False, "form")],
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def accept(self, resource_id=None):
        """The household accepts its offer and takes an item of the round:
        ``resource_id`` (one of the free items of the round), or the first
        free one. Two households taking the same item at the same instant end
        with one allocation: the item's row is updated conditionally (see
        ``community.resource._take``); the other is told and keeps its offer.

        :return: the allocation
        """
        self.ensure_one()
        application = self._checked_household()
        _ = self.env._
        now = fields.Datetime.now()
        if application.state != "offered":
            raise UserError(self._no_offer_message())
        if application.date_offer_deadline and application.date_offer_deadline < now:
            raise UserError(
                _(
                    "The offer expired on %(date)s: the item goes to the next "
                    "household on the waiting list.",
                    date=application.date_offer_deadline.date(),
                )
            )
        resource_round = application.round_id
        free = resource_round._free_resources().get(resource_round.id)
        free = free.sorted("code") if free else self.env["community.resource"]
        if resource_id:
            chosen = self.env["community.resource"].sudo().browse(int(resource_id))
            if chosen not in resource_round.resource_ids:
                raise UserError(
                    _(
                        "Choose one of the items offered in %(round)s.",
                        round=resource_round.name,
                    )
                )
            candidates = chosen & free
            if not candidates:
                raise UserError(
                    _(
                        "%(item)s is no longer free: another household took it "
                        "just before you. Your offer stands: choose another item.",
                        item=chosen.display_name,
                    )
                )
        elif not free:
            raise UserError(
                _(
                    "No item of %(round)s is free at this moment. Your offer stands "
                    "until %(date)s.",
                    round=resource_round.name,
                    date=application.date_offer_deadline.date(),
                )
            )
        else:
            candidates = free
        application._check_household_limit()
        taken = next((r for r in candidates if r._take()), None)
        if not taken:
            raise UserError(
                _(
                    "%(item)s is no longer free: another household took it just "
                    "before you. Your offer stands: choose another item.",
                    item=candidates[0].display_name,
                )
            )
        Allocation = self.env["community.resource.allocation"].sudo()
        allocation = Allocation.create(application._prepare_allocation(taken))
        application.write({"state": "accepted", "date_decided": now})
        allocation._post_template(
            "community_governance.mail_template_resource_allocated"
        )
        resource_round._check_fully_allocated()
        return Allocation.with_env(self.env).browse(allocation.id)

    def mark_ineligible(self, reason):
        """Office: the application is not eligible, for ``reason``."""
        self._check_office(
            self.env._("Only the community office decides on eligibility.")
        )
        self.check_access("write")
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._("Give the reason the application is not eligible.")
            )
        if any(a.state not in ("submitted", "eligible", "waiting") for a in self):
            raise UserError(
                self.env._(
                    "Only applications not yet offered can be declared not eligible."
                )
            )
        self.write({"state": "ineligible", "ineligible_reason": reason})
        return True

    def _checked_household(self):
        """The application as superuser when the current user may answer
        for it: a member of the household that applied, or the office."""
        household = self.env.user.partner_id.household_id
        return self._checked_sudo(
            lambda a: bool(household) and a.household_id == household,
            self.env._("Only the household that applied can do this."),
        ).sudo()

    def _no_offer_message(self):
        return self.env._(
            "Application %(reference)s has no open offer.", reference=self.reference
        )

    def _after_submit(self):
        """Confirm the applications to their applicants; in a first come
        round, offer a free item at once."""
        self._post_template(
            "community_governance.mail_template_resource_application_received"
        )
        self.filtered(lambda a: a.state == "waiting").round_id._make_offers()

    def _check_register(self):
        """Check the submitted applications against the resident register
        again (at the close of the round): eligible, or not with the reason."""
        eligible = self.browse()
        ineligible = defaultdict(lambda: self.browse())
        by_round = defaultdict(lambda: self.browse())
        for application in self:
            by_round[application.round_id] |= application
        for resource_round, applications in by_round.items():
            result = resource_round._eligibility_of(applications.partner_id)
            for application in applications:
                reasons, _group = result[(resource_round.id, application.partner_id.id)]
                if application.partner_id.sudo().household_id != (
                    application.household_id
                ):
                    reasons = [
                        self.env._(
                            "The applicant no longer lives in the household that "
                            "applied."
                        )
                    ]
                if reasons:
                    ineligible["\n".join(reasons)] |= application
                else:
                    eligible |= application
        eligible.write({"state": "eligible"})
        for reason, applications in ineligible.items():
            applications.write({"state": "ineligible", "ineligible_reason": reason})

    def _check_household_limit(self):
        """Refuse an item beyond what the type allows a household. The
        household's row is updated first (a no-op update): two acceptances of
        one household serialize, the later one is retried and counts the
        earlier one's item."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "UPDATE community_household SET write_date = write_date WHERE id = %s",
                self.household_id.id,
            ),
            log_exceptions=False,
        )
        resource_type = self.type_id
        start = self.round_id.date_term_start or office_today(self)
        held = (
            self.env["community.resource.allocation"]
            .sudo()
            .search_count(
                [
                    ("household_id", "=", self.household_id.id),
                    ("type_id", "=", resource_type.id),
                    ("state", "=", "active"),
                    ("date_end", ">=", start),
                ]
            )
        )
        if held >= resource_type.max_per_household:
            raise UserError(
                self.env._(
                    "Your household already holds %(count)s %(type)s item(s), the "
                    "most a household may hold.",
                    count=held,
                    type=resource_type.name,
                )
            )

    def _prepare_allocation(self, resource):
        self.ensure_one()
        today = office_today(self)
        resource_round = self.round_id
        start = max(today, resource_round.date_term_start or today)
        return {
            "resource_id": resource.id,
            "household_id": self.household_id.id,
            "partner_id": self.partner_id.id,
            "round_id": resource_round.id,
            "application_id": self.id,
            "date_start": start,
            "date_end": resource_round._term_end(start),
        }

    def _offer(self):
        """Offer an item to the applications (private, see
        ``community.resource.round._make_offers``); each household has the
        type's days to accept."""
        if not self:
            return
        now = fields.Datetime.now()
        self.filtered(lambda a: not a.date_first_offer).write({"date_first_offer": now})
        by_days = defaultdict(lambda: self.browse())
        for application in self:
            by_days[application.type_id.offer_days] |= application
        for days, applications in by_days.items():
            applications.write(
                {
                    "state": "offered",
                    "date_offer": now,
                    "date_offer_deadline": now + timedelta(days=days),
                }
            )
        self._post_template("community_governance.mail_template_resource_offer")

    @api.model
    def _expired_offers_domain(self):
        return [
            ("state", "=", "offered"),
            ("date_offer_deadline", "<", fields.Datetime.now()),
        ]

    def _expire(self):
        """The offers were not answered in time (the job); the items go to the
        next households."""
        self.write({"state": "expired", "date_decided": fields.Datetime.now()})
        self._post_template("community_governance.mail_template_resource_offer_expired")

    def _offer_resources(self):
        """The items the household may choose from when it accepts (free
        items of the round)."""
        self.ensure_one()
        if self.state != "offered":
            return self.env["community.resource"]
        resource_round = self.sudo().round_id
        free = resource_round._free_resources().get(resource_round.id)
        return free.sorted("code") if free else self.env["community.resource"]
