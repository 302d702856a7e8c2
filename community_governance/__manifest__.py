# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Community Governance",
    "summary": "Residents, households, areas, stewards, clubs, volunteer hours "
    "and petitions that escalate to government departments",
    "version": "18.0.1.0.0",
    "category": "Community Governance",
    "website": "https://github.com/community-governance/community_governance",
    "author": "Community Governance contributors",
    "license": "AGPL-3",
    "depends": ["mail", "portal"],
    "data": [
        "security/community_security.xml",
        "security/ir.model.access.csv",
        "data/community_line_data.xml",
        "views/community_menus.xml",
        "views/community_area_views.xml",
        "views/res_partner_views.xml",
        "views/community_household_views.xml",
        "views/community_department_views.xml",
        "views/community_activity_views.xml",
        "views/community_config_views.xml",
        "security/petition_security.xml",
        "data/community_petition_data.xml",
        "data/community_petition_mail_templates.xml",
        "views/community_petition_views.xml",
        "report/community_petition_report_views.xml",
        "report/report_petition_governance.xml",
        "views/portal_petition_templates.xml",
    ],
    "demo": [
        "demo/community_demo.xml",
        "demo/community_petition_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "community_governance/static/src/js/tours/petition_tour.js",
        ],
    },
    "installable": True,
    "application": True,
}
