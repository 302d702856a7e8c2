# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user


class CommunityCase(TransactionCase):
    """Two communities with one grid / building / entrance each, a household,
    residents and one user per role. Officer ``officer_a`` works for community A
    only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.manager = new_test_user(
            cls.env, "cg_manager", groups="community_governance.group_manager"
        )
        cls.officer_a = new_test_user(
            cls.env, "cg_officer_a", groups="community_governance.group_officer"
        )
        cls.officer_b = new_test_user(
            cls.env, "cg_officer_b", groups="community_governance.group_officer"
        )
        cls.internal = new_test_user(cls.env, "cg_internal", groups="base.group_user")
        Area = cls.env["community.area"]
        cls.community_a = Area.create(
            {
                "name": "Community A",
                "area_type": "community",
                "code": "TA",
                "user_id": cls.officer_a.id,
                "officer_ids": [(4, cls.officer_a.id)],
            }
        )
        cls.community_b = Area.create(
            {
                "name": "Community B",
                "area_type": "community",
                "code": "TB",
                "officer_ids": [(4, cls.officer_b.id)],
            }
        )
        cls.grid_a = Area.create(
            {"name": "Grid 1", "area_type": "grid", "parent_id": cls.community_a.id}
        )
        cls.building_a = Area.create(
            {"name": "Building 1", "area_type": "building", "parent_id": cls.grid_a.id}
        )
        cls.entrance_a = Area.create(
            {"name": "Unit 1", "area_type": "entrance", "parent_id": cls.building_a.id}
        )
        cls.entrance_a2 = Area.create(
            {"name": "Unit 2", "area_type": "entrance", "parent_id": cls.building_a.id}
        )
        cls.grid_b = Area.create(
            {"name": "Grid 1", "area_type": "grid", "parent_id": cls.community_b.id}
        )
        cls.building_b = Area.create(
            {"name": "Building 1", "area_type": "building", "parent_id": cls.grid_b.id}
        )
        cls.entrance_b = Area.create(
            {"name": "Unit 1", "area_type": "entrance", "parent_id": cls.building_b.id}
        )
        Household = cls.env["community.household"]
        cls.household_a = Household.create(
            {"area_id": cls.entrance_a.id, "unit_number": "101"}
        )
        cls.household_b = Household.create(
            {"area_id": cls.entrance_b.id, "unit_number": "101"}
        )
        Partner = cls.env["res.partner"]
        cls.resident_a = Partner.create(
            {
                "name": "Resident A",
                "is_resident": True,
                "household_id": cls.household_a.id,
                "email": "resident.a@example.com",
            }
        )
        cls.neighbour_a = Partner.create(
            {
                "name": "Neighbour A",
                "is_resident": True,
                "household_id": cls.household_a.id,
                "email": "neighbour.a@example.com",
            }
        )
        cls.resident_b = Partner.create(
            {
                "name": "Resident B",
                "is_resident": True,
                "household_id": cls.household_b.id,
                "email": "resident.b@example.com",
            }
        )
        portal = cls.env.ref("base.group_portal")
        cls.portal_a = Users.create(
            {
                "login": "cg_portal_a",
                "password": "cg_portal_a",
                "partner_id": cls.resident_a.id,
                "groups_id": [(6, 0, portal.ids)],
            }
        )
        cls.portal_neighbour = Users.create(
            {
                "login": "cg_portal_n",
                "password": "cg_portal_n",
                "partner_id": cls.neighbour_a.id,
                "groups_id": [(6, 0, portal.ids)],
            }
        )
        cls.portal_b = Users.create(
            {
                "login": "cg_portal_b",
                "password": "cg_portal_b",
                "partner_id": cls.resident_b.id,
                "groups_id": [(6, 0, portal.ids)],
            }
        )
        cls.liaison_partner = Partner.create(
            {"name": "Liaison", "email": "l@example.com"}
        )
        cls.liaison = Users.create(
            {
                "login": "cg_liaison",
                "password": "cg_liaison",
                "partner_id": cls.liaison_partner.id,
                "groups_id": [(6, 0, portal.ids)],
            }
        )
        Department = cls.env["community.department"]
        cls.department_urban = Department.create(
            {"name": "Urban Management", "liaison_user_ids": [(4, cls.liaison.id)]}
        )
        cls.department_traffic = Department.create({"name": "Traffic Police"})
