# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Community Governance Dashboard",
    "summary": "The Community overview in the Dashboards app: petitions, the "
    "departments' three rates, overdue, steward coverage, volunteer hours, clubs",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "license": "AGPL-3",
    "author": "Community Governance contributors",
    "website": "https://github.com/community-governance/community_governance",
    "depends": ["community_governance", "spreadsheet_dashboard"],
    "data": ["data/spreadsheet_dashboard_data.xml"],
    # like Odoo's spreadsheet_dashboard_* bridges: there as soon as both are
    "auto_install": True,
    "installable": True,
}
