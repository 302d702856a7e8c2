# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reports follow the rules of the records under them: the steward roster
and the governance report of a community the officer does not serve are
refused, portal users print neither, and the department scoreboard counts
the dispatches of the officer's communities only (issue 13)."""

from odoo.exceptions import AccessError
from odoo.tests import users
from odoo.tools import mute_logger

from .petition_common import PetitionCase

ROSTER = "community_governance.community_steward_roster_report"
GOVERNANCE = "community_governance.action_report_petition_governance"
MUTE = ("odoo.addons.base.models.ir_rule",)


class TestReportAccess(PetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        petition_a = cls._petition(title="Pipes")
        petition_b = cls._petition(partner=cls.resident_b, title="Roof")
        for petition in (petition_a, petition_b):
            petition.write({"level": "office", "state": "in_progress"})
        petition_a.dispatch(cls.department_urban)
        petition_b.dispatch(cls.department_urban)
        petition_b.dispatch(cls.department_traffic)

    def _html(self, report, docids):
        Report = self.env["ir.actions.report"]
        return Report._render_qweb_html(report, docids)[0].decode()

    @users("cg_officer_a")
    @mute_logger(*MUTE)
    def test_officer_prints_the_communities_served(self):
        html = self._html(ROSTER, self.community_a.ids)
        self.assertIn("Steward roster: Community A", html)
        for report in (ROSTER, GOVERNANCE):
            with self.subTest(report=report), self.assertRaises(AccessError):
                self._html(report, self.community_b.ids)
            with self.subTest(report=report), self.assertRaises(AccessError):
                self._html(report, (self.community_a | self.community_b).ids)

    @users("cg_portal_a", "cg_steward", "cg_internal")
    @mute_logger(*MUTE)
    def test_only_the_office_prints_office_reports(self):
        for report in (ROSTER, GOVERNANCE):
            with self.subTest(report=report), self.assertRaises(AccessError):
                self._html(report, self.community_a.ids)

    @users("cg_officer_a")
    def test_bad_ids_print_nothing(self):
        html = self._html(ROSTER, [0, -1, 2**40])
        self.assertNotIn("Every area has its steward", html)

    @users("cg_officer_a", "cg_officer_b", "cg_manager")
    def test_scoreboard_follows_the_dispatches_rules(self):
        Board = self.env["community.petition.department.report"]
        Dispatch = self.env["community.petition.dispatch"]
        rows = Board.search([])
        self.assertEqual(sum(rows.mapped("dispatch_count")), Dispatch.search_count([]))
        self.assertEqual(
            set(rows.community_id.ids), set(Dispatch.search([]).community_id.ids)
        )
        urban = dict(
            Board._read_group(
                [("department_id", "=", self.department_urban.id)],
                ["department_id"],
                ["dispatch_count:sum"],
            )
        )
        expected = Dispatch.search_count(
            [("department_id", "=", self.department_urban.id)]
        )
        self.assertEqual(urban.get(self.department_urban, 0), expected)
        if self.env.user == self.officer_a:
            self.assertEqual(expected, 1, "community A's dispatch only")
