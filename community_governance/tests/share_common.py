# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The base of the shared community tests: the residents of community A at
every distance from resident A, categories, and factories posting listings
and answering them as the residents themselves.

Community A (see common.py): resident A and neighbour A share entrance 1 of
building 1; here also ``cg_share_a2`` (entrance 2, building 1), ``cg_share_a3``
(building 2, grid 1) and ``cg_share_alley`` (Market Lane, the community
only). Resident B lives in community B.
"""

from datetime import timedelta

from odoo import fields

from .common import CommunityCase


class ShareCase(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Listing = cls.env["community.share.listing"]
        cls.Match = cls.env["community.share.match"]
        Category = cls.env["community.share.category"]
        Skill = cls.env["community.skill"]
        cls.skill_phone = Skill.create({"name": "Smartphone help (test)"})
        cls.skill_tutor = Skill.create({"name": "Homework help (test)"})
        cls.cat_tools = Category.create({"name": "Tools (test)"})
        cls.cat_digital = Category.create(
            {"name": "Digital help (test)", "skill_ids": [(6, 0, cls.skill_phone.ids)]}
        )
        cls.cat_tutoring = Category.create(
            {"name": "Tutoring (test)", "skill_ids": [(6, 0, cls.skill_tutor.ids)]}
        )
        cls.cat_childcare = Category.create(
            {"name": "Childcare (test)", "is_sensitive": True}
        )
        cls.resident_a2, cls.portal_a2 = cls._portal_resident(
            "Share A2", area=cls.entrance_a2, login="cg_share_a2"
        )
        cls.resident_a3, cls.portal_a3 = cls._portal_resident(
            "Share A3", area=cls.entrance_a3, login="cg_share_a3"
        )
        cls.resident_alley, cls.portal_alley = cls._portal_resident(
            "Share Alley", area=cls.alley_a, login="cg_share_alley"
        )
        cls.resident_a.phone = "13900000001"
        cls.neighbour_a.phone = "13900000002"
        cls.resident_a2.phone = "13900000003"

    @classmethod
    def _listing(cls, user, name="A ladder", kind="offer", **values):
        """A listing posted by ``user`` through ``post()``, returned as
        superuser (``values`` for ``post``; ``category`` a record)."""
        category = values.pop("category", None) or cls.cat_tools
        photos = values.pop("photos", None)
        vals = {
            "kind": kind,
            "what": "lend",
            "name": name,
            "category_id": category.id,
            "visibility": "community",
        }
        vals.update(values)
        listing = cls.env["community.share.listing"].with_user(user).post(vals, photos)
        return listing.with_env(cls.env)

    @classmethod
    def _answer(cls, user, listing):
        """``user`` answers ``listing``; the match as superuser."""
        return listing.with_user(user).action_answer().with_env(cls.env)

    @classmethod
    def _age(cls, listings, days):
        """Published ``days`` ago (the scheduled jobs' point of view)."""
        listings.sudo().write(
            {"date_published": fields.Datetime.now() - timedelta(days=days)}
        )

    @classmethod
    def _accepted(cls, listing, user):
        """``user`` answers ``listing`` and the poster accepts."""
        match = cls._answer(user, listing)
        poster = listing.partner_id.user_ids[:1]
        match.with_user(poster).action_accept()
        return match

    def _visible_to(self, user):
        """The listings ``user`` sees (record rules)."""
        return self.Listing.with_user(user).search([])
