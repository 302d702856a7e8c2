# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1 kept the resident's satisfaction in community_petition.rating (1-5,
0 = not rated) and rating_comment; 18.0.2 keeps it as a rating.rating of the
petition (rating.mixin). Every stored rating becomes a consumed rating.rating
by the raiser, rated partner who settled it (the user of its last
"resolved" timeline step, else its handler, else the company: the office),
with the comment as its feedback.

The old columns are still there when this runs: the ORM drops the columns of
removed fields at the very end of the upgrade (ir.model.data's
_process_end), after every post- script, so no pre- script is needed.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)
BATCH = 1000


def migrate(cr, version):
    if not column_exists(cr, "community_petition", "rating"):
        return
    has_comment = column_exists(cr, "community_petition", "rating_comment")
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        SQL(
            """
            SELECT p.id, p.partner_id, COALESCE(settler.partner_id, u.partner_id),
                   p.rating, %(comment)s, p.state IN ('resolved', 'closed')
              FROM community_petition p
              LEFT JOIN res_users u ON u.id = p.user_id
              LEFT JOIN LATERAL (
                  SELECT l.user_id
                    FROM community_petition_log l
                   WHERE l.petition_id = p.id AND l.event = 'resolved'
                   ORDER BY l.date DESC, l.id DESC
                   LIMIT 1
              ) settled ON TRUE
              LEFT JOIN res_users settler
                     ON settler.id = settled.user_id AND settler.id != %(root)s
             WHERE p.rating BETWEEN 1 AND 5
               AND p.partner_id IS NOT NULL
               AND NOT EXISTS (
                   SELECT 1 FROM rating_rating r
                    WHERE r.res_model = 'community.petition' AND r.res_id = p.id
               )
             ORDER BY p.id
            """,
            comment=SQL("p.rating_comment") if has_comment else SQL("NULL"),
            root=SUPERUSER_ID,
        )
    )
    rows = cr.fetchall()
    model_id = env["ir.model"]._get_id("community.petition")
    office = env.company.partner_id.id
    Rating = env["rating.rating"].with_context(tracking_disable=True)
    for start in range(0, len(rows), BATCH):
        Rating.create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": petition_id,
                    "partner_id": partner_id,
                    "rated_partner_id": handler or office,
                    "rating": rating,
                    "feedback": comment or False,
                    "consumed": counts,
                    # Rated by the logged-in raiser only (see _rating_request).
                    "access_token": False,
                }
                for petition_id, partner_id, handler, rating, comment, counts in rows[
                    start : start + BATCH
                ]
            ]
        )
        # Creating a rating does not trigger the mixin's stored last value
        # (rating_ids is a one2many on a Many2oneReference): compute it once
        # the ratings (their related res_model included) are in the table.
        env.flush_all()
        petitions = env["community.petition"].browse(
            row[0] for row in rows[start : start + BATCH]
        )
        env.add_to_compute(petitions._fields["rating_last_value"], petitions)
        env.flush_all()
        env.invalidate_all()
    _logger.info(
        "community_governance: %s petition ratings moved to rating.rating", len(rows)
    )
