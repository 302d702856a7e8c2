# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A matter the owners decide the "1+211" way: reviewed by the party
organisation, deliberated in the owners', representatives' and party
members' groups, announced, voted by the Civil Code's double majority of
floor area and owners, published with an objection period, implemented and
supervised.

The tally (:func:`tally`) follows PRC Civil Code art. 278 and the Supreme
People's Court's interpretation on building ownership (arts. 8-9), in
integers only: areas are hundredths of a square metre (the units' areas are
exact decimals in a PostgreSQL numeric column, summed in SQL), owners are
counted by :func:`owner_groups`.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import SQL, format_datetime

from .community_owner_body import COMPOUND_TYPES, DECIDING_TYPES
from .community_petition import clean_text

CATEGORIES = [
    ("procedure_rules", "Rules of procedure of the owners' meeting"),
    ("management_rules", "Management rules of the compound"),
    ("committee_election", "Electing or replacing the owners' committee"),
    ("property_company", "Hiring or dismissing the property company"),
    ("fund_use", "Using the maintenance fund"),
    ("fund_raising", "Raising the maintenance fund"),
    ("rebuilding", "Rebuilding or reconstructing buildings or facilities"),
    ("common_use", "Changing the use of common parts, or using them for business"),
    ("other_major", "Other major matter of common ownership"),
]
# Civil Code art. 278 items 6-8: approval by three quarters.
SPECIAL_CATEGORIES = ("fund_raising", "rebuilding", "common_use")
MAJORITIES = [
    ("simple", "More than half"),
    ("special", "Three quarters"),
]
STATES = [
    ("draft", "Proposal"),
    ("review", "Party Review"),
    ("consultation", "Consultation"),
    ("notice", "Notice"),
    ("voting", "Voting"),
    ("tally", "Vote Closed"),
    ("counted", "Counted"),
    ("published", "Result Published"),
    ("decided", "Decided"),
    ("implementation", "Implementation"),
    ("supervision", "Supervision"),
    ("done", "Closed"),
    ("cancelled", "Withdrawn"),
]
# The states the owners see on the portal.
PORTAL_STATES = (
    "consultation",
    "notice",
    "voting",
    "tally",
    "counted",
    "published",
    "decided",
    "implementation",
    "supervision",
    "done",
)
# Once the result is published, the owners see it.
RESULT_STATES = ("published", "decided", "implementation", "supervision", "done")
# States in which the supervisory committee files reports.
SUPERVISED_STATES = (
    "notice",
    "voting",
    "tally",
    "counted",
    "published",
    "decided",
    "implementation",
    "supervision",
)
OUTCOMES = [
    ("passed", "Passed"),
    ("rejected", "Rejected"),
    ("no_quorum", "Turnout not reached"),
]
ORIGINS = [
    ("owners", "Proposal by owners"),
    ("petition", "Petition"),
    ("survey", "Survey need"),
]
OPINION_GROUPS = [
    ("owners", "Owners' group"),
    ("representatives", "Representatives' group"),
    ("party", "Party members' group"),
]
STANCES = [
    ("support", "In favour"),
    ("object", "Against"),
    ("suggest", "Suggestion"),
]
SUPERVISION_FINDINGS = [
    ("in_order", "In order"),
    ("concern", "Concern raised"),
    ("irregularity", "Irregularity found"),
]
NOTICE_DAYS_PARAM = "community_governance.deliberation_notice_days"
OBJECTION_DAYS_PARAM = "community_governance.deliberation_objection_days"
MAX_TEXT = 5000
AREA_TOTAL_DIGITS = (14, 2)
OFFICE_GROUP = "community_governance.group_officer"


# ---------------------------------------------------------------------------
# The law, in integers
# ---------------------------------------------------------------------------
def owner_groups(units):
    """Who counts as one owner by number (SPC interpretation art. 9): one
    unit is one owner, but one owner of several units counts once, and the
    developer's unsold units together count once. Co-owners of a unit are
    one owner; units that share an owner are one owner.

    :param units: iterable of ``(unit_key, owner_ids, is_developer_unsold)``
    :return: ``{unit_key: group}``, groups numbered 1..n in the order of the
        units given
    """
    parent = {}

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a, b):
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[root_b] = root_a

    keys = []
    for key, owner_ids, unsold in units:
        node = ("unit", key)
        keys.append(key)
        find(node)
        if unsold:
            union(("developer",), node)
        for owner_id in owner_ids:
            union(("owner", owner_id), node)
    numbers, groups = {}, {}
    for key in keys:
        root = find(("unit", key))
        groups[key] = numbers.setdefault(root, len(numbers) + 1)
    return groups


def tally(ballots, special):
    """Count a vote (PRC Civil Code art. 278).

    Turnout: the owners who take part hold at least 2/3 of the exclusive
    area and are at least 2/3 of the owners by number. Approval, of those who
    took part: at least 3/4 of their area and of their number for the special
    matters (``special``: raising the maintenance fund, rebuilding, changing
    the use of common parts), more than half of both otherwise. "At least"
    includes the number itself, "more than half" does not. Abstentions take
    part and do not approve.

    By number an owner has one voice: yes (or no) when every ballot they cast
    says so; an owner whose ballots differ counts as abstaining.

    :param ballots: iterable of ``(owner_group, area_hundredths, choice)`` for
        every eligible unit; ``choice`` is ``yes``, ``no``, ``abstain`` or
        ``None`` (not cast). Areas in integer hundredths of a square metre.
    :param special: the matter needs three quarters
    :return: dict of integer figures and the booleans ``turnout_reached``
        and ``approved``
    """
    eligible_area = part_area = part_units = 0
    area = {"yes": 0, "no": 0, "abstain": 0}
    groups, voices = set(), defaultdict(set)
    for group, hundredths, choice in ballots:
        if not isinstance(hundredths, int):
            raise TypeError("areas are counted in integer hundredths")
        groups.add(group)
        eligible_area += hundredths
        if choice is None:
            continue
        part_units += 1
        part_area += hundredths
        area[choice] += hundredths
        voices[group].add(choice)
    owners = {"yes": 0, "no": 0, "abstain": 0}
    for choices in voices.values():
        owners[next(iter(choices)) if len(choices) == 1 else "abstain"] += 1
    eligible_owners, part_owners = len(groups), len(voices)
    turnout = (
        eligible_area > 0
        and 3 * part_area >= 2 * eligible_area
        and 3 * part_owners >= 2 * eligible_owners
    )
    if special:
        approval = (
            4 * area["yes"] >= 3 * part_area and 4 * owners["yes"] >= 3 * part_owners
        )
    else:
        approval = 2 * area["yes"] > part_area and 2 * owners["yes"] > part_owners
    return {
        "eligible_area": eligible_area,
        "eligible_owners": eligible_owners,
        "part_units": part_units,
        "part_area": part_area,
        "part_owners": part_owners,
        "yes_area": area["yes"],
        "no_area": area["no"],
        "abstain_area": area["abstain"],
        "yes_owners": owners["yes"],
        "no_owners": owners["no"],
        "abstain_owners": owners["abstain"],
        "turnout_reached": turnout,
        "approved": turnout and part_area > 0 and approval,
    }


def _percent(part, whole):
    return 100.0 * part / whole if whole else 0.0


class CommunityDeliberation(models.Model):
    _name = "community.deliberation"
    _description = "Owners' Deliberation"
    _inherit = ["mail.thread", "mail.activity.mixin", "community.mixin"]
    _order = "date_proposed desc, id desc"
    _rec_names_search = ["name", "title"]
    # What the office may still change once the owners were given notice:
    # nothing the vote depends on.
    _LOCKED_AFTER_NOTICE = frozenset(
        {
            "category",
            "area_id",
            "scope",
            "building_ids",
            "body_id",
            "date_vote_start",
            "date_vote_end",
            "title",
            "description",
        }
    )

    # ------------------------------------------------------------------
    # The matter
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", index="trigram"
    )
    title = fields.Char(required=True, tracking=True)
    description = fields.Text(
        help="What is proposed, why, what it costs and who pays: the text the "
        "owners read in the notice."
    )
    category = fields.Selection(
        CATEGORIES,
        required=True,
        index=True,
        tracking=True,
        help="The Civil Code's list of matters decided by the owners: it sets "
        "the majority the vote needs.",
    )
    majority = fields.Selection(
        MAJORITIES,
        string="Approval Needed",
        compute="_compute_majority",
        store=True,
        index=True,
    )
    area_id = fields.Many2one(
        "community.area",
        string="Compound",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("area_type", "in", COMPOUND_TYPES)],
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    scope = fields.Selection(
        [("compound", "The whole compound"), ("buildings", "Some buildings")],
        required=True,
        default="compound",
        tracking=True,
    )
    building_ids = fields.Many2many(
        "community.area",
        "community_deliberation_building_rel",
        "deliberation_id",
        "area_id",
        string="Buildings",
        domain="[('area_type', '=', 'building'), ('id', 'child_of', area_id)]",
        help="The buildings whose owners decide, when the matter concerns only them.",
    )
    origin = fields.Selection(ORIGINS, required=True, default="owners", tracking=True)
    petition_id = fields.Many2one("community.petition", index=True, ondelete="set null")
    survey_reference = fields.Char(
        string="Survey Need", help="The need found by a door-to-door survey."
    )
    proposer_ids = fields.Many2many(
        "res.partner",
        "community_deliberation_proposer_rel",
        "deliberation_id",
        "partner_id",
        string="Proposed By",
    )
    body_id = fields.Many2one(
        "community.owner.body",
        string="Deciding Body",
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('area_id', '=', area_id), ('body_type', 'in', %s)]"
        % (list(DECIDING_TYPES),),
    )
    state = fields.Selection(
        STATES, required=True, default="draft", index=True, tracking=True, copy=False
    )
    color = fields.Integer()
    date_proposed = fields.Date(
        string="Proposed On",
        required=True,
        default=fields.Date.context_today,
        index=True,
    )
    # ------------------------------------------------------------- review
    reviewer_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="The member of the party organisation who reviewed the matter.",
    )
    review_opinion = fields.Text(tracking=True)
    date_review = fields.Datetime(string="Reviewed On", readonly=True, copy=False)
    # ------------------------------------------------------- consultation
    opinion_ids = fields.One2many(
        "community.deliberation.opinion", "deliberation_id", string="Opinions"
    )
    opinion_owner_count = fields.Integer(
        string="Owners' Opinions", compute="_compute_opinion_counts"
    )
    opinion_representative_count = fields.Integer(
        string="Representatives' Opinions", compute="_compute_opinion_counts"
    )
    opinion_party_count = fields.Integer(
        string="Party Members' Opinions", compute="_compute_opinion_counts"
    )
    opinion_support_count = fields.Integer(
        string="In Favour", compute="_compute_opinion_counts"
    )
    opinion_object_count = fields.Integer(
        string="Against", compute="_compute_opinion_counts"
    )
    # ------------------------------------------------------ notice, vote
    date_vote_start = fields.Datetime(string="Vote Opens", tracking=True, copy=False)
    date_vote_end = fields.Datetime(string="Vote Closes", tracking=True, copy=False)
    meeting_place = fields.Char(
        help="Where the meeting is held and paper ballots cast."
    )
    date_notice = fields.Datetime(string="Notice Issued On", readonly=True, copy=False)
    eligible_unit_count = fields.Integer(
        string="Eligible Units", readonly=True, copy=False
    )
    eligible_area = fields.Float(
        string="Eligible Area (m²)",
        digits=AREA_TOTAL_DIGITS,
        readonly=True,
        copy=False,
        help="Total exclusive area of the eligible units at the notice.",
    )
    eligible_owner_count = fields.Integer(
        string="Eligible Owners",
        readonly=True,
        copy=False,
        help="Owners by number at the notice: one per unit, an owner of several "
        "units once, the developer's unsold units together once.",
    )
    ballot_ids = fields.One2many(
        "community.deliberation.ballot", "deliberation_id", string="Ballots"
    )
    ballot_count = fields.Integer(compute="_compute_ballot_count")
    # Turnout while the vote runs (not the result): visible to the owners.
    turnout_unit_count = fields.Integer(
        string="Units Voted", compute="_compute_turnout"
    )
    turnout_area = fields.Float(
        string="Area Voted (m²)", digits=AREA_TOTAL_DIGITS, compute="_compute_turnout"
    )
    turnout_owner_count = fields.Integer(
        string="Owners Voted", compute="_compute_turnout"
    )
    turnout_area_percent = fields.Float(
        string="Turnout by Area (%)", digits=(5, 2), compute="_compute_turnout"
    )
    turnout_owner_percent = fields.Float(
        string="Turnout by Owners (%)", digits=(5, 2), compute="_compute_turnout"
    )
    # ------------------------------------------------------------- tally
    # Stored when counted; the office reads them, the owners once published.
    date_counted = fields.Datetime(
        string="Counted On", readonly=True, copy=False, groups=OFFICE_GROUP
    )
    part_unit_count = fields.Integer(
        string="Units That Voted", readonly=True, copy=False, groups=OFFICE_GROUP
    )
    part_area = fields.Float(
        string="Area That Voted (m²)",
        digits=AREA_TOTAL_DIGITS,
        readonly=True,
        copy=False,
        groups=OFFICE_GROUP,
    )
    part_owner_count = fields.Integer(
        string="Owners Who Voted", readonly=True, copy=False, groups=OFFICE_GROUP
    )
    yes_area = fields.Float(
        string="Area For (m²)",
        digits=AREA_TOTAL_DIGITS,
        readonly=True,
        copy=False,
        groups=OFFICE_GROUP,
    )
    no_area = fields.Float(
        string="Area Against (m²)",
        digits=AREA_TOTAL_DIGITS,
        readonly=True,
        copy=False,
        groups=OFFICE_GROUP,
    )
    abstain_area = fields.Float(
        string="Area Abstaining (m²)",
        digits=AREA_TOTAL_DIGITS,
        readonly=True,
        copy=False,
        groups=OFFICE_GROUP,
    )
    yes_owner_count = fields.Integer(
        string="Owners For", readonly=True, copy=False, groups=OFFICE_GROUP
    )
    no_owner_count = fields.Integer(
        string="Owners Against", readonly=True, copy=False, groups=OFFICE_GROUP
    )
    abstain_owner_count = fields.Integer(
        string="Owners Abstaining", readonly=True, copy=False, groups=OFFICE_GROUP
    )
    turnout_reached = fields.Boolean(readonly=True, copy=False, groups=OFFICE_GROUP)
    approved = fields.Boolean(readonly=True, copy=False, groups=OFFICE_GROUP)
    outcome = fields.Selection(
        OUTCOMES,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        groups=OFFICE_GROUP,
    )
    part_area_percent = fields.Float(
        string="Area That Voted (%)",
        digits=(5, 2),
        compute="_compute_result_percent",
        groups=OFFICE_GROUP,
    )
    part_owner_percent = fields.Float(
        string="Owners Who Voted (%)",
        digits=(5, 2),
        compute="_compute_result_percent",
        groups=OFFICE_GROUP,
    )
    yes_area_percent = fields.Float(
        string="Area For (% of voters)",
        digits=(5, 2),
        compute="_compute_result_percent",
        groups=OFFICE_GROUP,
    )
    yes_owner_percent = fields.Float(
        string="Owners For (% of voters)",
        digits=(5, 2),
        compute="_compute_result_percent",
        groups=OFFICE_GROUP,
    )
    # --------------------------------------------------- result, after
    date_published = fields.Datetime(string="Published On", readonly=True, copy=False)
    date_objection_end = fields.Datetime(
        string="Objections Until", readonly=True, copy=False
    )
    date_decided = fields.Datetime(string="Decided On", readonly=True, copy=False)
    days_to_decision = fields.Integer(
        string="Days from Proposal to Decision",
        compute="_compute_days_to_decision",
        store=True,
        aggregator="avg",
    )
    date_done = fields.Datetime(string="Closed On", readonly=True, copy=False)
    task_ids = fields.One2many(
        "community.deliberation.task", "deliberation_id", string="Implementation"
    )
    progress = fields.Integer(
        string="Implementation Progress (%)", compute="_compute_progress"
    )
    supervision_ids = fields.One2many(
        "community.deliberation.supervision",
        "deliberation_id",
        string="Supervision Reports",
    )
    supervision_count = fields.Integer(compute="_compute_supervision_count")

    _sql_constraints = [
        (
            "vote_dates_check",
            "CHECK(date_vote_end IS NULL OR date_vote_start IS NULL "
            "OR date_vote_end > date_vote_start)",
            "The vote must close after it opens.",
        ),
    ]

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("category")
    def _compute_majority(self):
        for matter in self:
            matter.majority = (
                "special" if matter.category in SPECIAL_CATEGORIES else "simple"
            )

    def _compute_opinion_counts(self):
        groups = (
            self.env["community.deliberation.opinion"]
            .sudo()
            ._read_group(
                [("deliberation_id", "in", self.ids)],
                ["deliberation_id", "group", "stance"],
                ["__count"],
            )
        )
        counts = defaultdict(int)
        for matter, group, stance, count in groups:
            counts[matter.id, group] += count
            counts[matter.id, stance] += count
        for matter in self:
            matter.opinion_owner_count = counts[matter.id, "owners"]
            matter.opinion_representative_count = counts[matter.id, "representatives"]
            matter.opinion_party_count = counts[matter.id, "party"]
            matter.opinion_support_count = counts[matter.id, "support"]
            matter.opinion_object_count = counts[matter.id, "object"]

    def _compute_ballot_count(self):
        counts = dict(
            self.env["community.deliberation.ballot"]
            .sudo()
            ._read_group(
                [("deliberation_id", "in", self.ids)], ["deliberation_id"], ["__count"]
            )
        )
        for matter in self:
            matter.ballot_count = counts.get(matter, 0)

    def _compute_turnout(self):
        """Who voted so far, never how: units, their area and the owners by
        number, in one grouped query."""
        groups = (
            self.env["community.deliberation.ballot"]
            .sudo()
            ._read_group(
                [("deliberation_id", "in", self.ids), ("state", "=", "cast")],
                ["deliberation_id"],
                ["__count", "unit_area:sum", "voter_key:count_distinct"],
            )
        )
        turnout = {matter.id: (n, area, owners) for matter, n, area, owners in groups}
        for matter in self:
            units, area, owners = turnout.get(matter.id, (0, 0.0, 0))
            matter.turnout_unit_count = units
            matter.turnout_area = area or 0.0
            matter.turnout_owner_count = owners
            matter.turnout_area_percent = _percent(area or 0.0, matter.eligible_area)
            matter.turnout_owner_percent = _percent(owners, matter.eligible_owner_count)

    @api.depends(
        "eligible_area", "eligible_owner_count", "part_area", "part_owner_count"
    )
    def _compute_result_percent(self):
        for matter in self:
            matter.part_area_percent = _percent(matter.part_area, matter.eligible_area)
            matter.part_owner_percent = _percent(
                matter.part_owner_count, matter.eligible_owner_count
            )
            matter.yes_area_percent = _percent(matter.yes_area, matter.part_area)
            matter.yes_owner_percent = _percent(
                matter.yes_owner_count, matter.part_owner_count
            )

    @api.depends("date_proposed", "date_decided")
    def _compute_days_to_decision(self):
        for matter in self:
            # both days in the user's time zone: date_proposed is a local day
            matter.days_to_decision = (
                (
                    fields.Date.context_today(matter, matter.date_decided)
                    - matter.date_proposed
                ).days
                if matter.date_decided and matter.date_proposed
                else 0
            )

    def _compute_progress(self):
        groups = self.env["community.deliberation.task"]._read_group(
            [("deliberation_id", "in", self.ids)],
            ["deliberation_id"],
            ["progress:avg"],
        )
        progress = {matter.id: value for matter, value in groups}
        for matter in self:
            matter.progress = round(progress.get(matter.id) or 0)

    def _compute_supervision_count(self):
        counts = dict(
            self.env["community.deliberation.supervision"]
            .sudo()
            ._read_group(
                [("deliberation_id", "in", self.ids)], ["deliberation_id"], ["__count"]
            )
        )
        for matter in self:
            matter.supervision_count = counts.get(matter, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("area_id", "building_ids", "scope", "body_id")
    def _check_scope(self):
        for matter in self:
            compound = matter.area_id
            if compound.area_type not in COMPOUND_TYPES:
                raise UserError(
                    self.env._(
                        "A matter concerns a compound (a community or a grid), not "
                        "%(area)s.",
                        area=compound.display_name,
                    )
                )
            outside = matter.building_ids.filtered(
                lambda b, compound=compound: (
                    b.area_type != "building"
                    or not b.parent_path.startswith(compound.parent_path)
                )
            )
            if outside:
                raise UserError(
                    self.env._(
                        "%(building)s is not a building of %(compound)s.",
                        building=outside[0].display_name,
                        compound=compound.display_name,
                    )
                )
            if matter.body_id and (
                matter.body_id.area_id != compound
                or matter.body_id.body_type not in DECIDING_TYPES
            ):
                raise UserError(
                    self.env._(
                        "The deciding body must be the general meeting or the "
                        "representatives' meeting of %(compound)s.",
                        compound=compound.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("community.deliberation")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and self._LOCKED_AFTER_NOTICE & vals.keys():
            self.check_access("write")
            locked = self.filtered(
                lambda m: m.state not in ("draft", "review", "consultation")
            )
            if locked:
                raise UserError(
                    self.env._(
                        "%(matter)s was announced to the owners: what they vote on "
                        "and when can no longer change. Withdraw it and propose it "
                        "again if it must.",
                        matter=locked[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_announced(self):
        if any(m.state not in ("draft", "cancelled") for m in self):
            raise UserError(
                self.env._("Only a proposal or a withdrawn matter can be deleted.")
            )

    def _read_group_select(self, aggregate_spec, query):
        # the average time to a decision is over the decided matters: the
        # others have 0 days and would pull it down in the pivot and graph
        if aggregate_spec == "days_to_decision:avg":
            return SQL(
                "AVG(CASE WHEN %s IS NOT NULL THEN %s END)",
                self._field_to_sql(self._table, "date_decided", query),
                self._field_to_sql(self._table, "days_to_decision", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _param_days(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key, default)
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return default

    def _notice_days(self):
        return self._param_days(NOTICE_DAYS_PARAM, 15)

    def _objection_days(self):
        return self._param_days(OBJECTION_DAYS_PARAM, 7)

    def _check_state(self, states, message):
        for matter in self:
            if matter.state not in states:
                raise UserError(message)

    def _office_step(self, states, message):
        """The matters as the office user acting on them, in ``states``."""
        self._check_office(
            self.env._("Only the community office moves a matter to its next step.")
        )
        self.check_access("write")
        self._check_state(states, message)
        return self

    def _scope_areas(self):
        self.ensure_one()
        return self.building_ids if self.scope == "buildings" else self.area_id

    def _eligible_units(self):
        """The units whose owners decide this matter (now)."""
        self.ensure_one()
        return (
            self.env["community.property.unit"]
            .sudo()
            .search([("area_id", "child_of", self._scope_areas().ids)])
        )

    def _compound_units(self, partner):
        """The active units of ``partner`` in this matter's compound."""
        self.ensure_one()
        return (
            self.env["community.property.unit"]
            .sudo()
            .search(
                [
                    ("owner_ids", "in", partner.ids),
                    ("area_id", "child_of", self.area_id.id),
                ]
            )
        )

    def _members(self, partner, body_type):
        """The serving memberships of ``partner`` in this compound's bodies of
        ``body_type``."""
        self.ensure_one()
        return (
            self.env["community.owner.body.member"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("body_id.area_id", "=", self.area_id.id),
                    ("body_id.active", "=", True),
                    ("body_type", "=", body_type),
                ]
            )
        )

    def _opinion_groups(self, partner):
        """The consultation groups ``partner`` speaks in for this matter."""
        self.ensure_one()
        groups = []
        if self._compound_units(partner):
            groups.append("owners")
        if self._members(partner, "representatives"):
            groups.append("representatives")
        party_line = self.env.ref(
            "community_governance.line_party", raise_if_not_found=False
        )
        lives_here = (
            partner.sudo().area_id
            and partner.sudo().area_id.parent_path.startswith(self.area_id.parent_path)
        )
        if self._members(partner, "party") or (
            party_line
            and party_line in partner.sudo().line_ids
            and (lives_here or "owners" in groups)
        ):
            groups.append("party")
        return groups

    def _is_supervisor(self, partner):
        return bool(self._members(partner, "supervisory"))

    def _owners_to_tell(self):
        """The owners of the eligible units at the notice who have an email
        address (the others read the notice on the bulletin boards)."""
        ballots = (
            self.env["community.deliberation.ballot"]
            .sudo()
            .search([("deliberation_id", "in", self.ids)])
        )
        return ballots.owner_ids.filtered("email")

    def _rule_texts(self):
        """The rule the vote follows, in the reader's language."""
        self.ensure_one()
        _ = self.env._
        turnout = _(
            "Turnout: owners holding at least two thirds of the exclusive floor "
            "area and at least two thirds of the owners by number take part."
        )
        if self.majority == "special":
            approval = _(
                "Approval: at least three quarters of the area that took part and "
                "at least three quarters of the owners who took part (Civil Code "
                "art. 278: raising the maintenance fund, rebuilding, changing the "
                "use of common parts or using them for business)."
            )
        else:
            approval = _(
                "Approval: more than half of the area that took part and more than "
                "half of the owners who took part (Civil Code art. 278)."
            )
        counting = _(
            "Owners by number: one unit is one owner; an owner of several units "
            "counts once; the developer's unsold units together count once."
        )
        return [turnout, approval, counting]

    def _outcome_reason(self):
        """Why the vote ended as it did, with its figures (read as superuser:
        callers show it to the office, or to the owners once published)."""
        self.ensure_one()
        matter = self.sudo()
        _ = self.env._
        if not matter.outcome:
            return ""
        figures = {
            "area": f"{matter.part_area_percent:.2f}%",
            "owners": f"{matter.part_owner_percent:.2f}%",
            "yes_area": f"{matter.yes_area_percent:.2f}%",
            "yes_owners": f"{matter.yes_owner_percent:.2f}%",
        }
        if matter.outcome == "no_quorum":
            return _(
                "Turnout not reached: the owners who took part held %(area)s of the "
                "area and were %(owners)s of the owners; two thirds of both are "
                "needed.",
                **figures,
            )
        needed = (
            _("at least three quarters of both")
            if matter.majority == "special"
            else _("more than half of both")
        )
        if matter.outcome == "passed":
            return _(
                "Passed: %(yes_area)s of the area and %(yes_owners)s of the owners "
                "who took part approved (%(needed)s needed); turnout %(area)s of "
                "the area and %(owners)s of the owners.",
                needed=needed,
                **figures,
            )
        return _(
            "Rejected: %(yes_area)s of the area and %(yes_owners)s of the owners "
            "who took part approved (%(needed)s needed); turnout %(area)s of the "
            "area and %(owners)s of the owners.",
            needed=needed,
            **figures,
        )

    # ------------------------------------------------------------------
    # Actions (buttons, no arguments)
    # ------------------------------------------------------------------
    def action_submit_review(self):
        self._office_step(
            ("draft",), self.env._("Only a proposal goes to the party review.")
        )
        self.write({"state": "review"})
        return True

    def action_approve_review(self):
        """The party organisation agrees that the owners deliberate the matter:
        the consultation opens."""
        self._office_step(
            ("review",), self.env._("Only a matter under review can be approved.")
        )
        self._review("consultation")
        return True

    def action_return_review(self):
        """The party organisation sends the matter back to its proposers."""
        self._office_step(
            ("review",), self.env._("Only a matter under review can be returned.")
        )
        self._review("draft")
        return True

    def _review(self, state):
        self._check_review()
        self.write({"state": state, "date_review": fields.Datetime.now()})
        for matter in self:
            values = {
                "reviewer": matter.reviewer_id.name,
                "opinion": matter.review_opinion,
            }
            matter._message_log(
                body=self.env._("Reviewed by %(reviewer)s: %(opinion)s", **values)
                if state == "consultation"
                else self.env._("Returned by %(reviewer)s: %(opinion)s", **values)
            )

    def _check_review(self):
        for matter in self:
            if not matter.reviewer_id or not (matter.review_opinion or "").strip():
                raise UserError(
                    self.env._(
                        "Record who reviewed %(matter)s for the party organisation "
                        "and their opinion.",
                        matter=matter.display_name,
                    )
                )
            party = matter._members(matter.reviewer_id, "party")
            if not party:
                raise UserError(
                    self.env._(
                        "%(person)s is not a member of the party organisation of "
                        "%(compound)s.",
                        person=matter.reviewer_id.name,
                        compound=matter.area_id.display_name,
                    )
                )

    def action_notice(self):
        """Announce the vote: the eligible units, their area and owners are
        frozen (one ballot per unit), the owners are told."""
        self._office_step(
            ("consultation",),
            self.env._("The notice is issued at the end of the consultation."),
        )
        now = fields.Datetime.now()
        days = self._notice_days()
        for matter in self:
            if not matter.body_id:
                raise UserError(
                    self.env._(
                        "Choose the body that decides %(matter)s.",
                        matter=matter.display_name,
                    )
                )
            if not matter.date_vote_start or not matter.date_vote_end:
                raise UserError(
                    self.env._("Set when the vote opens and when it closes.")
                )
            if matter.date_vote_start < now + timedelta(days=days):
                raise UserError(
                    self.env._(
                        "The owners must be given notice at least %(days)s days "
                        "before the vote opens: open it on %(date)s or later.",
                        days=days,
                        date=format_datetime(self.env, now + timedelta(days=days)),
                    )
                )
        self.sudo()._issue_notice(now)
        return True

    def action_open_vote(self):
        self._office_step(("notice",), self.env._("Only an announced vote opens."))
        self._check_date_reached(
            "date_vote_start",
            lambda date: self.env._(
                "The vote opens on %(date)s, as announced.", date=date
            ),
        )
        self._open_vote()
        return True

    def action_close_vote(self):
        self._office_step(("voting",), self.env._("Only a running vote closes."))
        self._check_date_reached(
            "date_vote_end",
            lambda date: self.env._(
                "The vote runs until %(date)s, as announced.", date=date
            ),
        )
        self._close_vote()
        return True

    def _check_date_reached(self, field, message):
        """Refuse with ``message(date)`` while the announced ``field`` of a
        matter is still ahead."""
        now = fields.Datetime.now()
        for matter in self:
            if matter[field] and matter[field] > now:
                raise UserError(message(format_datetime(self.env, matter[field])))

    def action_count(self):
        self._office_step(
            ("tally",), self.env._("The ballots are counted once the vote closed.")
        )
        self._count()
        return True

    def action_publish(self):
        self._office_step(
            ("counted",), self.env._("Only a counted vote can be published.")
        )
        self._publish(fields.Datetime.now())
        return True

    def action_decide(self):
        self._office_step(
            ("published",), self.env._("Only a published result becomes final.")
        )
        self._check_date_reached(
            "date_objection_end",
            lambda date: self.env._("Owners may object until %(date)s.", date=date),
        )
        self._decide(fields.Datetime.now())
        return True

    def action_start_implementation(self):
        self._office_step(
            ("decided",), self.env._("Only a decided matter is implemented.")
        )
        if any(matter.sudo().outcome != "passed" for matter in self):
            raise UserError(
                self.env._("Only a matter the owners passed is implemented.")
            )
        self.write({"state": "implementation"})
        return True

    def action_start_supervision(self):
        self._office_step(
            ("implementation",),
            self.env._("The supervisory committee checks what was implemented."),
        )
        self.write({"state": "supervision"})
        return True

    def action_done(self):
        self._office_step(
            ("decided", "supervision"),
            self.env._("Close a matter once decided, or once supervised."),
        )
        if any(m.state == "decided" and m.sudo().outcome == "passed" for m in self):
            raise UserError(
                self.env._(
                    "A matter the owners passed is implemented before it closes."
                )
            )
        self.write({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def action_cancel(self):
        self._office_step(
            ("draft", "review", "consultation", "notice"),
            self.env._("A matter can be withdrawn until the vote opens."),
        )
        self.sudo().ballot_ids.unlink()
        self.write({"state": "cancelled"})
        return True

    def action_reset_draft(self):
        self._office_step(
            ("cancelled",), self.env._("Only a withdrawn matter is proposed again.")
        )
        self.sudo().write(
            {
                "state": "draft",
                "date_notice": False,
                "eligible_unit_count": 0,
                "eligible_area": 0.0,
                "eligible_owner_count": 0,
            }
        )
        return True

    def action_view_ballots(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_deliberation_ballot_action",
            domain=[("deliberation_id", "=", self.id)],
            context={"search_default_groupby_building": 1},
        )

    def action_record_ballot(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "community.deliberation.ballot.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Record a Paper Ballot"),
            "context": {"default_deliberation_id": self.id},
        }

    def action_print_notice(self):
        return self.env.ref(
            "community_governance.action_report_deliberation_notice"
        ).report_action(self)

    def action_print_ballots(self):
        self.ensure_one()
        return self.env.ref(
            "community_governance.action_report_deliberation_ballot"
        ).report_action(self.ballot_ids)

    def action_print_result(self):
        return self.env.ref(
            "community_governance.action_report_deliberation_result"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Business methods (public: each checks who calls it)
    # ------------------------------------------------------------------
    def give_opinion(self, text, stance="suggest", group=None):
        """The current user's opinion during the consultation, in one of the
        groups they belong to (owners, representatives, party members). Given
        again, it replaces the earlier one.

        :return: the opinion (community.deliberation.opinion)
        """
        self.ensure_one()
        self.check_access("read")
        if self.state != "consultation":
            raise UserError(
                self.env._("Opinions are gathered during the consultation only.")
            )
        partner = self.env.user.partner_id
        groups = self._opinion_groups(partner)
        if not groups:
            raise AccessError(
                self.env._(
                    "Only the owners, their representatives and the party members "
                    "of %(compound)s give opinions on its matters.",
                    compound=self.sudo().area_id.name,
                )
            )
        group = group or groups[0]
        if group not in groups:
            raise AccessError(
                self.env._("You do not belong to this group of the consultation.")
            )
        if stance not in dict(STANCES):
            raise UserError(self.env._("Choose from the lists of the form."))
        text = clean_text(
            self.env,
            text,
            self.env._("Your opinion"),
            MAX_TEXT,
            self.env._("Write your opinion."),
        )
        building = self._compound_units(partner).building_id[:1] or (
            partner.sudo().area_id.parent_id
            if partner.sudo().area_id.area_type == "entrance"
            else self.env["community.area"]
        )
        values = {
            "group": group,
            "stance": stance,
            "text": text,
            "building_id": building.id,
        }
        return self.sudo()._save_opinion(partner, values)

    def _save_opinion(self, partner, values):
        self._serialize_submissions()
        Opinion = self.env["community.deliberation.opinion"]
        opinion = Opinion.search(
            [("deliberation_id", "=", self.id), ("partner_id", "=", partner.id)]
        )
        if opinion:
            opinion.write(values)
            return opinion
        return Opinion.create(
            dict(values, deliberation_id=self.id, partner_id=partner.id)
        )

    def _serialize_submissions(self):
        """Opinions and reports on this matter are saved one after the other:
        the matter's row is updated first, so that of two requests sent at
        once (a double submit), the second waits, is retried by Odoo as a
        serialization failure, and then finds what the first saved (the
        unique indexes stay the last word)."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "UPDATE community_deliberation SET write_date = write_date "
                "WHERE id = %s",
                self.id,
            ),
            log_exceptions=False,
        )

    def file_supervision_report(self, text, finding="in_order", submission_key=None):
        """A member of the compound's supervisory committee reports on the
        matter (the office may file a report on a member's behalf from the
        backend form).

        :param submission_key: the form's one-time key: the same form sent
            twice files one report
        """
        self.ensure_one()
        self.check_access("read")
        if self.state not in SUPERVISED_STATES:
            raise UserError(
                self.env._(
                    "The supervisory committee reports on a matter from its "
                    "notice until it closes."
                )
            )
        partner = self.env.user.partner_id
        if not self._is_supervisor(partner):
            raise AccessError(
                self.env._(
                    "Only members of the supervisory committee of %(compound)s file "
                    "supervision reports.",
                    compound=self.sudo().area_id.name,
                )
            )
        if finding not in dict(SUPERVISION_FINDINGS):
            raise UserError(self.env._("Choose from the lists of the form."))
        text = clean_text(
            self.env,
            text,
            self.env._("The report"),
            MAX_TEXT,
            self.env._("Write what you found."),
        )
        self._serialize_submissions()
        Report = self.env["community.deliberation.supervision"].sudo()
        key = submission_key or None
        report = (
            Report.search(
                [("partner_id", "=", partner.id), ("submission_key", "=", key)]
            )
            if key
            else Report
        )
        if report:
            return report
        report = Report.create(
            {
                "deliberation_id": self.id,
                "partner_id": partner.id,
                "finding": finding,
                "text": text,
                "submission_key": key,
            }
        )
        self.sudo()._message_log(
            body=self.env._(
                "Supervision report by %(person)s: %(finding)s.",
                person=partner.name,
                finding=dict(
                    report._fields["finding"]._description_selection(self.env)
                )[finding],
            )
        )
        return report

    def record_ballots(self, rows):
        """The office records ballots cast on paper, door to door or at the
        meeting (a tally sheet): all of them, or none if one is refused.

        :param rows: list of dicts with ``unit_id``, ``choice`` (yes, no,
            abstain), ``channel`` (paper, door, meeting; paper by default),
            ``voter_id`` (an owner of the unit or its proxy; its first owner by
            default) and ``date`` (when it was cast; now by default)
        """
        self.ensure_one()
        self._check_office(self.env._("Only the community office records ballots."))
        self.check_access("write")
        ballots = self._unit_ballots([row.get("unit_id") for row in rows])
        values = []
        for row in rows:
            ballot = ballots[row.get("unit_id")]
            values.append(
                ballot._cast_values(
                    row.get("choice"),
                    row.get("channel") or "paper",
                    row.get("voter_id") or ballot.sudo().owner_ids[:1].id,
                    row.get("date"),
                )
            )
        self.env["community.deliberation.ballot"].sudo()._cast_batch(values)
        return True

    def record_proxy(self, unit_id, proxy_id, authorisation):
        """The office records that ``proxy_id`` (a partner) votes for the
        owners of ``unit_id`` in this vote, with their written
        ``authorisation`` (who signed it, when, its reference)."""
        self.ensure_one()
        self._check_office(self.env._("Only the community office records proxies."))
        self.check_access("write")
        ballot = self._unit_ballots([unit_id])[unit_id]
        ballot.write({"proxy_id": proxy_id, "proxy_authorisation": authorisation})
        return True

    def _unit_ballots(self, unit_ids):
        """{unit id: its ballot in this matter} for ``unit_ids``, in one query
        (as the current user); a unit without a ballot is refused."""
        self.ensure_one()
        ballots = self.env["community.deliberation.ballot"].search(
            [("deliberation_id", "=", self.id), ("unit_id", "in", unit_ids)]
        )
        by_unit = {ballot.unit_id.id: ballot for ballot in ballots}
        missing = [unit_id for unit_id in unit_ids if unit_id not in by_unit]
        if missing:
            raise UserError(
                self.env._(
                    "A unit has no ballot in %(matter)s: only the units eligible "
                    "at the notice vote.",
                    matter=self.name,
                )
            )
        return by_unit

    # ------------------------------------------------------------------
    # Steps (private: the callers checked the user's right)
    # ------------------------------------------------------------------
    def _issue_notice(self, date):
        """Freeze the eligible units: one pending ballot per unit with its
        area, owners and owner group at ``date``; store the totals; tell the
        owners."""
        Ballot = self.env["community.deliberation.ballot"]
        date = fields.Datetime.to_datetime(date)
        for matter in self:
            units = matter._eligible_units()
            if not units:
                raise UserError(
                    self.env._(
                        "No unit of %(scope)s is registered: import the units with "
                        "their areas and owners first.",
                        scope=", ".join(matter._scope_areas().mapped("display_name")),
                    )
                )
            orphans = units.filtered(
                lambda u: not u.owner_ids and not u.is_developer_unsold
            )
            if orphans:
                raise UserError(
                    self.env._(
                        "These units have no owner: %(units)s. Record their owners, "
                        "or mark them as the developer's unsold units, before the "
                        "notice.",
                        units=", ".join(orphans[:10].mapped("name")),
                    )
                )
            groups = owner_groups(
                (u.id, u.owner_ids.ids, u.is_developer_unsold) for u in units
            )
            matter.ballot_ids.unlink()
            Ballot.create(
                [
                    {
                        "deliberation_id": matter.id,
                        "unit_id": unit.id,
                        "building_id": unit.building_id.id,
                        "unit_area": unit.floor_area,
                        "owner_ids": [Command.set(unit.owner_ids.ids)],
                        "owner_names": ", ".join(unit.owner_ids.mapped("name")),
                        "is_developer_unsold": unit.is_developer_unsold,
                        "voter_key": groups[unit.id],
                    }
                    for unit in units
                ]
            )
            units_count, hundredths, owners = matter._ballot_totals()
            matter.write(
                {
                    "state": "notice",
                    "date_notice": date,
                    "eligible_unit_count": units_count,
                    "eligible_area": hundredths / 100,
                    "eligible_owner_count": owners,
                }
            )
            # (an f-string inside the call would stop Odoo's term extraction)
            area = f"{hundredths / 100:.2f}"
            matter._message_log(
                body=self.env._(
                    "Notice issued: %(units)s units, %(area)s m², %(owners)s owners "
                    "by number may vote from %(start)s to %(end)s.",
                    units=units_count,
                    area=area,
                    owners=owners,
                    start=format_datetime(self.env, matter.date_vote_start),
                    end=format_datetime(self.env, matter.date_vote_end),
                )
            )
            matter._post_template(
                "community_governance.mail_template_deliberation_notice",
                partner_ids=matter._owners_to_tell().ids,
            )

    def _ballot_totals(self):
        """Units, area in hundredths of m² and owners by number of the
        ballots (the snapshot), summed in SQL on the numeric column."""
        self.ensure_one()
        self.env["community.deliberation.ballot"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(*),
                       COALESCE(SUM(ROUND(unit_area * 100)), 0)::bigint,
                       COUNT(DISTINCT voter_key)
                  FROM community_deliberation_ballot
                 WHERE deliberation_id = %s
                """,
                self.id,
            )
        )
        return self.env.cr.fetchone()

    def _open_vote(self):
        self.write({"state": "voting"})

    def _close_vote(self):
        """No ballot is accepted any more. Ballots being cast wait for this
        update or are retried and refused (see the ballot's ``_cast``); the
        count is a later transaction, which sees them all."""
        self.write({"state": "tally"})

    def _count(self, date=None):
        """Count the ballots of the closed votes and store the figures."""
        self.flush_recordset(["state"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM community_deliberation WHERE id IN %s AND state = "
                "'tally' FOR UPDATE",
                tuple(self.ids),
            )
        )
        open_ids = {row[0] for row in self.env.cr.fetchall()}
        if open_ids != set(self.ids):
            raise UserError(self.env._("This vote was already counted."))
        self.env["community.deliberation.ballot"].flush_model()
        now = fields.Datetime.to_datetime(date) or fields.Datetime.now()
        for matter in self:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT voter_key, ROUND(unit_area * 100)::bigint,
                           CASE WHEN state = 'cast' THEN choice END
                      FROM community_deliberation_ballot
                     WHERE deliberation_id = %s
                    """,
                    matter.id,
                )
            )
            figures = tally(self.env.cr.fetchall(), matter.majority == "special")
            if not figures["turnout_reached"]:
                outcome = "no_quorum"
            else:
                outcome = "passed" if figures["approved"] else "rejected"
            matter.sudo().write(
                {
                    "state": "counted",
                    "date_counted": now,
                    "part_unit_count": figures["part_units"],
                    "part_area": figures["part_area"] / 100,
                    "part_owner_count": figures["part_owners"],
                    "yes_area": figures["yes_area"] / 100,
                    "no_area": figures["no_area"] / 100,
                    "abstain_area": figures["abstain_area"] / 100,
                    "yes_owner_count": figures["yes_owners"],
                    "no_owner_count": figures["no_owners"],
                    "abstain_owner_count": figures["abstain_owners"],
                    "turnout_reached": figures["turnout_reached"],
                    "approved": figures["approved"],
                    "outcome": outcome,
                }
            )
            matter._message_log(body=matter._outcome_reason())

    def _publish(self, date):
        date = fields.Datetime.to_datetime(date)
        days = self._objection_days()
        self.write(
            {
                "state": "published",
                "date_published": date,
                "date_objection_end": date + timedelta(days=days),
            }
        )
        for matter in self:
            matter._post_template(
                "community_governance.mail_template_deliberation_result",
                partner_ids=matter._owners_to_tell().ids,
            )

    def _decide(self, date):
        self.write(
            {"state": "decided", "date_decided": fields.Datetime.to_datetime(date)}
        )

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------
    @api.model
    def _portal_domain(self):
        """The matters the portal lists (the record rules do the rest)."""
        return [("state", "in", PORTAL_STATES)]

    def _turnout_by_building(self):
        """Per building: units, units voted, area and area voted, while the
        vote runs and after (never how they voted)."""
        self.ensure_one()
        groups = (
            self.env["community.deliberation.ballot"]
            .sudo()
            ._read_group(
                [("deliberation_id", "=", self.id)],
                ["building_id", "state"],
                ["__count", "unit_area:sum"],
            )
        )
        rows = {}
        for building, state, count, area in groups:
            row = rows.setdefault(
                building.id,
                {
                    "building": building.name or self.env._("Other units"),
                    "units": 0,
                    "voted": 0,
                    "area": 0.0,
                    "voted_area": 0.0,
                },
            )
            row["units"] += count
            row["area"] += area or 0.0
            if state == "cast":
                row["voted"] += count
                row["voted_area"] += area or 0.0
        result = sorted(rows.values(), key=lambda r: r["building"])
        for row in result:
            row["percent"] = _percent(row["voted_area"], row["area"])
        return result

    def _portal_values(self, partner):
        """What the matter's portal page shows ``partner``, who may read the
        matter (checked here): their ballots, the opinions they may read, the
        turnout, the result once published, the tasks and the supervision."""
        self.ensure_one()
        self.check_access("read")
        matter = self.sudo()
        Ballot = self.env["community.deliberation.ballot"]
        groups = self._opinion_groups(partner)
        values = {
            "matter": matter,
            # as the user: the record rules give their units and proxies
            "my_ballots": Ballot.search(
                [
                    ("deliberation_id", "=", self.id),
                    "|",
                    ("owner_ids", "in", partner.ids),
                    ("proxy_id", "=", partner.id),
                ]
            ),
            "opinions": self.env["community.deliberation.opinion"].search(
                [("deliberation_id", "=", self.id)], order="create_date desc"
            ),
            "my_opinion": matter.opinion_ids.filtered(
                lambda o: o.partner_id == partner
            ),
            "opinion_groups": groups,
            "can_give_opinion": bool(groups) and self.state == "consultation",
            "is_supervisor": self._is_supervisor(partner),
            "can_report": self._is_supervisor(partner)
            and self.state in SUPERVISED_STATES,
            "turnout": self._turnout_by_building()
            if self.state not in ("consultation",)
            else [],
            "show_result": self.state in RESULT_STATES,
            "rules": self._rule_texts(),
            "outcome_reason": self._outcome_reason()
            if self.state in RESULT_STATES
            else "",
            "tasks": matter.task_ids,
            "reports": matter.supervision_ids,
        }
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "=", self.id)])
        )
        attachments.generate_access_token()
        values["attachments"] = attachments
        return values

    def _render_document(self, kind):
        """(content, report type) of the notice or of the result announcement
        for a user who may read the matter: the notice once issued, the
        result once published."""
        self.ensure_one()
        self.check_access("read")
        if kind == "notice" and self.date_notice:
            xmlid = "community_governance.action_report_deliberation_notice"
        elif kind == "result" and self.state in RESULT_STATES:
            xmlid = "community_governance.action_report_deliberation_result"
        else:
            raise UserError(self.env._("This document is not published yet."))
        return self.env["ir.actions.report"].sudo()._render_qweb_pdf(xmlid, self.ids)

    # ------------------------------------------------------------------
    # Scheduled job
    # ------------------------------------------------------------------
    @api.model
    def _cron_schedule(self, batch_size=50):
        """Open the announced votes when their day comes, close them at their
        end, and count the closed ones: in batches, with a commit after each
        (a count must see the close committed: see ``_close_vote``)."""
        now = fields.Datetime.now()
        steps = [
            ([("state", "=", "notice"), ("date_vote_start", "<=", now)], "_open_vote"),
            ([("state", "=", "voting"), ("date_vote_end", "<=", now)], "_close_vote"),
            ([("state", "=", "tally")], "_count"),
        ]
        done = 0
        for domain, method in steps:
            todo = self.search(domain)
            for start in range(0, len(todo), batch_size):
                batch = todo[start : start + batch_size]
                getattr(batch, method)()
                done += len(batch)
                self.env["ir.cron"]._notify_progress(
                    done=done, remaining=len(todo) - start - len(batch)
                )
                if self.env.context.get("ir_cron_progress_id"):
                    # run by the cron worker: keep each batch (tests call the
                    # job inside their transaction)
                    self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env["community.owner.body.member"]._archive_ended_terms()
