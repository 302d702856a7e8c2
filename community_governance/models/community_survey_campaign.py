# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .community_mixin import OFFICE
from .community_petition import _to_id

CAMPAIGN_STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("closed", "Closed"),
    ("reported", "Reported"),
]
ENTRANCE_ROLE_TYPE = "entrance"


class CommunitySurveyCampaign(models.Model):
    """A door-to-door survey (进户调查): every registered household of the
    areas in scope is visited, its answers to a questionnaire (a
    ``survey.survey`` of type "Door-to-door") and its needs are recorded. The
    result is the ledger of residents' conditions (民情台账)."""

    _name = "community.survey.campaign"
    _description = "Door-to-door Survey"
    _inherit = ["mail.thread", "mail.activity.mixin", "community.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    purpose = fields.Text(
        help="Why the households are visited: what the office wants to know."
    )
    community_id = fields.Many2one(
        "community.area",
        required=True,
        index=True,
        tracking=True,
        domain=[("area_type", "=", "community")],
        default=lambda self: self._default_community_id(),
    )
    area_ids = fields.Many2many(
        "community.area",
        "community_survey_campaign_area_rel",
        "campaign_id",
        "area_id",
        string="Scope",
        domain="[('community_id', '=', community_id)]",
        help="Grids, buildings, entrances or alleys to visit, their sub-areas "
        "included. Empty: the whole community.",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("survey_type", "=", "community")],
        help="The questions asked in each household, built in the Surveys app.",
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
        help="Office user in charge; visits the households of entrances without a "
        "steward unless they are assigned to someone else.",
    )
    max_attempts = fields.Integer(
        string="Tries When Not Home",
        default=3,
        required=True,
        help="A household that is not home is due again until it was tried this "
        "many times.",
    )
    allow_self_answer = fields.Boolean(
        string="Households May Answer Themselves",
        default=True,
        help="Visitors may leave a link or QR code with which the household "
        "answers the questionnaire itself, until the campaign closes.",
    )
    state = fields.Selection(
        CAMPAIGN_STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    visit_ids = fields.One2many(
        "community.survey.visit", "campaign_id", string="Visits", groups=OFFICE
    )
    need_ids = fields.One2many(
        "community.survey.need",
        "campaign_id",
        string="Needs Raised",
        groups=OFFICE,
    )
    visitor_ids = fields.Many2many(
        "res.users",
        "community_survey_campaign_visitor_rel",
        "campaign_id",
        "user_id",
        string="Visitors",
        compute="_compute_visitor_ids",
        store=True,
        help="Everybody with households to visit (stewards, officers, volunteers).",
    )
    visit_count = fields.Integer(
        string="Households", compute="_compute_progress", groups=OFFICE
    )
    reached_count = fields.Integer(
        string="Reached", compute="_compute_progress", groups=OFFICE
    )
    interviewed_count = fields.Integer(
        string="Interviewed", compute="_compute_progress", groups=OFFICE
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_progress",
        groups=OFFICE,
        help="Share of the households with a final outcome: interviewed, refused, "
        "vacant or moved out.",
    )
    need_count = fields.Integer(
        string="Needs", compute="_compute_need_count", groups=OFFICE
    )
    need_new_count = fields.Integer(
        string="Needs to Handle", compute="_compute_need_count", groups=OFFICE
    )
    color = fields.Integer()

    _sql_constraints = [
        (
            "max_attempts_positive",
            "CHECK(max_attempts > 0)",
            "A household is tried at least once.",
        ),
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A campaign cannot end before it starts.",
        ),
    ]

    @api.model
    def _default_community_id(self):
        communities = self.env.user.officer_community_ids
        return communities.id if len(communities) == 1 else False

    @api.depends("visit_ids.visitor_id")
    def _compute_visitor_ids(self):
        groups = dict(
            self.env["community.survey.visit"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids)],
                ["campaign_id"],
                ["visitor_id:array_agg"],
            )
        )
        for campaign in self:
            ids = {i for i in groups.get(campaign._origin, []) if i}
            campaign.visitor_ids = [fields.Command.set(sorted(ids))]

    def _compute_progress(self):
        Visit = self.env["community.survey.visit"]
        counts = {}
        for campaign, state, count in Visit._read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id", "state"], ["__count"]
        ):
            counts.setdefault(campaign, {})[state] = count
        for campaign in self:
            states = counts.get(campaign, {})
            total = sum(states.values())
            reached = sum(states.get(s, 0) for s in Visit._reached_states())
            campaign.visit_count = total
            campaign.reached_count = reached
            campaign.interviewed_count = states.get("interviewed", 0)
            campaign.progress = 100.0 * reached / total if total else 0.0

    def _compute_need_count(self):
        counts = {}
        for campaign, state, count in self.env["community.survey.need"]._read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id", "state"], ["__count"]
        ):
            counts.setdefault(campaign, {})[state] = count
        for campaign in self:
            states = counts.get(campaign, {})
            campaign.need_count = sum(states.values())
            campaign.need_new_count = states.get("new", 0)

    @api.constrains("community_id", "area_ids")
    def _check_area_ids(self):
        for campaign in self:
            outside = campaign.area_ids.filtered(
                lambda a, c=campaign: a.community_id != c.community_id
            )
            if outside:
                raise ValidationError(
                    self.env._(
                        "%(areas)s are not in %(community)s: a campaign visits the "
                        "households of one community.",
                        areas=", ".join(outside.mapped("display_name")),
                        community=campaign.community_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("state", "draft") != "draft" for vals in vals_list
        ):
            self._refuse_state_write()
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not self.env.su:
            self._refuse_state_write()
        if {"community_id", "area_ids", "survey_id"} & vals.keys() and any(
            c.state != "draft" for c in self
        ):
            raise UserError(
                self.env._(
                    "The scope and the questionnaire of a campaign are fixed once it "
                    "is open."
                )
            )
        return super().write(vals)

    def _refuse_state_write(self):
        raise AccessError(
            self.env._("A campaign is opened, closed and reported with its buttons.")
        )

    # ------------------------------------------------------------------
    # Actions (buttons, no arguments)
    # ------------------------------------------------------------------

    def action_open(self):
        """Start the campaign: one visit per registered household in scope,
        assigned by area (the entrance's steward, else the responsible)."""
        self._check_office(self.env._("Only the community office can open a campaign."))
        self.check_access("write")
        for campaign in self:
            if not campaign.survey_id.active:
                raise UserError(
                    self.env._(
                        "The questionnaire %(survey)s is archived.",
                        survey=campaign.survey_id.title,
                    )
                )
            campaign._transition("draft", "open")
            campaign._create_visits()
            campaign.message_post(
                body=self.env._(
                    "The campaign is open: %(count)s households to visit.",
                    count=len(campaign.sudo().visit_ids),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_close(self):
        """Stop visiting. Every need raised must have been handled first."""
        self._check_office(
            self.env._("Only the community office can close a campaign.")
        )
        self.check_access("write")
        for campaign in self:
            campaign._transition("open", "closed")
            # The transition locked the row: a need added meanwhile waited for
            # it (see community.survey.visit._lock_campaign) or is seen here.
            new = (
                self.env["community.survey.need"]
                .sudo()
                .search_count(
                    [("campaign_id", "=", campaign.id), ("state", "=", "new")]
                )
            )
            if new:
                raise UserError(
                    self.env._(
                        "%(count)s needs of this campaign are still new: settle, "
                        "decline or pass them on before closing it.",
                        count=new,
                    )
                )
        return True

    def action_reopen(self):
        self._check_office()
        self.check_access("write")
        for campaign in self:
            campaign._transition("closed", "open")
        return True

    def action_report(self):
        """The ledger is done: the campaign is reported to the sub-district."""
        self._check_office()
        self.check_access("write")
        for campaign in self:
            campaign._transition("closed", "reported")
        return True

    def action_view_visits(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_survey_visit_action",
            domain=[("campaign_id", "=", self.id)],
            context={"default_campaign_id": self.id, "search_default_group_area": 1},
        )

    def action_view_needs(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_survey_need_action",
            domain=[("campaign_id", "=", self.id)],
            context={"default_campaign_id": self.id},
        )

    def action_view_results(self):
        """Survey's own result statistics of the questionnaire (the answers
        the user may read)."""
        self.ensure_one()
        return self.survey_id.action_result_survey()

    def action_print_ledger(self):
        self.ensure_one()
        return self.env.ref(
            "community_governance.action_report_survey_ledger"
        ).report_action(self.visit_ids)

    def action_print_door_lists(self):
        self.ensure_one()
        return self.env.ref(
            "community_governance.action_report_survey_door_list"
        ).report_action(self.visit_ids)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def register_household(self, entrance, unit_number, head_name=None, note=None):
        """A visitor found a home that is not in the registry: it enters it
        (for the office to confirm) and gets a visit of this campaign assigned
        to the visitor, with the attempt "new household found".

        :param entrance: the ``community.area`` (or its id), a stairwell
            entrance of the campaign's scope where the visitor has households
        :return: the new visit
        """
        self.ensure_one()
        Visit = self.env["community.survey.visit"]
        if not isinstance(entrance, models.BaseModel):
            entrance = self.env["community.area"].browse(_to_id(entrance))
        entrance = entrance.sudo().exists()
        campaign = self._as_visitor_in(entrance)
        return Visit._register_found_household(
            campaign, entrance, unit_number, head_name, note
        )

    def _as_visitor_in(self, entrance):
        """This campaign as superuser when the current user may work in
        ``entrance``: the office of the community, or a visitor with
        households there."""
        self.ensure_one()
        message = self.env._("You have no households to visit in this entrance.")
        if not entrance or entrance.area_type != "entrance":
            raise UserError(self.env._("Choose the entrance of the home."))
        if self._is_office():
            self.check_access("write")
            campaign = self.sudo()
        else:
            self.check_access("read")
            campaign = self.sudo()
            if (
                not self.env["community.survey.visit"]
                .sudo()
                .search_count(
                    [
                        ("campaign_id", "=", campaign.id),
                        ("area_id", "=", entrance.id),
                        ("visitor_id", "=", self.env.uid),
                    ],
                    limit=1,
                )
            ):
                raise AccessError(message)
        if entrance not in campaign._scope_entrances():
            raise AccessError(message)
        return campaign

    # ------------------------------------------------------------------
    # Private
    # ------------------------------------------------------------------

    def _transition(self, from_state, to_state):
        """Move from ``from_state`` to ``to_state`` in one conditional UPDATE:
        two clicks (or two offices) at once change the state once, the other
        is told it already changed."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE community_survey_campaign SET state = %s, write_uid = %s, "
                "write_date = now() AT TIME ZONE 'UTC' "
                "WHERE id = %s AND state = %s RETURNING id",
                to_state,
                self.env.uid,
                self.id,
                from_state,
            ),
            log_exceptions=False,
        )
        if not self.env.cr.rowcount:
            self.invalidate_recordset(["state"])
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(campaign)s is %(state)s: it cannot be made %(target)s.",
                    campaign=self.name,
                    state=labels[self.state].lower(),
                    target=labels[to_state].lower(),
                )
            )
        self.invalidate_recordset(["state", "write_uid", "write_date"])
        # the chatter's tracking of the state, as a write() would do
        self.message_post(
            body=self.env._(
                "Status: %(state)s",
                state=dict(self._fields["state"]._description_selection(self.env))[
                    to_state
                ],
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _scope_domain(self, field="area_id"):
        """Domain on ``field`` (an area) for what the campaign covers."""
        self.ensure_one()
        if self.area_ids:
            return [(field, "child_of", self.area_ids.ids)]
        return [(field, "child_of", self.community_id.id)]

    def _scope_entrances(self):
        self.ensure_one()
        return (
            self.env["community.area"]
            .sudo()
            .search(
                expression.AND(
                    [self._scope_domain("id"), [("area_type", "=", "entrance")]]
                )
            )
        )

    def _create_visits(self):
        """One visit for each registered household in scope that has none
        yet (the unique index keeps it so), assigned to the steward serving
        its entrance, else to the responsible."""
        self.ensure_one()
        campaign = self.sudo()
        households = (
            self.env["community.household"]
            .sudo()
            .search(
                expression.AND(
                    [
                        campaign._scope_domain(),
                        [
                            ("registry_state", "=", "confirmed"),
                            ("id", "not in", campaign.visit_ids.household_id.ids),
                        ],
                    ]
                ),
                order="area_id, unit_number, id",
            )
        )
        if not households:
            return self.env["community.survey.visit"]
        stewards = self._entrance_visitors(households.area_id)
        return (
            self.env["community.survey.visit"]
            .sudo()
            .create(
                [
                    {
                        "campaign_id": campaign.id,
                        "household_id": household.id,
                        "visitor_id": stewards.get(household.area_id.id)
                        or campaign.user_id.id,
                    }
                    for household in households
                ]
            )
        )

    @api.model
    def _entrance_visitors(self, entrances):
        """{entrance id: user id} of the stairwell stewards serving
        ``entrances`` with a portal account (longest serving first)."""
        stewards = (
            self.env["community.steward"]
            .sudo()
            .search(
                [
                    ("state", "=", "active"),
                    ("area_id", "in", entrances.ids),
                    ("role_id.area_type", "=", ENTRANCE_ROLE_TYPE),
                ],
                order="date_start desc, id desc",
            )
        )
        visitors = {}
        for steward in stewards:
            if steward.user_id:
                visitors[steward.area_id.id] = steward.user_id.id
        return visitors
