# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
import re

from odoo.tests import TransactionCase


class TestCommunityDashboard(TransactionCase):
    """The dashboard's spreadsheet asks the server for what exists: each
    pivot's measure is an aggregatable field of its model (read_group gives
    it), each list column a field, each date filter a date field, each link a
    menu of the addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref(
            "community_governance_dashboard.spreadsheet_dashboard_community"
        )
        cls.data = json.loads(base64.b64decode(cls.dashboard.spreadsheet_binary_data))

    def test_published_for_the_office(self):
        self.assertTrue(self.dashboard.is_published)
        self.assertIn(
            self.env.ref("community_governance.group_officer"),
            self.dashboard.group_ids,
        )

    def test_pivots_read_real_aggregates(self):
        self.assertEqual(len(self.data["pivots"]), 6)
        for pivot in self.data["pivots"].values():
            Model = self.env[pivot["model"]]
            measures = [m["fieldName"] for m in pivot["measures"]]
            rows = [r["fieldName"] for r in pivot["rows"]]
            aggregates = [
                "__count" if m == "__count" else f"{m}:{Model._fields[m].aggregator}"
                for m in measures
            ]
            for measure in measures:
                if measure != "__count":
                    self.assertTrue(Model._fields[measure].aggregator, measure)
            # the spreadsheet's own call: a grouped read as the pivot makes it
            Model.read_group(pivot["domain"], aggregates, rows, lazy=False)
            for matching in pivot["fieldMatching"].values():
                field = Model._fields[matching["chain"]]
                self.assertIn(field.type, ("date", "datetime"), pivot["name"])

    def test_lists_and_links(self):
        for spreadsheet_list in self.data["lists"].values():
            Model = self.env[spreadsheet_list["model"]]
            Model.search_read(spreadsheet_list["domain"], spreadsheet_list["columns"])
        contents = [
            cell.get("content", "")
            for sheet in self.data["sheets"]
            for cell in sheet["cells"].values()
        ]
        menus = re.findall(r"odoo://ir_menu_xml_id/([\w.]+)", " ".join(contents))
        self.assertGreaterEqual(len(menus), 7)
        for xmlid in menus:
            self.assertEqual(self.env.ref(xmlid)._name, "ir.ui.menu", xmlid)
        for formula in contents:
            for pid in re.findall(r"PIVOT\.(?:VALUE|HEADER)\((\d+),", formula):
                self.assertIn(pid, self.data["pivots"])
