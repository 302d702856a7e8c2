# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .share_common import ShareCase


class TestShareSuggestions(ShareCase):
    """Suggestions for a need: the neighbours' offers and the neighbours whose
    registered skills fit, ranked by fit, closeness, how recent and how
    reliable; for an offer, the needs it fits. One grouped query."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.need = cls._listing(
            cls.portal_a,
            name="Smartphone help",
            kind="need",
            what="skill",
            category=cls.cat_digital,
            skill_id=cls.skill_phone.id,
        )

    def _offer(self, user, name, **values):
        values.setdefault("category", self.cat_digital)
        values.setdefault("what", "skill")
        return self._listing(user, name=name, kind="offer", **values)

    def _ranked(self, listing=None, user=None):
        listing = listing or self.need
        return [
            s["title"] or s["partner_name"]
            for s in listing.with_user(user or self.portal_a).suggest()
        ]

    def test_ranked_by_fit_then_closeness(self):
        self._offer(self.portal_alley, "Same skill, far", skill_id=self.skill_phone.id)
        self._offer(self.portal_a3, "Same category, grid")
        self._offer(self.portal_neighbour, "Same category, stairwell")
        self._offer(self.portal_a2, "Same category, building")
        self._offer(self.portal_b, "Other community", skill_id=self.skill_phone.id)
        self._offer(self.portal_a3, "Other category", category=self.cat_tools)
        self._listing(
            self.portal_a2, name="A need", kind="need", category=self.cat_digital
        )
        self.assertEqual(
            self._ranked(),
            [
                "Same skill, far",
                "Same category, stairwell",
                "Same category, building",
                "Same category, grid",
            ],
        )
        rows = self.need.with_user(self.portal_a).suggest()
        self.assertEqual([r["fit"] for r in rows], [3, 2, 2, 2])
        self.assertEqual([r["closeness"] for r in rows], [1, 4, 3, 2])
        self.assertTrue(all(r["listing_id"] for r in rows))

    def test_then_recent_then_reliable(self):
        old = self._offer(self.portal_neighbour, "Old offer")
        new = self._offer(self.portal_neighbour, "New offer")
        self._age(old, 40)
        self._age(new, 1)
        self.assertEqual(self._ranked(), ["New offer", "Old offer"])
        # As close and as old: who did more and was better rated comes first.
        _partner, helper = self._portal_resident(
            "Helper X", area=self.entrance_a, login="cg_share_x"
        )
        unknown = self._offer(helper, "Unknown neighbour's offer")
        helped = self._listing(self.portal_a2, name="Earlier need", kind="need")
        match = self._accepted(helped, self.portal_neighbour)
        match.with_user(self.portal_neighbour).action_confirm_done()
        match.with_user(self.portal_a2).action_confirm_done()
        match.with_user(self.portal_a2).rate(5)
        self._age(old | new | unknown, 40)
        rows = self.need.with_user(self.portal_a).suggest()
        self.assertEqual(
            [(r["title"], r["done"], r["rating"]) for r in rows],
            [
                ("Old offer", 1, 5),
                ("New offer", 1, 5),
                ("Unknown neighbour's offer", 0, None),
            ],
        )

    def test_neighbours_with_the_registered_skill(self):
        # Registered skills of residents with a portal account, living where
        # the need is seen.
        self.resident_a3.skill_ids = self.skill_phone
        self.resident_alley.skill_ids = self.skill_phone
        self.resident_b.skill_ids = self.skill_phone
        without_login = self.env["res.partner"].create(
            {
                "name": "No Login",
                "is_resident": True,
                "area_id": self.entrance_a2.id,
                "skill_ids": [(6, 0, self.skill_phone.ids)],
            }
        )
        rows = self.need.with_user(self.portal_a).suggest()
        self.assertEqual(
            [(r["partner_name"], r["listing_id"], r["closeness"]) for r in rows],
            [("Share A3", False, 2), ("Share Alley", False, 1)],
        )
        self.assertNotIn(without_login.name, [r["partner_name"] for r in rows])
        # A need seen by the grid: the alley neighbour is not asked.
        grid_need = self._listing(
            self.portal_a,
            name="Grid need",
            kind="need",
            what="skill",
            category=self.cat_digital,
            visibility="grid",
        )
        self.assertEqual(self._ranked(grid_need), ["Share A3"])
        # A neighbour with an offer is suggested once, with the offer.
        self._offer(self.portal_a3, "A3's offer")
        self.assertEqual(self._ranked(grid_need), ["A3's offer"])

    def test_only_what_the_resident_sees(self):
        self._offer(self.portal_a3, "Building 2 only", visibility="building")
        self._offer(self.portal_a2, "Building 1", visibility="building")
        hidden = self._offer(self.portal_neighbour, "Hidden")
        hidden.write({"is_hidden": True})
        taken = self._offer(self.portal_neighbour, "Taken")
        self._accepted(taken, self.portal_a3)
        answered = self._offer(self.portal_alley, "Already proposed")
        self.need.with_user(self.portal_a).propose_to_listing(answered)
        self.assertEqual(self._ranked(), ["Building 1"])

    def test_for_an_offer_the_needs_it_fits(self):
        offer = self._offer(self.portal_neighbour, "I teach smartphones")
        self._listing(
            self.portal_a2, name="Tools need", kind="need", category=self.cat_tools
        )
        self.assertEqual(
            self._ranked(offer, self.portal_neighbour), ["Smartphone help"]
        )

    def test_who_may_ask(self):
        with self.assertRaises(AccessError):
            self.need.with_user(self.portal_neighbour).suggest()
        with self.assertRaises(AccessError):
            self.need.with_user(self.officer_b).suggest()
        self.assertEqual(self.need.with_user(self.officer_a).suggest(), [])
        # Asking a neighbour is for the suggested ones only.
        with self.refused(UserError, "suggested for your need"):
            self.need.with_user(self.portal_a).propose_to_resident(self.resident_a2)
        self.resident_a2.skill_ids = self.skill_phone
        match = self.need.with_user(self.portal_a).propose_to_resident(
            self.resident_a2.id
        )
        self.assertEqual(match.with_env(self.env).provider_id, self.resident_a2)
        self.assertTrue(match.with_env(self.env).receiver_accepted)

    def test_one_query_whatever_the_number_of_candidates(self):
        def candidates(count):
            Listing = self.Listing.sudo()
            Listing.create(
                [
                    {
                        "name": f"Offer {i}",
                        "kind": "offer",
                        "what": "skill",
                        "category_id": self.cat_digital.id,
                        "partner_id": (
                            self.neighbour_a,
                            self.resident_a2,
                            self.resident_a3,
                        )[i % 3].id,
                        "state": "published",
                        "date_published": "2026-01-01 00:00:00",
                        "date_expiry": "2099-01-01",
                    }
                    for i in range(count)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()

        need = self.need.with_user(self.portal_a)
        need.suggest()  # warm-up (registry caches)
        # The candidates are one query; the others read the need and its
        # resident's areas and check the access.
        candidates(10)
        with self.assertQueryCount(9):
            self.assertEqual(len(need.suggest()), 10)
        candidates(90)
        with self.assertQueryCount(9):
            self.assertEqual(len(need.suggest()), 10)
