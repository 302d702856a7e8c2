# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, consteq

from .community_mixin import MANAGER, OFFICE
from .community_petition import _to_id, clean_text
from .community_survey_attempt import CHANNELS, NO_ANSWER_OUTCOMES

VISIT_STATES = [
    ("pending", "To Visit"),
    ("not_home", "Not Home"),
    ("unreachable", "Not Reached"),
    ("interviewed", "Interviewed"),
    ("refused", "Refused"),
    ("vacant", "Vacant"),
    ("moved_out", "Moved Out"),
]
# Final outcomes: the household was reached, whatever it said.
REACHED_STATES = ("interviewed", "refused", "vacant", "moved_out")
# Households still to knock at while the campaign is open.
DUE_STATES = ("pending", "not_home")
# The same outcome recorded again within this time is the same visit (two
# phones, a double tap), not a new try.
SAME_ATTEMPT_MINUTES = 10
MAX_NOTE = 2000
MAX_TEXT_ANSWER = 5000
MAX_COMMENT = 1000
MAX_ROOM = 20
MAX_NAME = 100
# What the office may change on a visit in its forms; the outcome, the tries
# and the answers are written by the visit's methods only.
EDITABLE_FIELDS = {"visitor_id", "note"}
_NUMBER = re.compile(r"^[+-]?[0-9]{1,12}([.,][0-9]{1,6})?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?$")


class CommunitySurveyVisit(models.Model):
    """One household of a campaign: who visits it, every attempt at its door,
    the final outcome, its answers (one ``survey.user_input``) and its needs.
    One visit per household per campaign (unique)."""

    _name = "community.survey.visit"
    _description = "Household Visit"
    # portal.mixin: the link (access token) with which the household answers
    # the questionnaire itself, checked with consteq on its own page only.
    _inherit = ["portal.mixin", "community.mixin"]
    # portal.mixin's token is the household's link: stewards and residents
    # never read it (the portal shows the link to the visitor, as superuser)
    access_token = fields.Char(groups="base.group_user")
    _order = "campaign_id desc, area_id, unit_number, id"
    _rec_name = "household_id"

    campaign_id = fields.Many2one(
        "community.survey.campaign",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    survey_id = fields.Many2one(related="campaign_id.survey_id", string="Questionnaire")
    household_id = fields.Many2one(
        "community.household",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    unit_number = fields.Char(
        related="household_id.unit_number", string="Room", store=True
    )
    area_id = fields.Many2one(
        "community.area",
        string="Entrance",
        related="household_id.area_id",
        store=True,
        index=True,
    )
    building_id = fields.Many2one(
        "community.area",
        compute="_compute_building_id",
        store=True,
        index=True,
    )
    community_id = fields.Many2one(
        related="campaign_id.community_id", store=True, index=True, string="Community"
    )
    visitor_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        help="Who knocks at this door: the entrance's steward, an officer or a "
        "volunteer of the community.",
    )
    state = fields.Selection(
        VISIT_STATES,
        string="Outcome",
        default="pending",
        required=True,
        index=True,
        readonly=True,
    )
    is_found = fields.Boolean(
        string="Found on the Doorstep",
        readonly=True,
        help="The visitor found this household at the door: it was not in the "
        "registry.",
    )
    attempt_ids = fields.One2many(
        "community.survey.attempt", "visit_id", string="Attempts", readonly=True
    )
    attempt_count = fields.Integer(string="Tries", readonly=True)
    date_last_attempt = fields.Datetime(string="Last Try", readonly=True, index=True)
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Answers",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        groups=OFFICE,
    )
    answer_line_ids = fields.One2many(
        related="user_input_id.user_input_line_ids",
        string="Answer Lines",
        groups=OFFICE,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Interviewed", readonly=True, index="btree_not_null"
    )
    date_interviewed = fields.Datetime(string="Interviewed On", readonly=True)
    note = fields.Text(string="Notes")
    need_ids = fields.One2many("community.survey.need", "visit_id", string="Needs")
    need_count = fields.Integer(compute="_compute_need_count")

    _sql_constraints = [
        (
            "household_campaign_uniq",
            "unique(campaign_id, household_id)",
            "A household is visited once per campaign.",
        ),
    ]

    @api.depends("area_id.parent_id")
    def _compute_building_id(self):
        for visit in self:
            visit.building_id = visit.area_id.parent_id

    def _compute_need_count(self):
        counts = dict(
            self.env["community.survey.need"]._read_group(
                [("visit_id", "in", self.ids)], ["visit_id"], ["__count"]
            )
        )
        for visit in self:
            visit.need_count = counts.get(visit, 0)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for visit in self:
            visit.access_url = f"/household-survey/{visit.id}"
        return res

    @api.depends("household_id", "campaign_id")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = visit.household_id.sudo().display_name or ""

    @api.constrains("visitor_id", "campaign_id")
    def _check_visitor_id(self):
        """A visitor is office staff of the community (or a manager), or a
        resident of the community with a portal account (steward, volunteer)."""
        checked = set()
        for visit in self:
            key = (visit.visitor_id.id, visit.campaign_id.community_id.id)
            if key in checked:
                continue
            checked.add(key)
            user = visit.visitor_id.sudo()
            community = visit.campaign_id.community_id
            if user.share:
                allowed = (
                    user.partner_id.is_resident
                    and user.partner_id.community_id == community
                )
            else:
                allowed = user.has_group(MANAGER) or (
                    user.has_group(OFFICE) and community in user.officer_community_ids
                )
            if not allowed:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot visit the households of %(community)s: a "
                        "visitor is a resident of the community (a steward, a "
                        "volunteer) or one of its office staff.",
                        user=user.name,
                        community=community.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def write(self, vals):
        if not self.env.su and vals.keys() - EDITABLE_FIELDS:
            raise AccessError(
                self.env._(
                    "A visit is recorded with its tries and its answers, not edited."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_portal(self):
        """The visit's page on the phone (questionnaire, attempts, needs)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/my/surveys/visits/{self.id}",
            "target": "self",
        }

    def action_view_needs(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_survey_need_action",
            domain=[("visit_id", "=", self.id)],
            context={"default_visit_id": self.id},
        )

    # ------------------------------------------------------------------
    # Business methods (public: each checks who calls it)
    # ------------------------------------------------------------------

    def assign(self, visitor):
        """Give these visits to ``visitor`` (a user or its id): office only."""
        self._check_office(
            self.env._("Only the community office assigns the households.")
        )
        self.check_access("write")
        if not isinstance(visitor, models.BaseModel):
            visitor = self.env["res.users"].browse(_to_id(visitor))
        visitor = visitor.exists()
        if len(visitor) != 1:
            raise UserError(self.env._("Choose who visits these households."))
        self.write({"visitor_id": visitor.id})
        return True

    def record_attempt(self, outcome, channel="door", note=None, date=None):
        """The visitor knocked (or called) without an interview: not home,
        refused, vacant or moved out. An interview is recorded with its
        answers, by :meth:`interview`.

        :param date: when it happened, if not now (a paper door list typed in
            later): between the campaign's start and now
        """
        self.ensure_one()
        visit = self._as_visitor()
        if outcome not in dict(NO_ANSWER_OUTCOMES):
            raise UserError(self.env._("Choose what happened at the door."))
        channel = visit._check_channel(channel)
        note = clean_text(self.env, note, self.env._("The note"), MAX_NOTE)
        when = visit._check_date(date)
        visit._lock()
        if visit.state == "interviewed":
            raise UserError(
                self.env._(
                    "%(household)s was already interviewed: its answers are kept.",
                    household=visit.display_name,
                )
            )
        same = visit.attempt_ids.filtered(
            lambda a: (
                a.outcome == outcome
                and abs(a.date - when) < timedelta(minutes=SAME_ATTEMPT_MINUTES)
            )
        )
        if same:
            raise UserError(
                self.env._(
                    "This visit was just recorded as “%(outcome)s”: it is counted "
                    "once.",
                    outcome=dict(NO_ANSWER_OUTCOMES)[outcome],
                )
            )
        visit._add_attempt(outcome, channel, note, when=when)
        return True

    def interview(
        self, answers, comments=None, partner=None, channel="door", note=None, date=None
    ):
        """Save the household's answers to the questionnaire, through survey's
        own line-saving (``survey.user_input._save_lines``), as the assigned
        visitor or the office. The first time, the visit is "interviewed"
        (one attempt with these answers); afterwards the answers are updated,
        so an interview sent twice (two phones, a double tap) stays one.

        :param dict answers: {question id: answer} as survey's own pages send
            them: text, a number or a date as text; the id of the chosen answer;
            a list of ids (several answers); {row id: [column ids]} (matrix)
        :param dict comments: {question id: comment} of choice questions
        :param partner: the member of the household who answered (a
            ``res.partner`` or its id); by default its head
        :param date: when, if not now (answers typed in from paper later)
        """
        self.ensure_one()
        visit = self._as_visitor()
        channel = visit._check_channel(channel)
        note = clean_text(self.env, note, self.env._("The note"), MAX_NOTE)
        when = visit._check_date(date)
        visit._save_interview(answers, comments, partner, channel, note, when=when)
        return True

    def add_need(self, values):
        """A need or opinion the household raised during the visit.

        :param dict values: ``description``, ``category_id``, ``urgent``
        :return: the new need
        """
        self.ensure_one()
        visit = self._as_visitor()
        values = values if isinstance(values, dict) else {}
        description = clean_text(
            self.env,
            values.get("description"),
            self.env._("The need"),
            MAX_TEXT_ANSWER,
            self.env._("Write down what the household needs or thinks."),
        )
        category = self.env["community.petition.category"].browse(
            _to_id(values.get("category_id"))
        )
        if category and not category.exists():
            raise UserError(self.env._("Choose one of the categories offered."))
        visit._lock_campaign()
        recent = (
            self.env["community.survey.need"]
            .sudo()
            .search_count(
                [
                    ("visit_id", "=", visit.id),
                    ("description", "=", description),
                    (
                        "create_date",
                        ">=",
                        fields.Datetime.now() - timedelta(minutes=SAME_ATTEMPT_MINUTES),
                    ),
                ],
                limit=1,
            )
        )
        if recent:
            raise UserError(
                self.env._("This need was just recorded: it is there once.")
            )
        # Checked above: the visitor (portal) has no create right on needs.
        need = (
            self.env["community.survey.need"]
            .sudo()
            .create(
                {
                    "visit_id": visit.id,
                    "description": description,
                    "category_id": category.id,
                    "urgency": "urgent" if values.get("urgent") else "normal",
                    "user_id": self.env.uid,
                }
            )
        )
        return need.sudo(False)

    def self_answer_url(self):
        """The link (and QR code) the visitor leaves with the household: it
        opens this household's questionnaire only, until the campaign closes."""
        self.ensure_one()
        visit = self._as_visitor()
        if not visit.campaign_id.allow_self_answer:
            raise UserError(
                self.env._("Households of this campaign do not answer themselves.")
            )
        if visit.state == "interviewed":
            raise UserError(self.env._("This household has already answered."))
        # the token is the household's (office users only read the field):
        # the visitor checked above gets the link, not the field
        visit = visit.sudo()
        visit._portal_ensure_token()
        return visit.get_base_url() + visit.get_portal_url()

    @api.model
    def answer_with_token(self, visit_id, token, answers, comments=None):
        """The household answers itself with the link the visitor left."""
        visit = self._from_token(visit_id, token)
        if not visit:
            raise AccessError(
                self.env._("This link is not valid any more: the survey may be over.")
            )
        partner = self.env.user.partner_id
        if partner.sudo().household_id != visit.household_id:
            partner = False
        visit._save_interview(answers, comments, partner, "self", "", self_answer=True)
        return True

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    @api.model
    def _from_token(self, visit_id, token):
        """The visit (as superuser) whose self-answer link this is, while its
        campaign is open and lets households answer; else nothing."""
        visit = self.sudo().browse(_to_id(visit_id)).exists()
        if (
            not visit
            or not isinstance(token, str)
            or not visit.access_token
            or not consteq(visit.access_token, token)
            or visit.campaign_id.state != "open"
            or not visit.campaign_id.allow_self_answer
        ):
            return self.sudo().browse()
        return visit

    @api.model
    def _portal_domain(self):
        """The visits of the current user to do (or done) on the portal."""
        return [("visitor_id", "=", self.env.uid)]

    @api.model
    def _household_visits(self):
        """The visits of the current resident's household that the household
        sees on /my: its answers and its needs (as superuser: the record rules
        give residents their needs, not the visitors' pages)."""
        household = self.env.user.partner_id.sudo().household_id
        if not household:
            return self.sudo().browse()
        return self.sudo().search(
            [
                ("household_id", "=", household.id),
                "|",
                ("state", "=", "interviewed"),
                ("need_ids", "!=", False),
            ],
            order="date_interviewed desc, id desc",
        )

    def _questionnaire(self):
        """The questions of the visit's questionnaire, as superuser, in order,
        with their section."""
        self.ensure_one()
        return self.sudo().campaign_id.survey_id.question_ids

    def _answers_by_question(self):
        """{question id: answer} of the saved answers, in the form
        :meth:`interview` takes, to show them again in the form."""
        self.ensure_one()
        answers, comments = {}, {}
        for line in self.sudo().user_input_id.user_input_line_ids:
            question = line.question_id
            if line.skipped:
                continue
            if line.answer_type == "suggestion":
                if question.question_type == "matrix":
                    answers.setdefault(question.id, {}).setdefault(
                        line.matrix_row_id.id, []
                    ).append(line.suggested_answer_id.id)
                else:
                    answers.setdefault(question.id, []).append(
                        line.suggested_answer_id.id
                    )
            elif question.question_type in (
                "simple_choice",
                "multiple_choice",
                "matrix",
            ):
                comments[question.id] = line.value_char_box
            else:
                answers[question.id] = line._get_answer_value()
        return answers, comments

    def _answer_summary(self):
        """[(question, text)] of the saved answers, for the household's page,
        the ledger and the backend."""
        self.ensure_one()
        lines = self.sudo().user_input_id.user_input_line_ids.filtered(
            lambda line: not line.skipped
        )
        summary = {}
        for line in lines:
            summary.setdefault(line.question_id, []).append(line.display_name or "")
        return [(question, "; ".join(texts)) for question, texts in summary.items()]

    def _get_report_base_filename(self):
        return self.env._(
            "Door list %(entrance)s", entrance=self[:1].area_id.complete_name or ""
        )

    def _report_groups(self):
        """[(campaign, [(entrance, visits)])] of these visits in the order of
        the doors, for the ledger and the door lists (read in batches)."""
        by_group = {}
        for visit in self.sorted(
            lambda v: (
                -v.campaign_id.id,
                v.area_id.complete_name or "",
                v.unit_number or "",
                v.id,
            )
        ):
            by_group.setdefault(visit.campaign_id, {}).setdefault(
                visit.area_id, []
            ).append(visit.id)
        return [
            (
                campaign,
                [(entrance, self.browse(ids)) for entrance, ids in entrances.items()],
            )
            for campaign, entrances in by_group.items()
        ]

    # ------------------------------------------------------------------
    # Private
    # ------------------------------------------------------------------

    @api.model
    def _reached_states(self):
        return REACHED_STATES

    def _as_visitor(self):
        """This visit as superuser when the current user may record it: the
        office of its community, or its visitor, while the campaign is open."""
        self.ensure_one()
        visit = self._checked_sudo(
            lambda v: v.visitor_id == self.env.user,
            self.env._("This household is not assigned to you."),
        ).sudo()
        if visit.campaign_id.state != "open":
            raise UserError(
                self.env._(
                    "%(campaign)s is not open: its visits are not recorded any more.",
                    campaign=visit.campaign_id.name,
                )
            )
        return visit

    def _check_date(self, date):
        """When an attempt happened: now, or a past moment of the campaign."""
        now = fields.Datetime.now()
        if not date:
            return now
        try:
            when = fields.Datetime.to_datetime(date)
        except (TypeError, ValueError):
            when = None
        start = datetime.combine(self.campaign_id.date_start, datetime.min.time())
        if not when or when > now or when < start:
            raise UserError(
                self.env._(
                    "The date of a visit is between the start of the campaign and now."
                )
            )
        return when

    def _check_channel(self, channel):
        if channel not in dict(CHANNELS) or channel == "self":
            raise UserError(self.env._("Choose how the household was reached."))
        return channel

    def _lock(self):
        """Lock this visit's row until the end of the transaction. The same
        visit recorded at once from two phones: the second waits, then sees
        the first one's outcome (Odoo retries it after the serialization
        failure), so it does not add a second interview."""
        self.env["community.survey.visit"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM community_survey_visit WHERE id IN %s FOR UPDATE",
                tuple(self.ids),
            ),
            log_exceptions=False,
        )
        self.invalidate_recordset()

    def _lock_campaign(self):
        """Touch the campaign's row: a need added while the office closes the
        campaign either comes first (the closing sees it and is refused) or
        waits and finds the campaign closed."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "UPDATE community_survey_campaign SET write_date = write_date "
                "WHERE id = %s AND state = 'open'",
                self.campaign_id.id,
            ),
            log_exceptions=False,
        )
        if not self.env.cr.rowcount:
            raise UserError(
                self.env._(
                    "%(campaign)s is not open: its visits are not recorded any more.",
                    campaign=self.campaign_id.name,
                )
            )

    def _default_partner(self):
        household = self.household_id.sudo()
        return household.head_id or household.member_ids[:1]

    def _interviewed_partner(self, partner):
        """The member of the household who answered (its head by default)."""
        if partner and not isinstance(partner, models.BaseModel):
            partner = self.env["res.partner"].browse(_to_id(partner))
        partner = (partner or self.env["res.partner"]).sudo().exists()
        if not partner:
            return self._default_partner()
        if partner.household_id != self.household_id:
            raise UserError(
                self.env._("Choose who answered among the members of the household.")
            )
        return partner

    def _add_attempt(self, outcome, channel, note, user_input=None, when=None):
        """Record one attempt and the visit's outcome after it. Private: the
        caller checked the right and locked the visit."""
        self.ensure_one()
        when = when or fields.Datetime.now()
        attempt = (
            self.env["community.survey.attempt"]
            .sudo()
            .create(
                {
                    "visit_id": self.id,
                    "date": when,
                    "user_id": self.env.uid,
                    "channel": channel,
                    "outcome": outcome,
                    "note": note or False,
                    "user_input_id": user_input.id if user_input else False,
                }
            )
        )
        vals = {
            "attempt_count": self.attempt_count + 1,
            "date_last_attempt": max(self.date_last_attempt or when, when),
        }
        if outcome == "not_home":
            tries = len(self.attempt_ids.filtered(lambda a: a.outcome == "not_home"))
            vals["state"] = (
                "unreachable" if tries >= self.campaign_id.max_attempts else "not_home"
            )
        elif outcome != "new_household":
            vals["state"] = outcome
        self.write(vals)
        return attempt

    def _save_interview(
        self, answers, comments, partner, channel, note, self_answer=False, when=None
    ):
        """Check the answers, then save them in the visit's survey.user_input
        with survey's own methods. Private: the caller checked the right."""
        self.ensure_one()
        partner = self._interviewed_partner(partner)
        checked = self._check_answers(answers, comments)
        self._lock()
        if self.state == "interviewed" and self_answer:
            raise UserError(
                self.env._("Your household has already answered. Thank you!")
            )
        user_input = self.user_input_id
        if not user_input:
            user_input = self.survey_id._create_answer(
                partner=partner, check_attempts=False, community_visit_id=self.id
            )
        elif partner and user_input.partner_id != partner:
            user_input.write({"partner_id": partner.id, "email": partner.email})
        for question, answer, comment in checked:
            user_input._save_lines(question, answer, comment)
        user_input._clear_inactive_conditional_answers()
        if user_input.state != "done":
            user_input._mark_done()
        when = when or fields.Datetime.now()
        if when < user_input.end_datetime:
            # typed in later: survey's dates say when it was answered
            user_input.write({"start_datetime": when, "end_datetime": when})
        vals = {"partner_id": partner.id}
        if note:
            vals["note"] = note
        if self.state != "interviewed":
            self._add_attempt(
                "interviewed", channel, note, user_input=user_input, when=when
            )
            vals.update(user_input_id=user_input.id, date_interviewed=when)
        self.write(vals)
        return user_input

    def _check_answers(self, answers, comments):
        """[(question, answer, comment)] of the questions to save, the answers
        checked as survey's own pages check them (``validate_question``) and
        their choices checked to belong to the question. Questions that the
        answers do not trigger (conditional questions) are left out.

        :raise UserError: every answer to correct, in one message
        """
        questions = self._questionnaire()
        answers = answers if isinstance(answers, dict) else {}
        comments = comments if isinstance(comments, dict) else {}
        by_id = {_to_id(key): value for key, value in answers.items()}
        comment_by_id = {_to_id(key): value for key, value in comments.items()}
        if (set(by_id) | set(comment_by_id)) - set(questions.ids):
            raise UserError(
                self.env._("Some answers do not belong to this questionnaire.")
            )
        errors = []
        values = {}
        for question in questions:
            try:
                values[question] = (
                    self._normalise_answer(question, by_id.get(question.id)),
                    clean_text(
                        self.env,
                        comment_by_id.get(question.id),
                        question.title,
                        MAX_COMMENT,
                    )
                    or None,
                )
            except UserError as error:
                errors.append(error.args[0])
        if errors:
            raise UserError("\n".join(errors))
        selected = set()
        for answer, _comment in values.values():
            if isinstance(answer, list):
                selected.update(answer)
            elif isinstance(answer, dict):
                pass
            elif isinstance(answer, int):
                selected.add(answer)
        checked = []
        for question, (answer, comment) in values.items():
            triggers = question.triggering_answer_ids
            if (
                triggers
                and question.survey_id.questions_selection != "random"
                and not set(triggers.ids) & selected
            ):
                continue
            problem = question.validate_question(answer, comment).get(question.id)
            if problem:
                errors.append(f"{question.title}: {problem}")
            checked.append((question, answer, comment))
        if errors:
            raise UserError("\n".join(errors))
        return checked

    def _normalise_answer(self, question, value):
        """``value`` sent for ``question`` in the form survey's line-saving
        takes; anything malformed raises a translated UserError naming the
        question."""
        kind = question.question_type
        if kind in ("simple_choice", "multiple_choice"):
            return self._normalise_choice(question, value)
        if kind == "matrix":
            return self._normalise_matrix(question, value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        text = clean_text(
            self.env,
            value,
            question.title,
            MAX_TEXT_ANSWER if kind == "text_box" else 500,
        )
        if not text or kind in ("char_box", "text_box"):
            return text
        problem = None
        if kind == "numerical_box":
            if not _NUMBER.match(text):
                problem = self.env._("Write a number with the digits 0 to 9.")
            text = text.replace(",", ".")
        elif kind == "scale":
            if not (
                text.isascii()
                and text.isdigit()
                and question.scale_min <= int(text) <= question.scale_max
            ):
                problem = self.env._(
                    "Choose a value from %(min)s to %(max)s.",
                    min=question.scale_min,
                    max=question.scale_max,
                )
            else:
                text = str(int(text))
        elif kind == "date" and not _DATE.match(text):
            problem = self.env._("Write the date as YYYY-MM-DD.")
        elif kind == "datetime":
            if not _DATETIME.match(text):
                problem = self.env._("Write the date and time as YYYY-MM-DD HH:MM.")
            else:
                text = self._to_utc(text)
        if problem:
            raise UserError(f"{question.title}: {problem}")
        return text

    def _normalise_choice(self, question, value):
        """The chosen answer's id (one choice) or ids (several)."""
        values = value if isinstance(value, list) else ([value] if value else [])
        ids = list(dict.fromkeys(_to_id(v) for v in values))
        if not set(ids) <= set(question.suggested_answer_ids.ids):
            raise UserError(
                f"{question.title}: " + self.env._("Choose among the answers offered.")
            )
        if question.question_type == "multiple_choice":
            return ids
        if len(ids) > 1:
            raise UserError(
                f"{question.title}: "
                + self.env._("For this question, choose one answer.")
            )
        return ids[0] if ids else ""

    def _normalise_matrix(self, question, value):
        """{row id: [column ids]} of the answered rows."""
        matrix = {}
        for row, columns in (value if isinstance(value, dict) else {}).items():
            row_id = _to_id(row)
            columns = columns if isinstance(columns, list) else [columns]
            ids = list(
                dict.fromkeys(_to_id(c) for c in columns if c not in (None, False, ""))
            )
            if row_id not in question.matrix_row_ids.ids or not set(ids) <= set(
                question.suggested_answer_ids.ids
            ):
                raise UserError(
                    f"{question.title}: "
                    + self.env._("Choose among the answers offered.")
                )
            if question.matrix_subtype == "simple" and len(ids) > 1:
                raise UserError(
                    f"{question.title}: " + self.env._("Choose one answer per row.")
                )
            if ids:
                matrix[row_id] = ids
        return matrix

    def _to_utc(self, text):
        """A date and time typed in the user's time zone, in UTC as survey
        stores it; an impossible date is left for survey to refuse."""
        text = text.replace("T", " ")
        if len(text) == 16:
            text += ":00"
        try:
            local = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return text
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        return fields.Datetime.to_string(
            tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
        )

    @api.model
    def _register_found_household(
        self, campaign, entrance, unit_number, head_name, note
    ):
        """Register the home found at the door (private: the caller checked
        that the user works in ``entrance``): a household to confirm, its
        head if named, and a visit assigned to the finder."""
        unit_number = clean_text(
            self.env,
            unit_number,
            self.env._("The room"),
            MAX_ROOM,
            self.env._("Write the room number of the home."),
        )
        head_name = clean_text(self.env, head_name, self.env._("The name"), MAX_NAME)
        note = clean_text(self.env, note, self.env._("The note"), MAX_NOTE)
        if campaign.state != "open":
            raise UserError(
                self.env._(
                    "%(campaign)s is not open: its visits are not recorded any more.",
                    campaign=campaign.name,
                )
            )
        # Two visitors registering the same room at once: the second waits on
        # the entrance's row, then (retried) finds the household registered.
        self.env.cr.execute(
            SQL(
                "UPDATE community_area SET write_date = write_date WHERE id = %s",
                entrance.id,
            ),
            log_exceptions=False,
        )
        Household = self.env["community.household"].sudo()
        if Household.with_context(active_test=False).search_count(
            [("area_id", "=", entrance.id), ("unit_number", "=", unit_number)],
            limit=1,
        ):
            raise UserError(
                self.env._(
                    "Room %(room)s of %(entrance)s is already registered.",
                    room=unit_number,
                    entrance=entrance.display_name,
                )
            )
        household = Household.create(
            {
                "area_id": entrance.id,
                "unit_number": unit_number,
                "registry_state": "to_confirm",
                "note": note or False,
            }
        )
        if head_name:
            head = (
                self.env["res.partner"]
                .sudo()
                .create(
                    {
                        "name": head_name,
                        "is_resident": True,
                        "household_id": household.id,
                    }
                )
            )
            household.head_id = head
        visit = self.sudo().create(
            {
                "campaign_id": campaign.id,
                "household_id": household.id,
                "visitor_id": self.env.uid,
                "is_found": True,
            }
        )
        visit._add_attempt("new_household", "door", note)
        household.message_post(
            body=self.env._(
                "Found at the door by %(visitor)s during %(campaign)s: to be "
                "confirmed by the office.",
                visitor=self.env.user.name,
                campaign=campaign.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return visit
