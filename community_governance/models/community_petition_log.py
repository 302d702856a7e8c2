# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.misc import format_datetime

from .community_petition import LEVELS, STATES

# The texts of the steps the system takes by itself: stored as a code, shown
# in the language of whoever reads the timeline (``note_display``).
NOTE_CODES = [
    ("auto_escalated", "Not handled in time: escalated automatically."),
    (
        "cosign_reached",
        "Enough neighbours co-signed: the community office must answer by "
        "%(deadline)s.",
    ),
]


class CommunityPetitionLog(models.Model):
    """One step of a petition on the ladder, for its timeline. Kept as records
    next to the chatter's tracking: the portal timeline and the reports read
    steps by event and level, which tracking values do not give."""

    _name = "community.petition.log"
    _description = "Petition Timeline Step"
    _order = "date, id"

    petition_id = fields.Many2one(
        "community.petition", required=True, index=True, ondelete="cascade"
    )
    community_id = fields.Many2one(
        related="petition_id.community_id", store=True, index=True
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    event = fields.Selection(
        [
            ("raised", "Raised"),
            ("taken", "Taken"),
            ("escalated", "Escalated"),
            ("dispatched", "Departments summoned"),
            ("acknowledged", "Department on duty"),
            ("reported", "Department reported"),
            ("declined", "Department declined"),
            ("resolved", "Resolved"),
            ("closed", "Closed"),
            ("reopened", "Reopened"),
            ("duplicate", "Closed as duplicate"),
            ("overdue", "Overdue"),
            ("cosign", "Co-signature threshold reached"),
        ],
        required=True,
    )
    level = fields.Selection(LEVELS)
    state = fields.Selection(STATES)
    handler_id = fields.Many2one("res.users")
    user_id = fields.Many2one("res.users", string="By")
    note = fields.Text(help="What the person who took the step wrote.")
    note_code = fields.Selection(
        NOTE_CODES, string="Automatic Note", help="The text of an automatic step."
    )
    date_due = fields.Datetime(
        string="Due By", help="The petition's due time after this step."
    )
    note_display = fields.Text(string="Note as Shown", compute="_compute_note_display")

    @api.depends("note", "note_code", "date_due")
    @api.depends_context("lang", "tz")
    def _compute_note_display(self):
        labels = dict(self._fields["note_code"]._description_selection(self.env))
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        for step in self:
            if not step.note_code:
                step.note_display = step.note
                continue
            deadline = (
                format_datetime(self.env, step.date_due, tz=tz, dt_format="short")
                if step.date_due
                else "-"
            )
            step.note_display = labels[step.note_code] % {"deadline": deadline}
