# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import models
from odoo.tools import SQL

from .tools import weighted

# the final outcome of each household, and its weight
OUTCOMES = {
    "interviewed": 70,
    "not_home": 8,
    "unreachable": 6,
    "refused": 5,
    "vacant": 3,
    "moved_out": 2,
    "pending": 6,
}


class CommunitySurveyAttempt(models.Model):
    _inherit = "community.survey.attempt"

    # about 1.1 tries per visit of the campaigns
    _populate_sizes = {"small": 110, "medium": 20_000, "large": 90_000}
    _populate_dependencies = ["community.survey.campaign"]

    def _populate(self, run):
        """Every visit of the run's campaigns gets its outcome: most
        households interviewed (their answers as survey.user_input, as
        ``interview`` saves them), some not home once or twice, a few refused,
        vacant or moved out, some not visited yet. In batches: the visits'
        outcomes are written per group of equal values."""
        rng = run.random(self._name)
        visits = run["community.survey.campaign"].visit_ids
        questions = run["community.survey.campaign"].survey_id.question_ids
        attempts, interviews = [], []
        outcome_of = {}
        for visit in visits:
            outcome = weighted(rng, OUTCOMES)
            outcome_of[visit] = outcome
            start = datetime.combine(visit.campaign_id.date_start, time(9))
            when = start + timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 9))
            tries = {"not_home": 1, "unreachable": 2, "pending": 0}.get(outcome, 1)
            for index in range(tries):
                attempts.append(
                    {
                        "visit_id": visit.id,
                        "date": when + timedelta(days=2 * index),
                        "user_id": visit.visitor_id.id,
                        "channel": "door",
                        "outcome": "not_home"
                        if outcome in ("not_home", "unreachable")
                        else outcome,
                    }
                )
            if outcome == "interviewed":
                interviews.append((visit, when))
        user_inputs = run.batch_create(
            self.env["survey.user_input"],
            (
                self._populate_answers(rng, visit, questions, when)
                for visit, when in interviews
            ),
        )
        input_of = {ui.community_visit_id.id: ui.id for ui in user_inputs}
        for vals in attempts:
            if vals["outcome"] == "interviewed":
                vals["user_input_id"] = input_of[vals["visit_id"]]
        records = run.batch_create(self, attempts)
        self._populate_outcomes(visits, outcome_of, records)
        return records

    def _populate_answers(self, rng, visit, questions, when):
        choice, several, scale = questions
        household = visit.household_id
        partner = household.head_id or household.member_ids[:1]
        lines = [
            {
                "question_id": choice.id,
                "answer_type": "suggestion",
                "suggested_answer_id": rng.choices(
                    choice.suggested_answer_ids.ids, weights=(75, 15, 10)
                )[0],
            },
            {
                "question_id": scale.id,
                "answer_type": "scale",
                "value_scale": rng.randint(1, 5),
            },
        ] + [
            {
                "question_id": several.id,
                "answer_type": "suggestion",
                "suggested_answer_id": answer_id,
            }
            for answer_id in rng.sample(
                several.suggested_answer_ids.ids, rng.randint(1, 3)
            )
        ]
        return {
            "survey_id": choice.survey_id.id,
            "community_visit_id": visit.id,
            "partner_id": partner.id,
            "state": "done",
            "start_datetime": when,
            "end_datetime": when,
            "predefined_question_ids": [(6, 0, questions.ids)],
            "user_input_line_ids": [(0, 0, line) for line in lines],
        }

    def _populate_outcomes(self, visits, outcome_of, attempts):
        """The visits' outcomes after their attempts, one write per group of
        equal values; the interviewed ones then get their answers and who
        answered in one UPDATE."""
        by_visit = defaultdict(list)
        for attempt in attempts:
            by_visit[attempt.visit_id.id].append(attempt.date)
        groups = defaultdict(list)
        for visit in visits:
            dates = by_visit.get(visit.id)
            if dates:
                groups[(outcome_of[visit], len(dates), max(dates))].append(visit.id)
        Visit = self.env["community.survey.visit"]
        for (outcome, count, last), ids in groups.items():
            vals = {"state": outcome, "attempt_count": count, "date_last_attempt": last}
            if outcome == "interviewed":
                vals["date_interviewed"] = last
            Visit.browse(ids).write(vals)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE community_survey_visit v
                   SET user_input_id = ui.id, partner_id = ui.partner_id
                  FROM survey_user_input ui
                 WHERE ui.community_visit_id = v.id AND v.id IN %s
                """,
                tuple(visits.ids) or (0,),
            )
        )
        Visit.invalidate_model(["user_input_id", "partner_id"])
