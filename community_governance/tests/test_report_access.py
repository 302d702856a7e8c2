# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reports follow the rules of the records under them: the steward roster
and the governance report of a community the officer does not serve are
refused, portal users print neither; the department scoreboard is the
district's figure per department, the same for every officer (issue 13)."""

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
    def test_scoreboard_is_the_districts_figure(self):
        """One row per department with every community's dispatches: the
        officers of A and B read the same figures as the manager, and nothing
        in a row names a petition or a resident."""
        Board = self.env["community.petition.department.report"]
        Dispatch = self.env["community.petition.dispatch"].sudo()
        rows = Board.search([])
        self.assertEqual(len(rows), len(set(rows.department_id.ids)))
        self.assertEqual(sum(rows.mapped("dispatch_count")), Dispatch.search_count([]))
        urban = rows.filtered(lambda r: r.department_id == self.department_urban)
        self.assertEqual(urban.dispatch_count, 2, "community A's and B's dispatch")
        self.assertNotIn("petition_id", Board._fields)
        self.assertNotIn("partner_id", Board._fields)
