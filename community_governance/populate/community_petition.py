# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import models
from odoo.tools import split_every

from ..models.community_petition import LEVEL_ORDER
from .tools import BATCH_SIZE, spread, weighted

MONTHS = 18
OPEN_SHARE = 0.2
# level of the open petitions, and the level that settled the others: "small
# matters don't leave the stairwell, big matters don't leave the grid"
OPEN_LEVELS = {"entrance": 40, "grid": 25, "office": 15, "department": 20}
SETTLED_LEVELS = {"entrance": 40, "grid": 25, "office": 10, "department": 25}
CLOSED_STATES = {"resolved": 50, "closed": 45, "duplicate": 5}
# hours from raising to resolution, by settling level
RESOLUTION_HOURS = {
    "entrance": (2, 48),
    "grid": (24, 120),
    "office": (48, 240),
    "department": (120, 480),
}
# an open petition entered its level up to this many times its deadline ago:
# about a quarter is past due for the overdue job to find, and more than half
# of the summoned departments are late ("those who can act don't see it")
OVERDUE_SPAN = {"entrance": 1.3, "grid": 1.3, "office": 1.3, "department": 2.5}
PRIVATE_MATTERS = (
    ("楼道堆放杂物", "邻居在三楼楼道堆放自行车和旧家具，影响通行和消防安全。"),
    ("楼上漏水", "卫生间天花板渗水，楼上邻居说不是他们家的管道。"),
    ("夜间装修噪音", "楼上每晚十一点后还在装修，影响老人和孩子休息。"),
    ("电梯经常故障", "本单元电梯一周内停了三次，老人上下楼困难。"),
    ("楼道灯不亮", "二楼到五楼的楼道灯坏了一周，老人摸黑下楼。"),
    ("下水道堵塞", "单元下水道反味，一楼污水外溢。"),
    ("宠物扰民", "邻居的狗经常在楼道便溺、夜间吠叫。"),
    ("独居老人需要照顾", "隔壁独居老人行动不便，希望社区定期探望。"),
)
PUBLIC_MATTERS = (
    ("共享单车堵住小区门口", "早晚高峰单车堆满门口，轮椅和婴儿车过不去。"),
    ("小广告贴满墙", "墙面和电线杆上又贴满了小广告。"),
    ("垃圾清运不及时", "垃圾桶满了两天没人清运，夏天气味很大。"),
    ("路灯不亮", "胡同口的路灯坏了，晚上出行不安全。"),
    ("违章停车占用消防通道", "消防通道长期被私家车占用。"),
    ("绿化带被破坏", "小区绿化带被踩出小路，还有人种菜。"),
    ("早市占道经营", "早市摊位摆到马路上，送货车堵住胡同。"),
    ("健身器材损坏", "广场上的健身器材松动，有安全隐患。"),
)
RESOLUTIONS = {
    "entrance": "楼道长当场协调，双方达成一致。",
    "grid": "网格长组织邻居和物业协商解决。",
    "office": "社区办公室联系物业完成维修。",
    "department": "相关部门到场处理完毕，社区回访确认。",
}


class CommunityPetition(models.Model):
    _inherit = "community.petition"

    _populate_sizes = {"small": 100, "medium": 5_000, "large": 50_000}
    _populate_dependencies = [
        "community.area",
        "res.partner",
        "community.petition.category",
        "community.steward",
    ]

    def _populate(self, run):
        """Petitions of the last 18 months through ``create()`` (reference
        from the sequence, followers), each at the level it climbed to and
        with the handler the ladder gives there; then their timelines and the
        duplicates."""
        timelines, duplicates = [], []
        petitions = run.batch_create(
            self, self._populate_factories(run, timelines, duplicates)
        )
        Log = self.env["community.petition.log"]
        # create() logged each petition as raised now, at its final level
        logs = Log.search([("petition_id", "in", petitions.ids)])
        for ids in split_every(BATCH_SIZE, logs.ids):
            Log.browse(ids).unlink()
        run.batch_create(
            Log,
            (
                dict(step, petition_id=petitions[index].id)
                for index, steps in enumerate(timelines)
                for step in steps
            ),
        )
        for index, original in duplicates:
            petitions[index].duplicate_of_id = petitions[original]
        return petitions

    def _populate_factories(self, run, timelines, duplicates):
        rng = run.random(self._name)
        areas = run["community.area"]
        categories = run["community.petition.category"] | self.env.ref(
            "community_governance.petition_category_stairwell"
        )
        homes = []  # (resident, home area)
        for area_id, partner_ids in sorted(run.residents("area_id").items()):
            homes += [(partner_id, area_id) for partner_id in partner_ids]
        streets = {}  # public matters may be about an alley or grid
        for area in areas.filtered(lambda a: a.area_type in ("alley", "grid")):
            streets.setdefault(area.community_id.id, []).append(area.id)
        community_of = {area.id: area.community_id.id for area in areas}
        ladder = _Ladder(self, run, rng)
        start = run.now - timedelta(days=MONTHS * 30)
        recent = run.now - timedelta(days=30)
        originals = {}  # community -> indexes of its settled public petitions
        for index in range(run.count(self)):
            partner_id, area_id = rng.choice(homes)
            category = rng.choice(categories)
            community_id = community_of[area_id]
            if category.is_public and rng.random() < 0.3:
                area_id = rng.choice(streets.get(community_id, [area_id]))
            matters = PUBLIC_MATTERS if category.is_public else PRIVATE_MATTERS
            title, description = rng.choice(matters)
            vals = {
                "title": title,
                "description": description,
                "partner_id": partner_id,
                "area_id": area_id,
                "category_id": category.id,
                "priority": "1" if rng.random() < 0.1 else "0",
                "is_anonymous": category.is_public and rng.random() < 0.1,
                "date_deadline": False,
            }
            if rng.random() < OPEN_SHARE:
                since = recent if rng.random() < 0.5 else start
                vals["date_raised"] = spread(rng, since, run.now)
                end = ladder.open(vals, category)
            else:
                vals["date_raised"] = spread(rng, start, run.now - timedelta(days=2))
                earlier = originals.get(community_id) if category.is_public else None
                end = ladder.settled(vals, duplicate=bool(earlier))
                if vals["state"] == "duplicate":
                    # the same matter as an earlier public petition nearby
                    duplicates.append((index, rng.choice(earlier)))
                elif category.is_public:
                    originals.setdefault(community_id, []).append(index)
            timelines.append(ladder.timeline(vals, end))
            yield vals


class _Ladder:
    """The petition ladder of the populated areas: the model's own rules
    (levels of an area, handler of a level, deadline of a category), asked
    once per area and level, and the values of a petition at its level."""

    def __init__(self, petitions, run, rng):
        self.petitions = petitions
        self.run = run
        self.rng = rng
        self._levels, self._handlers, self._hours = {}, {}, {}

    def levels(self, area_id):
        if area_id not in self._levels:
            self._levels[area_id] = self.petitions.new({"area_id": area_id})._levels()
        return self._levels[area_id]

    def handler(self, area_id, level):
        if (area_id, level) not in self._handlers:
            petition = self.petitions.new({"area_id": area_id})
            self._handlers[area_id, level] = petition._handler_for(level).id
        return self._handlers[area_id, level]

    def hours(self, category, level):
        if (category, level) not in self._hours:
            self._hours[category, level] = category._deadline_hours(level)
        return self._hours[category, level]

    def _set_level(self, vals, level):
        level = _available(self.levels(vals["area_id"]), level)
        vals["level"] = level
        vals["user_id"] = self.handler(vals["area_id"], level)
        return level

    def open(self, vals, category):
        """An open petition at its level since a while, due or past due;
        return when it entered its level."""
        rng, raised = self.rng, vals["date_raised"]
        level = self._set_level(vals, weighted(rng, OPEN_LEVELS))
        due = self.hours(category, level)
        entered = raised
        if due:
            span = timedelta(hours=due * OVERDUE_SPAN[level] * rng.random())
            entered = max(raised, self.run.now - span)
            vals["date_deadline"] = entered + timedelta(hours=due)
        if level == "department":
            vals["state"] = "dispatched"
        else:
            vals["state"] = "in_progress" if rng.random() < 0.6 else "new"
        if vals["state"] != "new" or level != self.levels(vals["area_id"])[0]:
            vals["date_first_response"] = spread(rng, raised, entered)
        return entered

    def settled(self, vals, duplicate=False):
        """A petition resolved (and maybe closed) at the level that settled
        it, or closed as a duplicate; return when it was settled."""
        rng, raised, now = self.rng, vals["date_raised"], self.run.now
        level = self._set_level(vals, weighted(rng, SETTLED_LEVELS))
        low, high = RESOLUTION_HOURS[level]
        resolved = raised + timedelta(hours=rng.uniform(low, high))
        resolved = min(resolved, raised + (now - raised) * 0.9)
        closed = min(resolved + timedelta(days=rng.randint(1, 7)), now)
        state = weighted(rng, CLOSED_STATES)
        if state == "duplicate" and not duplicate:
            state = "resolved"
        vals["state"] = state
        vals["date_first_response"] = raised + (resolved - raised) * 0.1
        if state == "duplicate":
            vals["date_closed"] = closed
            return closed
        vals.update(
            settled_level=level,
            resolution=RESOLUTIONS[level],
            date_resolved=resolved,
            date_closed=closed if state == "closed" else False,
            was_overdue=rng.random() < 0.15,
            reopen_count=1 if rng.random() < 0.03 else 0,
        )
        return resolved

    def timeline(self, vals, end):
        """The steps of the petition's timeline but the departments' ones
        (the dispatches log them)."""
        area_id, level, state = vals["area_id"], vals["level"], vals["state"]
        levels = self.levels(area_id)
        climbed = levels[: levels.index(level) + 1]
        raised = vals["date_raised"]

        def step(event, date, level, state, note=False):
            return {
                "event": event,
                "date": date,
                "level": level,
                "state": state,
                "handler_id": self.handler(area_id, level),
                "note": note,
            }

        steps = [step("raised", raised, climbed[0], "new")]
        for rank, climb in enumerate(climbed[1:], start=1):
            if climb != "department":
                when = raised + (end - raised) * (rank / len(climbed))
                steps.append(step("escalated", when, climb, "new"))
        if state == "duplicate":
            steps.append(step("duplicate", end, level, state))
        elif vals.get("date_resolved"):
            steps.append(step("resolved", end, level, "resolved", vals["resolution"]))
            if state == "closed":
                steps.append(step("closed", vals["date_closed"], level, state))
        return steps


def _available(levels, level):
    """``level`` if the area's ladder has it, else the next one up."""
    for candidate in LEVEL_ORDER[LEVEL_ORDER.index(level) :]:
        if candidate in levels:
            return candidate
    return levels[-1]
