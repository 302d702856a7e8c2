# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import CommunityCase


class PetitionCase(CommunityCase):
    """Community A with a stairwell steward, a grid leader and the office
    officer as handlers of the three levels, and two petition categories."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        Partner = cls.env["res.partner"]
        portal = cls.env.ref("base.group_portal")
        steward_group = cls.env.ref("community_governance.group_portal_steward")
        cls.steward_partner = Partner.create(
            {
                "name": "Stairwell Steward",
                "is_resident": True,
                "area_id": cls.entrance_a2.id,
                "email": "steward@example.com",
            }
        )
        cls.steward = Users.create(
            {
                "login": "cg_steward",
                "password": "cg_steward",
                "partner_id": cls.steward_partner.id,
                "groups_id": [(6, 0, (portal | steward_group).ids)],
            }
        )
        cls.grid_leader_partner = Partner.create(
            {
                "name": "Grid Leader",
                "is_resident": True,
                "area_id": cls.grid_a.id,
                "email": "grid@example.com",
            }
        )
        cls.grid_leader = Users.create(
            {
                "login": "cg_grid",
                "password": "cg_grid",
                "partner_id": cls.grid_leader_partner.id,
                "groups_id": [(6, 0, (portal | steward_group).ids)],
            }
        )
        # The handlers of the stairwell and grid levels are the serving
        # stewards of those areas (stewards feature).
        ref = cls.env.ref
        cls.env["community.steward"].create(
            [
                {
                    "partner_id": cls.steward_partner.id,
                    "role_id": ref("community_governance.steward_role_stairwell").id,
                    "area_id": cls.entrance_a.id,
                },
                {
                    "partner_id": cls.grid_leader_partner.id,
                    "role_id": ref("community_governance.steward_role_grid").id,
                    "area_id": cls.grid_a.id,
                },
            ]
        ).action_appoint()
        cls.liaison_traffic_partner = Partner.create(
            {"name": "Traffic Liaison", "email": "traffic@example.com"}
        )
        cls.liaison_traffic = Users.create(
            {
                "login": "cg_liaison_t",
                "password": "cg_liaison_t",
                "partner_id": cls.liaison_traffic_partner.id,
                "groups_id": [(6, 0, portal.ids)],
            }
        )
        cls.department_traffic.liaison_user_ids = [(4, cls.liaison_traffic.id)]
        Category = cls.env["community.petition.category"]
        cls.cat_private = Category.create(
            {
                "name": "Stairwell matters",
                "entrance_hours": 24,
                "grid_hours": 48,
                "office_hours": 72,
                "department_hours": 120,
            }
        )
        cls.cat_public = Category.create(
            {
                "name": "Public space",
                "is_public": True,
                "cosign_threshold": 2,
                "cosign_answer_hours": 48,
                "department_ids": [(6, 0, cls.department_urban.ids)],
            }
        )
        cls.Petition = cls.env["community.petition"]

    @classmethod
    def _petition(cls, partner=None, category=None, **vals):
        values = {
            "title": "Bikes block the stairwell",
            "description": "Three bikes are parked in front of the door.",
            "partner_id": (partner or cls.resident_a).id,
            "category_id": (category or cls.cat_private).id,
        }
        values.update(vals)
        return cls.Petition.create(values)
