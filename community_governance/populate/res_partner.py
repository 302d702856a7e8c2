# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models

from .tools import weighted

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建国志文海燕"
# members per household
HOUSEHOLD_SIZES = {1: 20, 2: 35, 3: 25, 4: 15, 5: 5}
# ages of the other members: children, adults, parents
MEMBER_AGES = {(0, 24): 50, (25, 59): 30, (60, 95): 20}
# residents without a household of the register: they live along an alley or
# in an entrance the office has not surveyed yet
UNREGISTERED_SHARE = 0.05
VOLUNTEERS = {"small": 15, "medium": 200, "large": 2_000}
AVAILABILITIES = ("weekday", "evening", "weekend", "anytime", "on_call")


class ResPartner(models.Model):
    _inherit = "res.partner"

    # residents only: the populate makes no business contacts
    _populate_sizes = {"small": 250, "medium": 10_000, "large": 100_000}
    _populate_dependencies = [
        "community.area",
        "community.household",
        "community.skill",
    ]

    def _populate(self, run):
        """Residents by household, the head of each household, registered
        volunteers among them."""
        heads = {}
        residents = run.batch_create(self, self._populate_factories(run, heads))
        for household, index in heads.items():
            household.head_id = residents[index]
        return residents

    def _populate_factories(self, run, heads=None):
        rng = run.random(self._name)
        count = run.count(self)
        households = run["community.household"]
        areas = run["community.area"]
        homes = areas.filtered(lambda a: a.area_type in ("alley", "entrance")).ids
        skills = run["community.skill"].ids
        ref = self.env.ref
        line = {
            code: ref(f"community_governance.line_{code}").id
            for code in ("volunteer", "party", "self_governance", "club", "service")
        }
        volunteers = set(rng.sample(range(count), min(VOLUNTEERS[run.size], count)))
        registered = int(count * (1 - UNREGISTERED_SHARE))
        members = _household_sizes(rng, len(households), registered)

        def resident(index, surname, age):
            if index in volunteers:
                age = min(max(age, 18), 75)
            birth = run.today - timedelta(days=age * 365 + rng.randint(0, 364))
            vals = {
                "name": surname + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                "is_resident": True,
                "birthdate_date": birth,
                "date_moved_in": max(
                    birth, run.today - timedelta(days=rng.randint(30, 30 * 365))
                ),
            }
            if age >= 18 and rng.random() < 0.8:
                vals["phone"] = f"1{rng.choice('358')}{rng.randint(0, 10**9 - 1):09d}"
            if skills and age >= 16 and rng.random() < 0.12:
                vals["skill_ids"] = [fields.Command.set(rng.sample(skills, 2))]
            lines = []
            if age >= 18 and rng.random() < 0.06:
                lines.append(line["party"])
            if age >= 18 and rng.random() < 0.04:
                lines.append(line["self_governance"])
            if index in volunteers:
                lines.append(line["volunteer"])
                since = run.today - timedelta(days=rng.randint(30, 5 * 365))
                vals.update(
                    is_volunteer=True,
                    volunteer_since=since,
                    volunteer_availability=rng.choice(AVAILABILITIES),
                    volunteer_line_ids=[
                        fields.Command.set(
                            [line["volunteer"]]
                            + [
                                line[c]
                                for c in ("club", "service")
                                if rng.random() < 0.3
                            ]
                        )
                    ],
                )
            if lines:
                vals["line_ids"] = [fields.Command.set(lines)]
            return vals

        index = 0
        for household, size in zip(households, members, strict=True):
            surname = rng.choice(SURNAMES)
            if heads is not None:
                heads[household] = index
            for member in range(size):
                # the head first, then partners, children and parents
                ages = (25, 85) if member == 0 else weighted(rng, MEMBER_AGES)
                age = rng.randint(*ages)
                family = surname if member == 0 or rng.random() < 0.7 else None
                vals = resident(index, family or rng.choice(SURNAMES), age)
                vals["household_id"] = household.id
                yield vals
                index += 1
        while index < count:
            vals = resident(index, rng.choice(SURNAMES), rng.randint(18, 90))
            vals["area_id"] = rng.choice(homes)
            yield vals
            index += 1


def _household_sizes(rng, households, residents):
    """Members of each household, ``residents`` in all, each household one
    to six (HOUSEHOLD_SIZES, adjusted to the total)."""
    if not households:
        return []
    sizes = rng.choices(
        list(HOUSEHOLD_SIZES), weights=list(HOUSEHOLD_SIZES.values()), k=households
    )
    total = sum(sizes)
    while total != residents:
        i = rng.randrange(households)
        if total < residents and sizes[i] < 6:
            sizes[i] += 1
            total += 1
        elif total > residents and sizes[i] > 1:
            sizes[i] -= 1
            total -= 1
        elif residents < households or residents > 6 * households:
            break
    return sizes
