# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

MODULE = "community_governance"


class CommunityDemo(models.AbstractModel):
    _inherit = "community.demo"

    @api.model
    def _generate_volunteers(self):
        """Volunteer demo: Angong's volunteers and their hours over the last
        years, Liu Yuling's five years without a break, entries waiting for the
        coordinator's approval. Deterministic and idempotent (xmlids)."""
        ref = self.env.ref
        if ref(f"{MODULE}.volunteer_hour_00001_demo", raise_if_not_found=False):
            return True
        rng = random.Random(2021)
        today = fields.Date.context_today(self)
        Partner = self.env["res.partner"]
        Hour = self.env["community.volunteer.hour"]
        lines = {
            code: ref(f"{MODULE}.line_{code}")
            for code in ("volunteer", "self_governance", "club", "service")
        }
        traffic = ref(f"{MODULE}.activity_ag_traffic_demo")
        ads = ref(f"{MODULE}.activity_ag_ads_demo")
        elderly = ref(f"{MODULE}.activity_ag_elderly_demo")
        manager = ref(f"{MODULE}.user_manager_demo")
        officer = ref(f"{MODULE}.user_officer_demo")
        angong = ref(f"{MODULE}.area_ag_demo")

        # Registered volunteers: the residents the office knows on the
        # volunteer line, Angong first (2,000 registered in the real one).
        candidates = Partner.search(
            [
                ("is_resident", "=", True),
                ("line_ids", "in", lines["volunteer"].ids),
                ("is_volunteer", "=", False),
            ],
            order="id",
        )
        candidates |= Partner.search(
            [
                ("is_resident", "=", True),
                ("community_id", "=", angong.id),
                ("is_volunteer", "=", False),
                ("id", "not in", candidates.ids),
            ],
            order="id",
        ).filtered(lambda p: rng.random() < 0.4)
        for partner in candidates:
            since = today - relativedelta(
                years=rng.randint(0, 4), days=rng.randint(30, 330)
            )
            partner.write(
                {
                    "is_volunteer": True,
                    "volunteer_since": since,
                    "volunteer_availability": rng.choice(
                        ("weekday", "evening", "weekend", "anytime", "on_call")
                    ),
                    "volunteer_line_ids": [
                        (
                            6,
                            0,
                            [lines["volunteer"].id]
                            + [
                                lines[c].id
                                for c in ("club", "service")
                                if rng.random() < 0.3
                            ],
                        )
                    ],
                }
            )

        def month_day(months_back, day):
            first = (today - relativedelta(months=months_back)).replace(day=1)
            return min(first + relativedelta(days=day - 1), today)

        vals_list = []
        # Liu Yuling: traffic order and illegal ads, every month of five years.
        liu = ref(f"{MODULE}.partner_liu_yuling_demo")
        for months_back in range(4 * 12 + today.month - 1, -1, -1):
            day = month_day(months_back, rng.randint(3, 26))
            vals_list.append(
                {
                    "volunteer_id": liu.id,
                    "date": day,
                    "hours": rng.choice((4.0, 4.5, 5.0, 5.5)),
                    "activity_id": rng.choice((traffic, ads)).id,
                    "description": "Traffic order at the market gate",
                    "state": "approved",
                    "approver_id": manager.id,
                    "date_approved": fields.Datetime.to_datetime(day),
                }
            )
        # The other volunteers: a few hours a month, on various lines.
        activities = (traffic, ads, elderly)
        for partner in candidates:
            months = min(24, (today - partner.volunteer_since).days // 31)
            for months_back in range(months, -1, -1):
                if rng.random() > 0.35:
                    continue
                day = max(
                    month_day(months_back, rng.randint(1, 28)), partner.volunteer_since
                )
                in_angong = partner.community_id == angong
                activity = (
                    rng.choice(activities)
                    if in_angong and rng.random() < 0.5
                    else False
                )
                state = "approved"
                if months_back == 0 and rng.random() < 0.6:
                    state = "submitted"
                elif rng.random() < 0.03:
                    state = "rejected"
                vals = {
                    "volunteer_id": partner.id,
                    "date": day,
                    "hours": rng.choice((1.0, 1.5, 2.0, 2.0, 3.0, 4.0)),
                    "activity_id": activity and activity.id,
                    "line_id": False
                    if activity
                    else rng.choice(list(lines.values())).id,
                    "description": rng.choice(
                        (
                            "Helped at the elderly-care station",
                            "Kept the bike parking in order",
                            "Scraped off illegal ads",
                            "Visited a neighbour living alone",
                            "Cleaned the shared vegetable plots",
                        )
                    ),
                    "state": state,
                }
                if state != "submitted":
                    vals.update(
                        approver_id=(manager if in_angong else officer).id,
                        date_approved=fields.Datetime.to_datetime(day),
                    )
                if state == "rejected":
                    vals["reject_reason"] = "No activity took place that day."
                vals_list.append(vals)
        # Wang Xiuying (portal login "resident") helps at the elderly-care
        # station of Yangjiamen in the evenings: approved hours, one waiting
        # for approval and a draft she has not sent yet.
        wang = ref(f"{MODULE}.partner_wang_xiuying_demo")
        for months_back, state in (
            (6, "approved"),
            (4, "approved"),
            (2, "approved"),
            (1, "submitted"),
            (0, "draft"),
        ):
            day = max(month_day(months_back, 12), wang.volunteer_since)
            vals = {
                "volunteer_id": wang.id,
                "date": day,
                "hours": 2.0,
                "line_id": lines["service"].id,
                "description": "Evening visits with the elderly-care station",
                "state": state,
            }
            if state == "approved":
                vals.update(
                    approver_id=officer.id,
                    date_approved=fields.Datetime.to_datetime(day),
                )
            vals_list.append(vals)
        hours = Hour.create(vals_list)
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": f"{MODULE}.volunteer_hour_{index:05d}_demo",
                    "record": hour,
                    "noupdate": True,
                }
                for index, hour in enumerate(hours, start=1)
            ]
        )
        return True
