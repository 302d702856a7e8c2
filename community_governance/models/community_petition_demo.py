# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import timedelta

from odoo import api, fields, models

MODULE = "community_governance"

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
    _inherit = "community.demo"

    @api.model
    def _generate_petitions(self):
        """Story petitions of the seed and a few dozen over the past months,
        deterministic, with xmlids; run once."""
        ref = self.env.ref
        if ref(f"{MODULE}.petition_dafosi_market_demo", raise_if_not_found=False):
            return True
        env = self.with_context(
            petition_no_mail=True, tracking_disable=True, mail_create_nolog=True
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
                    "rating": rating,
                    "rating_comment": comment,
                }
            )
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
                    "description": "Stalls of the Zhaojunsheng market spill onto the street, "
                    "delivery trucks park across the lane from 5 am and shared bikes pile up "
                    "at the gate: the elderly cannot get through and waste stays on the road.",
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
            "The sub-district blew the whistle and the three departments reported for duty. "
            "Alley stewards now keep order at the market gate: bikes parked in the marked "
            "bays, goods inside, delivery slots to the half hour.",
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
                    "description": "Engines running under the windows for an hour every morning.",
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
                    "description": "Neighbours keep bikes and an old wardrobe on the landing "
                    "of the 3rd floor; I cannot pass with my shopping trolley.",
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
                    "description": "Water comes through my bathroom ceiling; the neighbours "
                    "upstairs say it is not their pipe.",
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
            "The steward could not settle it; the grid leader brought both households and "
            "a plumber together: the shared riser pipe was replaced, costs split.",
            4,
        )
        # An open stairwell matter for the steward's portal.
        keep(
            Petition.create(
                {
                    "title": "Flower pots on the stairwell landing",
                    "description": "Pots on the 4th floor landing block the way in case of fire.",
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
                    "description": "Small ads are glued on every wall and lamp post again.",
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
