# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import date, datetime, time, timedelta

from odoo import api, fields, models

MODULE = "community_governance"
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


class CommunityDemo(models.AbstractModel):
    _inherit = "community.demo"

    @api.model
    def _generate_stewards_clubs(self):
        ref = self.env.ref
        if ref(f"{MODULE}.steward_yjm_g1_b1_u2_demo", raise_if_not_found=False):
            return True
        rng = random.Random(57)
        today = fields.Date.context_today(self)
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
        for steward, name in zip(stewards, names):
            xmlids.append(
                {"xml_id": f"{MODULE}.{name}", "record": steward, "noupdate": True}
            )

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

        # Activities: past ones with attendance, upcoming ones open for registration.
        Activity = self.env["community.activity"]
        club_line = ref(f"{MODULE}.line_club")
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
                    "capacity": capacity,
                    "state": "done" if offset < 0 else "confirmed",
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
            past = activity.state == "done"
            for partner in pool[: min(activity.capacity - 2, 24)]:
                registration_vals.append(
                    {
                        "activity_id": activity.id,
                        "partner_id": partner.id,
                        "state": "attended"
                        if past and rng.random() < 0.8
                        else "registered",
                        "date_attended": activity.date_begin if past else False,
                    }
                )
        registrations = self.env["community.activity.registration"].create(
            registration_vals
        )
        registrations.filtered(
            lambda r: r.state == "registered" and r.date_attended
        ).write({"date_attended": False})
        for index, activity in enumerate(activities, start=1):
            xmlids.append(
                {
                    "xml_id": f"{MODULE}.club_activity_{index:02d}_demo",
                    "record": activity,
                    "noupdate": True,
                }
            )
        self.env["ir.model.data"]._update_xmlids(xmlids)
        return True
