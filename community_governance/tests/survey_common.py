# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The base of the door-to-door survey tests: the shared communities (see
common.py) with a questionnaire of every question type, more households
and a second stairwell steward.

Households of community A: household A (entrance 1, room 101: resident A and
neighbour A), 201 in entrance 1, 101 in entrance 2, 101 in entrance 1 of
building 2. Entrance 1 is served by ``cg_steward``, entrance 2 by
``cg_steward2``; building 2 has no steward (its visits go to the campaign's
responsible, officer A). ``cg_volunteer`` is a resident of A without any
household to visit.
"""

from datetime import timedelta

from odoo import fields

from .common import CommunityCase


class SurveyCase(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_petition_handlers()
        Household = cls.env["community.household"]
        cls.household_a2 = Household.create(
            {"area_id": cls.entrance_a.id, "unit_number": "201"}
        )
        cls.household_a3 = Household.create(
            {"area_id": cls.entrance_a2.id, "unit_number": "101"}
        )
        cls.household_a4 = Household.create(
            {"area_id": cls.entrance_a3.id, "unit_number": "101"}
        )
        cls.resident_a3, cls.portal_a3 = cls._portal_resident(
            "Resident A3", household=cls.household_a3, login="cg_portal_a3"
        )
        cls.household_a3.head_id = cls.resident_a3
        cls.household_a.head_id = cls.resident_a
        cls.steward2_partner, cls.steward2 = cls._portal_resident(
            "Second Steward", household=cls.household_a4, login="cg_steward2"
        )
        cls._steward(
            cls.steward2_partner, cls.role_stairwell, cls.entrance_a2
        ).action_appoint()
        cls.volunteer_partner, cls.volunteer = cls._portal_resident(
            "Volunteer A", area=cls.grid_a, login="cg_volunteer"
        )
        cls._questionnaire()

    @classmethod
    def _questionnaire(cls):
        Question = cls.env["survey.question"]
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Market survey",
                "survey_type": "community",
                "access_mode": "token",
                "questions_layout": "one_page",
            }
        )

        def question(title, kind, answers=(), **vals):
            return Question.create(
                dict(
                    vals,
                    survey_id=cls.survey.id,
                    title=title,
                    question_type=kind,
                    sequence=10 * (len(cls.survey.question_ids) + 1),
                    suggested_answer_ids=[(0, 0, {"value": a}) for a in answers],
                )
            )

        cls.q_keep = question(
            "Keep the market?", "simple_choice", ("Keep", "Move"), constr_mandatory=True
        )
        cls.a_keep, cls.a_move = cls.q_keep.suggested_answer_ids
        cls.q_trouble = question(
            "What bothers you?",
            "multiple_choice",
            ("Bikes", "Goods", "Trucks"),
            comments_allowed=True,
        )
        cls.a_bikes, cls.a_goods, cls.a_trucks = cls.q_trouble.suggested_answer_ids
        cls.q_why = question(
            "Why move it?", "char_box", triggering_answer_ids=[(6, 0, cls.a_move.ids)]
        )
        cls.q_score = question("Score", "scale", scale_min=1, scale_max=5)
        cls.q_count = question("Bikes at the gate", "numerical_box")
        cls.q_since = question("Living here since", "date")
        cls.q_ideas = question("Ideas", "text_box")
        cls.q_noise = question(
            "Noise", "matrix", ("Calm", "Noisy"), matrix_subtype="simple"
        )
        cls.q_noise.matrix_row_ids = [
            (0, 0, {"value": "Morning"}),
            (0, 0, {"value": "Evening"}),
        ]
        cls.row_morning, cls.row_evening = cls.q_noise.matrix_row_ids
        cls.a_calm, cls.a_noisy = cls.q_noise.suggested_answer_ids

    @classmethod
    def _campaign(cls, community=None, open_it=True, **vals):
        """A campaign of community A (its officer responsible), opened as
        that officer unless ``open_it`` is false; it started yesterday."""
        community = community or cls.community_a
        officer = cls.officer_a if community == cls.community_a else cls.officer_b
        campaign = cls.env["community.survey.campaign"].create(
            dict(
                {
                    "name": f"Survey of {community.name}",
                    "community_id": community.id,
                    "survey_id": cls.survey.id,
                    "user_id": officer.id,
                    "date_start": fields.Date.today() - timedelta(days=1),
                },
                **vals,
            )
        )
        if open_it:
            campaign.with_user(officer).action_open()
        return campaign

    @classmethod
    def _visit(cls, campaign, household):
        return campaign.sudo().visit_ids.filtered(lambda v: v.household_id == household)

    def _answers(self, overrides=None):
        """A complete interview of the questionnaire ({question id: answer}
        ``overrides`` replace some answers)."""
        answers = {
            self.q_keep.id: self.a_keep.id,
            self.q_trouble.id: [self.a_bikes.id, self.a_trucks.id],
            self.q_score.id: "4",
            self.q_count.id: "12",
            self.q_since.id: "1996-05-01",
            self.q_ideas.id: "Delivery slots before 7 am.",
            self.q_noise.id: {self.row_morning.id: [self.a_noisy.id]},
        }
        answers.update(overrides or {})
        return answers
