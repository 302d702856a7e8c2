# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import CommunityCase


class TestArea(CommunityCase):
    def test_complete_name_and_community(self):
        self.assertEqual(
            self.entrance_a.complete_name, "Community A / Grid 1 / Building 1 / Unit 1"
        )
        self.assertEqual(self.entrance_a.community_id, self.community_a)
        self.assertEqual(self.community_a.community_id, self.community_a)
        # Renaming a grid renames everything below it
        self.grid_a.name = "Grid North"
        self.assertEqual(
            self.entrance_a.complete_name,
            "Community A / Grid North / Building 1 / Unit 1",
        )

    def test_moving_a_grid_changes_community(self):
        self.grid_a.parent_id = self.community_b
        self.assertEqual(self.entrance_a.community_id, self.community_b)
        self.assertEqual(self.resident_a.community_id, self.community_b)

    def test_parent_type_rules(self):
        Area = self.env["community.area"]
        cases = [
            ("grid", self.building_a, "must be placed in community"),
            ("building", self.community_a, "must be placed in grid"),
            ("entrance", self.grid_a, "must be placed in building"),
            ("alley", self.building_a, "community or grid"),
            ("community", self.community_b, "no parent"),
            ("grid", False, "must be placed in community"),
        ]
        for area_type, parent, message in cases:
            with self.subTest(area_type=area_type, parent=parent and parent.name):
                with self.assertRaisesRegex(ValidationError, message):
                    Area.create(
                        {
                            "name": "Wrong",
                            "area_type": area_type,
                            "parent_id": parent and parent.id,
                        }
                    )
        # The allowed placements
        alley_c = Area.create(
            {"name": "Lane", "area_type": "alley", "parent_id": self.community_a.id}
        )
        alley_g = Area.create(
            {"name": "Lane 2", "area_type": "alley", "parent_id": self.grid_a.id}
        )
        self.assertEqual((alley_c | alley_g).community_id, self.community_a)

    def test_cycle_refused(self):
        other = self.env["community.area"].create(
            {"name": "Grid 9", "area_type": "grid", "parent_id": self.community_a.id}
        )
        with self.assertRaisesRegex(ValidationError, "inside itself"):
            other.parent_id = other
        with self.assertRaisesRegex(ValidationError, "inside itself"):
            self.grid_a.parent_id = self.entrance_a

    def test_child_of_search_and_counts(self):
        Partner = self.env["res.partner"]
        found = Partner.search([("area_id", "child_of", self.grid_a.id)])
        self.assertEqual(found, self.resident_a | self.neighbour_a)
        self.assertEqual(self.community_a.resident_count, 2)
        self.assertEqual(self.grid_a.household_count, 1)
        self.assertEqual(self.entrance_a2.resident_count, 0)
        self.assertEqual(self.building_a.child_count, 2)

    def test_code_unique(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.env["community.area"].create(
                {"name": "Dup", "area_type": "community", "code": "TA"}
            )

    def test_find_handler_walks_up_to_the_level(self):
        grid_user = self.officer_b  # any internal user will do
        self.grid_a.user_id = grid_user
        self.assertEqual(self.entrance_a._find_ancestor("grid"), self.grid_a)
        self.assertEqual(self.entrance_a._find_ancestor("office"), self.community_a)
        self.assertEqual(self.entrance_a._find_handler("grid"), grid_user)
        # nobody responsible for the entrance: the community's responsible user
        self.assertEqual(self.entrance_a._find_handler("entrance"), self.officer_a)
        self.assertEqual(self.entrance_a._find_handler("office"), self.officer_a)
