# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, models

from .tools import spread

MONTHS = 18
UPCOMING_SHARE = 0.1
ACTIVITIES = (
    ("广场舞展演", "小区广场"),
    ("合唱排练", "社区活动中心"),
    ("门球友谊赛", "门球场"),
    ("书法公益课", "文化室"),
    ("垃圾分类宣传", "社区活动中心"),
    ("邻里节", "小区广场"),
    ("亲子阅读会", "图书角"),
    ("老年人健康讲座", "养老驿站"),
)


class EventEvent(models.Model):
    _inherit = "event.event"

    _populate_sizes = {"small": 6, "medium": 300, "large": 2_000}
    _populate_dependencies = ["community.area", "community.club"]

    def _populate_factories(self, run):
        """Activities of the communities and their clubs over the last 18
        months, a tenth still to come (published on the portal), without
        event's mail schedulers: the populated past sends nothing."""
        rng = run.random(self._name)
        clubs = run["community.club"].filtered("parent_id")
        start = run.now - timedelta(days=MONTHS * 30)
        for index in range(run.count(self)):
            club = rng.choice(clubs) if clubs and rng.random() < 0.7 else None
            area = club.area_id if club else rng.choice(run["community.area"])
            name, place = ACTIVITIES[index % len(ACTIVITIES)]
            if rng.random() < UPCOMING_SHARE:
                begin = spread(rng, run.now, run.now + timedelta(days=30))
            else:
                begin = spread(rng, start, run.now - timedelta(days=1))
            begin = begin.replace(minute=0)
            yield {
                "name": f"{club.name}{name}" if club else name,
                "area_id": area.community_id.id if not club else area.id,
                "club_id": club.id if club else False,
                "place": place,
                "date_begin": begin,
                "date_end": begin + timedelta(hours=rng.choice((1, 2, 2, 3))),
                "seats_max": rng.choice((20, 30, 50, 100)),
                "seats_limited": True,
                "portal_published": begin > run.now,
                "event_mail_ids": [Command.clear()],
            }
