# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, models

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
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
    "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "玉兰",
    "志强", "淑珍", "国庆", "红梅", "文博", "子涵", "雨桐", "浩然", "欣怡", "宇轩",
]
SKILLS = [
    "skill_dance_demo", "skill_singing_demo", "skill_legal_demo", "skill_medical_demo",
    "skill_repair_demo", "skill_calligraphy_demo", "skill_teaching_demo",
    "skill_mediation_demo", "skill_gateball_demo", "skill_gardening_demo",
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
            xmlids.append({"xml_id": f"{MODULE}.{name}", "record": record, "noupdate": True})
            return record

        entrances = []
        for code, name, grids, buildings, units, alleys in DEMO_COMMUNITIES:
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
                rng.choice((head_age - rng.randint(0, 4), rng.randint(3, head_age - 22)))
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
                            (6, 0, [s.id for s in rng.sample(skills, rng.randint(0, 2))])
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
