# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.community_deliberation_ballot import CHANNELS, CHOICES, OFFICE_CHANNELS


class CommunityDeliberationBallotWizard(models.TransientModel):
    """The office enters a ballot cast on paper, door to door or at the
    meeting, one after the other from the stack ("Record and Next")."""

    _name = "community.deliberation.ballot.wizard"
    _description = "Record a Paper Ballot"

    deliberation_id = fields.Many2one(
        "community.deliberation", string="Matter", required=True
    )
    ballot_id = fields.Many2one(
        "community.deliberation.ballot",
        string="Unit",
        required=True,
        domain="[('deliberation_id', '=', deliberation_id), ('state', '=', 'pending')]",
    )
    unit_area = fields.Float(related="ballot_id.unit_area")
    owner_names = fields.Char(related="ballot_id.owner_names")
    voter_candidate_ids = fields.Many2many(
        "res.partner", compute="_compute_voter_candidate_ids"
    )
    voter_id = fields.Many2one(
        "res.partner",
        string="Cast By",
        required=True,
        domain="[('id', 'in', voter_candidate_ids)]",
        help="The owner who signed the ballot, or the unit's proxy.",
    )
    choice = fields.Selection(CHOICES, string="Vote", required=True)
    channel = fields.Selection(
        [c for c in CHANNELS if c[0] in OFFICE_CHANNELS],
        required=True,
        default="paper",
    )
    date = fields.Datetime(string="Cast On", required=True, default=fields.Datetime.now)

    @api.depends("ballot_id")
    def _compute_voter_candidate_ids(self):
        for wizard in self:
            ballot = wizard.ballot_id.sudo()
            wizard.voter_candidate_ids = ballot.owner_ids | ballot.proxy_id

    @api.onchange("ballot_id")
    def _onchange_ballot_id(self):
        candidates = self.voter_candidate_ids
        if self.voter_id not in candidates:
            self.voter_id = candidates[:1]

    def _record(self):
        self.ensure_one()
        # community.deliberation.ballot.cast checks who may record it
        self.ballot_id.cast(
            self.choice,
            channel=self.channel,
            voter=self.voter_id.id,
            date=self.date,
        )

    def action_record(self):
        self._record()
        return {"type": "ir.actions.act_window_close"}

    def action_record_next(self):
        self._record()
        action = self.deliberation_id.action_record_ballot()
        action["context"] = dict(
            action["context"], default_channel=self.channel, default_date=self.date
        )
        return action
