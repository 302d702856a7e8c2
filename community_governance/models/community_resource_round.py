# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import logging
import threading
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .community_mixin import mask_name
from .community_resource_type import PRIORITY_GROUPS, office_today

_logger = logging.getLogger(__name__)

ROUND_STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("closed", "Closed"),
    ("drawn", "Drawn"),
    ("allocated", "Allocated"),
]
# Rounds whose waiting list offers the free items (an open round only when
# it is first come: its applications are ranked as they arrive).
LIVE_STATES = ("open", "drawn", "allocated")
# Rounds whose applications (references, masked names, ranks) are public.
PUBLIC_STATES = ("closed", "drawn", "allocated")
DEFAULT_BATCH_SIZE = 200


def draw_key(seed, reference):
    """The key of an application in a lottery: the SHA-256 of the seed, a
    colon and the application's reference, in hexadecimal. Applications are
    ranked by priority group, then by key (ascending), then by reference.
    The public page of the draw states the same, so anybody can recompute it.
    """
    return hashlib.sha256(f"{seed}:{reference}".encode()).hexdigest()


class CommunityResourceRound(models.Model):
    """An application round: the items of a type offered in a window, the
    applications, their ranks (a lottery anybody can recompute, the order of
    arrival, or the committee's decision) and the waiting list that offers
    freed items by itself."""

    _name = "community.resource.round"
    _description = "Application Round"
    _inherit = ["mail.thread", "community.mixin"]
    _order = "date_open desc, id desc"

    name = fields.Char(required=True, tracking=True)
    type_id = fields.Many2one(
        "community.resource.type",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    community_id = fields.Many2one(
        related="type_id.community_id", store=True, index=True, string="Community"
    )
    club_id = fields.Many2one(related="type_id.club_id", string="Rules Set By")
    allocation_method = fields.Selection(
        related="type_id.allocation_method", store=True
    )
    rules = fields.Html(related="type_id.rules")
    rules_version = fields.Integer(related="type_id.rules_version")
    resource_ids = fields.Many2many(
        "community.resource",
        "community_resource_round_rel",
        "round_id",
        "resource_id",
        string="Items Offered",
        domain="[('type_id', '=', type_id), ('state', '!=', 'retired')]",
    )
    resource_count = fields.Integer(
        string="Items", compute="_compute_resource_count", store=True
    )
    date_open = fields.Date(
        string="Applications From", required=True, tracking=True, index=True
    )
    date_close = fields.Date(string="Applications Until", required=True, tracking=True)
    date_term_start = fields.Date(
        string="Term Starts",
        tracking=True,
        help="The first day of the allocated term; the terms follow one another "
        "from it (an item offered later runs until the end of the current term). "
        "Empty: each allocation starts on acceptance for one term.",
    )
    description = fields.Html(string="Notice")
    state = fields.Selection(
        ROUND_STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    seed_source = fields.Text(
        string="How the Seed Is Chosen",
        tracking=True,
        help="Announced before the round opens: numbers nobody knows yet and "
        "anybody can check later (e.g. a public lottery draw of a given date, "
        "with numbers drawn at the residents' meeting).",
    )
    seed = fields.Char(tracking=True, copy=False)
    date_seed_published = fields.Datetime(
        string="Seed Published On", readonly=True, copy=False
    )
    witnesses = fields.Text(
        tracking=True,
        help="Who watched the seed being taken and the draw (names and roles).",
    )
    date_draw = fields.Datetime(string="Drawn On", readonly=True, copy=False)
    draw_user_id = fields.Many2one(
        "res.users", string="Drawn By", readonly=True, copy=False
    )
    application_ids = fields.One2many(
        "community.resource.application", "round_id", string="All Applications"
    )
    application_count = fields.Integer(
        string="Applications",
        compute="_compute_application_counts",
        store=True,
        aggregator="sum",
        help="Applications not withdrawn.",
    )
    eligible_count = fields.Integer(
        string="Eligible Applications",
        compute="_compute_application_counts",
        store=True,
        aggregator="sum",
    )
    oversubscription = fields.Float(
        string="Applications per Item",
        compute="_compute_application_counts",
        store=True,
        aggregator="avg",
        digits=(10, 2),
        help="Applications (not withdrawn) ÷ items offered.",
    )
    waiting_count = fields.Integer(
        string="On the Waiting List", compute="_compute_live_counts"
    )
    offered_count = fields.Integer(string="Open Offers", compute="_compute_live_counts")
    allocated_count = fields.Integer(string="Accepted", compute="_compute_live_counts")
    application_seq = fields.Integer(
        readonly=True,
        copy=False,
        help="Applications received so far: the rank of the next one in a first "
        "come round.",
    )
    public_url = fields.Char(string="Public Page", compute="_compute_public_url")

    @api.depends("resource_ids")
    def _compute_resource_count(self):
        for resource_round in self:
            resource_round.resource_count = len(resource_round.resource_ids)

    @api.depends("application_ids.state", "resource_ids")
    def _compute_application_counts(self):
        groups = self.env["community.resource.application"]._read_group(
            [("round_id", "in", self.ids), ("state", "!=", "withdrawn")],
            ["round_id", "state"],
            ["__count"],
        )
        counts = defaultdict(lambda: defaultdict(int))
        for resource_round, state, count in groups:
            counts[resource_round.id][state] += count
        for resource_round in self:
            by_state = counts[resource_round.id]
            total = sum(by_state.values())
            resource_round.application_count = total
            resource_round.eligible_count = total - sum(
                by_state[s] for s in ("submitted", "ineligible")
            )
            items = len(resource_round.resource_ids)
            resource_round.oversubscription = total / items if items else 0.0

    def _compute_live_counts(self):
        groups = self.env["community.resource.application"]._read_group(
            [
                ("round_id", "in", self.ids),
                ("state", "in", ("waiting", "offered", "accepted")),
            ],
            ["round_id", "state"],
            ["__count"],
        )
        counts = {(r.id, state): count for r, state, count in groups}
        for resource_round in self:
            resource_round.waiting_count = counts.get((resource_round.id, "waiting"), 0)
            resource_round.offered_count = counts.get((resource_round.id, "offered"), 0)
            resource_round.allocated_count = counts.get(
                (resource_round.id, "accepted"), 0
            )

    def _compute_public_url(self):
        for resource_round in self:
            resource_round.public_url = (
                f"/resources/draws/{resource_round.id}" if resource_round.id else False
            )

    @api.constrains("date_open", "date_close")
    def _check_dates(self):
        for resource_round in self:
            if resource_round.date_close < resource_round.date_open:
                raise ValidationError(
                    self.env._(
                        "%(round)s closes before it opens.", round=resource_round.name
                    )
                )

    @api.constrains("resource_ids", "type_id")
    def _check_resource_type(self):
        for resource_round in self:
            other = resource_round.resource_ids.filtered(
                lambda r, t=resource_round.type_id: r.type_id != t
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "%(item)s is not an item of %(type)s.",
                        item=other[0].display_name,
                        type=resource_round.type_id.name,
                    )
                )

    def write(self, vals):
        if not self.env.su:
            for resource_round in self:
                resource_round._check_writable(vals)
        return super().write(vals)

    def _check_writable(self, vals):
        """What was announced stays as announced: the type and the way the
        seed is chosen once the round is open, the seed once published, the
        items and witnesses once drawn."""
        _ = self.env._
        if self.state != "draft" and {"type_id", "seed_source"} & vals.keys():
            raise UserError(
                _(
                    "%(round)s is open: its type and the way its seed is chosen "
                    "were announced and cannot change.",
                    round=self.name,
                )
            )
        if self.date_seed_published and "seed" in vals:
            raise UserError(
                _(
                    "The seed of %(round)s is published and cannot change.",
                    round=self.name,
                )
            )
        if (
            self.state in ("drawn", "allocated")
            and {
                "resource_ids",
                "witnesses",
            }
            & vals.keys()
        ):
            raise UserError(
                _(
                    "%(round)s was drawn: its items and witnesses are part of the "
                    "published result.",
                    round=self.name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open(self):
        """Office: the round takes applications."""
        self._check_manage(("draft",))
        for resource_round in self:
            if not resource_round.resource_ids:
                raise UserError(
                    self.env._(
                        "Offer at least one item in %(round)s.",
                        round=resource_round.name,
                    )
                )
            if (
                resource_round.allocation_method == "lottery"
                and not (resource_round.seed_source or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "Announce how the seed of %(round)s will be chosen before "
                        "it opens: nobody may know it while applications come in.",
                        round=resource_round.name,
                    )
                )
        self.write({"state": "open"})
        return True

    def action_close(self):
        """Office: applications are closed and checked against the register
        again (a household may have moved out since it applied). A first come
        round is ranked already: its waiting list goes on."""
        self._check_manage(("open",))
        submitted = self.application_ids.filtered(lambda a: a.state == "submitted")
        submitted._check_register()
        first_come = self.filtered(lambda r: r.allocation_method == "first_come")
        first_come.write({"state": "drawn"})
        (self - first_come).write({"state": "closed"})
        return True

    def action_publish_seed(self):
        """Office: publish the seed taken as announced (before the draw)."""
        self._check_manage(("closed",))
        for resource_round in self:
            if resource_round.allocation_method != "lottery":
                raise UserError(
                    self.env._("%(round)s is not a lottery.", round=resource_round.name)
                )
            if not (resource_round.seed or "").strip():
                raise UserError(
                    self.env._(
                        "Enter the seed of %(round)s, taken as announced: %(how)s",
                        round=resource_round.name,
                        how=resource_round.seed_source,
                    )
                )
        self.write({"date_seed_published": fields.Datetime.now()})
        return True

    def action_draw(self):
        """Office: rank the eligible applications (the lottery from the
        published seed, or the committee's ranks), put them on the waiting
        list and offer the items to the first ones."""
        self._check_manage(("closed",))
        for resource_round in self:
            resource_round._rank()
        self.write(
            {
                "state": "drawn",
                "date_draw": fields.Datetime.now(),
                "draw_user_id": self.env.uid,
            }
        )
        self._make_offers()
        return True

    def action_view_applications(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_resource_application_action",
            domain=[("round_id", "=", self.id)],
            context={"default_round_id": self.id},
        )

    def action_view_waiting_list(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_resource_application_action_waiting",
            domain=[("round_id", "=", self.id)],
        )

    def action_open_public_page(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.public_url,
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Applying
    # ------------------------------------------------------------------
    def apply(self, accept_rules=False, rules_version=None, note=None):
        """The current user applies for their household, having read and
        accepted the rules (the version shown to them). Eligibility is read
        from the resident register; one application per household and round
        (also under simultaneous requests: the round's row is updated first,
        so a second transaction waits, is retried and sees the first).

        :return: the application
        """
        self.ensure_one()
        self.check_access("read")
        resource_round = self.sudo()
        partner = self.env.user.partner_id.sudo()
        _ = self.env._
        if not accept_rules:
            raise UserError(_("Read and accept the rules to apply."))
        if rules_version != resource_round.type_id.rules_version:
            raise UserError(
                _(
                    "The rules changed while you were reading them (version "
                    "%(version)s now): read them again before applying.",
                    version=resource_round.type_id.rules_version,
                )
            )
        resource_round._check_takes_applications()
        vals = resource_round._prepare_application(partner)
        vals["note"] = note or False
        Application = self.env["community.resource.application"]
        application = Application.sudo().create(vals)
        application._after_submit()
        return Application.browse(application.id)

    def _check_takes_applications(self):
        self.ensure_one()
        today = office_today(self)
        if self.state != "open" or not (self.date_open <= today <= self.date_close):
            raise UserError(
                self.env._(
                    "%(round)s does not take applications: they were accepted "
                    "from %(start)s to %(end)s.",
                    round=self.name,
                    start=self.date_open,
                    end=self.date_close,
                )
            )

    def _eligibility_of(self, partners):
        """{(round id, partner id): (reasons, priority group)} for each of
        ``partners`` applying to each round (reasons empty: may apply), the
        households' allocations read in one query for all the rounds. The one
        check of the portal's "may I apply", of applying and of the register
        check at the close. Private, see
        ``community.resource.type._eligibility``."""
        types = self.sudo().type_id
        held = types._held_allocations(partners.sudo().household_id)
        result = {}
        for resource_round in self:
            resource_type = resource_round.type_id
            eligibility = resource_type._eligibility(
                partners, resource_round.date_term_start, held
            )
            for partner in partners:
                result[(resource_round.id, partner.id)] = eligibility[
                    (resource_type.id, partner.id)
                ]
        return result

    def _eligibility_for(self, partner):
        """{round id: (reasons, priority group)} for ``partner`` applying to
        each round. Private, see ``_eligibility_of``."""
        eligibility = self._eligibility_of(partner)
        return {
            resource_round.id: eligibility[(resource_round.id, partner.id)]
            for resource_round in self
        }

    def _portal_eligibility(self):
        """{round id: (reasons, priority group)} for the current user, whom
        the portal tells why they may not apply."""
        return self._eligibility_for(self.env.user.partner_id)

    def _prepare_application(self, partner):
        """The values of ``partner``'s application (sudo round), after the
        checks: eligible, and no application of the household yet. Locks the
        round (one conditional UPDATE that also numbers the applications).
        Private: the caller checked who applies."""
        self.ensure_one()
        reasons, group = self._eligibility_for(partner)[self.id]
        if reasons:
            raise UserError(reasons[0])
        self.flush_recordset(["application_seq"])
        self.env.cr.execute(
            SQL(
                "UPDATE community_resource_round "
                "SET application_seq = COALESCE(application_seq, 0) + 1 "
                "WHERE id = %s RETURNING application_seq",
                self.id,
            ),
            log_exceptions=False,
        )
        sequence = self.env.cr.fetchone()[0]
        self.invalidate_recordset(["application_seq"])
        existing = (
            self.env["community.resource.application"]
            .sudo()
            .search(
                [
                    ("round_id", "=", self.id),
                    ("household_id", "=", partner.household_id.id),
                    ("state", "!=", "withdrawn"),
                ],
                limit=1,
            )
        )
        if existing:
            raise UserError(
                self.env._(
                    "Your household already applied to %(round)s (application "
                    "%(reference)s by %(person)s).",
                    round=self.name,
                    reference=existing.reference,
                    person=existing.partner_id.name,
                )
            )
        vals = {
            "round_id": self.id,
            "partner_id": partner.id,
            "household_id": partner.household_id.id,
            "priority_group": group,
            "rules_version": self.type_id.rules_version,
            "date_rules_accepted": fields.Datetime.now(),
        }
        if self.allocation_method == "first_come":
            vals.update(state="waiting", rank=sequence)
        return vals

    def _term_end(self, start):
        """The last day of the term of an item allocated from ``start``: the
        end of the round's current term when its terms follow one another
        from a fixed day, else one term from ``start``."""
        self.ensure_one()
        delta = self.type_id._term_delta()
        one_day = relativedelta(days=1)
        if not self.date_term_start:
            return start + delta - one_day
        terms = 1
        while self.date_term_start + delta * terms - one_day < start:
            terms += 1
        return self.date_term_start + delta * terms - one_day

    # ------------------------------------------------------------------
    # Ranks and offers
    # ------------------------------------------------------------------
    def _check_manage(self, states):
        """The office manages the rounds of its communities, in ``states``."""
        self._check_office(self.env._("Only the community office manages rounds."))
        self.check_access("write")
        labels = dict(self._fields["state"]._description_selection(self.env))
        for resource_round in self:
            if resource_round.state not in states:
                raise UserError(
                    self.env._(
                        "%(round)s is %(state)s: this is not possible any more.",
                        round=resource_round.name,
                        state=labels[resource_round.state].lower(),
                    )
                )

    def _rank(self):
        """Rank the eligible applications of the (closed) round. Private:
        the caller checked the office may draw (the draw writes what nobody
        may write by hand: keys and lottery ranks)."""
        self.ensure_one()
        eligible = self.sudo().application_ids.filtered(lambda a: a.state == "eligible")
        if self.allocation_method == "lottery":
            if not self.date_seed_published:
                raise UserError(
                    self.env._(
                        "Publish the seed of %(round)s before the draw.",
                        round=self.name,
                    )
                )
            keys = {a.id: draw_key(self.seed, a.reference) for a in eligible}
            ordered = eligible.sorted(
                lambda a: (a.priority_sequence, keys[a.id], a.reference)
            )
            for rank, application in enumerate(ordered, start=1):
                application.write(
                    {"rank": rank, "draw_key": keys[application.id], "state": "waiting"}
                )
        elif self.allocation_method == "committee":
            ranks = eligible.mapped("rank")
            if not all(ranks) or len(set(ranks)) != len(ranks):
                raise UserError(
                    self.env._(
                        "The committee gives each eligible application of %(round)s "
                        "its own rank (1, 2, 3...) before the result is published.",
                        round=self.name,
                    )
                )
            eligible.write({"state": "waiting"})
        else:
            eligible.write({"state": "waiting"})

    def _free_resources(self):
        """{round id: available items whose waiting list is this round's}.
        An item belongs to the waiting list of the latest live round that
        offers it. Private (as superuser)."""
        rounds = self.sudo()
        resources = rounds.resource_ids.filtered(lambda r: r.state == "available")
        if not resources:
            return {}
        live = rounds.search(
            [("resource_ids", "in", resources.ids), ("state", "in", LIVE_STATES)],
            order="date_open desc, id desc",
        )
        owner = {}
        for resource_round in live:
            for resource in resource_round.resource_ids & resources:
                owner.setdefault(resource.id, resource_round.id)
        result = defaultdict(lambda: self.env["community.resource"].sudo())
        for resource in resources:
            if owner.get(resource.id) in rounds.ids:
                result[owner[resource.id]] |= resource
        return result

    def _make_offers(self):
        """Offer the free items of the rounds to the next households on their
        waiting lists, in rank order: as many open offers as free items.
        Rounds are locked while offers are counted, so the job and a portal
        request never offer the same item twice. Private.

        :return: the applications offered
        """
        Application = self.env["community.resource.application"].sudo()
        rounds = self.sudo().filtered(
            lambda r: (
                r.state in LIVE_STATES
                and (r.state != "open" or r.allocation_method == "first_come")
            )
        )
        if not rounds:
            return Application
        self.env.cr.execute(
            SQL(
                "SELECT id FROM community_resource_round WHERE id IN %s "
                "ORDER BY id FOR UPDATE",
                tuple(rounds.ids),
            ),
            log_exceptions=False,
        )
        free = rounds._free_resources()
        offered = dict(
            Application._read_group(
                [("round_id", "in", rounds.ids), ("state", "=", "offered")],
                ["round_id"],
                ["__count"],
            )
        )
        waiting = Application.search(
            [("round_id", "in", rounds.ids), ("state", "=", "waiting")],
            order="round_id, rank, id",
        )
        by_round = defaultdict(lambda: Application)
        for application in waiting:
            by_round[application.round_id.id] |= application
        to_offer = Application
        for resource_round in rounds:
            count = len(free.get(resource_round.id, ())) - offered.get(
                resource_round, 0
            )
            if count > 0:
                to_offer |= by_round[resource_round.id][:count]
        to_offer._offer()
        rounds._check_fully_allocated()
        return to_offer

    def _check_fully_allocated(self):
        """Drawn rounds with every item taken and no offer open are
        allocated (their waiting lists go on when an item is freed)."""
        drawn = self.sudo().filtered(lambda r: r.state == "drawn")
        if not drawn:
            return
        free = drawn._free_resources()
        with_offers = {
            resource_round
            for [resource_round] in self.env["community.resource.application"]
            .sudo()
            ._read_group(
                [("round_id", "in", drawn.ids), ("state", "=", "offered")],
                ["round_id"],
            )
        }
        drawn.filtered(lambda r: not free.get(r.id) and r not in with_offers).write(
            {"state": "allocated"}
        )

    # ------------------------------------------------------------------
    # The waiting-list job
    # ------------------------------------------------------------------
    @api.model
    def _cron_waiting_lists(self, batch_size=None, commit=None):
        """The waiting-list job, in batches with a commit after each: offers
        not accepted in time expire, terms past their end end, holders are
        asked to renew before their term ends, then each round offers its
        free items (freed by a decline, an expiry, a release, a revocation or
        the end of a term) to the next households in rank order.

        :param batch_size: records per batch (default: system parameter
            ``community_governance.resource_batch_size``, else 200)
        :param commit: called after each batch (default: commit the cursor,
            except in tests)
        """
        if batch_size is None:
            batch_size = int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param(
                    "community_governance.resource_batch_size", DEFAULT_BATCH_SIZE
                )
            )
        batch_size = max(int(batch_size), 1)
        if commit is None:
            testing = getattr(threading.current_thread(), "testing", False)
            commit = (lambda: None) if testing else self.env.cr.commit
        Application = self.env["community.resource.application"].sudo()
        Allocation = self.env["community.resource.allocation"].sudo()
        steps = [
            (Application, Application._expired_offers_domain(), "_expire"),
            (Allocation, Allocation._ended_terms_domain(), "_end_terms"),
            (Allocation, Allocation._renewal_due_domain(), "_ask_renewal"),
            (self.sudo(), self._waiting_lists_domain(), "_make_offers"),
        ]
        Cron = self.env["ir.cron"]
        done = 0
        for index, (model, domain, method) in enumerate(steps):
            ids = model.search(domain, order="id").ids
            later = sum(m.search_count(d) for m, d, _m in steps[index + 1 :])
            for start in range(0, len(ids), batch_size):
                batch = model.browse(ids[start : start + batch_size])
                getattr(batch, method)()
                done += len(batch)
                Cron._notify_progress(
                    done=done, remaining=len(ids) - start - len(batch) + later
                )
                commit()
        _logger.info("resource waiting lists: %s records processed", done)
        return done

    @api.model
    def _waiting_lists_domain(self):
        return [
            ("state", "in", LIVE_STATES),
            ("application_ids.state", "=", "waiting"),
        ]

    # ------------------------------------------------------------------
    # The public result
    # ------------------------------------------------------------------
    @api.model
    def _public_draw(self, round_id):
        """The published applications of a round for anybody (the public
        page, the notice board): nothing before the round is closed, no name
        but masked ones, no reason of ineligibility.

        :return: a dict of values, or None when the round is not public
        """
        resource_round = self.sudo().browse(round_id).exists()
        if not resource_round or resource_round.state not in PUBLIC_STATES:
            return None
        return resource_round._draw_result()

    def _draw_result(self):
        self.ensure_one()
        resource_round = self.sudo()
        Application = self.env["community.resource.application"]
        groups = dict(
            Application._fields["priority_group"]._description_selection(self.env)
        )
        states = dict(Application._fields["state"]._description_selection(self.env))
        applications = resource_round.application_ids.filtered(
            lambda a: a.state != "withdrawn"
        ).sorted(lambda a: (not a.rank, a.rank or 0, a.reference or ""))
        seed_public = bool(resource_round.date_seed_published)
        rows = [
            {
                "reference": application.reference,
                "name": mask_name(application.partner_id.name),
                "group": groups.get(application.priority_group, ""),
                "group_key": application.priority_group,
                "key": application.draw_key or "",
                "rank": application.rank or False,
                "eligible": application.state not in ("submitted", "ineligible"),
                "outcome": states.get(application.state, ""),
            }
            for application in applications
        ]
        return {
            "round_id": resource_round.id,
            "name": resource_round.name,
            "type": resource_round.type_id.name,
            "community": resource_round.community_id.name,
            "method": resource_round.allocation_method,
            "state": resource_round.state,
            "items": resource_round.resource_count,
            "seed_source": resource_round.seed_source or "",
            "seed": resource_round.seed if seed_public else "",
            "date_seed_published": resource_round.date_seed_published,
            "witnesses": resource_round.witnesses or "",
            "date_draw": resource_round.date_draw,
            "groups": [(key, groups[key]) for key, _label in PRIORITY_GROUPS],
            "rows": rows,
        }
