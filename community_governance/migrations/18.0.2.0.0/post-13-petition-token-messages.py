# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 13: the petition's "received" and "resolved" messages carried a link
with the petition's access token, in the chatter that neighbours read. The
templates no longer put it there (community.petition.get_portal_url); take
it out of the messages already posted.

The tokens themselves stay, so that the links of the raisers' notification
mails keep working: a token no longer lets its holder post or edit as the
raiser (that takes the raiser's signed link), it only shows a petition its
neighbours could read anyway. An office that wants them revoked too runs
``UPDATE community_petition SET access_token = NULL``."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(
        SQL(
            """
            UPDATE mail_message
               SET body = regexp_replace(body, %(token)s, '\\1', 'g')
             WHERE model = 'community.petition'
               AND body LIKE %(has_token)s
            """,
            token=r"([?&])access_token=[^&\"'#<\s]*&?",
            has_token="%access_token=%",
        )
    )
