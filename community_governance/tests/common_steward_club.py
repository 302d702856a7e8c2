# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from .common import CommunityCase


class StewardClubCase(CommunityCase):
    """Adds the steward roles, a second building and an alley to community A,
    and a club with a branch club."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.role_stairwell = ref("community_governance.steward_role_stairwell")
        cls.role_grid = ref("community_governance.steward_role_grid")
        cls.role_alley = ref("community_governance.steward_role_alley")
        cls.steward_group = ref("community_governance.group_portal_steward")
        Area = cls.env["community.area"]
        cls.building_a2 = Area.create(
            {"name": "Building 2", "area_type": "building", "parent_id": cls.grid_a.id}
        )
        cls.entrance_a3 = Area.create(
            {"name": "Unit 1", "area_type": "entrance", "parent_id": cls.building_a2.id}
        )
        cls.alley_a = Area.create(
            {
                "name": "Market Lane",
                "area_type": "alley",
                "parent_id": cls.community_a.id,
            }
        )
        cls.Steward = cls.env["community.steward"]
        Club = cls.env["community.club"]
        cls.association = Club.create(
            {"name": "Culture and Sports Association", "area_id": cls.community_a.id}
        )
        cls.club_dance = Club.create(
            {
                "name": "Square Dance",
                "area_id": cls.community_a.id,
                "parent_id": cls.association.id,
                "category_id": ref("community_governance.club_category_sports").id,
            }
        )
        cls.club_b = Club.create({"name": "Chorus B", "area_id": cls.community_b.id})

    @classmethod
    def _steward(cls, partner, role, area, **vals):
        return cls.env["community.steward"].create(
            dict(
                {"partner_id": partner.id, "role_id": role.id, "area_id": area.id},
                **vals,
            )
        )

    @classmethod
    def _portal_resident(cls, name, household=None, area=None, **vals):
        vals = dict(
            vals,
            name=name,
            is_resident=True,
            email=f"{name.lower().replace(' ', '.')}@example.com",
        )
        if household:
            vals["household_id"] = household.id
        if area:
            vals["area_id"] = area.id
        partner = cls.env["res.partner"].create(vals)
        login = "cg_" + name.lower().replace(" ", "_")
        user = new_test_user(
            cls.env,
            login,
            groups="base.group_portal",
            partner_id=partner.id,
            password=login,
            name=name,
        )
        return partner, user
