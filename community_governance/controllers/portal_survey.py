# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/surveys: the visitors' pages of door-to-door surveys (phone-first): my
campaigns → buildings and entrances → rooms; a visit's attempts, its
questionnaire and its needs. /household-survey: the questionnaire a
household answers itself with the link the visitor left. /my/household/surveys:
what the resident's household said and what became of its needs.

Every rule is the models' (``community.survey.visit.record_attempt``,
``interview``, ``add_need`` …): the routes parse their input with
``portal_tools``, call the model method and redirect with its outcome.
"""

from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.community_survey_attempt import CHANNELS, NO_ANSWER_OUTCOMES
from ..models.community_survey_visit import (
    DUE_STATES,
    MAX_COMMENT,
    MAX_NAME,
    MAX_NOTE,
    MAX_ROOM,
    MAX_TEXT_ANSWER,
)
from . import portal_tools as tools

VISITOR_CHANNELS = [key for key, _label in CHANNELS if key != "self"]


class SurveyPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Visit = request.env["community.survey.visit"]
        if "survey_visit_count" in counters:
            values["survey_visit_count"] = (
                Visit.search_count(
                    Visit._portal_domain() + [("campaign_id.state", "=", "open")]
                )
                if tools.home_card("survey_visit_count") and Visit.has_access("read")
                else 0
            )
        if "household_survey_count" in counters:
            values["household_survey_count"] = (
                len(Visit._household_visits())
                if tools.home_card("household_survey_count")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Visitors: campaigns, entrances, rooms
    # ------------------------------------------------------------------

    def _my_visit_counts(self, domain, groupby):
        """{group key: {outcome: count}} of the current user's visits."""
        counts = {}
        Visit = request.env["community.survey.visit"]
        for *keys, state, count in Visit._read_group(
            domain + Visit._portal_domain(), [*groupby, "state"], ["__count"]
        ):
            counts.setdefault(tuple(keys), {})[state] = count
        return counts

    @http.route(
        ["/my/surveys", "/my/surveys/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_my_surveys(self, page=1, **kw):
        Campaign = request.env["community.survey.campaign"]
        if not Campaign.has_access("read"):
            return request.redirect("/my")
        domain = [("visitor_ids", "in", [request.env.uid])]
        pager = tools.pager("/my/surveys", Campaign.search_count(domain), page)
        campaigns = Campaign.search(
            domain,
            order="state desc, date_start desc, id desc",
            limit=tools.PAGE_SIZE,
            offset=pager["offset"],
        )
        counts = self._my_visit_counts(
            [("campaign_id", "in", campaigns.ids)], ["campaign_id"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "surveys",
                "campaigns": campaigns,
                "counts": {c.id: counts.get((c,), {}) for c in campaigns},
                "due_states": DUE_STATES,
                "pager": pager,
                "default_url": "/my/surveys",
            }
        )
        return request.render("community_governance.portal_my_surveys", values)

    @http.route(
        "/my/surveys/<int:campaign_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_survey_campaign(self, campaign_id, **kw):
        campaign = tools.get_record("community.survey.campaign", campaign_id)
        counts = self._my_visit_counts(
            [("campaign_id", "=", campaign.id)], ["building_id", "area_id"]
        )
        if not counts:
            raise NotFound()
        buildings = {}
        for (building, entrance), states in counts.items():
            buildings.setdefault(building, []).append((entrance, states))
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "survey_campaign",
                "campaign": campaign.sudo(),
                "buildings": sorted(
                    buildings.items(), key=lambda item: item[0].complete_name or ""
                ),
                "due_states": DUE_STATES,
                "max_room": MAX_ROOM,
                "max_name": MAX_NAME,
            }
        )
        return request.render("community_governance.portal_survey_campaign", values)

    def _entrance_visits(self, campaign_id, area_id):
        """The campaign and the current user's visits in the entrance; a 404
        when there are none."""
        campaign = tools.get_record("community.survey.campaign", campaign_id)
        Visit = request.env["community.survey.visit"]
        visits = Visit.search(
            [
                ("campaign_id", "=", campaign.id),
                ("area_id", "=", tools.parse_id(area_id) or 0),
            ]
            + Visit._portal_domain()
        )
        if not visits:
            raise NotFound()
        return campaign, visits

    @http.route(
        "/my/surveys/<int:campaign_id>/entrances/<int:area_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_survey_entrance(self, campaign_id, area_id, **kw):
        campaign, visits = self._entrance_visits(campaign_id, area_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "survey_entrance",
                "campaign": campaign.sudo(),
                "entrance": visits.area_id.sudo(),
                # Checked: the visits are the user's (record rules).
                "visits": visits.sudo(),
                "due_states": DUE_STATES,
                "is_open": campaign.sudo().state == "open",
            }
        )
        return request.render("community_governance.portal_survey_entrance", values)

    @http.route(
        "/my/surveys/<int:campaign_id>/entrances/<int:area_id>/door-list",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_survey_door_list(self, campaign_id, area_id, **kw):
        _campaign, visits = self._entrance_visits(campaign_id, area_id)
        return self._show_report(
            visits, "pdf", "community_governance.action_report_survey_door_list"
        )

    # ------------------------------------------------------------------
    # A visit
    # ------------------------------------------------------------------

    def _visit_page_values(self, visit, error=None, posted=None):
        visit_sudo = visit.sudo()
        answers, comments = posted or visit_sudo._answers_by_question()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "survey_visit",
                "visit": visit_sudo,
                "campaign": visit_sudo.campaign_id,
                "is_open": visit_sudo.campaign_id.state == "open",
                "questions": visit_sudo._questionnaire(),
                "form": self._form_state(
                    visit_sudo._questionnaire(), answers, comments
                ),
                "members": visit_sudo.household_id.member_ids,
                "attempts": visit_sudo.attempt_ids.sorted("date", reverse=True),
                "needs": visit_sudo.need_ids,
                "categories": request.env["community.petition.category"].search([]),
                "outcomes": self._labels("community.survey.attempt", "outcome"),
                "no_answer_outcomes": [key for key, _label in NO_ANSWER_OUTCOMES],
                "channels": [
                    (key, label)
                    for key, label in self._labels(
                        "community.survey.attempt", "channel"
                    ).items()
                    if key in VISITOR_CHANNELS
                ],
                "need_states": self._labels("community.survey.need", "state"),
                "self_answer_url": visit_sudo.access_token
                and visit_sudo.campaign_id.allow_self_answer
                and visit_sudo.state != "interviewed"
                and visit_sudo.get_base_url() + visit_sudo.get_portal_url(),
                "error": error,
                "max_note": MAX_NOTE,
                "max_text": MAX_TEXT_ANSWER,
                "max_comment": MAX_COMMENT,
            }
        )
        return values

    @staticmethod
    def _form_state(questions, answers, comments):
        """{question id: {chosen, rows, text, comment}} of the given answers,
        as texts, for the form's inputs."""
        state = {}
        for question in questions:
            value = answers.get(question.id)
            values = value if isinstance(value, list) else [value]
            state[question.id] = {
                "chosen": [str(v) for v in values if v not in (None, False, "")],
                "rows": {
                    int(row): [str(v) for v in columns]
                    for row, columns in (
                        value.items() if isinstance(value, dict) else ()
                    )
                },
                "text": ""
                if isinstance(value, list | dict) or value in (None, False)
                else str(value),
                "comment": comments.get(question.id) or "",
            }
        return state

    def _labels(self, model, field):
        Model = request.env[model]
        return dict(Model._fields[field]._description_selection(request.env))

    @http.route(
        "/my/surveys/visits/<int:visit_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_survey_visit(self, visit_id, **kw):
        visit = tools.get_record("community.survey.visit", visit_id)
        return request.render(
            "community_governance.portal_survey_visit", self._visit_page_values(visit)
        )

    def _visit_url(self, visit):
        return f"/my/surveys/visits/{visit.id}"

    def _entrance_url(self, visit):
        visit = visit.sudo()
        return f"/my/surveys/{visit.campaign_id.id}/entrances/{visit.area_id.id}"

    @http.route(
        "/my/surveys/visits/<int:visit_id>/attempt",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_survey_attempt(
        self, visit_id, outcome=None, channel=None, note=None, back=None, **kw
    ):
        """One tap: not home, refused, vacant or moved out."""
        visit = tools.get_record("community.survey.visit", visit_id)
        url = self._visit_url(visit)
        if tools.parse_choice(back, ("entrance",)):
            url = self._entrance_url(visit)
        try:
            note = tools.parse_text(
                note, max_length=MAX_NOTE, label=request.env._("The note")
            )
        except UserError as error:
            tools.flash_error(error)
            return request.redirect(url)
        outcome = tools.parse_choice(outcome, dict(NO_ANSWER_OUTCOMES))
        return tools.run_action(
            url,
            visit.record_attempt,
            outcome,
            tools.parse_choice(channel, VISITOR_CHANNELS, "door"),
            note,
            success=request.env._(
                "%(household)s: %(outcome)s.",
                household=visit.sudo().display_name,
                outcome=self._labels("community.survey.attempt", "outcome").get(
                    outcome, ""
                ),
            ),
        )

    def _field_values(self, name):
        """The values sent under ``name``; a file part there is refused."""
        if any(
            isinstance(f, FileStorage) for f in request.httprequest.files.getlist(name)
        ):
            raise tools.InputError(
                request.env._("A file was sent where text was expected.")
            )
        return request.httprequest.form.getlist(name)

    def _parse_answers(self, questions):
        """({question id: answer}, {question id: comment}) of the form, in the
        form ``community.survey.visit.interview`` takes (the model checks the
        choices and the values)."""
        answers, comments = {}, {}
        for question in questions:
            key = f"q{question.id}"
            kind = question.question_type
            if kind == "multiple_choice":
                answers[question.id] = [
                    tools.parse_text(v, max_length=20, multiline=False)
                    for v in self._field_values(key)
                ]
            elif kind == "matrix":
                answers[question.id] = {
                    row.id: [
                        tools.parse_text(v, max_length=20, multiline=False)
                        for v in self._field_values(f"{key}_{row.id}")
                    ]
                    for row in question.matrix_row_ids
                }
            else:
                answers[question.id] = tools.parse_text(
                    self._field_values(key),
                    max_length=MAX_TEXT_ANSWER,
                    label=question.title,
                    multiline=kind == "text_box",
                )
            if kind in ("simple_choice", "multiple_choice", "matrix"):
                comment = tools.parse_text(
                    self._field_values(f"{key}_comment"),
                    max_length=MAX_COMMENT,
                    label=question.title,
                )
                if comment:
                    comments[question.id] = comment
        return answers, comments

    def _posted_answers(self, questions):
        """What was typed, to show the form again after a refusal (bad values
        left out)."""
        try:
            return self._parse_answers(questions)
        except UserError:
            return {}, {}

    @http.route(
        "/my/surveys/visits/<int:visit_id>/interview",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_survey_interview(
        self, visit_id, partner_id=None, channel=None, note=None, **kw
    ):
        """The household's answers: saved whole or not at all; the page comes
        back with the message and what was typed when something is wrong."""
        visit = tools.get_record("community.survey.visit", visit_id)
        questions = visit._questionnaire()
        try:
            answers, comments = self._parse_answers(questions)
            with request.env.cr.savepoint():
                visit.interview(
                    answers,
                    comments,
                    partner=tools.parse_id(partner_id),
                    channel=tools.parse_choice(channel, VISITOR_CHANNELS, "door"),
                    note=tools.parse_text(
                        note, max_length=MAX_NOTE, label=request.env._("The note")
                    ),
                )
        except (UserError, AccessError) as error:
            values = self._visit_page_values(
                visit, error=error.args[0], posted=self._posted_answers(questions)
            )
            return request.render(
                "community_governance.portal_survey_visit", values, status=400
            )
        visit_sudo = visit.sudo()
        tools.flash(
            request.env._(
                "The answers of %(household)s are saved.",
                household=visit_sudo.display_name,
            )
        )
        return request.redirect(self._entrance_url(visit))

    @http.route(
        "/my/surveys/visits/<int:visit_id>/needs",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_survey_add_need(
        self, visit_id, description=None, category_id=None, urgent=None, **kw
    ):
        visit = tools.get_record("community.survey.visit", visit_id)
        url = self._visit_url(visit)
        try:
            values = {
                "description": tools.parse_text(
                    description,
                    max_length=MAX_TEXT_ANSWER,
                    required=True,
                    label=request.env._("The need"),
                ),
                "category_id": tools.parse_optional_id(
                    category_id, label=request.env._("The category")
                ),
                "urgent": tools.parse_bool(urgent),
            }
        except UserError as error:
            tools.flash_error(error)
            return request.redirect(url)
        return tools.run_action(
            url,
            visit.add_need,
            values,
            success=request.env._("The need is recorded: the office will see it."),
        )

    @http.route(
        "/my/surveys/visits/<int:visit_id>/link",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_survey_link(self, visit_id, **kw):
        """The link and QR code the household answers with."""
        visit = tools.get_record("community.survey.visit", visit_id)
        return tools.run_action(
            self._visit_url(visit),
            visit.self_answer_url,
            success=request.env._(
                "Show the QR code to the household or send it the link: it opens "
                "their questionnaire only, until the campaign closes."
            ),
        )

    def _need_action(self, need_id, call, success):
        need = tools.get_record("community.survey.need", need_id)
        return tools.run_action(
            self._visit_url(need.sudo().visit_id), call, need, success=success
        )

    @http.route(
        "/my/surveys/needs/<int:need_id>/settle",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_survey_need_settle(self, need_id, note=None, **kw):
        return self._need_action(
            need_id,
            lambda need: need.settle(
                tools.parse_text(
                    note, max_length=MAX_NOTE, label=request.env._("What was done")
                )
            ),
            request.env._("The need is settled on the spot."),
        )

    @http.route(
        "/my/surveys/needs/<int:need_id>/send",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_survey_need_send(self, need_id, **kw):
        return self._need_action(
            need_id,
            lambda need: need.action_send_to_office(),
            request.env._("The need is sent to the community office."),
        )

    @http.route(
        "/my/surveys/<int:campaign_id>/households",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_survey_register_household(
        self,
        campaign_id,
        entrance_id=None,
        unit_number=None,
        head_name=None,
        note=None,
        **kw,
    ):
        """A home found at the door that is not in the registry."""
        campaign = tools.get_record("community.survey.campaign", campaign_id)
        url = f"/my/surveys/{campaign.id}"
        try:
            with request.env.cr.savepoint():
                visit = campaign.register_household(
                    tools.parse_id(entrance_id),
                    tools.parse_text(
                        unit_number,
                        max_length=MAX_ROOM,
                        required=True,
                        label=request.env._("The room"),
                        multiline=False,
                    ),
                    head_name=tools.parse_text(
                        head_name,
                        max_length=MAX_NAME,
                        label=request.env._("The name"),
                        multiline=False,
                    ),
                    note=tools.parse_text(
                        note, max_length=MAX_NOTE, label=request.env._("The note")
                    ),
                )
        except (UserError, AccessError) as error:
            tools.flash_error(error)
            return request.redirect(url)
        tools.flash(
            request.env._(
                "The household is registered for the office to confirm: you can "
                "interview it now."
            )
        )
        return request.redirect(self._visit_url(visit))

    # ------------------------------------------------------------------
    # The household answers itself (the link the visitor left)
    # ------------------------------------------------------------------

    def _self_answer_values(self, visit, token, error=None, posted=None):
        answers, comments = posted or ({}, {})
        return {
            "visit": visit,
            "campaign": visit.campaign_id,
            "questions": visit._questionnaire(),
            "form": self._form_state(visit._questionnaire(), answers, comments),
            "access_token": token,
            "error": error,
            "done": visit.state == "interviewed",
            "max_text": MAX_TEXT_ANSWER,
            "max_comment": MAX_COMMENT,
        }

    @http.route(
        "/household-survey/<int:visit_id>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
    )
    def household_survey(self, visit_id, access_token=None, **kw):
        token = tools.parse_search(access_token, 100)
        visit = request.env["community.survey.visit"]._from_token(visit_id, token)
        if not visit:
            raise NotFound()
        return request.render(
            "community_governance.portal_household_survey",
            self._self_answer_values(visit, token),
        )

    @http.route(
        "/household-survey/<int:visit_id>/answer",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def household_survey_answer(self, visit_id, access_token=None, **kw):
        token = tools.parse_search(access_token, 100)
        Visit = request.env["community.survey.visit"]
        visit = Visit._from_token(visit_id, token)
        if not visit:
            raise NotFound()
        thanks = f"/household-survey/{visit.id}?access_token={token}"
        if visit.state == "interviewed":
            # sent twice (a double tap, the link used again): the thank-you page
            return request.redirect(thanks)
        questions = visit._questionnaire()
        try:
            answers, comments = self._parse_answers(questions)
            with request.env.cr.savepoint():
                Visit.answer_with_token(visit.id, token, answers, comments)
        except (UserError, AccessError) as error:
            return request.render(
                "community_governance.portal_household_survey",
                self._self_answer_values(
                    visit, token, error.args[0], self._posted_answers(questions)
                ),
                status=400,
            )
        return request.redirect(thanks)

    # ------------------------------------------------------------------
    # Residents: what my household said
    # ------------------------------------------------------------------

    @http.route(
        "/my/household/surveys",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_household_surveys(self, **kw):
        visits = request.env["community.survey.visit"]._household_visits()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "household_surveys",
                "visits": visits,
                "need_states": self._labels("community.survey.need", "state"),
                "readable_petitions": visits.need_ids.petition_id.with_env(
                    request.env
                )._filtered_access("read"),
            }
        )
        return request.render("community_governance.portal_household_surveys", values)
