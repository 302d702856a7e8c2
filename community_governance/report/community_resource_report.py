# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.community_resource_allocation import ALLOCATION_STATES
from ..models.community_resource_type import office_tz


class CommunityResourceReport(models.Model):
    """One row per allocation of a shared item: how long households hold
    the items, how often items change hands (turnover: ended, given back or
    revoked without renewal), the revocations, and how long the households
    waited for their offer. The query is split into ``_select``, ``_from``
    and ``_where`` so that another module can extend it."""

    _name = "community.resource.report"
    _description = "Shared Resources Analysis"
    _auto = False
    _order = "date_start desc"
    _rec_name = "resource_id"

    allocation_id = fields.Many2one("community.resource.allocation", readonly=True)
    resource_id = fields.Many2one("community.resource", string="Item", readonly=True)
    type_id = fields.Many2one("community.resource.type", readonly=True)
    community_id = fields.Many2one("community.area", readonly=True)
    household_id = fields.Many2one("community.household", readonly=True)
    round_id = fields.Many2one("community.resource.round", readonly=True)
    state = fields.Selection(ALLOCATION_STATES, readonly=True)
    date_start = fields.Date(string="From", readonly=True)
    date_stop = fields.Date(
        string="Stopped On",
        readonly=True,
        help="The day the household stopped holding the item, else the end of its "
        "term.",
    )
    is_renewal = fields.Boolean(string="Renewal", readonly=True)
    allocation_count = fields.Integer(
        string="Allocations", readonly=True, aggregator="sum"
    )
    turnover_count = fields.Integer(
        string="Changed Hands",
        readonly=True,
        aggregator="sum",
        help="Allocations that ended, were given back or were revoked (not renewed).",
    )
    revoked_count = fields.Integer(string="Revoked", readonly=True, aggregator="sum")
    released_count = fields.Integer(
        string="Given Back", readonly=True, aggregator="sum"
    )
    renewed_count = fields.Integer(string="Renewed", readonly=True, aggregator="sum")
    days_held = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="Days from the start until the household stopped holding the item "
        "(or until today).",
    )
    waiting_days = fields.Float(
        string="Days Waited for the Offer",
        readonly=True,
        aggregator="avg",
        digits=(10, 1),
        help="From the draw (first come: from the application) to the first offer; "
        "empty for renewals.",
    )

    def _select(self):
        return SQL(
            """
            SELECT a.id AS id,
                   a.id AS allocation_id,
                   a.resource_id,
                   a.type_id,
                   a.community_id,
                   a.household_id,
                   a.round_id,
                   a.state,
                   a.date_start,
                   COALESCE(a.date_stop, a.date_end) AS date_stop,
                   a.renewed_from_id IS NOT NULL AS is_renewal,
                   1 AS allocation_count,
                   CASE WHEN a.state IN ('ended', 'released', 'revoked')
                        THEN 1 ELSE 0 END AS turnover_count,
                   CASE WHEN a.state = 'revoked' THEN 1 ELSE 0 END AS revoked_count,
                   CASE WHEN a.state = 'released' THEN 1 ELSE 0 END AS released_count,
                   CASE WHEN a.state = 'renewed' THEN 1 ELSE 0 END AS renewed_count,
                   GREATEST(
                       LEAST(
                           COALESCE(a.date_stop, a.date_end),
                           (now() AT TIME ZONE %(tz)s)::date
                       )
                       - a.date_start + 1,
                       0
                   ) AS days_held,
                   CASE WHEN a.renewed_from_id IS NULL
                             AND app.date_first_offer IS NOT NULL
                        THEN GREATEST(
                            EXTRACT(EPOCH FROM app.date_first_offer - COALESCE(
                                CASE WHEN r.allocation_method != 'first_come'
                                     THEN r.date_draw END,
                                app.date_submitted
                            )) / 86400.0,
                            0
                        )
                   END AS waiting_days
            """,
            tz=office_tz(self.env),
        )

    def _from(self):
        return SQL(
            """
            FROM community_resource_allocation a
            LEFT JOIN community_resource_application app ON app.id = a.application_id
            LEFT JOIN community_resource_round r ON r.id = a.round_id
            """
        )

    def _where(self):
        return SQL("")

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())
