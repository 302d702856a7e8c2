# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Community activities become Odoo events (before this module's models load).

``event`` is a new dependency: it is installed earlier in the same run, so its
models can create the events and registrations here. Every community_activity
becomes an event_event (name, dates, description, responsible, stage from the
state, creation date), every community_activity_registration an
event_registration (resident, state, check-in time); whatever pointed at an
activity (volunteer hours, XML ids, messages, followers, activities,
attachments) is repointed through the old id -> new id map kept in
``community_activity_event_map``. post-10 fills in the community fields once
they exist, then drops the map. Odoo drops the old tables at the end of the
upgrade.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, split_every
from odoo.tools.sql import table_exists

_logger = logging.getLogger(__name__)

MAP_TABLE = "community_activity_event_map"
STAGES = {
    "draft": "event.event_stage_new",
    "confirmed": "event.event_stage_announced",
    "done": "event.event_stage_done",
    "cancel": "event.event_stage_cancelled",
}
REGISTRATION_STATES = {"registered": "open", "attended": "done", "cancelled": "cancel"}
BATCH = 1000


def migrate(cr, version):
    if not table_exists(cr, "community_activity") or table_exists(cr, MAP_TABLE):
        return
    env = api.Environment(
        cr,
        SUPERUSER_ID,
        {
            "tracking_disable": True,
            "mail_create_nolog": True,
            "mail_notrack": True,
            # no mail scheduler runs for the registrations of the past
            "install_mode": True,
        },
    )
    cr.execute(
        SQL(
            "CREATE TABLE %s (activity_id int PRIMARY KEY, event_id int NOT NULL)",
            SQL.identifier(MAP_TABLE),
        )
    )
    _create_events(env)
    _create_registrations(env)
    _repoint_references(cr)


def _stage_ids(env):
    first = env["event.stage"].search([], limit=1)
    return {
        state: (env.ref(xmlid, raise_if_not_found=False) or first).id
        for state, xmlid in STAGES.items()
    }


def _create_events(env):
    cr = env.cr
    stages = _stage_ids(env)
    cr.execute(
        SQL(
            """
            SELECT a.id, a.name, a.date_begin, a.date_end, a.description, a.state,
                   a.user_id, a.create_uid, a.create_date, p.tz
              FROM community_activity a
              LEFT JOIN res_users u ON u.id = a.user_id
              LEFT JOIN res_partner p ON p.id = u.partner_id
             ORDER BY a.id
            """
        )
    )
    rows = cr.fetchall()
    Event = env["event.event"]
    for chunk in split_every(BATCH, rows, list):
        vals_list = []
        for _id, name, begin, end, description, state, user_id, *_rest, tz in chunk:
            vals = {
                "name": name,
                "date_begin": begin,
                "date_end": end,
                "description": description or False,
                "stage_id": stages.get(state) or stages["draft"],
                "user_id": user_id or False,
                # seats are set by post-10, after the registrations exist
                "seats_limited": False,
                "seats_max": 0,
                # no questions nor mails of event's default; post-10 adds the
                # reminders of the community activity template
                "question_ids": [],
                "event_mail_ids": [],
            }
            if tz:
                vals["date_tz"] = tz
            vals_list.append(vals)
        events = Event.create(vals_list)
        cr.execute(
            SQL(
                "INSERT INTO %s (activity_id, event_id) VALUES %s",
                SQL.identifier(MAP_TABLE),
                SQL(", ").join(
                    SQL("(%s, %s)", row[0], event.id)
                    for row, event in zip(chunk, events, strict=True)
                ),
            )
        )
        env.invalidate_all()
    # keep who created the activity, and when
    cr.execute(
        SQL(
            """
            UPDATE event_event e
               SET create_date = a.create_date, create_uid = a.create_uid
              FROM %s m JOIN community_activity a ON a.id = m.activity_id
             WHERE e.id = m.event_id
            """,
            SQL.identifier(MAP_TABLE),
        )
    )
    _logger.info("%s community activities became events", len(rows))


def _create_registrations(env):
    cr = env.cr
    cr.execute(
        SQL(
            """
            SELECT r.id, m.event_id, r.partner_id, r.state,
                   COALESCE(r.date_attended, a.date_begin), r.create_date, r.create_uid
              FROM community_activity_registration r
              JOIN community_activity a ON a.id = r.activity_id
              JOIN %s m ON m.activity_id = r.activity_id
             ORDER BY r.id
            """,
            SQL.identifier(MAP_TABLE),
        )
    )
    rows = cr.fetchall()
    Registration = env["event.registration"]
    for chunk in split_every(BATCH, rows, list):
        registrations = Registration.create(
            [
                {
                    "event_id": event_id,
                    "partner_id": partner_id,
                    "state": REGISTRATION_STATES.get(state, "open"),
                    "date_closed": date_closed if state == "attended" else False,
                }
                for _id, event_id, partner_id, state, date_closed, *_rest in chunk
            ]
        )
        cr.execute(
            SQL(
                """
                UPDATE event_registration r
                   SET create_date = v.create_date, create_uid = v.create_uid
                  FROM (VALUES %s) AS v(id, create_date, create_uid)
                 WHERE r.id = v.id
                """,
                SQL(", ").join(
                    SQL("(%s, %s::timestamp, %s::int)", registration.id, row[5], row[6])
                    for row, registration in zip(chunk, registrations, strict=True)
                ),
            )
        )
        env.invalidate_all()
    _logger.info("%s activity registrations became event registrations", len(rows))


def _repoint_references(cr):
    map_table = SQL.identifier(MAP_TABLE)
    # volunteer hours: community.volunteer.hour.activity_id is now an event;
    # Odoo creates the new foreign key when the module's models load
    cr.execute(
        SQL(
            """
            SELECT conname FROM pg_constraint
             WHERE conrelid = 'community_volunteer_hour'::regclass
               AND confrelid = 'community_activity'::regclass
            """
        )
    )
    for (name,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER TABLE community_volunteer_hour DROP CONSTRAINT %s",
                SQL.identifier(name),
            )
        )
    cr.execute(
        SQL(
            """
            UPDATE community_volunteer_hour h SET activity_id = m.event_id
              FROM %s m WHERE h.activity_id = m.activity_id
            """,
            map_table,
        )
    )
    _logger.info("%s volunteer hours repointed to their events", cr.rowcount)
    # XML ids (demo activities and generated ones), messages, attachments
    for table, model_column in (
        ("ir_model_data", "model"),
        ("mail_message", "model"),
        ("ir_attachment", "res_model"),
    ):
        cr.execute(
            SQL(
                """
                UPDATE %(table)s t SET %(model)s = 'event.event', res_id = m.event_id
                  FROM %(map)s m
                 WHERE t.%(model)s = 'community.activity' AND t.res_id = m.activity_id
                """,
                table=SQL.identifier(table),
                model=SQL.identifier(model_column),
                map=map_table,
            )
        )
    # followers: the event's own (its organizer) are kept once
    cr.execute(
        SQL(
            """
            DELETE FROM mail_followers f
             USING %(map)s m, mail_followers g
             WHERE f.res_model = 'community.activity' AND f.res_id = m.activity_id
               AND g.res_model = 'event.event' AND g.res_id = m.event_id
               AND g.partner_id = f.partner_id
            """,
            map=map_table,
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE mail_followers f SET res_model = 'event.event', res_id = m.event_id
              FROM %(map)s m
             WHERE f.res_model = 'community.activity' AND f.res_id = m.activity_id
            """,
            map=map_table,
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE mail_activity t
               SET res_model = 'event.event', res_id = m.event_id,
                   res_model_id = (SELECT id FROM ir_model WHERE model = 'event.event')
              FROM %(map)s m
             WHERE t.res_model = 'community.activity' AND t.res_id = m.activity_id
            """,
            map=map_table,
        )
    )
