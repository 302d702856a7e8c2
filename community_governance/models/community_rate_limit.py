# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# Attempts per minute (ir.config_parameter community_governance.rate_limit_<scope>;
# 0 switches the limit off). No real user meets them: they stop scripts that
# try check-in codes or verification codes one after the other.
RATE_LIMITS = {
    "checkin": 10,  # per user: a check-in code is typed once or twice
    "verify": 30,  # per address: a certificate is checked once
}


class CommunityRateLimit(models.Model):
    """Attempts per key (a user, an address) and minute at the pages that
    look a secret code up. Counted on a cursor of its own and committed at
    once: a refused attempt is rolled back with its request, its count must
    stay."""

    _name = "community.rate.limit"
    _description = "Rate Limit Counter"
    _log_access = False

    scope = fields.Char(required=True, readonly=True)
    key = fields.Char(required=True, readonly=True)
    minute = fields.Datetime(required=True, readonly=True, help="The minute counted.")
    count = fields.Integer(readonly=True)

    _sql_constraints = [
        (
            "scope_key_minute_uniq",
            "unique(scope, key, minute)",
            "One counter per key and minute.",
        ),
    ]

    @api.model
    def _limit(self, scope):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"community_governance.rate_limit_{scope}")
        )
        try:
            return max(int(value), 0) if value not in (None, False, "") else None
        except ValueError:
            return None

    @api.model
    def _hit(self, scope, key):
        """Count one attempt of ``key`` at ``scope``; whether it is allowed
        (at most the scope's limit per minute)."""
        limit = self._limit(scope)
        if limit is None:
            limit = RATE_LIMITS[scope]
        if not limit:
            return True
        minute = fields.Datetime.now().replace(second=0, microsecond=0)
        # One conditional statement: concurrent attempts count one by one.
        with self.env.registry.cursor() as cr:
            if not self.env.registry.in_test_mode():
                # concurrent attempts wait for each other and add up, instead
                # of failing to serialize (the default, repeatable read)
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute(
                SQL(
                    """
                    INSERT INTO %(table)s (scope, key, minute, count)
                    VALUES (%(scope)s, %(key)s, %(minute)s, 1)
                    ON CONFLICT (scope, key, minute)
                    DO UPDATE SET count = %(table)s.count + 1
                    RETURNING count
                    """,
                    table=SQL.identifier(self._table),
                    scope=scope,
                    key=str(key)[:100],
                    minute=minute,
                )
            )
            count = cr.fetchone()[0]
        return count <= limit

    @api.model
    def _check(self, scope, key):
        """:raise UserError: when ``key`` tried too often this minute"""
        if not self._hit(scope, key):
            raise UserError(
                self.env._("Too many attempts: wait a minute, then try again.")
            )

    @api.autovacuum
    def _gc_counters(self):
        """Counters of past minutes count nothing any more."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM %s WHERE minute < %s",
                SQL.identifier(self._table),
                fields.Datetime.now() - timedelta(hours=1),
            )
        )
