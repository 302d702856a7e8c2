# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import users
from odoo.tools import mute_logger

from ..models.community_share_mixin import create_once
from .share_common import ShareCase

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class TestShareListing(ShareCase):
    # ------------------------------------------------------------------
    # Posting
    # ------------------------------------------------------------------
    def test_post_publishes_where_the_resident_lives(self):
        expected = {
            "entrance": self.entrance_a,
            "building": self.building_a,
            "grid": self.grid_a,
            "community": self.community_a,
        }
        for visibility, area in expected.items():
            with self.subTest(visibility=visibility):
                listing = self._listing(self.portal_a, visibility=visibility)
                self.assertEqual(listing.state, "published")
                self.assertEqual(listing.partner_id, self.resident_a)
                self.assertEqual(listing.area_id, self.entrance_a)
                self.assertEqual(listing.community_id, self.community_a)
                self.assertEqual(listing.visibility_area_id, area)
                self.assertTrue(listing.date_published)
                self.assertEqual(
                    listing.date_expiry,
                    # the resident's today (her time zone), not the server's
                    fields.Date.context_today(listing.with_user(self.portal_a))
                    + timedelta(days=30),
                )
        self.assertEqual(self.resident_a.share_listing_count, 4)

    def test_post_with_photos(self):
        listing = self._listing(
            self.portal_a,
            photos=[
                {"name": "ladder.png", "raw": PNG},
                {"name": "b.png", "datas": base64.b64encode(PNG).decode()},
            ],
        )
        self.assertEqual(len(listing.photo_ids), 2)
        self.assertEqual(set(listing.photo_ids.mapped("mimetype")), {"image/png"})
        with self.refused(UserError, "is not a photo"):
            self._listing(self.portal_a, photos=[{"name": "x.pdf", "raw": PDF}])
        with self.refused(UserError, "at most 5"):
            self._listing(
                self.portal_a,
                photos=[{"name": f"{i}.png", "raw": PNG} for i in range(6)],
            )

    def test_post_refuses_what_is_not_offered(self):
        Listing = self.Listing.with_user(self.portal_a)
        good = {
            "kind": "need",
            "what": "lend",
            "name": "A drill",
            "category_id": self.cat_tools.id,
            "visibility": "community",
        }
        bad = [
            ({"kind": "steal"}, "Choose from the lists"),
            ({"what": None}, "Choose from the lists"),
            ({"visibility": "district"}, "Choose from the lists"),
            ({"name": ""}, "Give your listing a title"),
            ({"name": "x" * 121}, "too long"),
            ({"name": "nul\x00byte"}, "cannot be stored"),
            ({"description": ["not", "text"]}, "cannot be stored"),
            ({"category_id": 0}, "Choose a category"),
            ({"category_id": 2**31}, "Choose a category"),
            ({"category_id": "١"}, "Choose a category"),
            ({"skill_id": 99999999}, "Choose a skill"),
            ({"capacity": 0}, "between 1 and 50"),
            ({"capacity": 1.5}, "whole number"),
            ({"capacity": "2"}, "must be a number"),
            ({"service_hours": 25}, "between 0 and 24"),
        ]
        for change, message in bad:
            with self.subTest(change=change), self.refused(UserError, message):
                Listing.post(dict(good, **change))
        self.assertFalse(self.Listing.search([("partner_id", "=", self.resident_a.id)]))
        # An alley has no stairwell, building or grid around it.
        with self.refused(UserError, "among the areas you live in"):
            self.Listing.with_user(self.portal_alley).post(
                dict(good, visibility="building")
            )
        self.assertEqual(
            self.Listing._visibility_choices(self.resident_alley), ["community"]
        )
        self.assertTrue(Listing.post(good))

    @users("cg_liaison", "cg_internal")
    def test_post_is_for_residents(self):
        with self.refused(AccessError, "Only residents"):
            self.env["community.share.listing"].post(
                {
                    "kind": "need",
                    "what": "lend",
                    "name": "A drill",
                    "category_id": self.cat_tools.id,
                    "visibility": "community",
                }
            )

    def test_same_form_posts_one_listing(self):
        first = self._listing(self.portal_a, form_token="tok-1")
        again = self._listing(self.portal_a, form_token="tok-1")
        self.assertEqual(first, again)
        other = self._listing(self.portal_a, form_token="tok-2")
        self.assertNotEqual(first, other)
        # The token is the resident's: a neighbour's form is another listing.
        self.assertNotEqual(
            self._listing(self.portal_neighbour, form_token="tok-1"), first
        )
        # Sent at the same instant, the database refuses the second insert.
        with (
            mute_logger("odoo.sql_db"),
            self.refused(UserError, "already sent"),
        ):
            create_once(
                self.Listing.sudo(),
                {
                    "name": "twin",
                    "kind": "offer",
                    "what": "lend",
                    "category_id": self.cat_tools.id,
                    "partner_id": self.resident_a.id,
                    "form_token": "tok-1",
                },
                "form_token_uniq",
                "This form was already sent",
            )

    def test_portal_users_cannot_write_directly(self):
        listing = self._listing(self.portal_a)
        mine = listing.with_user(self.portal_a)
        with self.assertRaises(AccessError):
            mine.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.Listing.with_user(self.portal_a).create(
                {
                    "name": "x",
                    "kind": "offer",
                    "what": "lend",
                    "category_id": self.cat_tools.id,
                    "partner_id": self.resident_a.id,
                }
            )
        with self.assertRaises(AccessError):
            mine.unlink()
        # The office edits the text, not the state or the counters.
        office = listing.with_user(self.officer_a)
        office.write({"description": "Two metres"})
        for vals in ({"state": "fulfilled"}, {"taken_count": 3}, {"is_hidden": True}):
            with self.subTest(vals=vals), self.refused(UserError, "buttons"):
                office.write(vals)

    # ------------------------------------------------------------------
    # Who sees what
    # ------------------------------------------------------------------
    def test_visibility_by_level(self):
        """A listing is seen by its resident and by the residents of the area
        of its visibility: the stairwell, building, grid or community."""
        listings = {
            level: self._listing(self.portal_a, name=level, visibility=level)
            for level in ("entrance", "building", "grid", "community")
        }
        expected = {
            self.portal_a: {"entrance", "building", "grid", "community"},
            self.portal_neighbour: {"entrance", "building", "grid", "community"},
            self.portal_a2: {"building", "grid", "community"},
            self.portal_a3: {"grid", "community"},
            self.portal_alley: {"community"},
            self.portal_b: set(),
            self.liaison: set(),
        }
        for user, levels in expected.items():
            with self.subTest(user=user.login):
                seen = self._visible_to(user)
                self.assertEqual(set(seen.mapped("name")), levels)
                hidden = [listings[level] for level in set(listings) - levels]
                for listing in hidden:
                    with self.assertRaises(AccessError):
                        listing.with_user(user).read(["name"])

    def test_closed_and_hidden_listings_are_the_resident_s_only(self):
        listing = self._listing(self.portal_a)
        self.assertIn(listing, self._visible_to(self.portal_neighbour))
        for vals in (
            {"is_hidden": True},
            {"state": "expired"},
            {"state": "withdrawn"},
            {"state": "review"},
        ):
            with self.subTest(vals=vals):
                listing.write(dict({"state": "published", "is_hidden": False}, **vals))
                self.assertNotIn(listing, self._visible_to(self.portal_neighbour))
                self.assertIn(listing, self._visible_to(self.portal_a))
        listing.write({"state": "matched", "is_hidden": False})
        self.assertIn(listing, self._visible_to(self.portal_neighbour))

    def test_office_sees_its_communities(self):
        listing_a = self._listing(self.portal_a)
        listing_b = self._listing(self.portal_b)
        Listing = self.env["community.share.listing"]
        self.assertEqual(
            Listing.with_user(self.officer_a).search([]), listing_a, "officer A"
        )
        self.assertEqual(Listing.with_user(self.officer_b).search([]), listing_b)
        self.assertEqual(
            Listing.with_user(self.manager).search([]) & (listing_a | listing_b),
            listing_a | listing_b,
        )
        with self.assertRaises(AccessError):
            Listing.with_user(self.internal).search([])
        with self.assertRaises(AccessError):
            listing_b.with_user(self.officer_a).action_hide()

    # ------------------------------------------------------------------
    # Review of sensitive categories
    # ------------------------------------------------------------------
    def test_sensitive_listing_waits_for_review(self):
        listing = self._listing(self.portal_a, category=self.cat_childcare, kind="need")
        self.assertEqual(listing.state, "review")
        review = self.env.ref("community_governance.mail_activity_share_review")
        self.assertEqual(listing.activity_ids.activity_type_id, review)
        self.assertEqual(listing.activity_ids.user_id, self.officer_a)
        self.assertNotIn(listing, self._visible_to(self.portal_neighbour))
        with self.refused(AccessError, "office reviews"):
            listing.with_user(self.portal_a).action_publish()
        with self.refused(AccessError, "Only the community office"):
            listing.with_user(self.portal_a).reject("no")
        with self.assertRaises(AccessError):
            listing.with_user(self.officer_b).action_publish()
        listing.with_user(self.officer_a).action_publish()
        self.assertEqual(listing.state, "published")
        self.assertFalse(listing.activity_ids, "the review is done")
        self.assertIn(listing, self._visible_to(self.portal_neighbour))

    def test_office_refuses_with_a_reason(self):
        listing = self._listing(self.portal_a, category=self.cat_childcare, kind="need")
        with self.refused(UserError, "Say why"):
            listing.with_user(self.officer_a).reject("  ")
        listing.with_user(self.officer_a).write({"review_note": "Call us instead."})
        listing.with_user(self.officer_a).action_refuse()
        self.assertEqual(listing.state, "withdrawn")
        self.assertEqual(listing.review_note, "Call us instead.")
        self.assertIn("was not published", listing.message_ids[0].subject)
        self.assertIn(self.resident_a, listing.message_ids[0].partner_ids)
        with self.refused(UserError, "waiting for review"):
            listing.with_user(self.officer_a).reject("again")

    # ------------------------------------------------------------------
    # The resident's buttons
    # ------------------------------------------------------------------
    def test_withdraw_and_renew(self):
        listing = self._listing(self.portal_a)
        proposal = self._answer(self.portal_neighbour, listing)
        with self.refused(AccessError, "Only the resident who posted it"):
            listing.with_user(self.portal_neighbour).action_withdraw()
        listing.with_user(self.portal_a).action_withdraw()
        self.assertEqual(listing.state, "withdrawn")
        self.assertEqual(proposal.state, "cancelled")
        with self.refused(UserError, "already closed"):
            listing.with_user(self.portal_a).action_withdraw()
        with self.refused(UserError, "Only a published or expired"):
            listing.with_user(self.portal_a).action_renew()

        other = self._listing(self.portal_a)
        other.write({"state": "expired", "date_expiry": fields.Date.today()})
        other.with_user(self.portal_a).action_renew()
        self.assertEqual(other.state, "published")
        self.assertEqual(
            other.date_expiry,
            fields.Date.context_today(other.with_user(self.portal_a))
            + timedelta(days=30),
        )
        self.assertFalse(other.expiry_reminded)

    def test_withdraw_refused_while_a_match_is_under_way(self):
        listing = self._listing(self.portal_a)
        match = self._accepted(listing, self.portal_neighbour)
        self.assertEqual(match.state, "accepted")
        with self.refused(UserError, "end that match first"):
            listing.with_user(self.portal_a).action_withdraw()

    # ------------------------------------------------------------------
    # Abuse reports
    # ------------------------------------------------------------------
    def test_report_and_hide(self):
        listing = self._listing(self.portal_a)
        proposal = self._answer(self.portal_a3, listing)
        listing.with_user(self.portal_neighbour).report_abuse("Selling, not lending")
        report = listing.abuse_ids
        self.assertEqual(report.partner_id, self.neighbour_a)
        self.assertEqual(report.state, "open")
        abuse_type = self.env.ref("community_governance.mail_activity_share_abuse")
        self.assertEqual(listing.activity_ids.activity_type_id, abuse_type)
        with self.refused(UserError, "already reported"):
            listing.with_user(self.portal_neighbour).report_abuse("again")
        with self.refused(UserError, "your own listing"):
            listing.with_user(self.portal_a).report_abuse("me")
        with self.refused(UserError, "Say what is wrong"):
            listing.with_user(self.portal_a2).report_abuse("")
        with self.refused(AccessError, ""):
            listing.with_user(self.portal_b).report_abuse("not my community")
        listing.with_user(self.portal_a2).report_abuse("Rude")
        self.assertEqual(len(listing.abuse_ids), 2)
        self.assertEqual(len(listing.activity_ids), 1, "one to-do for the office")
        # The reports are the office's.
        with self.assertRaises(AccessError):
            report.with_user(self.portal_neighbour).read(["reason"])
        Abuse = self.env["community.share.abuse"]
        self.assertEqual(Abuse.with_user(self.officer_a).search([]), listing.abuse_ids)
        self.assertFalse(Abuse.with_user(self.officer_b).search([]))
        with self.refused(AccessError, "Only the community office hides"):
            listing.with_user(self.portal_a2).action_hide()
        report.with_user(self.officer_a).action_hide_listing()
        self.assertTrue(listing.is_hidden)
        self.assertEqual(set(listing.abuse_ids.mapped("state")), {"upheld"})
        self.assertEqual(proposal.state, "cancelled")
        self.assertFalse(listing.activity_ids)
        self.assertNotIn(listing, self._visible_to(self.portal_neighbour))
        self.assertIn(listing, self._visible_to(self.portal_a))
        listing.with_user(self.officer_a).action_unhide()
        self.assertIn(listing, self._visible_to(self.portal_neighbour))

    def test_dismiss_reports(self):
        listing = self._listing(self.portal_a)
        listing.with_user(self.portal_neighbour).report_abuse("Spam?")
        listing.abuse_ids.with_user(self.officer_a).action_dismiss()
        self.assertEqual(listing.abuse_ids.state, "dismissed")
        self.assertFalse(listing.is_hidden)
        self.assertFalse(listing.activity_ids)

    # ------------------------------------------------------------------
    # Scheduled jobs, in batches
    # ------------------------------------------------------------------
    def test_cron_expires_in_batches(self):
        listings = self.Listing.browse()
        for i in range(5):
            listings |= self._listing(self.portal_a, name=f"Old {i}")
        proposal = self._answer(self.portal_neighbour, listings[0])
        listings.write({"date_expiry": fields.Date.today() - timedelta(days=1)})
        kept = self._listing(self.portal_a, name="Fresh")
        Listing = self.Listing
        self.assertEqual(Listing._cron_expire(batch_size=2), 2)
        self.assertEqual(Listing._cron_expire(batch_size=2), 2)
        self.assertEqual(Listing._cron_expire(batch_size=2), 1)
        self.assertEqual(Listing._cron_expire(batch_size=2), 0)
        self.assertEqual(set(listings.mapped("state")), {"expired"})
        self.assertEqual(kept.state, "published")
        self.assertEqual(proposal.state, "cancelled")

    def test_cron_reminds_once_before_expiry(self):
        soon = self._listing(self.portal_a, name="Soon")
        later = self._listing(self.portal_a, name="Later")
        soon.write({"date_expiry": fields.Date.today() + timedelta(days=2)})
        self.assertEqual(self.Listing._cron_remind_expiry(), 1)
        self.assertTrue(soon.expiry_reminded)
        self.assertFalse(later.expiry_reminded)
        message = soon.message_ids[0]
        self.assertIn("expires on", message.subject)
        self.assertIn(self.resident_a, message.partner_ids)
        self.assertIn(f"/my/share/listings/{soon.id}", message.body)
        self.assertEqual(self.Listing._cron_remind_expiry(), 0, "once")
        soon.with_user(self.portal_a).action_renew()
        self.assertFalse(soon.expiry_reminded, "the next validity is reminded again")

    def test_unanswered_needs_reach_the_office(self):
        old = self._listing(self.portal_a, name="Walk to the clinic", kind="need")
        answered = self._listing(self.portal_neighbour, name="Ladder", kind="need")
        self._accepted(answered, self.portal_a2)
        recent = self._listing(self.portal_a2, name="Drill", kind="need")
        offer = self._listing(self.portal_a3, name="Old offer")
        self._age(old | answered | offer, 8)
        self._age(recent, 2)
        self.assertEqual(self.Listing._cron_unanswered_needs(batch_size=1), 1)
        self.assertEqual(self.Listing._cron_unanswered_needs(batch_size=1), 0)
        self.assertTrue(old.is_unanswered)
        self.assertFalse((answered | recent | offer).filtered("is_unanswered"))
        unanswered = self.env.ref("community_governance.mail_activity_share_unanswered")
        activity = old.activity_ids
        self.assertEqual(activity.activity_type_id, unanswered)
        self.assertEqual(activity.user_id, self.officer_a)
        self.assertIn(
            old,
            self.Listing.with_user(self.officer_a).search(
                [("is_unanswered", "=", True), ("state", "=", "published")]
            ),
        )

    def test_office_raises_a_petition_in_one_click(self):
        need = self._listing(
            self.portal_a, name="Walk to the clinic", kind="need", description="Tue 9am"
        )
        self._age(need, 8)
        self.Listing._cron_unanswered_needs()
        with self.assertRaises(AccessError):
            need.with_user(self.portal_a).action_create_petition()
        with self.assertRaises(AccessError):
            need.with_user(self.officer_b).action_create_petition()
        action = need.with_user(self.officer_a).action_create_petition()
        petition = need.petition_id
        self.assertEqual(action["res_id"], petition.id)
        self.assertEqual(petition.partner_id, self.resident_a)
        self.assertEqual(petition.title, "Walk to the clinic")
        self.assertIn("Tue 9am", petition.description)
        self.assertEqual(petition.level, "office")
        self.assertEqual(petition.user_id, self.officer_a)
        self.assertEqual(
            petition.category_id,
            self.env.ref("community_governance.petition_category_unmet_need"),
        )
        self.assertEqual(petition.share_listing_ids, need, "linked both ways")
        self.assertFalse(need.activity_ids, "the unanswered need is taken care of")
        # The resident follows her petition on the portal.
        self.assertIn(
            petition, self.env["community.petition"].with_user(self.portal_a).search([])
        )
        # One click, one petition.
        need.with_user(self.officer_a).action_create_petition()
        self.assertEqual(
            self.env["community.petition"].search_count(
                [("share_listing_ids", "=", need.id)]
            ),
            1,
        )
        offer = self._listing(self.portal_a)
        with self.refused(UserError, "Only a need"):
            offer.with_user(self.officer_a).action_create_petition()

    def test_office_answers_through_a_volunteer(self):
        need = self._listing(
            self.portal_a,
            name="Smartphone help",
            kind="need",
            what="skill",
            category=self.cat_digital,
        )
        self.resident_alley.write(
            {"is_volunteer": True, "skill_ids": [(6, 0, self.skill_phone.ids)]}
        )
        wizard = (
            self.env["community.share.volunteer.wizard"]
            .with_user(self.officer_a)
            .create({"listing_id": need.id, "partner_id": self.resident_b.id})
        )
        self.assertEqual(wizard.fitting_partner_ids, self.resident_alley)
        with self.refused(UserError, "not a registered volunteer"):
            wizard.action_propose()
        wizard.partner_id = self.resident_alley
        action = wizard.action_propose()
        match = self.Match.browse(action["res_id"])
        self.assertEqual(match.provider_id, self.resident_alley)
        self.assertEqual(match.receiver_id, self.resident_a)
        self.assertTrue(match.provider_accepted, "the office asked the volunteer")
        self.assertFalse(match.receiver_accepted)
        match.with_user(self.portal_a).action_accept()
        self.assertEqual(match.state, "accepted")
        with self.refused(UserError, "Neighbours are asked to answer a need"):
            self._listing(self.portal_a).with_user(self.officer_a).propose_to_resident(
                self.resident_alley
            )

    def test_constraints(self):
        listing = self._listing(self.portal_a)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            listing.capacity = 0
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Listing.create(
                {
                    "name": "x",
                    "kind": "offer",
                    "what": "lend",
                    "category_id": self.cat_tools.id,
                    "partner_id": self.liaison_partner.id,
                }
            )
