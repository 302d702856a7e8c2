# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import models

from .tools import weighted

HOURS = (1.0, 1.5, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0, 6.0, 8.0)
# at most two entries a day (two shifts), at most 8 hours each: never more
# than 24 hours a day
SECOND_SHIFT_SHARE = 0.05
RECENT_DAYS = 14
RECENT_STATES = {"submitted": 50, "draft": 15, "approved": 35}
PAST_STATES = {"approved": 97, "rejected": 3}
CORRECTION_SHARE = 0.002
DESCRIPTIONS = (
    "维护早市交通秩序",
    "清理小广告",
    "陪伴独居老人",
    "整理共享单车",
    "打扫楼道",
    "社区养老驿站服务",
    "垃圾分类指导",
)


class CommunityVolunteerHour(models.Model):
    _inherit = "community.volunteer.hour"

    _populate_sizes = {"small": 400, "medium": 50_000, "large": 500_000}
    _populate_dependencies = ["res.partner"]

    def _populate(self, run):
        """Hours of each registered volunteer since their registration, on
        days of their own, most approved by their community office, the last
        two weeks waiting; a few corrections of approved entries. Created in
        order, so milestones are celebrated as they are passed."""
        corrected = []
        entries = run.batch_create(self, self._populate_factories(run, corrected))
        corrections = run.batch_create(
            self,
            (
                dict(vals, correction_of_id=entries[index].id, hours=-vals["hours"] / 2)
                for index, vals in corrected
            ),
        )
        return entries | corrections

    def _populate_factories(self, run, corrected):
        rng = run.random(self._name)
        volunteers = run["res.partner"].filtered("is_volunteer")
        if not volunteers:
            return
        days = {v.id: (run.today - v.volunteer_since).days + 1 for v in volunteers}
        scale = run.count(self) / (sum(days.values()) * (1 + SECOND_SHIFT_SHARE))
        index = 0
        for volunteer in volunteers:
            active = days[volunteer.id]
            approver = volunteer.community_id.user_id.id
            lines = volunteer.volunteer_line_ids.ids
            worked = sorted(
                rng.sample(range(active), min(round(active * scale), active))
            )
            for offset in worked:
                day = volunteer.volunteer_since + timedelta(days=offset)
                for _shift in range(2 if rng.random() < SECOND_SHIFT_SHARE else 1):
                    recent = (run.today - day).days < RECENT_DAYS
                    state = weighted(rng, RECENT_STATES if recent else PAST_STATES)
                    vals = {
                        "volunteer_id": volunteer.id,
                        "date": day,
                        "hours": rng.choice(HOURS),
                        "description": rng.choice(DESCRIPTIONS),
                        "state": state,
                    }
                    if lines and rng.random() < 0.2:
                        vals["line_id"] = rng.choice(lines)
                    if state in ("approved", "rejected"):
                        decided = datetime.combine(day, time(18)) + timedelta(
                            days=rng.randint(0, 5)
                        )
                        vals["approver_id"] = approver
                        vals["date_approved"] = min(decided, run.now)
                    if state == "rejected":
                        vals["reject_reason"] = "当天没有该项活动。"
                    if state == "approved" and rng.random() < CORRECTION_SHARE:
                        corrected.append((index, dict(vals)))
                    yield vals
                    index += 1
