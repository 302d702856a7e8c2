# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .community_petition import LEVELS, STATES


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
    note = fields.Text()
