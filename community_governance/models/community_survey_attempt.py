# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

CHANNELS = [
    ("door", "At the Door"),
    ("phone", "By Phone"),
    ("message", "By Message"),
    ("self", "Answered Itself"),
]
NO_ANSWER_OUTCOMES = [
    ("not_home", "Not home"),
    ("refused", "Refused"),
    ("vacant", "Vacant"),
    ("moved_out", "Moved out"),
]
OUTCOMES = [
    ("interviewed", "Interviewed"),
    *NO_ANSWER_OUTCOMES,
    ("new_household", "New household found"),
]


class CommunitySurveyAttempt(models.Model):
    """One knock at a door (or call, or message): when, who, how, and what
    happened. An attempt has an outcome or answers: an interview always
    carries the answers it recorded. Written by the visit's methods only."""

    _name = "community.survey.attempt"
    _description = "Visit Attempt"
    _order = "date desc, id desc"
    _rec_name = "visit_id"

    visit_id = fields.Many2one(
        "community.survey.visit",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    campaign_id = fields.Many2one(
        related="visit_id.campaign_id", store=True, index=True, string="Campaign"
    )
    household_id = fields.Many2one(
        related="visit_id.household_id", store=True, string="Household"
    )
    community_id = fields.Many2one(
        related="visit_id.community_id", store=True, index=True, string="Community"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="By",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    channel = fields.Selection(CHANNELS, required=True, default="door", readonly=True)
    outcome = fields.Selection(OUTCOMES, required=True, readonly=True, index=True)
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Answers",
        readonly=True,
        ondelete="restrict",
        groups="community_governance.group_officer",
    )
    note = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "interview_has_answers",
            "CHECK(outcome != 'interviewed' OR user_input_id IS NOT NULL)",
            "An interview is recorded with its answers.",
        ),
    ]

    def init(self):
        # One interview per visit, whatever the number of phones.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS "
                "community_survey_attempt_one_interview_idx "
                "ON community_survey_attempt (visit_id) WHERE outcome = 'interviewed'"
            )
        )
