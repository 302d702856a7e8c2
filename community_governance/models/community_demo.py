# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

MODULE = "community_governance"

# code, name, number of grids, buildings per grid, entrances per building, alleys
DEMO_COMMUNITIES = [
    ("js", "Jingshan Community", 1, 2, 2, ["Dafosi East Street"]),
    ("yjm", "Yangjiamen Community", 3, 2, 2, []),
    ("ag", "Angong Community", 2, 2, 2, ["Angong Market Lane"]),
    ("ya", "Yong'an Community", 2, 2, 2, []),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN_NAMES = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "玉兰",
    "志强",
    "淑珍",
    "国庆",
    "红梅",
    "文博",
    "子涵",
    "雨桐",
    "浩然",
    "欣怡",
    "宇轩",
]
SKILLS = [
    "skill_dance_demo",
    "skill_singing_demo",
    "skill_legal_demo",
    "skill_medical_demo",
    "skill_repair_demo",
    "skill_calligraphy_demo",
    "skill_teaching_demo",
    "skill_mediation_demo",
    "skill_gateball_demo",
    "skill_gardening_demo",
]
# Stairwells of Yangjiamen left without a steward: the coverage report shows them.
UNCOVERED = {
    "area_yjm_g2_b2_u2_demo",
    "area_yjm_g3_b2_u1_demo",
    "area_yjm_g3_b2_u2_demo",
}
CLUB_SIZES = {
    "club_ya_dance_team1_demo": 14,
    "club_ya_dance_team2_demo": 12,
    "club_ya_dance_team3_demo": 10,
    "club_ya_chorus_demo": 10,
    "club_ya_gateball_demo": 7,
    "club_ya_badminton_demo": 8,
    "club_ya_party_branch_demo": 5,
    "club_ya_mums_demo": 8,
}
# level at which generated petitions are settled, with their weight
SETTLED_LEVELS = [("entrance", 50), ("grid", 25), ("office", 15), ("department", 10)]
GENERATED_TITLES = [
    ("stairwell", "Bikes parked in the stairwell"),
    ("stairwell", "Noise from the flat upstairs after 11 pm"),
    ("stairwell", "Flower pots block the landing"),
    ("stairwell", "Water leaking through the ceiling"),
    ("stairwell", "Dog not kept on a lead in the stairwell"),
    ("facilities", "Stairwell light out"),
    ("facilities", "Broken door lock at the entrance"),
    ("facilities", "E-bikes charged in the corridor"),
    ("facilities", "Roof leaks when it rains"),
    ("market", "Delivery trucks block the lane"),
    ("market", "Stalls spill onto the pavement"),
    ("market", "Rubbish piles up behind the market"),
    ("market", "Shared bikes block the gate"),
]


class CommunityDemo(models.AbstractModel):
    """Builds the demo communities: a deterministic tree of grids, buildings,
    entrances and about 200 residents in their households."""

    _name = "community.demo"
    _description = "Community Governance Demo Data"

    @api.model
    def _generate(self):
        ref = self.env.ref
        if ref(f"{MODULE}.area_yjm_g1_demo", raise_if_not_found=False):
            return True  # already generated
        rng = random.Random(2018)
        area_model = self.env["community.area"]
        xmlids = []

        def keep(record, name):
            xmlids.append(
                {"xml_id": f"{MODULE}.{name}", "record": record, "noupdate": True}
            )
            return record

        entrances = []
        for code, _name, grids, buildings, units, alleys in DEMO_COMMUNITIES:
            community = ref(f"{MODULE}.area_{code}_demo")
            for g in range(1, grids + 1):
                grid = keep(
                    area_model.create(
                        {
                            "name": f"Grid {g}",
                            "code": f"{code.upper()}-G{g}",
                            "area_type": "grid",
                            "parent_id": community.id,
                        }
                    ),
                    f"area_{code}_g{g}_demo",
                )
                for b in range(1, buildings + 1):
                    building = keep(
                        area_model.create(
                            {
                                "name": f"Building {g}{b:02d}",
                                "code": f"{code.upper()}-G{g}-B{b}",
                                "area_type": "building",
                                "parent_id": grid.id,
                            }
                        ),
                        f"area_{code}_g{g}_b{b}_demo",
                    )
                    unit_vals = [
                        {
                            "name": f"Unit {u}",
                            "code": f"{code.upper()}-G{g}-B{b}-U{u}",
                            "area_type": "entrance",
                            "parent_id": building.id,
                        }
                        for u in range(1, units + 1)
                    ]
                    for u, unit in enumerate(area_model.create(unit_vals), start=1):
                        entrances.append(keep(unit, f"area_{code}_g{g}_b{b}_u{u}_demo"))
            for a, alley in enumerate(alleys, start=1):
                keep(
                    area_model.create(
                        {
                            "name": alley,
                            "code": f"{code.upper()}-A{a}",
                            "area_type": "alley",
                            "parent_id": community.id,
                        }
                    ),
                    f"area_{code}_alley{a}_demo",
                )

        household_vals = []
        for unit in entrances:
            for floor in (1, 3, 5):
                household_vals.append(
                    {"area_id": unit.id, "unit_number": f"{floor}0{rng.randint(1, 2)}"}
                )
        households = self.env["community.household"].create(household_vals)

        skills = [ref(f"{MODULE}.{s}") for s in SKILLS]
        lines = {
            code: ref(f"{MODULE}.line_{code}")
            for code in ("volunteer", "party", "self_governance", "club", "service")
        }
        today = date(2026, 1, 1)
        partner_vals = []
        for household in households:
            surname = rng.choice(SURNAMES)
            size = rng.choice((1, 2, 2, 2, 3, 3, 4))
            head_age = rng.randint(32, 86)
            ages = [head_age] + [
                rng.choice(
                    (head_age - rng.randint(0, 4), rng.randint(3, head_age - 22))
                )
                for _ in range(size - 1)
            ]
            for i, age in enumerate(ages):
                family = surname if i != 1 else rng.choice(SURNAMES)
                person_lines = [
                    lines[c].id
                    for c, chance in (
                        ("volunteer", 0.35),
                        ("party", 0.15),
                        ("self_governance", 0.1),
                        ("club", 0.3),
                        ("service", 0.1),
                    )
                    if age >= 16 and rng.random() < chance
                ]
                partner_vals.append(
                    {
                        "name": family + rng.choice(GIVEN_NAMES),
                        "is_resident": True,
                        "household_id": household.id,
                        "birthdate_date": today
                        - relativedelta(years=max(age, 1), days=rng.randint(0, 364)),
                        "date_moved_in": today
                        - relativedelta(years=rng.randint(0, min(max(age, 1), 40))),
                        "phone": f"139{rng.randint(10000000, 99999999)}",
                        "skill_ids": [
                            (
                                6,
                                0,
                                [s.id for s in rng.sample(skills, rng.randint(0, 2))],
                            )
                        ]
                        if age >= 16
                        else [],
                        "line_ids": [(6, 0, person_lines)],
                    }
                )
        partners = self.env["res.partner"].create(partner_vals)
        heads = {}
        for partner in partners:
            heads.setdefault(partner.household_id, partner)
        for household, head in heads.items():
            household.head_id = head
        for index, household in enumerate(households, start=1):
            keep(household, f"household_{index:03d}_demo")
        for index, partner in enumerate(partners, start=1):
            keep(partner, f"resident_{index:03d}_demo")
        self.env["ir.model.data"]._update_xmlids(xmlids)
        return True

    @api.model
    def _generate_stewards_clubs(self):
        """Steward terms of Yangjiamen, the market-gate rota of Dafosi East
        Street, and the clubs of Yong'an with their members, requests,
        activities and attendance. Deterministic, run once."""
        ref = self.env.ref
        if ref(f"{MODULE}.steward_yjm_g1_b1_u2_demo", raise_if_not_found=False):
            return True
        rng = random.Random(57)
        today = fields.Date.context_today(self)
        xmlids = self._generate_steward_terms(today)
        self._generate_steward_rota(today)
        members_of = self._generate_club_members(rng, today)
        xmlids += self._generate_club_activities(rng, today, members_of)
        self.env["ir.model.data"]._update_xmlids(xmlids)
        return True

    @api.model
    def _generate_steward_terms(self, today):
        """Grid leaders and stairwell stewards of Yangjiamen (a few stairwells
        left uncovered), and a former steward; returns their xmlid values."""
        ref = self.env.ref
        xmlids = []
        Partner = self.env["res.partner"]
        Steward = self.env["community.steward"]
        taken = set(Steward.search([("state", "=", "active")]).partner_id.ids)
        party = ref(f"{MODULE}.line_party")

        def pick(area, min_age=30, max_age=72):
            """The party member (else the active resident) of ``area`` in the
            age bracket, who serves nowhere yet."""
            residents = Partner.search(
                [("is_resident", "=", True), ("area_id", "child_of", area.id)],
                order="id",
            )
            fitting = residents.filtered(
                lambda p: p.id not in taken and min_age <= p.age <= max_age
            )
            chosen = fitting.filtered(lambda p: party in p.line_ids)[:1] or fitting[:1]
            if chosen:
                taken.add(chosen.id)
            return chosen

        stairwell = ref(f"{MODULE}.steward_role_stairwell")
        grid_role = ref(f"{MODULE}.steward_role_grid")
        vals_list, names = [], []
        for g in range(1, 4):
            grid = ref(f"{MODULE}.area_yjm_g{g}_demo")
            leader = pick(grid, 35, 65)
            if leader:
                vals_list.append(
                    {
                        "partner_id": leader.id,
                        "role_id": grid_role.id,
                        "area_id": grid.id,
                        "date_start": date(2023, 3, 1),
                        "date_end": today + timedelta(days=400),
                        "state": "active",
                    }
                )
                names.append(f"steward_yjm_g{g}_leader_demo")
            for b in range(1, 3):
                for u in range(1, 3):
                    name = f"area_yjm_g{g}_b{b}_u{u}_demo"
                    if name in UNCOVERED or name == "area_yjm_g1_b1_u1_demo":
                        continue
                    entrance = ref(f"{MODULE}.{name}")
                    steward = pick(entrance)
                    if not steward:
                        continue
                    vals_list.append(
                        {
                            "partner_id": steward.id,
                            "role_id": stairwell.id,
                            "area_id": entrance.id,
                            "date_start": date(2023, 3, 1),
                            # one term ends soon: the office gets a reminder
                            "date_end": today
                            + timedelta(days=12 if (g, b, u) == (2, 1, 2) else 700),
                            "state": "active",
                        }
                    )
                    names.append(f"steward_yjm_g{g}_b{b}_u{u}_demo")
        # History: the first steward of Zhang Jianping's stairwell.
        first = Partner.search(
            [
                ("area_id", "=", ref(f"{MODULE}.area_yjm_g1_b1_u1_demo").id),
                ("is_resident", "=", True),
                ("id", "not in", list(taken)),
            ],
            limit=1,
        )
        if first:
            vals_list.append(
                {
                    "partner_id": first.id,
                    "role_id": stairwell.id,
                    "area_id": ref(f"{MODULE}.area_yjm_g1_b1_u1_demo").id,
                    "date_start": date(2019, 3, 1),
                    "date_end": date(2023, 2, 28),
                    "state": "ended",
                }
            )
            names.append("steward_yjm_g1_b1_u1_former_demo")
        stewards = Steward.create(vals_list)
        for steward, name in zip(stewards, names, strict=True):
            xmlids.append(
                {"xml_id": f"{MODULE}.{name}", "record": steward, "noupdate": True}
            )
        return xmlids

    @api.model
    def _generate_steward_rota(self, today):
        ref = self.env.ref
        # Market-gate rota of Dafosi East Street: next 7 days, 6:00-9:00 Beijing time.
        alley = ref(f"{MODULE}.area_js_alley1_demo")
        alley_role = ref(f"{MODULE}.steward_role_alley")
        slot_vals = self.env["community.steward.slot.generator"]._slot_values(
            "Market gate",
            alley_role,
            alley,
            today + timedelta(days=1),
            today + timedelta(days=7),
            6.0,
            9.0,
            30,
            tz="Asia/Shanghai",
        )
        slots = self.env["community.steward.slot"].create(slot_vals)
        hong = ref(f"{MODULE}.partner_hong_yongwang_demo")
        zeng = ref(f"{MODULE}.partner_zeng_zhaojun_demo")
        for index, slot in enumerate(slots):
            if index % 6 in (0, 1):
                slot.partner_id = hong
            elif index % 6 == 3:
                slot.partner_id = zeng

    @api.model
    def _generate_club_members(self, rng, today):
        """Members and membership requests of the Yong'an clubs; returns the
        members of each club."""
        ref = self.env.ref
        Partner = self.env["res.partner"]
        # Club members of Yong'an, leaders found among the talents.
        community = ref(f"{MODULE}.area_ya_demo")
        residents = Partner.search(
            [("is_resident", "=", True), ("community_id", "=", community.id)],
            order="id",
        ).filtered(lambda p: p.age >= 18)
        membership_vals = []
        members_of = {}
        for club_xmlid, size in CLUB_SIZES.items():
            club = ref(f"{MODULE}.{club_xmlid}")
            skills = club.category_id.skill_ids
            talented = residents.filtered(lambda p, skills=skills: p.skill_ids & skills)
            pool = list(residents)
            rng.shuffle(pool)
            chosen = (talented[:1] | Partner.browse([p.id for p in pool[:size]]))[:size]
            members_of[club] = chosen
            for index, partner in enumerate(chosen):
                join = today - timedelta(days=rng.randint(10, 900))
                membership_vals.append(
                    {
                        "partner_id": partner.id,
                        "club_id": club.id,
                        "state": "active",
                        "role": "leader"
                        if index == 0
                        else ("secretary" if index == 1 else "member"),
                        "date_join": join,
                    }
                )
        # Requests waiting for the leaders' approval.
        for club_xmlid in ("club_ya_chorus_demo", "club_ya_badminton_demo"):
            club = ref(f"{MODULE}.{club_xmlid}")
            for partner in residents.filtered(
                lambda p, club=club: p not in members_of[club]
            )[:2]:
                membership_vals.append(
                    {"partner_id": partner.id, "club_id": club.id, "state": "requested"}
                )
        self.env["community.club.membership"].create(membership_vals)
        return members_of

    @api.model
    def _generate_club_activities(self, rng, today, members_of):
        """Club activities with registrations and attendance; returns their
        xmlid values."""
        ref = self.env.ref
        Partner = self.env["res.partner"]
        xmlids = []
        # Activities: past ones with attendance, upcoming ones open for registration.
        Activity = self.env["event.event"]
        club_line = ref(f"{MODULE}.line_club")
        done, announced = (
            ref("event.event_stage_done"),
            ref("event.event_stage_announced"),
        )
        activity_vals = []
        plans = [
            ("club_ya_dance_demo", "Square dance evening", -21, 19.5, 30),
            ("club_ya_dance_demo", "Square dance evening", -7, 19.5, 30),
            ("club_ya_chorus_demo", "Chorus rehearsal", -10, 9.5, 20),
            ("club_ya_gateball_demo", "Gateball friendly match", -14, 9.0, 12),
            ("club_ya_mums_demo", "Parents and children reading morning", -5, 9.5, 15),
            ("club_ya_dance_demo", "Square dance evening", 3, 19.5, 30),
            ("club_ya_badminton_demo", "Badminton doubles tournament", 6, 18.5, 8),
            (
                "club_ya_chorus_demo",
                "Chorus concert for the Double Ninth Festival",
                12,
                15.0,
                40,
            ),
            ("club_yjm_chorus_demo", "Senior chorus rehearsal", 4, 15.0, 25),
        ]
        for club_xmlid, name, offset, hour, capacity in plans:
            club = ref(f"{MODULE}.{club_xmlid}")
            # Beijing time to UTC
            begin = datetime.combine(
                today + timedelta(days=offset), time()
            ) + timedelta(hours=hour - 8)
            activity_vals.append(
                {
                    "name": name,
                    "club_id": club.id,
                    "area_id": club.area_id.id,
                    "place": club.meeting_place or club.parent_id.meeting_place,
                    "line_id": club_line.id,
                    "date_begin": begin,
                    "date_end": begin + timedelta(hours=1.5),
                    "seats_limited": True,
                    "seats_max": capacity,
                    "stage_id": (done if offset < 0 else announced).id,
                    "portal_published": True,
                }
            )
        activities = Activity.create(activity_vals)
        registration_vals = []
        for activity in activities:
            club = activity.club_id
            pool = members_of.get(club) or Partner.browse()
            for child in club.child_ids:
                pool |= members_of.get(child, Partner.browse())
            if club == ref(f"{MODULE}.club_yjm_chorus_demo"):
                pool = ref(f"{MODULE}.partner_wang_xiuying_demo")
            past = activity.stage_id == done
            for partner in pool[: min(activity.seats_max - 2, 24)]:
                attended = past and rng.random() < 0.8
                registration_vals.append(
                    {
                        "event_id": activity.id,
                        "partner_id": partner.id,
                        "state": "done" if attended else "open",
                        "date_closed": activity.date_begin if attended else False,
                    }
                )
        self.env["event.registration"].create(registration_vals)
        for index, activity in enumerate(activities, start=1):
            xmlids.append(
                {
                    "xml_id": f"{MODULE}.club_activity_{index:02d}_demo",
                    "record": activity,
                    "noupdate": True,
                }
            )
        return xmlids

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

    @api.model
    def _generate_petitions(self):
        """Story petitions of the seed and a few dozen over the past months,
        deterministic, with xmlids; run once."""
        ref = self.env.ref
        if ref(f"{MODULE}.petition_dafosi_market_demo", raise_if_not_found=False):
            return True
        env = self.with_context(
            community_no_mail=True, tracking_disable=True, mail_create_nolog=True
        ).env
        Petition = env["community.petition"]
        Dispatch = env["community.petition.dispatch"]
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        xmlids = []

        def keep(record, name):
            xmlids.append(
                {"xml_id": f"{MODULE}.{name}", "record": record, "noupdate": True}
            )
            return record

        def hours(n):
            return timedelta(hours=n)

        market = ref(f"{MODULE}.petition_category_market_demo")
        facilities = ref(f"{MODULE}.petition_category_facilities_demo")
        stairwell = ref(f"{MODULE}.petition_category_stairwell")
        categories = {
            "market": market,
            "facilities": facilities,
            "stairwell": stairwell,
        }
        steward = ref(f"{MODULE}.user_steward_demo")
        officer = ref(f"{MODULE}.user_officer_demo")

        def settle(
            petition,
            level,
            raised,
            response_h,
            resolve_h,
            resolution,
            rating=0,
            comment="",
        ):
            petition.write(
                {
                    "level": level,
                    "state": "resolved",
                    "settled_level": level,
                    "resolution": resolution,
                    "date_first_response": raised + hours(response_h),
                    "date_resolved": raised + hours(resolve_h),
                    "date_deadline": False,
                }
            )
            if rating:
                petition.rate(rating, comment)
            petition.log_ids.create(
                {
                    "petition_id": petition.id,
                    "event": "resolved",
                    "date": raised + hours(resolve_h),
                    "level": level,
                    "state": "resolved",
                    "handler_id": petition.user_id.id,
                    "note": resolution,
                }
            )

        # Jingshan: the Dafosi East Street market clean-up, "the whistle".
        raised = now - timedelta(days=95)
        dafosi = keep(
            Petition.create(
                {
                    "title": "Dafosi East Street: market gate blocked every morning",
                    "description": "Stalls of the Zhaojunsheng market spill onto the "
                    "street, delivery trucks park across the lane from 5 am and shared "
                    "bikes pile up at the gate: the elderly cannot get through and "
                    "waste stays on the road.",
                    "partner_id": ref(f"{MODULE}.partner_hong_yongwang_demo").id,
                    "area_id": ref(f"{MODULE}.area_js_alley1_demo").id,
                    "category_id": market.id,
                    "priority": "1",
                    "date_raised": raised,
                }
            ),
            "petition_dafosi_market_demo",
        )
        dafosi.write({"user_id": officer.id, "level": "office", "state": "in_progress"})
        summoned = raised + hours(20)
        dispatches = Dispatch.create(
            [
                {
                    "petition_id": dafosi.id,
                    "department_id": ref(f"{MODULE}.{xmlid}").id,
                    "date_summoned": summoned,
                }
                for xmlid in (
                    "department_urban_demo",
                    "department_traffic_demo",
                    "department_market_demo",
                )
            ]
        )
        reports = [
            (
                6,
                60,
                "Stalls moved back behind the yellow line; illegal awnings removed.",
            ),
            (
                3,
                40,
                "Delivery trucks get 30-minute unloading slots before 7 am; "
                "a no-parking sign put up.",
            ),
            (
                10,
                90,
                "Market operator told to keep goods inside; weekly inspection set.",
            ),
        ]
        for dispatch, (ack, rep, text) in zip(dispatches, reports, strict=True):
            dispatch.write(
                {
                    "state": "reported",
                    "date_acknowledged": summoned + hours(ack),
                    "date_reported": summoned + hours(rep),
                    "report": text,
                }
            )
        dafosi.write({"level": "department", "state": "dispatched"})
        settle(
            dafosi,
            "department",
            raised,
            20,
            110,
            "The sub-district blew the whistle and the three departments reported for "
            "duty. Alley stewards now keep order at the market gate: bikes parked in "
            "the marked bays, goods inside, delivery slots to the half hour.",
            5,
            "The street is clean and we can walk through again.",
        )
        signers = [ref(f"{MODULE}.resident_{i:03d}_demo") for i in (1, 2, 3, 4, 5, 6)]
        env["community.petition.signature"].create(
            [
                {"petition_id": dafosi.id, "partner_id": p.id}
                for p in signers
                if p.community_id == dafosi.community_id
            ]
        )

        # Jingshan: an open dispatch the urban management liaison must answer.
        raised = now - timedelta(days=2)
        trucks = keep(
            Petition.create(
                {
                    "title": "Delivery trucks idle in the lane at 6 am",
                    "description": "Engines running under the windows for an hour "
                    "every morning.",
                    "partner_id": ref(f"{MODULE}.partner_zeng_zhaojun_demo").id,
                    "area_id": ref(f"{MODULE}.area_js_alley1_demo").id,
                    "category_id": market.id,
                    "date_raised": raised,
                }
            ),
            "petition_js_trucks_demo",
        )
        trucks.write(
            {
                "level": "office",
                "user_id": officer.id,
                "state": "in_progress",
                "date_first_response": raised + hours(3),
            }
        )
        trucks._dispatch(
            ref(f"{MODULE}.department_urban_demo")
            | ref(f"{MODULE}.department_traffic_demo")
        )

        # Yangjiamen: small matters don't leave the stairwell...
        wang = ref(f"{MODULE}.partner_wang_xiuying_demo")
        unit = ref(f"{MODULE}.area_yjm_g1_b1_u1_demo")
        raised = now - timedelta(days=40)
        bikes = keep(
            Petition.create(
                {
                    "title": "Bikes and old furniture block the stairwell",
                    "description": "Neighbours keep bikes and an old wardrobe on the "
                    "landing of the 3rd floor; I cannot pass with my shopping trolley.",
                    "partner_id": wang.id,
                    "area_id": unit.id,
                    "category_id": stairwell.id,
                    "date_raised": raised,
                }
            ),
            "petition_yjm_stairwell_bikes_demo",
        )
        bikes.user_id = steward
        settle(
            bikes,
            "entrance",
            raised,
            2,
            26,
            "The stairwell steward talked to both families on the spot: the wardrobe "
            "went to the recycling point, bikes are parked in the shed.",
            5,
            "Settled the same day, without any quarrel.",
        )
        # ...big matters don't leave the grid.
        raised = now - timedelta(days=25)
        leak = keep(
            Petition.create(
                {
                    "title": "Water leaking from the flat above",
                    "description": "Water comes through my bathroom ceiling; the "
                    "neighbours upstairs say it is not their pipe.",
                    "partner_id": ref(f"{MODULE}.partner_zhang_jianping_demo").id,
                    "area_id": unit.id,
                    "category_id": stairwell.id,
                    "date_raised": raised,
                }
            ),
            "petition_yjm_leak_demo",
        )
        leak.write({"user_id": officer.id})
        settle(
            leak,
            "grid",
            raised,
            3,
            70,
            "The steward could not settle it; the grid leader brought both households "
            "and a plumber together: the shared riser pipe was replaced, costs split.",
            4,
        )
        # An open stairwell matter for the steward's portal.
        keep(
            Petition.create(
                {
                    "title": "Flower pots on the stairwell landing",
                    "description": "Pots on the 4th floor landing block the way in "
                    "case of fire.",
                    "partner_id": wang.id,
                    "area_id": unit.id,
                    "category_id": stairwell.id,
                    "user_id": steward.id,
                    "level": "entrance",
                    "date_deadline": now + hours(20),
                }
            ),
            "petition_yjm_flowers_demo",
        )
        # One overdue.
        raised = now - timedelta(days=6)
        light = keep(
            Petition.create(
                {
                    "title": "Stairwell light out for a week",
                    "description": "The light of the 2nd to 5th floor is out; elderly "
                    "residents go down in the dark.",
                    "partner_id": ref(f"{MODULE}.resident_020_demo").id,
                    "category_id": facilities.id,
                    "date_raised": raised,
                }
            ),
            "petition_overdue_light_demo",
        )
        light.write(
            {
                "is_overdue": True,
                "was_overdue": True,
                "date_deadline": raised + hours(24),
            }
        )
        # Angong: co-signed by neighbours, the office must answer.
        raised = now - timedelta(days=4)
        ads = keep(
            Petition.create(
                {
                    "title": "Illegal ads all over Angong Market Lane",
                    "description": "Small ads are glued on every wall and lamp post "
                    "again.",
                    "partner_id": ref(f"{MODULE}.partner_liu_yuling_demo").id,
                    "area_id": ref(f"{MODULE}.area_ag_alley1_demo").id,
                    "category_id": market.id,
                    "date_raised": raised,
                }
            ),
            "petition_ag_ads_demo",
        )
        neighbours = env["res.partner"].search(
            [
                ("community_id", "=", ads.community_id.id),
                ("is_resident", "=", True),
                ("id", "!=", ads.partner_id.id),
            ],
            order="id",
            limit=6,
        )
        env["community.petition.signature"].create(
            [
                {"petition_id": ads.id, "partner_id": p.id, "is_anonymous": i % 3 == 0}
                for i, p in enumerate(neighbours)
            ]
        )

        # A few dozen petitions over the past six months, for the reports.
        rng = random.Random(2020)
        residents = env["res.partner"].search(
            [("is_resident", "=", True), ("household_id", "!=", False)], order="id"
        )
        levels = [lvl for lvl, w in SETTLED_LEVELS for _ in range(w)]
        departments = env["community.department"].search(
            [("active", "=", True)], order="id"
        )
        for index in range(1, 49):
            partner = rng.choice(residents)
            kind, title = rng.choice(GENERATED_TITLES)
            raised = now - timedelta(days=rng.randint(5, 180), hours=rng.randint(0, 23))
            petition = keep(
                Petition.create(
                    {
                        "title": title,
                        "description": title + ".",
                        "partner_id": partner.id,
                        "category_id": categories[kind].id,
                        "date_raised": raised,
                    }
                ),
                f"petition_gen_{index:03d}_demo",
            )
            if rng.random() < 0.12:
                continue  # still open at its first level
            level = rng.choice(levels)
            if level not in petition._levels():
                level = "office"
            response = rng.choice((1, 2, 4, 8, 20, 30))
            resolved = (
                response
                + {"entrance": 20, "grid": 50, "office": 90, "department": 160}[level]
                + rng.randint(0, 40)
            )
            if level == "department":
                summoned = raised + hours(response + 10)
                for department in rng.sample(list(departments), 2):
                    declined = rng.random() < 0.2
                    Dispatch.create(
                        {
                            "petition_id": petition.id,
                            "department_id": department.id,
                            "date_summoned": summoned,
                        }
                    ).write(
                        {
                            "state": "declined" if declined else "reported",
                            "date_acknowledged": summoned + hours(rng.randint(2, 36)),
                            "date_reported": False
                            if declined
                            else summoned + hours(rng.randint(40, 140)),
                            "date_declined": summoned + hours(30)
                            if declined
                            else False,
                            "decline_reason": "Not in our remit."
                            if declined
                            else False,
                            "report": False if declined else "Done on site.",
                        }
                    )
            rating = rng.choice((0, 3, 4, 4, 5, 5, 5))
            settle(petition, level, raised, response, resolved, "Settled.", rating)
            if rng.random() < 0.15:
                petition.was_overdue = True
        env["ir.model.data"]._update_xmlids(xmlids)
        return True
