# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunityShareAbuse(models.Model):
    """A resident reports a neighbour's listing to the office (once per
    listing): the office reads the reports, hides the listing (the reports
    are upheld) or keeps it (dismissed)."""

    _name = "community.share.abuse"
    _description = "Shared Community Abuse Report"
    _order = "create_date desc, id desc"
    _rec_name = "listing_id"

    listing_id = fields.Many2one(
        "community.share.listing",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Reported By",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    reason = fields.Text(required=True, readonly=True)
    community_id = fields.Many2one(
        related="listing_id.community_id", store=True, index=True
    )
    listing_partner_id = fields.Many2one(
        related="listing_id.partner_id", string="Posted By"
    )
    is_hidden = fields.Boolean(related="listing_id.is_hidden")
    state = fields.Selection(
        [
            ("open", "To Review"),
            ("upheld", "Listing Hidden"),
            ("dismissed", "Dismissed"),
        ],
        required=True,
        default="open",
        index=True,
        readonly=True,
    )

    _sql_constraints = [
        (
            "listing_partner_uniq",
            "unique(listing_id, partner_id)",
            "A resident reports a listing once.",
        ),
    ]

    def action_hide_listing(self):
        self.listing_id.action_hide()
        return True

    def action_dismiss(self):
        self.listing_id.action_dismiss_reports()
        return True
