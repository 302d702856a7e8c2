# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Civil Code's double majority (art. 278) at its edges, by area and by
number, with the counting rules of the SPC interpretation (art. 9): first the
pure functions, then the same edges through notice, ballots and count in the
database (areas as exact decimals)."""

from odoo.tests import TransactionCase

from ..models.community_deliberation import owner_groups, tally
from .deliberation_common import DeliberationCase


def sheet(*units):
    """Ballots ``(owner group, area in m² as text, choice)``: areas turned
    into integer hundredths as the count reads them from the database."""
    return [
        (group, int(area.replace(".", "")), choice) for group, area, choice in units
    ]


class TestOwnerGroups(TransactionCase):
    def test_one_unit_one_owner(self):
        groups = owner_groups([(1, [10], False), (2, [11], False), (3, [12], False)])
        self.assertEqual(groups, {1: 1, 2: 2, 3: 3})

    def test_an_owner_of_several_units_counts_once(self):
        groups = owner_groups([(1, [10], False), (2, [11], False), (3, [10], False)])
        self.assertEqual(groups[1], groups[3])
        self.assertNotEqual(groups[1], groups[2])
        self.assertEqual(len(set(groups.values())), 2)

    def test_the_developers_unsold_units_count_once(self):
        groups = owner_groups(
            [(1, [], True), (2, [], True), (3, [99], True), (4, [11], False)]
        )
        self.assertEqual(groups[1], groups[2])
        self.assertEqual(groups[2], groups[3])
        self.assertEqual(len(set(groups.values())), 2)

    def test_co_owners_are_one_owner_and_join_their_other_units(self):
        # 10 and 11 own unit 1 together; 11 also owns unit 2 alone
        groups = owner_groups(
            [(1, [10, 11], False), (2, [11], False), (3, [12], False)]
        )
        self.assertEqual(groups[1], groups[2])
        self.assertEqual(len(set(groups.values())), 2)

    def test_a_unit_without_owner_is_its_own_owner(self):
        groups = owner_groups([(1, [], False), (2, [], False)])
        self.assertEqual(len(set(groups.values())), 2)


class TestTally(TransactionCase):
    # Three owners of 100.00 m²: two of them is exactly two thirds of both.
    def test_turnout_at_exactly_two_thirds_of_area_and_owners(self):
        result = tally(
            sheet((1, "100.00", "yes"), (2, "100.00", "yes"), (3, "100.00", None)),
            special=False,
        )
        self.assertTrue(result["turnout_reached"])
        self.assertEqual((result["part_area"], result["eligible_area"]), (20000, 30000))
        self.assertEqual((result["part_owners"], result["eligible_owners"]), (2, 3))
        self.assertTrue(result["approved"])

    def test_turnout_one_hundredth_of_a_square_metre_short_by_area(self):
        """Two of three owners (exactly 2/3 by number) holding 200.00 of
        300.01 m²: short of two thirds by area, so no turnout."""
        result = tally(
            sheet((1, "100.00", "yes"), (2, "100.00", "yes"), (3, "100.01", None)),
            special=False,
        )
        self.assertFalse(result["turnout_reached"])
        self.assertFalse(result["approved"])
        result = tally(
            sheet((1, "100.01", "yes"), (2, "100.00", "yes"), (3, "100.00", None)),
            special=False,
        )
        self.assertTrue(result["turnout_reached"])

    def test_turnout_short_by_number_with_enough_area(self):
        """One big owner holds 80 % of the area but is one owner of three."""
        result = tally(
            sheet((1, "800.00", "yes"), (2, "100.00", None), (3, "100.00", None)),
            special=False,
        )
        self.assertEqual(result["part_area"] * 10, result["eligible_area"] * 8)
        self.assertFalse(result["turnout_reached"])

    def test_turnout_exact_where_floats_fail(self):
        """257.89 + 24.53 m² of 423.63 m² is exactly two thirds; summed in
        floats, 3 × 282.42 falls short of 2 × 423.63."""
        self.assertFalse(3 * (257.89 + 24.53) >= 2 * (257.89 + 24.53 + 141.21))
        result = tally(
            sheet((1, "257.89", "yes"), (2, "24.53", "yes"), (3, "141.21", None)),
            special=False,
        )
        self.assertTrue(result["turnout_reached"])

    # Special matters: at least three quarters of those who took part.
    def test_special_at_exactly_three_quarters_of_area_and_owners(self):
        result = tally(
            sheet(
                (1, "100.00", "yes"),
                (2, "100.00", "yes"),
                (3, "100.00", "yes"),
                (4, "100.00", "no"),
            ),
            special=True,
        )
        self.assertEqual(result["yes_area"] * 4, result["part_area"] * 3)
        self.assertEqual(result["yes_owners"] * 4, result["part_owners"] * 3)
        self.assertTrue(result["approved"])

    def test_special_one_hundredth_short_by_area(self):
        result = tally(
            sheet(
                (1, "100.00", "yes"),
                (2, "100.00", "yes"),
                (3, "99.99", "yes"),
                (4, "100.00", "no"),
            ),
            special=True,
        )
        self.assertEqual((result["yes_owners"], result["part_owners"]), (3, 4))
        self.assertFalse(result["approved"])

    def test_special_short_by_number_with_enough_area(self):
        """Two of three owners approve (2/3 < 3/4) though they hold 90 % of
        the area."""
        result = tally(
            sheet((1, "450.00", "yes"), (2, "450.00", "yes"), (3, "100.00", "no")),
            special=True,
        )
        self.assertTrue(result["turnout_reached"])
        self.assertFalse(result["approved"])

    def test_special_exact_where_floats_fail(self):
        """216.44 + 6.06 + 9.70 m² for, 77.40 against: exactly three quarters;
        summed in floats, 4 × yes falls short of 3 × the participating area."""
        yes = 216.44 + 6.06 + 9.70
        self.assertFalse(4 * yes >= 3 * (yes + 77.40))
        result = tally(
            sheet(
                (1, "216.44", "yes"),
                (2, "6.06", "yes"),
                (3, "9.70", "yes"),
                (4, "77.40", "no"),
            ),
            special=True,
        )
        self.assertEqual((result["yes_owners"], result["part_owners"]), (3, 4))
        self.assertTrue(result["approved"], "exactly 3/4 by area and by number")

    # Other matters: more than half, strictly.
    def _three_of_five_for(self, third_area, fifth_choice):
        """Five owners, an ordinary matter: 150.00, 49.00 and ``third_area``
        m² for, 100.00 m² against, 100.00 m² ``fifth_choice``; three of five
        owners for, whatever the areas."""
        result = tally(
            sheet(
                (1, "150.00", "yes"),
                (2, "49.00", "yes"),
                (3, third_area, "yes"),
                (4, "100.00", "no"),
                (5, "100.00", fifth_choice),
            ),
            special=False,
        )
        self.assertEqual((result["yes_owners"], result["part_owners"]), (3, 5))
        return result

    def test_simple_majority_exactly_half_of_area_is_not_enough(self):
        """Three owners of five are for: by number more than half. By area,
        201.00 of 401.00 m² passes, 200.00 of 400.00 m² does not."""
        result = self._three_of_five_for("2.00", "no")
        self.assertEqual((result["yes_area"], result["part_area"]), (20100, 40100))
        self.assertTrue(result["approved"])
        result = self._three_of_five_for("1.00", "abstain")
        self.assertEqual(result["yes_area"] * 2, result["part_area"])
        self.assertFalse(result["approved"], "exactly half of the area")

    def test_simple_majority_exactly_half_of_owners_is_not_enough(self):
        result = tally(
            sheet(
                (1, "300.00", "yes"),
                (2, "100.00", "yes"),
                (3, "100.00", "no"),
                (4, "100.00", "no"),
            ),
            special=False,
        )
        self.assertEqual(result["yes_owners"] * 2, result["part_owners"])
        self.assertGreater(result["yes_area"] * 2, result["part_area"])
        self.assertFalse(result["approved"], "exactly half of the owners")

    def test_abstentions_take_part_and_do_not_approve(self):
        result = tally(
            sheet((1, "100.00", "yes"), (2, "100.00", "abstain"), (3, "100.00", None)),
            special=False,
        )
        self.assertTrue(result["turnout_reached"])
        self.assertEqual(result["abstain_owners"], 1)
        self.assertFalse(result["approved"], "1 of 2 is not more than half")

    def test_an_owner_of_several_units_has_one_voice(self):
        """Owner 1 votes for with both units; by area they count twice, by
        number once. Owner 3 voted differently for their two units: by number
        an abstention."""
        result = tally(
            sheet(
                (1, "100.00", "yes"),
                (1, "100.00", "yes"),
                (2, "100.00", "no"),
                (3, "50.00", "yes"),
                (3, "50.00", "no"),
            ),
            special=False,
        )
        self.assertEqual((result["eligible_owners"], result["part_owners"]), (3, 3))
        self.assertEqual(result["part_units"], 5)
        self.assertEqual(
            (result["yes_owners"], result["no_owners"], result["abstain_owners"]),
            (1, 1, 1),
        )
        self.assertEqual(result["yes_area"], 25000)
        self.assertFalse(result["approved"], "1 of 3 owners")

    def test_nothing_cast_or_nothing_eligible(self):
        self.assertFalse(tally(sheet((1, "10.00", None)), False)["turnout_reached"])
        self.assertFalse(tally([], True)["turnout_reached"])

    def test_areas_are_integers(self):
        with self.assertRaises(TypeError):
            tally([(1, 100.0, "yes")], special=False)


class TestTallyInTheDatabase(DeliberationCase):
    """The same rules through the notice's snapshot, ballots cast from the
    portal and on paper, and the count."""

    def test_snapshot_counts_owners_once_and_the_developer_once(self):
        matter = self._voting()
        self.assertEqual(matter.eligible_unit_count, 6)
        self.assertEqual(matter.eligible_area, 600.0)
        self.assertEqual(matter.eligible_owner_count, 4)
        keys = {b.unit_id: b.voter_key for b in matter.ballot_ids}
        self.assertEqual(keys[self.u2], keys[self.u3], "owner X once")
        self.assertEqual(keys[self.u4], keys[self.u5], "the developer once")
        self.assertEqual(len(set(keys.values())), 4)
        self.assertEqual(
            self._ballot(matter, self.u6).owner_ids, self.neighbour_a | self.co_owner
        )
        self.assertFalse(matter.ballot_ids.filtered(lambda b: b.unit_id == self.ub))

    def test_count_with_portal_and_paper_ballots(self):
        """X (u2 + u3: 220 m²) and resident A (u1: 80 m²) for, the developer
        (u4 + u5: 200 m²) against: 3 of 4 owners and 500 of 600 m² took
        part; a change of use needs 3/4: 300 m² is 60 %, rejected. Then only
        X's u2 and the co-owners' u6: 200 m², 2 of 4 owners: no turnout."""
        matter = self._voting(category="common_use")
        self._ballot(matter, self.u1).with_user(self.portal_a).cast("yes")
        matter.record_ballots(
            [
                {"unit_id": self.u2.id, "choice": "yes"},
                {"unit_id": self.u3.id, "choice": "yes", "channel": "door"},
                {"unit_id": self.u4.id, "choice": "no", "channel": "meeting"},
                {"unit_id": self.u5.id, "choice": "no"},
            ]
        )
        self._close_and_count(matter)
        self.assertEqual(matter.outcome, "rejected")
        self.assertEqual(
            (matter.part_area, matter.part_owner_count, matter.part_unit_count),
            (500.0, 3, 5),
        )
        self.assertEqual((matter.yes_area, matter.yes_owner_count), (300.0, 2))
        self.assertEqual((matter.no_area, matter.no_owner_count), (200.0, 1))
        channels = {b.unit_id: b.channel for b in matter.ballot_ids}
        self.assertEqual(channels[self.u1], "portal")
        self.assertEqual(channels[self.u3], "door")
        self.assertEqual(self._ballot(matter, self.u5).voter_id, self.developer)

        other = self._voting(category="other_major")
        other.record_ballots(
            [
                {"unit_id": self.u2.id, "choice": "yes"},
                {"unit_id": self.u6.id, "choice": "yes", "voter_id": self.co_owner.id},
            ]
        )
        self._close_and_count(other)
        self.assertEqual(other.outcome, "no_quorum")
        self.assertFalse(other.turnout_reached)
        self.assertEqual(self._ballot(other, self.u6).voter_id, self.co_owner)

    def _compound(self, areas, owners=None):
        """A compound (a grid of community B) with one unit per area, each
        with its own owner unless ``owners`` (indexes) says otherwise, and
        its general meeting."""
        grid = self._area("Grid 9", "grid", self.community_b)
        entrance = self._area(
            "Unit 1", "entrance", self._area("Building 9", "building", grid)
        )
        people = [
            self.env["res.partner"].create({"name": f"Owner {i}"})
            for i in range(len(areas))
        ]
        owners = owners or list(range(len(areas)))
        units = [
            self._unit(entrance, f"{i + 1}01", area, people[owners[i]])
            for i, area in enumerate(areas)
        ]
        body = self.env["community.owner.body"].create(
            {"name": "Meeting 9", "body_type": "general_meeting", "area_id": grid.id}
        )
        return grid, body, units

    def _vote_and_count(self, grid, body, category, votes):
        matter = self._voting(category=category, area=grid, body=body)
        matter.record_ballots(
            [{"unit_id": unit.id, "choice": choice} for unit, choice in votes]
        )
        return self._close_and_count(matter)

    def test_turnout_exactly_two_thirds_in_the_database(self):
        """257.89 and 24.53 of 423.63 m² (two of three owners): exactly two
        thirds of both, where a float sum falls short; 200.00 of 300.01 m² is
        short by one hundredth."""
        grid, body, units = self._compound(["257.89", "24.53", "141.21"])
        matter = self._vote_and_count(
            grid, body, "other_major", [(units[0], "yes"), (units[1], "yes")]
        )
        self.assertEqual(matter.eligible_area, 423.63)
        self.assertTrue(matter.turnout_reached)
        self.assertEqual(matter.outcome, "passed")
        grid, body, units = self._compound([100, 100, 100.01])
        matter = self._vote_and_count(
            grid, body, "other_major", [(units[0], "yes"), (units[1], "yes")]
        )
        self.assertEqual(matter.outcome, "no_quorum")

    def test_special_majority_exactly_three_quarters_in_the_database(self):
        """Units of 300, 100, 100 + 100 (one owner) and 0.01 m²: four owners.
        With the first four units voting for, for, for, against... by area
        500 of 600 m² is for, but 2 of 3 owners: rejected. With the 0.01 m²
        owner for and one of the shared units: exactly 3/4 of the owners."""
        grid, body, units = self._compound(
            [300, 100, 100, 100, 0.01], owners=[0, 1, 2, 2, 4]
        )
        matter = self._vote_and_count(
            grid,
            body,
            "fund_raising",
            [
                (units[0], "yes"),
                (units[1], "no"),
                (units[2], "yes"),
                (units[3], "yes"),
            ],
        )
        self.assertEqual(matter.eligible_owner_count, 4)
        self.assertEqual(matter.eligible_area, 600.01)
        self.assertTrue(matter.turnout_reached)
        self.assertEqual((matter.yes_owner_count, matter.part_owner_count), (2, 3))
        self.assertEqual(matter.outcome, "rejected")
        matter = self._vote_and_count(
            grid,
            body,
            "fund_raising",
            [
                (units[0], "yes"),
                (units[1], "no"),
                (units[2], "yes"),
                (units[4], "yes"),
            ],
        )
        self.assertEqual((matter.yes_owner_count, matter.part_owner_count), (3, 4))
        self.assertAlmostEqual(matter.yes_area, 400.01)
        self.assertEqual(matter.outcome, "passed")

    def test_simple_majority_exactly_half_in_the_database(self):
        """Resident A (80 m²) and X's u2 (100 m²) for, the co-owners (100 m²)
        and the developer's u4 (90 m²) against, X's u3 (120 m²) abstains:
        by area 180 of 490 (< half), by number X is mixed (an abstention):
        rejected. With u3 for: 300 of 490 m² and 2 of 4 owners, exactly half
        by number: rejected still."""
        matter = self._voting()
        matter.record_ballots(
            [
                {"unit_id": self.u1.id, "choice": "yes"},
                {"unit_id": self.u2.id, "choice": "yes"},
                {"unit_id": self.u3.id, "choice": "abstain"},
                {"unit_id": self.u4.id, "choice": "no"},
                {"unit_id": self.u6.id, "choice": "no"},
            ]
        )
        self._close_and_count(matter)
        self.assertEqual(matter.part_owner_count, 4)
        self.assertEqual(
            (
                matter.yes_owner_count,
                matter.no_owner_count,
                matter.abstain_owner_count,
            ),
            (1, 2, 1),
        )
        self.assertEqual(matter.outcome, "rejected")

        matter = self._voting()
        matter.record_ballots(
            [
                {"unit_id": self.u1.id, "choice": "yes"},
                {"unit_id": self.u2.id, "choice": "yes"},
                {"unit_id": self.u3.id, "choice": "yes"},
                {"unit_id": self.u4.id, "choice": "no"},
                {"unit_id": self.u6.id, "choice": "no"},
            ]
        )
        self._close_and_count(matter)
        self.assertEqual((matter.yes_owner_count, matter.part_owner_count), (2, 4))
        self.assertAlmostEqual(matter.yes_area, 300.0)
        self.assertEqual(matter.outcome, "rejected", "exactly half by number")

    def test_areas_are_stored_exactly(self):
        unit = self._unit(self.entrance_a2, "909", 0.1 + 0.2)
        self.assertEqual(unit.floor_area, 0.3)
        self.env.cr.execute(
            "SELECT floor_area::text FROM community_property_unit WHERE id = %s",
            [unit.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], "0.30")
