# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Community activities become Odoo events: the community fields.

pre-10 created an event for every community_activity (map in
``community_activity_event_map``); now that the community fields exist, copy
the area, club and participation line (through the ORM, so the community of
the events and of their registrations follows), the place, check-in code,
capacity (-> seats), publication (confirmed and done activities were shown to
residents) and coordinators, give them the community activity template and its
reminders (those of the past marked sent), and drop the map and the old
tables.
"""

import logging
from collections import defaultdict

from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL
from odoo.tools.sql import table_exists

_logger = logging.getLogger(__name__)

MAP_TABLE = "community_activity_event_map"


def migrate(cr, version):
    if not table_exists(cr, MAP_TABLE):
        return
    env = api.Environment(
        cr,
        SUPERUSER_ID,
        {"tracking_disable": True, "mail_notrack": True, "install_mode": True},
    )
    map_table = SQL.identifier(MAP_TABLE)
    template = env.ref("community_governance.event_type_community")
    # values nothing depends on, and the template without its onchange-like
    # computes (they would reset the seats)
    cr.execute(
        SQL(
            """
            UPDATE event_event e
               SET place = a.place,
                   checkin_code = a.checkin_code,
                   portal_published = a.state IN ('confirmed', 'done'),
                   seats_limited = COALESCE(a.capacity, 0) > 0,
                   seats_max = COALESCE(a.capacity, 0),
                   event_type_id = %(template)s
              FROM %(map)s m JOIN community_activity a ON a.id = m.activity_id
             WHERE e.id = m.event_id
            """,
            template=template.id,
            map=map_table,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO event_event_community_coordinator_rel (event_id, user_id)
            SELECT m.event_id, r.user_id
              FROM community_activity_coordinator_rel r
              JOIN %s m ON m.activity_id = r.activity_id
            ON CONFLICT DO NOTHING
            """,
            map_table,
        )
    )
    cr.execute(
        SQL(
            """
            SELECT m.event_id, a.area_id, a.club_id, a.line_id
              FROM %s m JOIN community_activity a ON a.id = m.activity_id
            """,
            map_table,
        )
    )
    Event = env["event.event"].with_context(active_test=False)
    by_values = defaultdict(list)
    for event_id, area_id, club_id, line_id in cr.fetchall():
        by_values[area_id, club_id, line_id].append(event_id)
    Event.invalidate_model()
    for (area_id, club_id, line_id), event_ids in by_values.items():
        Event.browse(event_ids).write(
            {
                "area_id": area_id or False,
                "club_id": club_id or False,
                "line_id": line_id or False,
            }
        )
    events = Event.browse([i for ids in by_values.values() for i in ids])
    # the reminders of the template; those whose time has passed count as sent
    schedulers = env["event.mail"].create(
        [
            dict(mail._prepare_event_mail_values(), event_id=event.id)
            for event in events
            for mail in template.event_type_mail_ids
        ]
    )
    now = fields.Datetime.now()
    schedulers.filtered(lambda s: s.scheduled_date and s.scheduled_date <= now).write(
        {"mail_done": True}
    )
    env.flush_all()
    # The old models are gone from the registry, so Odoo would leave their
    # tables behind: everything in them now lives in the events.
    cr.execute(
        SQL(
            "DROP TABLE %s, community_activity_registration, "
            "community_activity_coordinator_rel, community_activity CASCADE",
            map_table,
        )
    )
    _logger.info("%s events got their community fields", len(events))
