# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Oucheng Garden's demo tells the seed's story, and its figures hold when
recomputed another way: the tallies from the ballots with exact fractions
and the owners merged by hand, the petitions to higher authorities from the
petitions themselves."""

from collections import Counter
from decimal import Decimal
from fractions import Fraction

from odoo.tests import TransactionCase


class TestDeliberationDemo(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meters = cls.env.ref(
            "community_governance.deliberation_oc_meters_demo", raise_if_not_found=False
        )

    def setUp(self):
        super().setUp()
        if not self.meters:
            self.skipTest("the demo data is not installed")

    def ref(self, name):
        return self.env.ref(f"community_governance.{name}")

    @staticmethod
    def _recount(matter):
        """The tally of ``matter`` from its ballots, without the addon's
        functions: owners merged set by set, areas as decimals, thresholds as
        fractions."""
        people = []  # [set of owner keys, ballots]
        for ballot in matter.ballot_ids:
            if ballot.is_developer_unsold:
                keys = {"developer"}
            else:
                keys = {f"partner-{p.id}" for p in ballot.owner_ids}
            keys = keys or {f"unit-{ballot.unit_id.id}"}
            merged = [p for p in people if p[0] & keys]
            for person in merged:
                people.remove(person)
                keys |= person[0]
            people.append(
                [keys, [ballot] + [b for person in merged for b in person[1]]]
            )

        def area(ballots):
            return sum((Decimal(str(b.unit_area)) for b in ballots), Decimal(0))

        cast = [b for b in matter.ballot_ids if b.state == "cast"]
        voters = [p for p in people if any(b.state == "cast" for b in p[1])]
        yes_voters = [
            p
            for p in voters
            if {b.choice for b in p[1] if b.state == "cast"} == {"yes"}
        ]
        eligible, part = area(matter.ballot_ids), area(cast)
        yes = area([b for b in cast if b.choice == "yes"])
        turnout = Fraction(part) / Fraction(eligible) >= Fraction(2, 3) and Fraction(
            len(voters), len(people)
        ) >= Fraction(2, 3)
        if matter.majority == "special":
            approved = Fraction(yes) / Fraction(part) >= Fraction(3, 4) and Fraction(
                len(yes_voters), len(voters)
            ) >= Fraction(3, 4)
        else:
            approved = Fraction(yes) / Fraction(part) > Fraction(1, 2) and Fraction(
                len(yes_voters), len(voters)
            ) > Fraction(1, 2)
        outcome = "no_quorum" if not turnout else "passed" if approved else "rejected"
        return {
            "eligible_area": eligible,
            "eligible_owners": len(people),
            "part_area": part,
            "part_owners": len(voters),
            "part_units": len(cast),
            "yes_area": yes,
            "yes_owners": len(yes_voters),
            "outcome": outcome,
        }

    def test_counted_tallies_recomputed(self):
        matters = (
            self.meters
            | self.ref("deliberation_oc_pruning_demo")
            | self.ref("deliberation_oc_company_demo")
            | self.ref("deliberation_oc_chargers_demo")
        )
        for matter in matters:
            with self.subTest(matter=matter.title):
                figures = self._recount(matter)
                stored = {
                    "eligible_area": Decimal(str(matter.eligible_area)),
                    "eligible_owners": matter.eligible_owner_count,
                    "part_area": Decimal(str(matter.part_area)),
                    "part_owners": matter.part_owner_count,
                    "part_units": matter.part_unit_count,
                    "yes_area": Decimal(str(matter.yes_area)),
                    "yes_owners": matter.yes_owner_count,
                    "outcome": matter.outcome,
                }
                self.assertEqual(stored, figures)
        self.assertEqual(
            matters.mapped("outcome"), ["passed", "passed", "no_quorum", "passed"]
        )

    def test_the_story(self):
        units = self.env["community.property.unit"].search(
            [("community_id", "=", self.ref("area_oc_demo").id)]
        )
        self.assertEqual(len(units), 200)
        self.assertEqual(len(units.filtered("is_developer_unsold")), 8)
        owners = Counter(p for unit in units for p in unit.owner_ids)
        self.assertEqual(
            len([p for p, n in owners.items() if n == 2 and not p.is_company]), 5
        )
        self.assertEqual(self.meters.eligible_owner_count, 188, "200 - 7 - 5")
        # e-bike chargers: a change of use of common parts, passed narrowly
        chargers = self.ref("deliberation_oc_chargers_demo")
        self.assertEqual(chargers.majority, "special")
        self.assertEqual(chargers.outcome, "passed")
        self.assertEqual(chargers.yes_owner_count * 4, chargers.part_owner_count * 3)
        self.assertLess(chargers.yes_area_percent, 75.1)
        self.assertEqual(chargers.petition_id, self.ref("petition_oc_12_demo"))
        self.assertEqual(chargers.state, "implementation")
        self.assertTrue(chargers.ballot_ids.filtered("is_proxy"))
        # the vote running for the resident login, who owns a unit here but
        # lives in Yangjiamen
        lifts = self.ref("deliberation_oc_lifts_demo")
        wang = self.ref("partner_wang_xiuying_demo")
        self.assertEqual(lifts.state, "voting")
        self.assertEqual(lifts.eligible_unit_count, 80)
        self.assertEqual(wang.community_id, self.ref("area_yjm_demo"))
        resident = self.ref("user_resident_demo")
        ballot = (
            self.env["community.deliberation.ballot"]
            .with_user(resident)
            .search([("deliberation_id", "=", lifts.id)])
        )
        self.assertEqual(ballot.unit_id, self.ref("property_unit_oc_092_demo"))
        self.assertEqual(ballot.state, "pending")
        self.assertIn(
            lifts, self.env["community.deliberation"].with_user(resident).search([])
        )
        supervisor = self.ref("user_supervisor_demo")
        proxied = (
            self.env["community.deliberation.ballot"]
            .with_user(supervisor)
            .search([("deliberation_id", "=", lifts.id)])
        )
        self.assertEqual(proxied.unit_id, self.ref("property_unit_oc_099_demo"))
        dogs = self.ref("deliberation_oc_dogs_demo")
        self.assertEqual(dogs.state, "consultation")
        self.assertEqual(
            (
                dogs.opinion_owner_count,
                dogs.opinion_representative_count,
                dogs.opinion_party_count,
            ),
            (3, 1, 1),
        )

    def test_turnout_by_building_recomputed(self):
        """The running vote's turnout per building, on the owner's page and in
        the office's pivot, from the ballots one by one."""
        lifts = self.ref("deliberation_oc_lifts_demo")
        expected = {}
        for ballot in lifts.ballot_ids:
            row = expected.setdefault(
                ballot.building_id.name, [0, 0, Decimal(0), Decimal(0)]
            )
            area = Decimal(str(ballot.unit_area))
            row[0] += 1
            row[2] += area
            if ballot.state == "cast":
                row[1] += 1
                row[3] += area
        self.assertEqual(len(expected), 2, "buildings 3 and 4")
        self.assertTrue(any(row[1] for row in expected.values()), "some voted")
        self.assertTrue(any(row[1] < row[0] for row in expected.values()))
        page = {
            row["building"]: [
                row["units"],
                row["voted"],
                Decimal(str(round(row["area"], 2))),
                Decimal(str(round(row["voted_area"], 2))),
            ]
            for row in lifts._turnout_by_building()
        }
        self.assertEqual(page, expected)
        manager = self.ref("user_manager_demo")
        pivot = {}
        for building, state, count, area in (
            self.env["community.deliberation.ballot"]
            .with_user(manager)
            ._read_group(
                [("deliberation_id", "=", lifts.id)],
                ["building_id", "state"],
                ["__count", "unit_area:sum"],
            )
        ):
            row = pivot.setdefault(building.name, [0, 0, Decimal(0), Decimal(0)])
            area = Decimal(str(round(area, 2)))
            row[0] += count
            row[2] += area
            if state == "cast":
                row[1] += count
                row[3] += area
        self.assertEqual(pivot, expected)

    def test_matters_per_year_and_category_recomputed(self):
        """The analysis pivot: matters per year and category, and the mean
        days from proposal to decision over the decided matters only."""
        matters = self.env["community.deliberation"].search([])
        self.assertTrue(matters.filtered("date_decided"))
        self.assertTrue(matters.filtered(lambda m: not m.date_decided))
        counts, days = Counter(), {}
        for matter in matters:
            key = (matter.date_proposed.year, matter.category)
            counts[key] += 1
            if matter.date_decided:
                self.assertGreater(matter.days_to_decision, 0)
                days.setdefault(key, []).append(matter.days_to_decision)
        groups = (
            self.env["community.deliberation"]
            .with_user(self.ref("user_manager_demo"))
            ._read_group(
                [],
                ["date_proposed:year", "category"],
                ["__count", "days_to_decision:avg"],
            )
        )
        self.assertEqual(
            {(year.year, category): n for year, category, n, _avg in groups},
            dict(counts),
        )
        for year, category, _n, avg in groups:
            key = (year.year, category)
            with self.subTest(key=key):
                if key in days:
                    self.assertAlmostEqual(avg, sum(days[key]) / len(days[key]))
                else:
                    self.assertFalse(avg, "no decided matter: no mean")

    def test_petitions_to_higher_authorities_recomputed(self):
        """The report from the petitions themselves: per year, those of the
        compound that reached the departments, before and after its
        "1+211" bodies; after, none."""
        compound = self.ref("area_oc_demo")
        since = min(
            self.env["community.owner.body"]
            .search([("area_id", "=", compound.id)])
            .mapped("date_start")
        )
        petitions = self.env["community.petition"].search(
            [("area_id", "child_of", compound.id), ("state", "!=", "duplicate")]
        )
        expected = Counter()
        for petition in petitions:
            period = "after" if petition.date_raised.date() >= since else "before"
            key = (petition.date_raised.year, period)
            expected[key] += petition.level == "department"
        rows = self.env["community.petition.escalation.report"].search(
            [("compound_id", "=", compound.id)]
        )
        report = Counter()
        for row in rows:
            report[row.year.year, row.period] += row.escalated_count
        self.assertEqual(+report, +expected)
        self.assertFalse(sum(n for (_y, p), n in report.items() if p == "after"))
        self.assertGreater(sum(report.values()), 5)
        years = sorted({row.year.year for row in rows})
        self.assertEqual(years, list(range(years[0], years[-1] + 1)), "no year missing")
        self.assertTrue(
            rows.filtered(lambda r: r.period == "after" and not r.escalated_count)
        )
