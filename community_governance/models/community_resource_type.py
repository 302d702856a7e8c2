# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


def office_tz(env):
    """The time zone of the community office: its company's, UTC if none."""
    return env.company.sudo().partner_id.tz or "UTC"


def office_today(records):
    """Today for the community office, the same for every user who acts: a
    round closes, a term starts, stops and is asked to renew on one day,
    whether a resident, an officer or the scheduled job acts, in whatever
    time zone of their own."""
    return fields.Date.context_today(records.with_context(tz=office_tz(records.env)))


ALLOCATION_METHODS = [
    ("lottery", "Lottery"),
    ("first_come", "First come, first served"),
    ("committee", "Decided by the committee"),
]
TERM_UNITS = [
    ("day", "Days"),
    ("week", "Weeks"),
    ("month", "Months"),
    ("year", "Years"),
]
# Priority groups of the applications, in the order a lottery ranks them.
PRIORITY_GROUPS = [
    ("renewal", "Renewal"),
    ("elderly", "Elderly"),
    ("general", "Everyone else"),
]
PRIORITY_SEQUENCE = {key: index for index, (key, _label) in enumerate(PRIORITY_GROUPS)}


class CommunityResourceType(models.Model):
    """A kind of shared resource of a community (vegetable plots, the
    community room, the tool library) and the rules it is claimed under:
    who sets them, how the items are allocated, for how long, who may apply
    and who comes first."""

    _name = "community.resource.type"
    _description = "Shared Resource Type"
    _inherit = ["mail.thread", "community.mixin"]
    _order = "community_id, sequence, name"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    community_id = fields.Many2one(
        "community.area",
        required=True,
        index=True,
        domain=[("area_type", "=", "community")],
        tracking=True,
    )
    club_id = fields.Many2one(
        "community.club",
        string="Rules Set By",
        index=True,
        domain="[('community_id', '=', community_id)]",
        tracking=True,
        help="The committee or club of the community that writes the rules "
        "(e.g. the farming committee); its leaders may revoke allocations.",
    )
    description = fields.Text()
    allocation_method = fields.Selection(
        ALLOCATION_METHODS,
        required=True,
        default="lottery",
        tracking=True,
        help="Lottery: applications are ranked from a seed published before the "
        "draw, so anybody can recompute the result. First come: in the order of "
        "the applications. Committee: the committee ranks the applications.",
    )
    term_number = fields.Integer(string="Term", default=1, required=True, tracking=True)
    term_unit = fields.Selection(
        TERM_UNITS, default="year", required=True, tracking=True
    )
    offer_days = fields.Integer(
        string="Days to Accept an Offer",
        default=7,
        required=True,
        tracking=True,
        help="An offered item goes to the next household on the waiting list when "
        "the offer is not accepted within these days.",
    )
    max_per_household = fields.Integer(
        string="Items per Household",
        default=1,
        required=True,
        tracking=True,
        help="How many items of this type a household may hold at the same time.",
    )
    min_age = fields.Integer(
        string="Minimum Age",
        tracking=True,
        help="Applicants must be at least this old (0: no minimum). Read from the "
        "resident register.",
    )
    priority_renewal = fields.Boolean(
        string="Holders First",
        tracking=True,
        help="In a lottery, households that hold an item of this type when they "
        "apply are ranked first (renewals first).",
    )
    priority_age = fields.Integer(
        string="Elderly First From Age",
        tracking=True,
        help="In a lottery, applicants of at least this age are ranked before "
        "everyone else (after the holders when they come first). 0: no priority.",
    )
    allow_renewal = fields.Boolean(
        string="Holders May Renew",
        default=True,
        tracking=True,
        help="The holder is asked before the term ends and may renew for another term.",
    )
    renewal_notice_days = fields.Integer(
        string="Ask to Renew (Days Before End)", default=30, tracking=True
    )
    rules = fields.Html(
        help="The rules every applicant reads and accepts (e.g. the farming "
        "committee's rules). Changing them makes a new version."
    )
    rules_version = fields.Integer(
        default=1,
        readonly=True,
        copy=False,
        tracking=True,
        help="Raised each time the rules change; each application records the "
        "version its applicant accepted.",
    )
    resource_ids = fields.One2many("community.resource", "type_id", string="Items")
    resource_count = fields.Integer(string="Items Count", compute="_compute_counts")
    round_ids = fields.One2many("community.resource.round", "type_id", string="Rounds")
    round_count = fields.Integer(string="Rounds Count", compute="_compute_counts")

    _sql_constraints = [
        (
            "numbers_check",
            "CHECK(term_number >= 1 AND offer_days >= 1 AND max_per_household >= 1 "
            "AND min_age >= 0 AND priority_age >= 0 AND renewal_notice_days >= 0)",
            "Terms, days to accept and items per household are at least 1; ages "
            "and notice days cannot be negative.",
        ),
    ]

    def _compute_counts(self):
        resources = dict(
            self.env["community.resource"]._read_group(
                [("type_id", "in", self.ids)], ["type_id"], ["__count"]
            )
        )
        rounds = dict(
            self.env["community.resource.round"]._read_group(
                [("type_id", "in", self.ids)], ["type_id"], ["__count"]
            )
        )
        for resource_type in self:
            resource_type.resource_count = resources.get(resource_type, 0)
            resource_type.round_count = rounds.get(resource_type, 0)

    @api.constrains("club_id", "community_id")
    def _check_club_community(self):
        for resource_type in self:
            club = resource_type.club_id
            if club and club.community_id != resource_type.community_id:
                raise ValidationError(
                    self.env._(
                        "%(club)s belongs to %(club_community)s: the rules of "
                        "%(type)s are set in %(community)s.",
                        club=club.name,
                        club_community=club.community_id.name,
                        type=resource_type.name,
                        community=resource_type.community_id.name,
                    )
                )

    def write(self, vals):
        if "rules" in vals:
            changed = self.filtered(lambda t: (t.rules or "") != (vals["rules"] or ""))
            for resource_type in changed:
                # a version per record: one write per changed type
                super(CommunityResourceType, resource_type).write(
                    dict(vals, rules_version=resource_type.rules_version + 1)
                )
            return super(CommunityResourceType, self - changed).write(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_resources(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_resource_action",
            domain=[("type_id", "=", self.id)],
            context={"default_type_id": self.id},
        )

    def action_view_rounds(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_resource_round_action",
            domain=[("type_id", "=", self.id)],
            context={"default_type_id": self.id},
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _term_delta(self):
        self.ensure_one()
        return relativedelta(**{f"{self.term_unit}s": self.term_number})

    def _is_rule_setter(self, partner):
        """Whether ``partner`` leads the body that sets this type's rules."""
        self.ensure_one()
        return bool(self.club_id) and self.club_id._is_leader(partner)

    def _held_allocations(self, households):
        """{(type id, household id): [end dates]} of the active allocations
        of these types held by ``households``, in one grouped query.
        Private (as superuser)."""
        return {
            (resource_type.id, household.id): ends
            for resource_type, household, ends in self.env[
                "community.resource.allocation"
            ]
            .sudo()
            ._read_group(
                [
                    ("type_id", "in", self.ids),
                    ("household_id", "in", households.ids),
                    ("state", "=", "active"),
                ],
                ["type_id", "household_id"],
                ["date_end:array_agg"],
            )
        }

    def _eligibility(self, partners, date_term_start=None, held=None):
        """Who may apply for an item of each type, from the resident register.
        Private: reads the register (ages are office-only) as superuser; the
        caller checked the current user may ask about ``partners`` (the
        applicant themself, or the office).

        :param partners: res.partner records (applicants)
        :param date_term_start: allocations ending before it do not count
            against the household's limit (holders may apply again)
        :param held: ``_held_allocations`` of the partners' households, when
            the caller has it already
        :return: {(type_id, partner_id): (reasons, priority_group)}, reasons
            a list of translated sentences, empty when the partner may apply
        """
        partners = partners.sudo()
        types = self.sudo()
        if held is None:
            held = types._held_allocations(partners.household_id)
        start = date_term_start or office_today(self)
        result = {}
        for resource_type in types:
            for partner in partners:
                ends = held.get((resource_type.id, partner.household_id.id), [])
                reasons = resource_type._reasons_against(
                    partner, sum(1 for end in ends if end >= start)
                )
                group = "general"
                if resource_type.priority_renewal and ends:
                    group = "renewal"
                elif resource_type.priority_age and partner.age >= (
                    resource_type.priority_age
                ):
                    group = "elderly"
                result[(resource_type.id, partner.id)] = (reasons, group)
        return result

    def _reasons_against(self, partner, held):
        """The translated reasons why ``partner`` (sudo) may not apply for an
        item of this type (sudo) while their household holds ``held``."""
        self.ensure_one()
        _ = self.env._
        if not partner.is_resident or partner.community_id != self.community_id:
            return [
                _(
                    "Only residents of %(community)s can apply.",
                    community=self.community_id.name,
                )
            ]
        if not partner.household_id:
            return [
                _(
                    "Applications are made per household, and you are not "
                    "registered in a household: ask the community office."
                )
            ]
        reasons = []
        if self.min_age:
            if not partner.birthdate_date:
                reasons.append(
                    _(
                        "Applicants must be at least %(age)s years old and your "
                        "birth date is not on the register: ask the community "
                        "office.",
                        age=self.min_age,
                    )
                )
            elif partner.age < self.min_age:
                reasons.append(
                    _(
                        "Applicants must be at least %(age)s years old.",
                        age=self.min_age,
                    )
                )
        if held >= self.max_per_household:
            reasons.append(
                _(
                    "Your household already holds %(count)s %(type)s item(s), the "
                    "most a household may hold.",
                    count=held,
                    type=self.name,
                )
            )
        return reasons
