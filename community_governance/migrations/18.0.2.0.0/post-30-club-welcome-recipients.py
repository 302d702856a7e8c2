# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The club's welcome mail now names its recipient (the new member) in the
template, so that the approvals of many requests post in one batch. The
template is ``noupdate``: give the recipient to databases that kept the
template as it was, and leave a template the office has changed alone."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(
        SQL(
            """
            UPDATE mail_template t
               SET partner_to = %(partner_to)s
              FROM ir_model_data d
             WHERE d.model = 'mail.template'
               AND d.module = 'community_governance'
               AND d.name = 'mail_template_club_join_approved'
               AND t.id = d.res_id
               AND COALESCE(t.partner_to, '') = ''
            """,
            partner_to="{{ object.partner_id.id }}",
        )
    )
