# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.community_share_listing import KINDS, STATES, WHATS


class CommunityShareReport(models.Model):
    """One row per published listing: needs against offers per category and
    area (and where needs go unanswered), the match rate and the time from
    posting to the first match and to fulfilment. The query is split into
    ``_select`` / ``_from`` / ``_where`` so that other modules extend it."""

    _name = "community.share.report"
    _description = "Shared Community Analysis"
    _auto = False
    _rec_name = "listing_id"
    _order = "date_published desc"

    listing_id = fields.Many2one("community.share.listing", readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    what = fields.Selection(WHATS, readonly=True)
    category_id = fields.Many2one("community.share.category", readonly=True)
    community_id = fields.Many2one("community.area", readonly=True)
    grid_id = fields.Many2one("community.area", readonly=True)
    area_id = fields.Many2one("community.area", string="Home Area", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Resident", readonly=True)
    state = fields.Selection(STATES, readonly=True)
    date_published = fields.Datetime(readonly=True)
    is_matched = fields.Boolean(string="Matched", readonly=True)
    is_unanswered = fields.Boolean(string="Reached the Office", readonly=True)
    is_waiting = fields.Boolean(
        string="Waiting for an Answer",
        readonly=True,
        help="Published and taken by nobody yet.",
    )
    listing_count = fields.Integer(string="Listings", readonly=True, aggregator="sum")
    need_count = fields.Integer(string="Needs", readonly=True, aggregator="sum")
    offer_count = fields.Integer(string="Offers", readonly=True, aggregator="sum")
    matched_count = fields.Integer(
        string="Listings Matched", readonly=True, aggregator="sum"
    )
    unanswered_count = fields.Integer(
        string="Unanswered Needs", readonly=True, aggregator="sum"
    )
    match_rate = fields.Float(
        string="Match Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the listings matched at least once.",
    )
    hours_to_match = fields.Float(
        string="Hours to First Match", readonly=True, aggregator="avg"
    )
    hours_to_fulfil = fields.Float(
        string="Hours to Fulfilment", readonly=True, aggregator="avg"
    )

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    def _select(self):
        return SQL(
            """
            SELECT l.id AS id,
                   l.id AS listing_id,
                   l.kind,
                   l.what,
                   l.category_id,
                   l.community_id,
                   g.id AS grid_id,
                   l.area_id,
                   l.partner_id,
                   l.state,
                   l.date_published,
                   l.date_matched IS NOT NULL AS is_matched,
                   COALESCE(l.is_unanswered, FALSE) AS is_unanswered,
                   l.state = 'published' AND COALESCE(l.taken_count, 0) = 0
                       AS is_waiting,
                   1 AS listing_count,
                   CASE WHEN l.kind = 'need' THEN 1 ELSE 0 END AS need_count,
                   CASE WHEN l.kind = 'offer' THEN 1 ELSE 0 END AS offer_count,
                   CASE WHEN l.date_matched IS NOT NULL THEN 1 ELSE 0 END
                       AS matched_count,
                   CASE WHEN l.kind = 'need' AND l.is_unanswered THEN 1 ELSE 0 END
                       AS unanswered_count,
                   CASE WHEN l.date_matched IS NOT NULL THEN 100.0 ELSE 0.0 END
                       AS match_rate,
                   EXTRACT(EPOCH FROM l.date_matched - l.date_published) / 3600.0
                       AS hours_to_match,
                   EXTRACT(EPOCH FROM l.date_fulfilled - l.date_published) / 3600.0
                       AS hours_to_fulfil
            """
        )

    def _from(self):
        # The grid of the home area: the second area of its path
        # (community / grid / building / stairwell), when it is a grid.
        return SQL(
            """
              FROM community_share_listing l
              JOIN community_area a ON a.id = l.area_id
              LEFT JOIN community_area g
                     ON g.id = NULLIF(split_part(a.parent_path, '/', 2), '')::int
                    AND g.area_type = 'grid'
            """
        )

    def _where(self):
        return SQL("WHERE l.date_published IS NOT NULL")
