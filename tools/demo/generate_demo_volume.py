#!/usr/bin/env python3
"""Write the volume of community_governance's demo data as XML files.

The stories of the seed report are hand-written in
``community_governance/demo/*_demo.xml``. This script writes what there is too
much of to write by hand, into ``community_governance/demo/*_volume_demo.xml``:
the grids, buildings and stairwell entrances of the four communities, their
238 residents in 96 households, Yangjiamen's red stewards and the market-gate
rota, the members and activities of Yong'an's clubs, five years of volunteer
hours and 48 petitions over six months. The files are committed; rerun the
script after changing it and commit what it wrote::

    python3 tools/demo/generate_demo_volume.py          # rewrite the files
    python3 tools/demo/generate_demo_volume.py --check  # are they up to date?

Standard library only, deterministic (fixed seeds: the same files every run).
Every date is written relative to the day the demo is installed (``DateTime``
and ``relativedelta`` in the records' ``eval``), so a database created any day
tells the same story; ``REF`` is only the day the computations below count
from. States go through the models' own methods (``<function>``: appointing
stewards, taking, escalating, dispatching, resolving and rating petitions), or
are field values the model accepts at create (approved volunteer hours,
memberships, attendance); the methods stamp "now", so each petition step's
timeline entry is dated right after it, and the petition's and its dispatches'
dates at the end.

The XML ids are those of the 18.0.1 demo generator (``models/community_demo.py``,
removed), so that a database of that release upgrades without a second set of
demo records: ``area_<community>_g<grid>_b<building>_u<unit>_demo``,
``household_NNN_demo``, ``resident_NNN_demo``, ``steward_yjm_*_demo``,
``club_activity_NN_demo``, ``volunteer_hour_NNNNN_demo``,
``petition_gen_NNN_demo``. Records the old generator gave no XML id (memberships,
registrations, rota slots, dispatches) are created by ``<function>`` calls,
which Odoo does not run again on an upgrade.
"""

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "community_governance" / "demo"
SCRIPT = "tools/demo/generate_demo_volume.py"

# The day the computations count from (dates are written as "so many days
# before the install day"); the day the demo was turned into data.
REF = date(2026, 12, 1)

# code, name, grids, buildings per grid, entrances per building
COMMUNITIES = [
    ("js", "景山社区", 1, 2, 2),
    ("yjm", "杨家门社区", 3, 2, 2),
    ("ag", "安公社区", 2, 2, 2),
    ("ya", "永安社区", 2, 2, 2),
]
GRID_NAMES = ["第一网格", "第二网格", "第三网格"]
# The community office user who handles what no steward handles (the
# community's responsible user in community_demo.xml).
OFFICE_USER = {
    "js": "user_officer_demo",
    "yjm": "user_officer_demo",
    "ag": "user_manager_demo",
    "ya": "user_manager_demo",
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN_NAMES = (
    "伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 "
    "建华 玉兰 志强 淑珍 国庆 红梅 文博 子涵 雨桐 浩然 欣怡 宇轩"
).split()
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
# participation lines and the share of the residents (16 and over) on each
LINE_CHANCES = [
    ("volunteer", 0.35),
    ("party", 0.15),
    ("self_governance", 0.1),
    ("club", 0.3),
    ("service", 0.1),
]
AVAILABILITIES = ("weekday", "evening", "weekend", "anytime", "on_call")


class Person:
    """A resident: generated, or one of the story residents of
    res_partner_demo.xml (written there, not here)."""

    def __init__(self, xmlid, name, age, area, unit="", lines=()):
        self.xmlid = xmlid
        self.name = name
        self.age = age
        self.area = area  # Area (an entrance, or an alley)
        self.unit = unit
        self.lines = list(lines)
        self.skills = []
        self.birth_days = 0  # born ``age`` years and so many days ago
        self.moved_in_years = 0
        self.phone = ""
        # volunteer registration: days before the install day, or None
        self.volunteer_since = None
        self.availability = None
        self.volunteer_lines = []

    @property
    def community(self):
        return self.area.community


class Area:
    def __init__(self, xmlid, name, code, area_type, parent=None, community=None):
        self.xmlid = xmlid
        self.name = name
        self.code = code
        self.area_type = area_type
        self.parent = parent  # XML id
        self.community = community  # code: js, yjm, ag, ya
        self.complete_name = name


# The alleys (community_demo.xml): 曾兆军 lives on 大佛寺东街.
ALLEYS = {
    "js": Area("area_js_alley1_demo", "大佛寺东街", "JS-A1", "alley", None, "js"),
    "ag": Area("area_ag_alley1_demo", "安公市场巷", "AG-A1", "alley", None, "ag"),
}


# --------------------------------------------------------------------------
# Relative dates, as the records' eval expressions
# --------------------------------------------------------------------------


def day_ago(days):
    """A Date so many days before the install day."""
    return f"(DateTime.today() - relativedelta(days={days})).strftime('%Y-%m-%d')"


def day_in(days):
    return f"(DateTime.today() + relativedelta(days={days})).strftime('%Y-%m-%d')"


def years_ago(years, days=0):
    delta = f"years={years}, days={days}" if days else f"years={years}"
    return f"(DateTime.today() - relativedelta({delta})).strftime('%Y-%m-%d')"


def hours_ago(hours):
    """A Datetime so many hours before the install time (on the hour)."""
    days, hours = divmod(hours, 24)
    return (
        f"(DateTime.now() - relativedelta(days={days}, hours={hours}, minute=0, "
        "second=0)).strftime('%Y-%m-%d %H:%M:%S')"
    )


def at_utc(days, hour, minute=0):
    """A Datetime at hour:minute UTC so many days after the install day."""
    day = "DateTime.today()"
    if days:
        sign = "+" if days > 0 else "-"
        day = f"({day} {sign} relativedelta(days={abs(days)}))"
    return f"{day}.strftime('%Y-%m-%d {hour:02d}:{minute:02d}:00')"


def beijing(days, minutes):
    """A Datetime so many days after the install day at ``minutes`` past
    midnight Beijing time (UTC+8, no summer time)."""
    offset, minutes = divmod(minutes - 8 * 60, 24 * 60)
    return at_utc(days + offset, *divmod(minutes, 60))


def months_before(day, months):
    """The first day of the month ``months`` before ``day``'s month."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, 1)


def month_day(months, day):
    """Day ``day`` of the month ``months`` before REF's, at the latest REF."""
    return min(months_before(REF, months) + timedelta(days=day - 1), REF)


# --------------------------------------------------------------------------
# XML
# --------------------------------------------------------------------------


class Xml:
    def __init__(self, title, about):
        self.lines = [
            '<?xml version="1.0" encoding="UTF-8" ?>',
            "<!-- Copyright 2026 Community Governance contributors",
            "     License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).",
            "",
            f"     GENERATED by {SCRIPT}: do not edit, rerun it.",
            f"     {title}",
        ]
        self.lines += [f"     {line}" if line else "" for line in about]
        self.lines[-1] += " -->"
        self.lines.append('<odoo noupdate="1">')

    def comment(self, text):
        self.lines += ["", f"    <!-- {escape(text)} -->"]

    def record(self, xmlid, model, fields, context=None):
        """fields: (name, kind, value): kind 'text', 'ref', 'html', 'eval'."""
        context = f" context={quoteattr(context)}" if context else ""
        self.lines.append(f'    <record id="{xmlid}" model="{model}"{context}>')
        for name, kind, value in fields:
            if kind == "text":
                self.lines.append(
                    f'        <field name="{name}">{escape(str(value))}</field>'
                )
            elif kind == "ref":
                self.lines.append(f'        <field name="{name}" ref="{value}"/>')
            elif kind == "html":  # one paragraph of text
                self.lines.append(f'        <field name="{name}" type="html">')
                self.lines.append(f"            <p>{escape(str(value))}</p>")
                self.lines.append("        </field>")
            else:
                self.lines.append(
                    f'        <field name="{name}" eval={quoteattr(str(value))}/>'
                )
        self.lines.append("    </record>")

    def function(self, model, name, args=(), uid=None, context=None, items=None):
        """<function> with one <value eval> per argument; ``items``: the
        elements of one more argument, a list, written one a line."""
        user = f' uid="{uid}"' if uid else ""
        self.lines.append(f'    <function model="{model}" name="{name}"{user}>')
        for arg in args:
            if isinstance(arg, tuple):  # (model, expression using obj())
                model_attr, arg = f' model="{arg[0]}"', arg[1]
            else:
                model_attr = ""
            self.lines.append(f"        <value{model_attr} eval={quoteattr(arg)}/>")
        if items is not None:  # one line per element (the schema has no nested values)
            self.lines.append('        <value eval="[')
            for item in items:
                item = escape(item, {'"': "&quot;"})
                self.lines.append(f"            {item},")
            self.lines.append('        ]"/>')
        if context:
            self.lines.append(
                f'        <value name="context" eval={quoteattr(context)}/>'
            )
        self.lines.append("    </function>")

    def text(self):
        return "\n".join(self.lines + ["</odoo>", ""])


# Records created without the chatter's "created" note and tracking (the
# models' rules and computations still apply).
QUIET = "{'tracking_disable': True}"


def py_dict(pairs):
    """Python source of a dict from (key, source of the value) pairs."""
    return "{" + ", ".join(f"'{k}': {v}" for k, v in pairs) + "}"


def ref(xmlid):
    return f"ref('{xmlid}')"


def text(value):
    return repr(value)


# --------------------------------------------------------------------------
# The demo, computed
# --------------------------------------------------------------------------


class Demo:
    def __init__(self):
        self.areas = []  # generated grids, buildings, entrances
        self.entrances = []
        self.households = []  # [entrance, unit, members], household_NNN in order
        self.residents = []  # generated Person
        self.story = {}  # story residents by xmlid
        self.stewards = []
        self.slots = []
        self.memberships = []
        self.activities = []
        self.registrations = []
        self.hours = []
        self.petitions = []
        self._build()

    # the story residents of res_partner_demo.xml
    def _story_residents(self):
        by_xmlid = {a.xmlid: a for a in self.entrances}
        people = [
            Person(
                "partner_zhang_jianping_demo",
                "张建平",
                63,
                by_xmlid["area_yjm_g1_b1_u1_demo"],
                "402",
                ["party", "self_governance", "volunteer"],
            ),
            Person(
                "partner_wang_xiuying_demo",
                "王秀英",
                71,
                by_xmlid["area_yjm_g1_b1_u1_demo"],
                "602",
                ["club", "volunteer"],
            ),
            Person(
                "partner_hong_yongwang_demo",
                "洪永旺",
                66,
                by_xmlid["area_js_g1_b1_u1_demo"],
                "201",
                ["volunteer", "self_governance"],
            ),
            Person("partner_zeng_zhaojun_demo", "曾兆军", 50, ALLEYS["js"]),
            Person(
                "partner_liu_yuling_demo",
                "刘玉玲",
                57,
                by_xmlid["area_ag_g1_b1_u1_demo"],
                "401",
                ["volunteer"],
            ),
        ]
        # already registered volunteers in res_partner_demo.xml
        people[1].volunteer_since = 240
        people[4].volunteer_since = 5 * 365 + 90
        for person in people:
            self.story[person.xmlid] = person
        # in the order of their ids: the generated residents, then these
        return people

    def _build(self):
        self._build_areas_residents()
        story = self._story_residents()
        self.all_residents = self.residents + story
        self._build_stewards()
        self._build_rota()
        members_of = self._build_memberships()
        self._build_club_activities(members_of)
        self._build_volunteers()
        self._build_petitions()

    # -- areas, households, residents (seed 2018) ---------------------------
    def _build_areas_residents(self):
        rng = random.Random(2018)
        for code, community, grids, buildings, units in COMMUNITIES:
            number = 0
            for g in range(1, grids + 1):
                grid = Area(
                    f"area_{code}_g{g}_demo",
                    GRID_NAMES[g - 1],
                    f"{code.upper()}-G{g}",
                    "grid",
                    f"area_{code}_demo",
                    code,
                )
                grid.complete_name = f"{community} / {grid.name}"
                self.areas.append(grid)
                for b in range(1, buildings + 1):
                    number += 1
                    building = Area(
                        f"area_{code}_g{g}_b{b}_demo",
                        f"{number}号楼",
                        f"{code.upper()}-G{g}-B{b}",
                        "building",
                        grid.xmlid,
                        code,
                    )
                    building.complete_name = f"{grid.complete_name} / {building.name}"
                    self.areas.append(building)
                    for u in range(1, units + 1):
                        entrance = Area(
                            f"area_{code}_g{g}_b{b}_u{u}_demo",
                            f"{u}单元",
                            f"{code.upper()}-G{g}-B{b}-U{u}",
                            "entrance",
                            building.xmlid,
                            code,
                        )
                        entrance.complete_name = (
                            f"{building.complete_name} / {entrance.name}"
                        )
                        self.areas.append(entrance)
                        self.entrances.append(entrance)
        for entrance in self.entrances:
            for floor in (1, 3, 5):
                unit = f"{floor}0{rng.randint(1, 2)}"
                self.households.append([entrance, unit, []])
        for household in self.households:
            entrance, unit, members = household
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
                lines = [
                    line
                    for line, chance in LINE_CHANCES
                    if age >= 16 and rng.random() < chance
                ]
                person = Person(
                    f"resident_{len(self.residents) + 1:03d}_demo",
                    family + rng.choice(GIVEN_NAMES),
                    max(age, 1),
                    entrance,
                    unit,
                    lines,
                )
                person.birth_days = rng.randint(0, 364)
                person.moved_in_years = rng.randint(0, min(max(age, 1), 40))
                person.phone = f"139{rng.randint(10000000, 99999999)}"
                if age >= 16:
                    person.skills = rng.sample(SKILLS, rng.randint(0, 2))
                members.append(person)
                self.residents.append(person)

    # -- Yangjiamen's stewards ------------------------------------------------
    def _build_stewards(self):
        """Grid leaders and stairwell stewards chosen by where they live, age
        and party membership (three stairwells left without one, for the
        coverage report), and the first steward of 张建平's stairwell."""
        uncovered = {
            "area_yjm_g2_b2_u2_demo",
            "area_yjm_g3_b2_u1_demo",
            "area_yjm_g3_b2_u2_demo",
        }
        # 张建平 and 洪永旺 serve already (community_steward_demo.xml)
        taken = {"partner_zhang_jianping_demo", "partner_hong_yongwang_demo"}

        def residents_of(prefix):
            return [p for p in self.all_residents if p.area.xmlid.startswith(prefix)]

        def pick(prefix, min_age=30, max_age=72):
            fitting = [
                p
                for p in residents_of(prefix)
                if p.xmlid not in taken and min_age <= p.age <= max_age
            ]
            party = [p for p in fitting if "party" in p.lines]
            chosen = (party or fitting or [None])[0]
            if chosen:
                taken.add(chosen.xmlid)
            return chosen

        for g in range(1, 4):
            leader = pick(f"area_yjm_g{g}_", 35, 65)
            self.stewards.append(
                {
                    "xmlid": f"steward_yjm_g{g}_leader_demo",
                    "partner": leader,
                    "role": "steward_role_grid",
                    "area": f"area_yjm_g{g}_demo",
                    "start": (REF - date(2023, 3, 1)).days,
                    "end": 400,
                }
            )
            for b in (1, 2):
                for u in (1, 2):
                    area = f"area_yjm_g{g}_b{b}_u{u}_demo"
                    if area in uncovered or area == "area_yjm_g1_b1_u1_demo":
                        continue
                    steward = pick(area[:-5])
                    self.stewards.append(
                        {
                            "xmlid": f"steward_yjm_g{g}_b{b}_u{u}_demo",
                            "partner": steward,
                            "role": "steward_role_stairwell",
                            "area": area,
                            "start": (REF - date(2023, 3, 1)).days,
                            # one term ends soon: the office gets a reminder
                            "end": 12 if (g, b, u) == (2, 1, 2) else 700,
                        }
                    )
        first = next(
            p for p in residents_of("area_yjm_g1_b1_u1_demo") if p.xmlid not in taken
        )
        self.stewards.append(
            {
                "xmlid": "steward_yjm_g1_b1_u1_former_demo",
                "partner": first,
                "role": "steward_role_stairwell",
                "area": "area_yjm_g1_b1_u1_demo",
                "start": (REF - date(2019, 3, 1)).days,
                "end": -(REF - date(2023, 2, 28)).days,
                "ended": True,
            }
        )

    def _build_rota(self):
        """The market gate of 大佛寺东街, the next seven days from 6:00 to 9:00
        Beijing time in half hours: 洪永旺 takes the first two of each
        morning, 曾兆军 the fourth."""
        takers = {
            0: "partner_hong_yongwang_demo",
            1: "partner_hong_yongwang_demo",
            3: "partner_zeng_zhaojun_demo",
        }
        for day in range(1, 8):
            for index in range(6):
                start = 6 * 60 + 30 * index
                self.slots.append(
                    (beijing(day, start), beijing(day, start + 30), takers.get(index))
                )

    # -- Yong'an's clubs (seed 57) ------------------------------------------
    CLUBS = [
        # club, category skills (leaders are found among the talents), size
        ("club_ya_dance_team1_demo", ("skill_dance_demo", "skill_gateball_demo"), 14),
        ("club_ya_dance_team2_demo", ("skill_dance_demo", "skill_gateball_demo"), 12),
        ("club_ya_dance_team3_demo", ("skill_dance_demo", "skill_gateball_demo"), 10),
        ("club_ya_chorus_demo", ("skill_singing_demo", "skill_calligraphy_demo"), 10),
        ("club_ya_gateball_demo", ("skill_dance_demo", "skill_gateball_demo"), 7),
        ("club_ya_badminton_demo", ("skill_dance_demo", "skill_gateball_demo"), 8),
        ("club_ya_party_branch_demo", (), 5),
        ("club_ya_mums_demo", ("skill_teaching_demo", "skill_medical_demo"), 8),
    ]

    def _build_memberships(self):
        self.rng57 = rng = random.Random(57)
        adults = [p for p in self.all_residents if p.community == "ya" and p.age >= 18]
        members_of = {}
        leaders = set()
        for club, skills, size in self.CLUBS:
            talented = [
                p
                for p in adults
                if set(p.skills) & set(skills) and p.xmlid not in leaders
            ]
            pool = list(adults)
            rng.shuffle(pool)
            chosen = talented[:1]
            chosen += [p for p in pool if p not in chosen][: size - len(chosen)]
            members_of[club] = chosen
            leaders.add(chosen[0].xmlid)
            for index, partner in enumerate(chosen):
                role = (
                    "leader" if index == 0 else "secretary" if index == 1 else "member"
                )
                self.memberships.append(
                    (club, partner, role, "active", rng.randint(10, 900))
                )
        # asking to join, waiting for the leaders
        for club in ("club_ya_chorus_demo", "club_ya_badminton_demo"):
            waiting = [p for p in adults if p not in members_of[club]][:2]
            for partner in waiting:
                self.memberships.append((club, partner, "member", "requested", None))
        # Two leaders of the seed report: 郑韵侠 (77, an old party member) of
        # the square-dance teams, 马兴崇 (74) secretary of the party branch.
        for club, name, age, skill in (
            ("club_ya_dance_team1_demo", "郑韵侠", 77, "skill_dance_demo"),
            ("club_ya_party_branch_demo", "马兴崇", 74, None),
        ):
            leader = members_of[club][0]
            leader.name, leader.age = name, age
            if "party" not in leader.lines:
                leader.lines.append("party")
            if skill and skill not in leader.skills:
                leader.skills.append(skill)
        return members_of

    def _build_club_activities(self, members_of):
        rng = self.rng57
        plans = [
            # club, name, days from install, Beijing hour, seats, place
            ("club_ya_dance_demo", "广场舞晚会", -21, 19.5, 30, "中心广场"),
            ("club_ya_dance_demo", "广场舞晚会", -7, 19.5, 30, "中心广场"),
            ("club_ya_chorus_demo", "合唱排练", -10, 9.5, 20, "活动中心二号室"),
            ("club_ya_gateball_demo", "门球友谊赛", -14, 9.0, 12, "门球场"),
            ("club_ya_mums_demo", "亲子阅读晨会", -5, 9.5, 15, "活动中心儿童室"),
            ("club_ya_dance_demo", "广场舞晚会", 3, 19.5, 30, "中心广场"),
            ("club_ya_badminton_demo", "羽毛球双打比赛", 6, 18.5, 8, "学校体育馆"),
            ("club_ya_chorus_demo", "社区合唱音乐会", 12, 15.0, 40, "社区活动中心"),
            ("club_yjm_chorus_demo", "老年合唱团排练", 4, 15.0, 25, "社区礼堂"),
        ]
        children = {
            "club_ya_dance_demo": (
                "club_ya_dance_team1_demo",
                "club_ya_dance_team2_demo",
                "club_ya_dance_team3_demo",
            )
        }
        for index, (club, name, offset, hour, seats, place) in enumerate(plans, 1):
            minutes = int((hour - 8) * 60)  # Beijing time to UTC
            activity = {
                "xmlid": f"club_activity_{index:02d}_demo",
                "club": club,
                "area": "area_yjm_demo"
                if club.startswith("club_yjm")
                else "area_ya_demo",
                "name": name,
                "place": place,
                # without one, event.event's default is Odoo's English sample text
                "description": f"{name}，地点：{place}。欢迎社团成员和邻居报名参加。",
                "begin": at_utc(offset, *divmod(minutes, 60)),
                "end": at_utc(offset, *divmod(minutes + 90, 60)),
                "seats": seats,
                "past": offset < 0,
            }
            self.activities.append(activity)
            pool = list(members_of.get(club, []))
            for child in children.get(club, ()):
                pool += [p for p in members_of[child] if p not in pool]
            if club == "club_yjm_chorus_demo":
                pool = [self.story["partner_wang_xiuying_demo"]]
            for partner in pool[: min(seats - 2, 24)]:
                attended = activity["past"] and rng.random() < 0.8
                self.registrations.append((activity, partner, attended))

    # -- volunteers and their hours (seed 2021) ------------------------------
    def _build_volunteers(self):
        """Residents on the volunteer line register, Angong's more often (2,000
        registered volunteers there); hours a few times a year each, 刘玉玲's
        every month for five years, some waiting for approval."""
        rng = random.Random(2021)
        candidates = [
            p
            for p in self.all_residents
            if "volunteer" in p.lines and p.volunteer_since is None
        ]
        candidates += [
            p
            for p in self.all_residents
            if p.community == "ag"
            and p.volunteer_since is None
            and p not in candidates
            and rng.random() < 0.4
        ]
        for person in candidates:
            since = date(REF.year - rng.randint(0, 4), REF.month, REF.day)
            since -= timedelta(days=rng.randint(30, 330))
            person.volunteer_since = (REF - since).days
            person.availability = rng.choice(AVAILABILITIES)
            person.volunteer_lines = ["volunteer"] + [
                line for line in ("club", "service") if rng.random() < 0.3
            ]
        for person in candidates:  # registering adds the line (as the model does)
            if "volunteer" not in person.lines:
                person.lines.append("volunteer")

        liu = self.story["partner_liu_yuling_demo"]
        for months in range(4 * 12 + REF.month - 1, -1, -1):
            day = rng.randint(3, 26)
            hours = rng.choice((4.0, 4.5, 5.0, 5.5))
            activity = rng.choice(("activity_ag_traffic_demo", "activity_ag_ads_demo"))
            self.hours.append(
                {
                    "volunteer": liu,
                    "date": liu_date(months, day),
                    "hours": hours,
                    "activity": activity,
                    "description": {
                        "activity_ag_traffic_demo": "维持市场巷口的交通秩序",
                        "activity_ag_ads_demo": "铲除小广告",
                    }[activity],
                    "state": "approved",
                    "approver": "user_manager_demo",
                }
            )
        activities = (
            "activity_ag_traffic_demo",
            "activity_ag_ads_demo",
            "activity_ag_elderly_demo",
        )
        lines = ("volunteer", "self_governance", "club", "service")
        descriptions = (
            "在为老服务站帮忙",
            "维持自行车停放秩序",
            "清理小广告",
            "看望独居老人",
            "打扫共享菜地",
        )
        for person in candidates:
            since = person.volunteer_since
            for months in range(min(24, since // 31), -1, -1):
                if rng.random() > 0.35:
                    continue
                day = (REF - month_day(months, rng.randint(1, 28))).days
                day = min(day, since)
                in_angong = person.community == "ag"
                activity = (
                    rng.choice(activities) if in_angong and rng.random() < 0.5 else None
                )
                state = "approved"
                if months == 0 and rng.random() < 0.6:
                    state = "submitted"
                elif rng.random() < 0.03:
                    state = "rejected"
                hours = rng.choice((1.0, 1.5, 2.0, 2.0, 3.0, 4.0))
                line = None if activity else rng.choice(lines)
                self.hours.append(
                    {
                        "volunteer": person,
                        "date": day_ago(day),
                        "hours": hours,
                        "activity": activity,
                        "line": line,
                        "description": rng.choice(descriptions),
                        "state": state,
                        "approver": OFFICE_USER[person.community]
                        if state != "submitted"
                        else None,
                    }
                )
        # 王秀英's hours (volunteer_hour_00647 ... 00651) are a story:
        # community_volunteer_hour_demo.xml

    # -- petitions (seed 2020) -----------------------------------------------
    def _build_petitions(self):
        self.petitions = build_petitions(self)


def liu_date(months, day):
    """The day of 刘玉玲's entry ``months`` months before the install month:
    every month of this year and the four before ("five years without a
    break", whatever the month of the install). The entries older than four
    years back go to the first days of January of that year."""
    expr = "DateTime.today() + relativedelta(months=-%d, day=%d)" % (months, day)
    if months == 0:
        expr = f"min(DateTime.today(), {expr})"
    elif months >= 48:
        expr = (
            f"max({expr}, DateTime.today() + relativedelta(years=-4, month=1, "
            f"day={months - 47}))"
        )
    return f"({expr}).strftime('%Y-%m-%d')"


# --------------------------------------------------------------------------
# Petitions
# --------------------------------------------------------------------------

# level at which generated petitions are settled, with their weight
SETTLED_LEVELS = [("entrance", 50), ("grid", 25), ("office", 15), ("department", 10)]
# category, title, description
TITLES = [
    (
        "stairwell",
        "楼道里停满了自行车",
        "一楼到三楼的楼道里停满了自行车，老人上下楼很不方便。",
    ),
    (
        "stairwell",
        "楼上住户晚上11点后还很吵",
        "楼上每天晚上11点以后还在走动、搬东西，孩子睡不好。",
    ),
    (
        "stairwell",
        "花盆堵住了楼道平台",
        "楼道平台上摆满了花盆，搬东西过不去，也有消防隐患。",
    ),
    ("stairwell", "天花板渗水", "卫生间天花板一直往下渗水，楼上说不是他家的管子。"),
    ("stairwell", "楼道里遛狗不拴绳", "有邻居在楼道里遛狗不拴绳，孩子很害怕。"),
    ("facilities", "楼道灯坏了", "楼道灯坏了好几天，晚上上下楼要摸黑。"),
    ("facilities", "单元门门锁坏了", "单元门的门锁坏了，外人随便进出。"),
    (
        "facilities",
        "有人在楼道里给电动车充电",
        "有人从家里拉电线在楼道里给电动车充电，很危险。",
    ),
    ("facilities", "一下雨屋顶就漏水", "顶楼一下雨就漏水，墙皮都泡坏了。"),
    (
        "market",
        "送货车堵住了巷子",
        "每天早上送货车停在巷子里卸货，车过不去，人也过不去。",
    ),
    ("market", "摊位占道经营", "摊位摆到了人行道上，行人只能走到马路上。"),
    ("market", "市场后面垃圾成堆", "市场后面的垃圾好几天没人清运，气味很大。"),
    ("market", "共享单车堵住了大门", "小区门口停满了共享单车，进出都要绕着走。"),
]
CATEGORIES = {
    "stairwell": "petition_category_stairwell",
    "facilities": "petition_category_facilities_demo",
    "market": "petition_category_market_demo",
}
# Due hours per level of the categories (data/community_petition_category_data.xml,
# demo/community_petition_demo.xml): entrance, grid, office, department,
# acknowledge. Used to date the due times the methods compute from "now".
DEADLINE_HOURS = {
    "stairwell": {"entrance": 24, "grid": 48, "office": 72, "department": 120},
    "facilities": {"entrance": 24, "grid": 48, "office": 72, "department": 120},
    "market": {"entrance": 24, "grid": 48, "office": 48, "department": 72},
}
ACKNOWLEDGE_HOURS = 24
DEPARTMENTS = [
    "department_urban_demo",
    "department_traffic_demo",
    "department_housing_demo",
    "department_market_demo",
    "department_power_demo",
    "department_police_demo",
]
LIAISONS = {"department_urban_demo": "user_liaison_demo"}
ESCALATE_REASON = {
    "entrance": "楼道里协调不了，报网格长。",
    "grid": "网格里解决不了，报社区办公室。",
}
RESOLUTION = {
    "entrance": "楼道管家上门协调，当场解决。",
    "grid": "网格长把相关住户请到一起，协商解决。",
    "office": "社区办公室协调物业和住户，问题已解决。",
    "department": "相关部门到场处理完毕，社区回访确认。",
}
REPORT = "已到现场处理完毕。"
DECLINE = "此事不属于本部门职责，请转交相关部门。"


def build_petitions(demo):
    """48 petitions raised over six months by residents of the four
    communities: most settled in the stairwell, fewer in the grid and by the
    office, one in ten by summoned departments; a few still open."""
    rng = random.Random(2020)
    residents = [p for p in demo.all_residents if p.unit]  # living in a household
    levels = [level for level, weight in SETTLED_LEVELS for _ in range(weight)]
    petitions = []
    for index in range(1, 49):
        partner = rng.choice(residents)
        kind, title, description = rng.choice(TITLES)
        raised = rng.randint(5, 180) * 24 + rng.randint(0, 23)  # hours ago
        petition = {
            "xmlid": f"petition_gen_{index:03d}_demo",
            "partner": partner,
            "kind": kind,
            "title": title,
            "description": description,
            "raised": raised,
            "level": None,
        }
        petitions.append(petition)
        if rng.random() < 0.12:
            # still new at the stairwell: raised in the last hours
            petition["raised"] = 1 + raised % 20
            continue
        level = rng.choice(levels)
        response = rng.choice((1, 2, 4, 8, 20, 30))
        resolved = (
            response
            + {"entrance": 20, "grid": 50, "office": 90, "department": 160}[level]
            + rng.randint(0, 40)
        )
        dispatches = []
        if level == "department":
            summoned = response + 10
            for department in rng.sample(DEPARTMENTS, 2):
                declined = rng.random() < 0.2
                answer = summoned + rng.randint(2, 36)
                report = None if declined else summoned + rng.randint(40, 140)
                dispatches.append((department, declined, answer, report))
        petition.update(
            level=level,
            response=response,
            resolved=resolved,
            dispatches=dispatches,
            rating=rng.choice((0, 3, 4, 4, 5, 5, 5)),
            was_overdue=rng.random() < 0.15,
        )
        # every step at least two hours before the install time
        if petition["raised"] < resolved + 2:
            petition["raised"] = resolved + 2 + raised % 24
    # For the portal logins: 王秀英 (resident) has a petition settled yesterday
    # to rate (or reopen), and a neighbour's public one to co-sign.
    by_xmlid = {p["xmlid"]: p for p in petitions}
    by_xmlid["petition_gen_024_demo"].update(
        partner=demo.story["partner_wang_xiuying_demo"],
        raised=72,
        response=2,
        resolved=48,
        rating=0,
        was_overdue=False,
    )
    neighbour = next(
        p for p in demo.residents if p.area.xmlid == "area_yjm_g1_b1_u2_demo"
    )
    by_xmlid["petition_gen_009_demo"]["partner"] = neighbour
    return petitions


def handler(petition, level):
    """Who handles the petition at ``level``: 张建平 (the only steward with a
    portal login) in his stairwell, else the community office (the grid
    leaders and other stewards have no login)."""
    partner = petition["partner"]
    if level == "entrance" and partner.area.xmlid == "area_yjm_g1_b1_u1_demo":
        return "user_steward_demo"
    return OFFICE_USER[partner.community]


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def write_areas(demo):
    xml = Xml(
        "The grids, buildings and stairwell entrances of the four communities.",
        [
            "The communities and the alleys are in community_demo.xml.",
        ],
    )
    for community in COMMUNITIES:
        code = community[0]
        xml.comment(community[1])
        for area in demo.areas:
            if area.community != code:
                continue
            xml.record(
                area.xmlid,
                "community.area",
                [
                    ("name", "text", area.name),
                    ("code", "text", area.code),
                    ("area_type", "text", area.area_type),
                    ("parent_id", "ref", area.parent),
                ],
                context=QUIET,
            )
    return xml


def write_residents(demo):
    xml = Xml(
        "The residents of the four communities in their households.",
        [
            "Three households an entrance, one to four people each; ages, skills,",
            "participation lines and the volunteers' registration. The residents",
            "of the stories are in res_partner_demo.xml.",
        ],
    )
    current = None
    for number, (entrance, unit, members) in enumerate(demo.households, 1):
        if entrance is not current:
            current = entrance
            xml.comment(entrance.complete_name)
        for person in members:
            fields = [
                ("name", "text", person.name),
                ("is_resident", "eval", "True"),
                ("area_id", "ref", entrance.xmlid),
                ("unit_number", "text", unit),
                ("birthdate_date", "eval", years_ago(person.age, person.birth_days)),
                ("date_moved_in", "eval", years_ago(person.moved_in_years)),
                ("phone", "text", person.phone),
            ]
            if person.skills:
                fields.append(
                    (
                        "skill_ids",
                        "eval",
                        "[Command.set([%s])]" % ", ".join(map(ref, person.skills)),
                    )
                )
            if person.lines:
                fields.append(
                    (
                        "line_ids",
                        "eval",
                        "[Command.set([%s])]"
                        % ", ".join(ref(f"line_{line}") for line in person.lines),
                    )
                )
            if person.volunteer_since is not None:
                fields += [
                    ("is_volunteer", "eval", "True"),
                    ("volunteer_since", "eval", day_ago(person.volunteer_since)),
                    ("volunteer_availability", "text", person.availability),
                    (
                        "volunteer_line_ids",
                        "eval",
                        "[Command.set([%s])]"
                        % ", ".join(
                            ref(f"line_{line}") for line in person.volunteer_lines
                        ),
                    ),
                ]
            xml.record(person.xmlid, "res.partner", fields, context=QUIET)
        xml.record(
            f"household_{number:03d}_demo",
            "community.household",
            [
                ("area_id", "ref", entrance.xmlid),
                ("unit_number", "text", unit),
                (
                    "member_ids",
                    "eval",
                    "[%s]"
                    % ", ".join(f"Command.link({ref(p.xmlid)})" for p in members),
                ),
                ("head_id", "ref", members[0].xmlid),
            ],
            context=QUIET,
        )
    return xml


def write_stewards(demo):
    xml = Xml(
        "Yangjiamen's red stewards and grid leaders, and the market-gate rota.",
        [
            "Chosen among the party members and active residents by where they",
            "live and their age; three stairwells wait for a steward. 张建平 and",
            "洪永旺 are in community_steward_demo.xml.",
        ],
    )
    for steward in demo.stewards:
        xml.record(
            steward["xmlid"],
            "community.steward",
            [
                ("partner_id", "ref", steward["partner"].xmlid),
                ("role_id", "ref", steward["role"]),
                ("area_id", "ref", steward["area"]),
                ("date_start", "eval", day_ago(steward["start"])),
                (
                    "date_end",
                    "eval",
                    day_in(steward["end"])
                    if steward["end"] >= 0
                    else day_ago(-steward["end"]),
                ),
            ]
            + ([("state", "text", "ended")] if steward.get("ended") else []),
            context=QUIET,
        )
    xml.comment("Appointed (the former steward's term ended before)")
    xml.function(
        "community.steward",
        "action_appoint",
        [
            "[%s]"
            % ", ".join(ref(s["xmlid"]) for s in demo.stewards if not s.get("ended"))
        ],
    )
    xml.comment(
        "大佛寺东街: the market gate from 6:00 to 9:00 (Beijing time) in half "
        "hours for the next seven days; 洪永旺 and 曾兆军 took some"
    )
    items = []
    for start, end, partner in demo.slots:
        pairs = [
            ("name", text("菜市场门口")),
            ("role_id", ref("steward_role_alley")),
            ("area_id", ref("area_js_alley1_demo")),
            ("date_start", start),
            ("date_end", end),
        ]
        if partner:
            pairs.append(("partner_id", ref(partner)))
        items.append(py_dict(pairs))
    xml.function("community.steward.slot", "create", items=items)
    return xml


def write_clubs(demo):
    xml = Xml(
        "The members of Yong'an's clubs, their activities and attendance.",
        [
            "Leaders found among the residents' talents, two requests to join",
            "waiting in the chorus and in badminton; past activities with their",
            "attendance, coming ones open for registration. The clubs are in",
            "community_club_demo.xml.",
        ],
    )
    xml.comment("Members, and residents asking to join")
    items = []
    for club, partner, role, state, joined in demo.memberships:
        pairs = [
            ("club_id", ref(club)),
            ("partner_id", ref(partner.xmlid)),
            ("role", text(role)),
            ("state", text(state)),
        ]
        if joined is not None:
            pairs.append(("date_join", day_ago(joined)))
        items.append(py_dict(pairs))
    xml.function(
        "community.club.membership",
        "create",
        items=items,
        context="{'community_no_mail': True}",
    )
    xml.comment("Club activities (events)")
    for activity in demo.activities:
        stage = (
            "event.event_stage_done"
            if activity["past"]
            else "event.event_stage_announced"
        )
        xml.record(
            activity["xmlid"],
            "event.event",
            [
                ("name", "text", activity["name"]),
                ("club_id", "ref", activity["club"]),
                ("area_id", "ref", activity["area"]),
                ("place", "text", activity["place"]),
                ("description", "html", activity["description"]),
                ("line_id", "ref", "line_club"),
                ("date_tz", "text", "Asia/Shanghai"),
                ("date_begin", "eval", activity["begin"]),
                ("date_end", "eval", activity["end"]),
                ("seats_limited", "eval", "True"),
                ("seats_max", "eval", str(activity["seats"])),
                ("stage_id", "ref", stage),
                ("portal_published", "eval", "True"),
            ],
            context=QUIET,
        )
    xml.comment("Registrations; the past activities with their attendance")
    items = []
    for activity, partner, attended in demo.registrations:
        pairs = [
            ("event_id", ref(activity["xmlid"])),
            ("partner_id", ref(partner.xmlid)),
            ("state", text("done" if attended else "open")),
        ]
        if attended:
            pairs.append(("date_closed", activity["begin"]))
        items.append(py_dict(pairs))
    xml.function("event.registration", "create", items=items)
    return xml


def write_hours(demo):
    xml = Xml(
        "Volunteer hours: 刘玉玲's five years without a break, and the others'.",
        [
            "Approved by the community office (刘玉玲's coordinates Angong's",
            "activities and approves hours on the portal), a few rejected, this",
            "month's waiting for approval. 王秀英's hours are in",
            "community_volunteer_hour_demo.xml.",
        ],
    )
    xml.comment("张建平 and 洪永旺 (res_partner_demo.xml) registered as volunteers too")
    for xmlid in ("partner_zhang_jianping_demo", "partner_hong_yongwang_demo"):
        person = demo.story[xmlid]
        xml.function(
            "res.partner",
            "write",
            [
                f"[{ref(xmlid)}]",
                py_dict(
                    [
                        ("is_volunteer", "True"),
                        ("volunteer_since", day_ago(person.volunteer_since)),
                        ("volunteer_availability", text(person.availability)),
                        (
                            "volunteer_line_ids",
                            "[Command.set([%s])]"
                            % ", ".join(
                                ref(f"line_{line}") for line in person.volunteer_lines
                            ),
                        ),
                    ]
                ),
            ],
        )
    current = None
    for number, entry in enumerate(demo.hours, 1):
        if entry["volunteer"] is not current:
            current = entry["volunteer"]
            xml.comment(current.name)
        fields = [
            ("volunteer_id", "ref", current.xmlid),
            ("date", "eval", entry["date"]),
            ("hours", "eval", repr(entry["hours"])),
        ]
        if entry.get("activity"):
            fields.append(("activity_id", "ref", entry["activity"]))
        if entry.get("line"):
            fields.append(("line_id", "ref", f"line_{entry['line']}"))
        fields += [
            ("description", "text", entry["description"]),
            ("state", "text", entry["state"]),
        ]
        if entry["approver"]:
            fields += [
                ("approver_id", "ref", entry["approver"]),
                (
                    "date_approved",
                    "eval",
                    entry["date"].replace("'%Y-%m-%d'", "'%Y-%m-%d 00:00:00'"),
                ),
            ]
        if entry["state"] == "rejected":
            fields.append(("reject_reason", "text", "那天没有安排这项活动。"))
        xml.record(
            f"volunteer_hour_{number:05d}_demo", "community.volunteer.hour", fields
        )
    return xml


def write_petitions(demo):
    xml = Xml(
        "Petitions raised over the last six months, for the reports.",
        [
            "Half settled in the stairwell, fewer in the grid and by the office,",
            "one in ten by the departments the office summoned; a few just raised.",
            "Each goes up the ladder through the models' methods, as the person",
            "who handles it at each level; each step's timeline entry is dated",
            "right after it, the dates the methods stamped on the petition and its",
            "dispatches at the end.",
            "The petitions of the stories are in community_petition_demo.xml.",
        ],
    )
    for petition in demo.petitions:
        write_petition(xml, petition)
    return xml


NO_MAIL = "{'community_no_mail': True, 'tracking_disable': True}"


def date_last_step(xml, petition_xmlid, hours):
    """The petition's latest timeline entry happened ``hours`` ago."""
    xml.function(
        "community.petition.log",
        "write",
        [
            (
                "community.petition.log",
                "obj().search([('petition_id', '=', %s)], order='id desc', limit=1).ids"
                % ref(petition_xmlid),
            ),
            py_dict([("date", hours_ago(hours))]),
        ],
    )


def write_petition(xml, petition):
    xmlid, partner = petition["xmlid"], petition["partner"]
    raised = petition["raised"]
    xml.comment(f"{partner.name}: {petition['title']}")
    xml.record(
        xmlid,
        "community.petition",
        [
            ("title", "text", petition["title"]),
            ("description", "text", petition["description"]),
            ("partner_id", "ref", partner.xmlid),
            ("category_id", "ref", CATEGORIES[petition["kind"]]),
            ("date_raised", "eval", hours_ago(raised)),
        ],
        context=NO_MAIL,
    )
    level = petition["level"]
    if not level:
        return
    this = f"[{ref(xmlid)}]"

    def step(name, after, *args, user=None, model="community.petition"):
        """``name`` done by ``user`` ``after`` hours after the petition was
        raised (``args[0]``: the records, else the petition)."""
        records = [] if model != "community.petition" else [this]
        xml.function(model, name, [*records, *args], uid=user, context=NO_MAIL)
        date_last_step(xml, xmlid, raised - after)

    ladder = ["entrance", "grid", "office", "department"]
    response = petition["response"]
    # taken at the stairwell, then up one level at a time
    step("action_take", response, user=handler(petition, "entrance"))
    deadline_start = 0
    climbs = {"grid": 1, "office": 2, "department": 2}.get(level, 0)
    for climb in range(climbs):
        below, above = ladder[climb], ladder[climb + 1]
        escalated = response + 3 * (climb + 1)
        step(
            "escalate",
            escalated,
            text(ESCALATE_REASON[below]),
            user=handler(petition, below),
        )
        step("action_take", escalated + 1 + climb, user=handler(petition, above))
        deadline_start = escalated
    office = handler(petition, "office")
    if level == "department":
        summoned = response + 10
        departments = [d for d, *_rest in petition["dispatches"]]
        step(
            "dispatch",
            summoned,
            "[%s]" % ", ".join(map(ref, departments)),
            user=office,
        )
        deadline_start = summoned
        for department, declined, answer, report in petition["dispatches"]:
            user = LIAISONS.get(department, office)
            dispatch_value = (
                "community.petition.dispatch",
                "obj().search([('petition_id', '=', %s), ('department_id', '=', %s)])"
                ".ids" % (ref(xmlid), ref(department)),
            )
            dispatch = "community.petition.dispatch"
            if declined:
                step(
                    "decline",
                    answer,
                    dispatch_value,
                    text(DECLINE),
                    user=user,
                    model=dispatch,
                )
            else:
                step(
                    "action_acknowledge",
                    answer,
                    dispatch_value,
                    user=user,
                    model=dispatch,
                )
                step(
                    "report_back",
                    report,
                    dispatch_value,
                    text(REPORT),
                    user=user,
                    model=dispatch,
                )
            dates = [
                ("date_summoned", hours_ago(raised - summoned)),
                (
                    "date_deadline",
                    hours_ago(
                        raised
                        - summoned
                        - DEADLINE_HOURS[petition["kind"]]["department"]
                    ),
                ),
                (
                    "date_acknowledge_deadline",
                    hours_ago(raised - summoned - ACKNOWLEDGE_HOURS),
                ),
            ]
            if declined:
                dates.append(("date_declined", hours_ago(raised - answer)))
            else:
                dates += [
                    ("date_acknowledged", hours_ago(raised - answer)),
                    ("date_reported", hours_ago(raised - report)),
                ]
            xml.function(
                "community.petition.dispatch",
                "write",
                [dispatch_value, py_dict(dates)],
                context="{'tracking_disable': True}",
            )
    settler = handler(petition, level if level != "department" else "office")
    step("resolve", petition["resolved"], text(RESOLUTION[level]), user=settler)
    if petition["rating"]:
        xml.function(
            "community.petition",
            "rate",
            [this, str(petition["rating"])],
            context="{'community_no_mail': True}",
        )
    # the dates the methods stamped "now"
    last_level = "department" if level == "department" else level
    due = deadline_start + DEADLINE_HOURS[petition["kind"]][last_level]
    stamps = [
        ("date_first_response", hours_ago(raised - response)),
        ("date_resolved", hours_ago(raised - petition["resolved"])),
        ("date_deadline", hours_ago(raised - due)),
    ]
    if petition["was_overdue"]:
        stamps.append(("was_overdue", "True"))
    xml.function(
        "community.petition",
        "write",
        [this, py_dict(stamps)],
        context="{'tracking_disable': True}",
    )


FILES = {
    "community_area_volume_demo.xml": write_areas,
    "res_partner_volume_demo.xml": write_residents,
    "community_steward_volume_demo.xml": write_stewards,
    "community_club_volume_demo.xml": write_clubs,
    "community_volunteer_hour_volume_demo.xml": write_hours,
    "community_petition_volume_demo.xml": write_petitions,
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a file differs from what would be written",
    )
    args = parser.parse_args(argv)
    demo = Demo()
    stale = []
    for name, writer in FILES.items():
        content = writer(demo).text()
        path = DEMO / name
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(content, encoding="utf-8")
    if args.check and stale:
        print(f"out of date (rerun {SCRIPT}): {', '.join(stale)}", file=sys.stderr)
        return 1
    for name in stale:
        print(f"wrote community_governance/demo/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
