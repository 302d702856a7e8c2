# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A summoned department's mail now says what the office asks of it (the
dispatch's new ``instruction``). The mail templates are ``noupdate``: an
upgrade keeps the old text. Reset the summons template from the addon's file
(with its translations) where nobody edited it since it was installed (last
written by the superuser, as data files are loaded); an office's own
wording stays."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(
        "community_governance.mail_template_petition_dispatch",
        raise_if_not_found=False,
    )
    if (
        not template
        or "object.instruction" in (template.body_html or "")
        or template.write_uid.id not in (False, SUPERUSER_ID)
    ):
        return
    # reset from today's file: 18.0.1.0.0 loaded it from
    # data/community_petition_mail_templates.xml, gone since (the consolidation)
    template.template_fs = "community_governance/data/mail_template_data.xml"
    template.reset_template()
