# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError

from .common import CommunityCase


class TestStewardCandidate(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        ref = cls.env.ref
        party = ref("community_governance.line_party")
        volunteer = ref("community_governance.line_volunteer")
        mediation = cls.env["community.skill"].create({"name": "Mediation (test)"})
        cls.role_stairwell.skill_ids = mediation
        Partner = cls.env["res.partner"]

        def resident(name, area, age, lines=(), skills=()):
            return Partner.create(
                {
                    "name": name,
                    "is_resident": True,
                    "area_id": area.id,
                    "birthdate_date": today - relativedelta(years=age, days=10),
                    "line_ids": [(6, 0, [line.id for line in lines])],
                    "skill_ids": [(6, 0, [s.id for s in skills])],
                }
            )

        # 30 (entrance) + 15 (age) + 15 (party) + 10 (skill) = 70
        cls.party_mediator = resident(
            "Party Mediator", cls.entrance_a, 52, [party], [mediation]
        )
        # 20 (building) + 15 (age) + 10 (volunteer) = 45
        cls.building_volunteer = resident(
            "Building Volunteer", cls.entrance_a2, 45, [volunteer]
        )
        # 30 + 15 + 15 - 20 (already grid leader) = 40
        cls.busy_leader = resident("Busy Leader", cls.entrance_a, 50, [party])
        # 30, too old for the bracket
        cls.elder = resident("Elder", cls.entrance_a, 82)
        # 10 (grid) + 15 (age) = 25
        cls.grid_neighbour = resident("Grid Neighbour", cls.entrance_a3, 40)
        cls.outsider = resident("Outsider", cls.entrance_b, 40, [party], [mediation])
        cls._steward(cls.busy_leader, cls.role_grid, cls.grid_a, state="active")

    def _wizard(self, user):
        return (
            self.env["community.steward.candidate.wizard"]
            .with_user(user)
            .create({"role_id": self.role_stairwell.id, "area_id": self.entrance_a.id})
        )

    def test_ranking_order_and_reasons(self):
        wizard = self._wizard(self.officer_a)
        wizard.action_find()
        lines = wizard.line_ids.sorted("rank")
        self.assertEqual(
            lines[:4].partner_id.mapped("name"),
            ["Party Mediator", "Building Volunteer", "Busy Leader", "Elder"],
        )
        self.assertEqual(lines[:4].mapped("score"), [70, 45, 40, 30])
        self.assertEqual(lines[-1].partner_id, self.grid_neighbour)
        self.assertEqual(lines[-1].score, 25)
        self.assertNotIn(self.outsider, lines.partner_id, "other communities are out")
        first = lines[0].reasons
        self.assertIn("lives in Unit 1", first)
        self.assertIn("Mediation (test)", first)
        self.assertIn("Party member", first)
        self.assertIn("already serves 1 term", lines[2].reasons)
        self.assertIn("outside the bracket", lines[3].reasons)

    def test_appoint_selected(self):
        wizard = self._wizard(self.officer_a)
        wizard.action_find()
        wizard.line_ids.filtered(
            lambda line: line.partner_id == self.party_mediator
        ).selected = True
        wizard.action_appoint()
        term = self.Steward.search(
            [
                ("partner_id", "=", self.party_mediator.id),
                ("area_id", "=", self.entrance_a.id),
            ]
        )
        self.assertEqual(term.state, "active")
        self.assertTrue(self.entrance_a.has_steward)
        # Once serving, the resident is no longer proposed.
        wizard.action_find()
        self.assertNotIn(self.party_mediator, wizard.line_ids.partner_id)

    def test_only_officers_use_the_finder(self):
        with self.assertRaises(AccessError):
            self._wizard(self.portal_a)
        with self.assertRaises(AccessError):
            self._wizard(self.internal)
