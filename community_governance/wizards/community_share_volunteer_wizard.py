# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CommunityShareVolunteerWizard(models.TransientModel):
    """The office answers a need through a volunteer it asked: the volunteer's
    side of the match is accepted, the resident who needs accepts hers."""

    _name = "community.share.volunteer.wizard"
    _description = "Answer a Need through a Volunteer"

    listing_id = fields.Many2one(
        "community.share.listing",
        string="Need",
        required=True,
        readonly=True,
        domain=[("kind", "=", "need")],
    )
    community_id = fields.Many2one(related="listing_id.community_id")
    skill_ids = fields.Many2many(
        "community.skill", string="Fitting Skills", compute="_compute_skill_ids"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Volunteer",
        required=True,
        domain="[('is_volunteer', '=', True), ('community_id', '=', community_id)]",
    )
    fitting_partner_ids = fields.Many2many(
        "res.partner",
        string="Volunteers with a Fitting Skill",
        compute="_compute_skill_ids",
    )

    @api.depends("listing_id")
    def _compute_skill_ids(self):
        Partner = self.env["res.partner"]
        for wizard in self:
            listing = wizard.listing_id
            skills = listing.skill_id | listing.category_id.skill_ids
            wizard.skill_ids = skills
            wizard.fitting_partner_ids = (
                Partner.search(
                    [
                        ("is_volunteer", "=", True),
                        ("community_id", "=", listing.community_id.id),
                        ("skill_ids", "in", skills.ids),
                        ("id", "!=", listing.partner_id.id),
                    ],
                    limit=20,
                )
                if skills
                else Partner
            )

    def action_propose(self):
        self.ensure_one()
        match = self.listing_id.propose_to_resident(self.partner_id)
        return match._action_open(
            "community_governance.community_share_match_action",
            res_id=match.id,
            view_mode="form",
            views=[(False, "form")],
        )
