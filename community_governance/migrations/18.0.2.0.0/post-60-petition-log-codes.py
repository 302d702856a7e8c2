# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The timeline notes of the automatic steps were stored as English text
("Not handled in time: escalated automatically.", "3 neighbours co-signed:
the community office must answer by 2026-05-02 10:00:00."); they are now a
code rendered in the reader's language, with the step's due time. Convert
the stored texts; a note someone wrote stays as it is."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(
        SQL(
            """
            UPDATE community_petition_log
               SET note_code = 'auto_escalated', note = NULL
             WHERE event = 'escalated'
               AND note = 'Not handled in time: escalated automatically.'
            """
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE community_petition_log
               SET note_code = 'cosign_reached',
                   date_due = substring(
                       note FROM 'answer by (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)'
                   )::timestamp,
                   note = NULL
             WHERE event = 'cosign'
               AND note ~ 'answer by \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d'
            """
        )
    )
