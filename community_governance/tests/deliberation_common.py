# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from .common import PORTAL, CommunityCase


class DeliberationCase(CommunityCase):
    """Community A as a compound of owners, with the bodies of "1+211".

    ======  =========================  ========  ==============================
    unit    where                      area m²   owners
    ======  =========================  ========  ==============================
    u1      building 1, unit 1, 101     80.00    resident A (cg_portal_a)
    u2      building 1, unit 1, 102    100.00    owner X (cg_owner_x, lives
                                                 elsewhere)
    u3      building 1, unit 2, 201    120.00    owner X (a second unit)
    u4      building 2, unit 1, 101     90.00    the developer (unsold)
    u5      building 2, unit 1, 102    110.00    the developer (unsold)
    u6      building 2, unit 1, 201    100.00    neighbour A and a co-owner
    ub      community B                 75.00    resident B (cg_portal_b)
    ======  =========================  ========  ==============================

    By number community A has 4 owners (X once, the developer once, the
    co-owners once) holding 600.00 m². Also: cg_proxy (owns nothing, holds
    proxies), cg_tenant (lives in community A, owns nothing), cg_supervisor
    (supervisory committee, owns nothing), cg_rep (owner of u7 in building 1,
    its representative; not in the votes' scope unless said).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        Body = cls.env["community.owner.body"]
        cls.Matter = cls.env["community.deliberation"]
        cls.Ballot = cls.env["community.deliberation.ballot"]
        cls.Unit = cls.env["community.property.unit"]
        cls.owner_x, cls.portal_x = cls._portal_user("Owner X", "cg_owner_x")
        cls.proxy, cls.portal_proxy = cls._portal_user("Proxy P", "cg_proxy")
        cls.supervisor, cls.portal_supervisor = cls._portal_user(
            "Supervisor S", "cg_supervisor"
        )
        cls.tenant, cls.portal_tenant = cls._portal_resident(
            "Tenant T", area=cls.entrance_a2, login="cg_tenant"
        )
        cls.rep, cls.portal_rep = cls._portal_user("Representative R", "cg_rep")
        cls.developer = Partner.create({"name": "Developer Co.", "is_company": True})
        cls.co_owner = Partner.create({"name": "Co-owner C"})
        cls.party_member = Partner.create({"name": "Party Reviewer"})
        cls.u1 = cls._unit(cls.entrance_a, "101", 80, cls.resident_a)
        cls.u2 = cls._unit(cls.entrance_a, "102", 100, cls.owner_x)
        cls.u3 = cls._unit(cls.entrance_a2, "201", 120, cls.owner_x)
        cls.u4 = cls._unit(cls.entrance_a3, "101", 90, cls.developer, unsold=True)
        cls.u5 = cls._unit(cls.entrance_a3, "102", 110, cls.developer, unsold=True)
        cls.u6 = cls._unit(cls.entrance_a3, "201", 100, cls.neighbour_a | cls.co_owner)
        cls.ub = cls._unit(cls.entrance_b, "101", 75, cls.resident_b)
        cls.units_a = cls.u1 | cls.u2 | cls.u3 | cls.u4 | cls.u5 | cls.u6
        cls.party = Body.create(
            {
                "name": "Party branch",
                "body_type": "party",
                "area_id": cls.community_a.id,
                "member_ids": [
                    (0, 0, {"partner_id": cls.party_member.id, "kind": "party"})
                ],
            }
        )
        cls.general = Body.create(
            {
                "name": "General meeting",
                "body_type": "general_meeting",
                "area_id": cls.community_a.id,
            }
        )
        cls.supervisory = Body.create(
            {
                "name": "Supervisory committee",
                "body_type": "supervisory",
                "area_id": cls.community_a.id,
                "member_ids": [(0, 0, {"partner_id": cls.supervisor.id})],
            }
        )
        cls.representatives = Body.create(
            {
                "name": "Representatives",
                "body_type": "representatives",
                "area_id": cls.community_a.id,
                "member_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": cls.rep.id,
                            "building_ids": [(6, 0, cls.building_a.ids)],
                        },
                    )
                ],
            }
        )
        cls.general_b = Body.create(
            {
                "name": "General meeting B",
                "body_type": "general_meeting",
                "area_id": cls.community_b.id,
            }
        )

    @classmethod
    def _portal_user(cls, name, login):
        """A portal user whose contact is not a resident (an owner living
        elsewhere, a proxy, sub-district staff...)."""
        partner = cls.env["res.partner"].create(
            {"name": name, "email": f"{login}@example.com"}
        )
        user = new_test_user(
            cls.env,
            login,
            groups=PORTAL,
            partner_id=partner.id,
            password=login,
            name=name,
            email=partner.email,
        )
        return partner, user

    @classmethod
    def _unit(cls, entrance, room, area, owners=None, unsold=False):
        return cls.env["community.property.unit"].create(
            {
                "area_id": entrance.id,
                "room": room,
                "floor_area": area,
                "owner_ids": [(6, 0, owners.ids if owners else [])],
                "is_developer_unsold": unsold,
            }
        )

    @classmethod
    def _matter(cls, category="other_major", area=None, body=None, **vals):
        """A proposal of the office, its vote from 20 to 30 days from now."""
        now = fields.Datetime.now().replace(microsecond=0)
        values = {
            "title": "Smart meters",
            "description": "Replace the old meters.",
            "category": category,
            "area_id": (area or cls.community_a).id,
            "body_id": (body or cls.general).id,
            "date_vote_start": now + timedelta(days=20),
            "date_vote_end": now + timedelta(days=30),
        }
        values.update(vals)
        return cls.env["community.deliberation"].create(values)

    @classmethod
    def _voting(cls, category="other_major", **vals):
        """A matter whose vote is open: announced 20 days ago, voting since
        yesterday, closing in 10 days (the steps the notice period spaces
        out, done as the scheduled job and the office would)."""
        matter = cls._matter(category, **vals)
        now = fields.Datetime.now().replace(microsecond=0)
        matter.write(
            {
                "state": "consultation",
                "date_vote_start": now - timedelta(days=1),
                "date_vote_end": now + timedelta(days=10),
            }
        )
        matter._issue_notice(now - timedelta(days=20))
        matter._open_vote()
        return matter

    @classmethod
    def _ballot(cls, matter, unit):
        return matter.ballot_ids.filtered(lambda b: b.unit_id == unit)

    @classmethod
    def _close_and_count(cls, matter):
        matter._close_vote()
        matter._count()
        return matter
