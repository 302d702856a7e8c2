# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The resident's satisfaction: rating.rating records of the petition
(rating.mixin), given by the raiser only, one per resolution."""

import importlib.util
from pathlib import Path

from odoo.exceptions import AccessError, UserError
from odoo.tests import users
from odoo.tools import SQL

from .petition_common import PetitionCase

MIGRATION = (
    Path(__file__).parent.parent
    / "migrations"
    / "18.0.2.0.0"
    / "post-20-petition-rating.py"
)


class TestPetitionRating(PetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.petition = cls._resolved()
        cls.Rating = cls.env["rating.rating"]

    def _ratings(self, petition=None):
        return self.Rating.search(
            [
                ("res_model", "=", "community.petition"),
                ("res_id", "=", (petition or self.petition).id),
            ]
        )

    def _rating_messages(self, petition=None):
        return (petition or self.petition).message_ids.filtered(
            lambda m: "/rating/static/src/img/" in str(m.body)
        )

    def test_rate_refusals(self):
        fresh = self._petition(title="Not resolved yet")
        with self.refused(UserError, "once it is resolved"):
            fresh.with_user(self.portal_a).rate(5)
        for value in (6, 0, -1, None, "", "five", "²", True, 4.5, [4]):
            with self.subTest(value=value), self.refused(UserError, "from 1 to 5"):
                self.petition.with_user(self.portal_a).rate(value)
        with self.refused(UserError, "The comment is too long"):
            self.petition.with_user(self.portal_a).rate(3, "x" * 2001)
        # Only the resident who raised it, not its handler nor the office.
        for user in (self.steward, self.officer_a, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.petition.with_user(user).rate(1)
        # Others cannot even see it.
        for user in (self.portal_neighbour, self.portal_b, self.officer_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.petition.with_user(user).rate(1)
        self.assertFalse(self._ratings().filtered("consumed"))
        self.petition.with_user(self.portal_a).rate("4", "Quick and kind")
        self.assertEqual(self.petition.rating_last_value, 4)
        self.assertEqual(self.petition.rating_last_feedback, "Quick and kind")

    def test_rating_is_a_rating_record(self):
        self.petition.with_user(self.portal_a).rate(4, "Quick and kind")
        rating = self._ratings()
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.rating, 4)
        self.assertEqual(rating.feedback, "Quick and kind")
        self.assertTrue(rating.consumed)
        self.assertEqual(rating.partner_id, self.resident_a)
        self.assertEqual(
            rating.rated_partner_id, self.steward_partner, "the handler who settled it"
        )
        self.assertEqual(rating.parent_res_model, "community.area")
        self.assertEqual(rating.parent_res_id, self.community_a.id)
        self.assertFalse(rating.access_token, "no token-only rating page")
        # The mixin's figures.
        self.assertEqual(self.petition.rating_count, 1)
        self.assertEqual(self.petition.rating_avg, 4)
        self.assertEqual(self.petition.rating_last_text, "top")
        # The resident's note in the chatter, linked to the rating.
        message = self._rating_messages()
        self.assertEqual(message.author_id, self.resident_a)
        self.assertEqual(message.rating_ids, rating)
        self.assertIn("Quick and kind", str(message.body))

    def test_rate_again_updates_the_same_rating(self):
        self.petition.with_user(self.portal_a).rate(2, "Slow")
        self.petition.with_user(self.portal_a).rate(5, "Fixed after all")
        rating = self._ratings()
        self.assertEqual(len(rating), 1)
        self.assertEqual((rating.rating, rating.feedback), (5, "Fixed after all"))
        self.assertEqual(self.petition.rating_count, 1)
        self.assertEqual(self.petition.rating_avg, 5)
        message = self._rating_messages()
        self.assertEqual(len(message), 1, "the same message, updated")
        self.assertIn("Fixed after all", str(message.body))

    def test_reopening_resets_the_rating(self):
        self.petition.with_user(self.portal_a).rate(1, "Bikes are back")
        self.petition.with_user(self.portal_a).reopen("Bikes are back")
        rating = self._ratings()
        self.assertFalse(rating.consumed)
        self.assertEqual((rating.rating, rating.feedback), (0, False))
        self.assertEqual(self.petition.rating_count, 0, "no longer counts")
        self.assertEqual(self.petition.rating_last_value, 0)
        self.assertFalse(self.petition.rating_last_feedback)
        old_message = self._rating_messages()
        self.assertEqual(len(old_message), 1, "what was said stays in the chatter")
        self.assertIn("Bikes are back", str(old_message.body))
        self.assertFalse(old_message.rating_ids)
        with self.refused(UserError, "once it is resolved"):
            self.petition.with_user(self.portal_a).rate(3)
        # Settled again, by the grid leader this time: the same rating record
        # rates the new resolution and its handler.
        self.petition.with_user(self.steward).escalate("Needs the grid leader")
        self.petition.with_user(self.grid_leader).resolve("Shed locked")
        self.petition.with_user(self.portal_a).rate(4)
        self.assertEqual(self._ratings(), rating)
        self.assertEqual(rating.rating, 4)
        self.assertEqual(rating.rated_partner_id, self.grid_leader_partner)
        self.assertEqual(self.petition.rating_avg, 4)
        self.assertEqual(len(self._rating_messages()), 2)
        self.assertIn("Bikes are back", str(old_message.body), "not overwritten")

    def test_rated_partner_is_who_settled_it(self):
        in_place = self._petition(title="Settled by the office in the stairwell")
        in_place.with_user(self.officer_a).resolve("The office came by")
        self.assertEqual(in_place.user_id, self.steward, "still the steward's")
        in_place.with_user(self.portal_a).rate(2)
        self.assertEqual(
            self._ratings(in_place).rated_partner_id, self.officer_a.partner_id
        )

    def test_rated_partner_is_the_office_without_handler(self):
        by_office = self._petition(area_id=self.community_a.id, title="Office")
        by_office.with_user(self.officer_a).resolve("Settled by the office")
        by_office.with_user(self.portal_a).rate(3)
        self.assertEqual(
            self._ratings(by_office).rated_partner_id, self.officer_a.partner_id
        )
        nobody = self._petition(title="Nobody")
        nobody.write({"state": "resolved", "date_resolved": nobody.date_raised})
        nobody.user_id = False
        nobody.with_user(self.portal_a).rate(3)
        self.assertEqual(
            self._ratings(nobody).rated_partner_id, self.env.company.partner_id
        )

    def test_chatter_cannot_rate(self):
        """The rating addons accept a rating_value with a chatter post; on a
        petition only rate() rates."""
        public = self._resolved(category=self.cat_public, title="Bench")
        public.with_user(self.portal_neighbour).message_post(
            body="Five stars from a neighbour", rating_value=5
        )
        public.with_user(self.portal_a).message_post(
            body="Five stars from myself", rating_value=5
        )
        self.assertFalse(self._ratings(public))
        self.assertEqual(public.rating_count, 0)
        self.assertNotIn(
            "rating_value", self.Petition._get_allowed_message_update_params()
        )

    @users("cg_internal", "cg_officer_b", "cg_portal_a", "cg_steward")
    def test_ratings_hidden_from_others(self):
        self.petition.with_user(self.portal_a).rate(4, "Quick and kind")
        Rating = self.env["rating.rating"]
        try:
            found = Rating.search([("res_model", "=", "community.petition")])
        except AccessError:
            found = Rating  # portal users have no access to ratings at all
        self.assertFalse(found)
        with self.assertRaises(AccessError):
            self._ratings().with_env(self.env).read(["feedback"])

    @users("cg_officer_a", "cg_manager", "cg_internal")
    def test_office_reads_but_never_writes_ratings(self):
        self.petition.with_user(self.portal_a).rate(4, "Quick and kind")
        rating = self._ratings().with_env(self.env)
        if self.env.user != self.internal:
            self.assertEqual(rating.read(["feedback"])[0]["feedback"], "Quick and kind")
            self.assertEqual(
                self._as(self.petition).rating_last_feedback, "Quick and kind"
            )
        with self.refused(AccessError, ""):
            rating.write({"rating": 5})
        with self.refused(AccessError, ""):
            rating.unlink()
        with self.refused(AccessError, ""):
            self.env["rating.rating"].create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("community.petition"),
                    "res_id": self.petition.id,
                    "rating": 5,
                    "consumed": True,
                }
            )
        self.assertEqual(self.petition.rating_avg, 4)

    def test_migration_from_the_integer_columns(self):
        """post-20-petition-rating: every stored 18.0.1 rating and comment
        becomes a rating.rating (the columns are re-created for the test)."""
        rated = self._resolved(title="Rated in 18.0.1")
        reopened = self._petition(title="Rated, then reopened")
        unrated = self._resolved(title="Never rated")
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE community_petition ADD COLUMN rating integer, "
            "ADD COLUMN rating_comment text"
        )
        for petition, value, comment in (
            (rated, 2, "Took a week"),
            (reopened, 5, None),
            (unrated, 0, None),
        ):
            cr.execute(
                SQL(
                    "UPDATE community_petition SET rating = %s, rating_comment = %s "
                    "WHERE id = %s",
                    value,
                    comment,
                    petition.id,
                )
            )
        spec = importlib.util.spec_from_file_location("post_20", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(cr, "18.0.1.0.0")
        module.migrate(cr, "18.0.1.0.0")  # run twice: nothing doubled
        self.env.invalidate_all()
        rating = self._ratings(rated)
        self.assertEqual(len(rating), 1)
        self.assertEqual((rating.rating, rating.feedback), (2, "Took a week"))
        self.assertTrue(rating.consumed)
        self.assertEqual(rating.partner_id, self.resident_a)
        self.assertEqual(rating.rated_partner_id, self.steward_partner)
        self.assertEqual(rated.rating_last_value, 2)
        self.assertEqual(rated.rating_avg, 2)
        kept = self._ratings(reopened)
        self.assertEqual(kept.rating, 5, "kept")
        self.assertFalse(kept.consumed, "an open petition's old rating does not count")
        self.assertEqual(reopened.rating_count, 0)
        self.assertFalse(self._ratings(unrated))
