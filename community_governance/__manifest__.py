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
        "security/steward_club_security.xml",
        "data/community_steward_data.xml",
        "data/community_club_data.xml",
        "data/community_club_mail_templates.xml",
        "views/community_steward_views.xml",
        "views/community_club_views.xml",
        "views/portal_club_templates.xml",
        "views/portal_steward_templates.xml",
        "report/community_steward_roster_report.xml",
    ],
    "demo": [
        "demo/community_demo.xml",
        "demo/community_steward_club_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "community_governance/static/src/js/tours/*.js",
        ],
    },
    "installable": True,
    "application": True,
}
