# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from ..models.community_share_mixin import create_once
from .share_common import ShareCase


class TestShareMatch(ShareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.line_service = cls.env.ref("community_governance.line_service")
        # Resident A needs a ladder; the neighbour (same entrance) answers.
        cls.need = cls._listing(cls.portal_a, name="A ladder, Saturday", kind="need")

    def _contact(self, match, user):
        values = match.with_user(user).read(
            [
                "counterpart_name",
                "counterpart_phone",
                "counterpart_email",
                "contact_visible",
            ]
        )[0]
        return (
            values["counterpart_name"],
            values["counterpart_phone"],
            values["counterpart_email"],
            values["contact_visible"],
        )

    # ------------------------------------------------------------------
    # Proposing and accepting
    # ------------------------------------------------------------------
    def test_contact_only_once_both_accepted(self):
        match = self._answer(self.portal_neighbour, self.need)
        self.assertEqual(match.state, "proposed")
        self.assertEqual(match.provider_id, self.neighbour_a)
        self.assertEqual(match.receiver_id, self.resident_a)
        self.assertTrue(match.provider_accepted)
        self.assertFalse(match.receiver_accepted)
        self.assertEqual(match.proposer_id, self.portal_neighbour)
        self.assertEqual(
            set(match.message_partner_ids.ids),
            {self.neighbour_a.id, self.resident_a.id},
            "both neighbours follow the match",
        )
        proposed = match.message_ids.filtered(
            lambda m: "A neighbour answered" in (m.subject or "")
        )
        self.assertTrue(proposed, "the resident is asked to answer")
        # Before both accepted, each sees the other's name only.
        self.assertEqual(
            self._contact(match, self.portal_a), ("Neighbour A", False, False, False)
        )
        self.assertEqual(
            self._contact(match, self.portal_neighbour),
            ("Resident A", False, False, False),
        )
        # The neighbour cannot accept for the resident.
        match.with_user(self.portal_neighbour).action_accept()
        self.assertEqual(match.state, "proposed")
        self.assertFalse(match.receiver_accepted)
        match.with_user(self.portal_a).action_accept()
        self.assertEqual(match.state, "accepted")
        self.assertTrue(match.date_accepted)
        self.assertEqual(
            self._contact(match, self.portal_a),
            ("Neighbour A", "13900000002", "neighbour.a@example.com", True),
        )
        self.assertEqual(
            self._contact(match, self.portal_neighbour),
            ("Resident A", "13900000001", "resident.a@example.com", True),
        )
        # The listing serves one neighbour: matched.
        self.assertEqual(self.need.state, "matched")
        self.assertEqual(self.need.taken_count, 1)
        self.assertTrue(self.need.date_matched)
        with self.refused(UserError, "no longer waiting"):
            match.with_user(self.portal_a).action_accept()

    def test_raw_partner_records_stay_unreadable(self):
        match = self._answer(self.portal_neighbour, self.need)
        as_resident = match.with_user(self.portal_a)
        # The many2ones give the name (display_name), never the record.
        self.assertEqual(
            as_resident.read(["provider_id"])[0]["provider_id"][1], "Neighbour A"
        )
        with self.assertRaises(AccessError):
            as_resident.provider_id.read(["phone"])
        with self.assertRaises(AccessError):
            as_resident.web_read(
                {"provider_id": {"fields": {"phone": {}, "email": {}}}}
            )
        with self.assertRaises(AccessError):
            self.need.with_user(self.portal_neighbour).web_read(
                {"partner_id": {"fields": {"phone": {}}}}
            )
        # Still so once both accepted: the contact comes through the match only.
        match.with_user(self.portal_a).action_accept()
        with self.assertRaises(AccessError):
            match.with_user(self.portal_a).provider_id.read(["phone"])

    def test_messages_do_not_give_the_address_away(self):
        match = self._answer(self.portal_neighbour, self.need)
        message = (
            match.with_user(self.portal_neighbour)
            .sudo()
            .message_post(body="Is Saturday 9am fine?", message_type="comment")
        )
        self.assertEqual(message.author_id, self.neighbour_a)
        self.assertNotIn("neighbour.a@example.com", message.email_from)
        self.assertIn("Neighbour A", message.email_from)
        seen = (
            self.env["mail.message"]
            .with_user(self.portal_a)
            .search_read(
                [("model", "=", match._name), ("res_id", "=", match.id)], ["email_from"]
            )
        )
        self.assertTrue(seen)
        for values in seen:
            self.assertNotIn("neighbour.a@example.com", values["email_from"] or "")
        # The listing's log too (created by the resident).
        logs = (
            self.env["mail.message"]
            .with_user(self.portal_neighbour)
            .search_read(
                [("model", "=", self.need._name), ("res_id", "=", self.need.id)],
                ["email_from"],
            )
        )
        for values in logs:
            self.assertNotIn("resident.a@example.com", values["email_from"] or "")

    def test_someone_else_s_match(self):
        match = self._answer(self.portal_neighbour, self.need)
        for user in (self.portal_a2, self.portal_b, self.officer_b):
            with self.subTest(user=user.login):
                stranger = match.with_user(user)
                with self.assertRaises(AccessError):
                    stranger.read(["counterpart_phone"])
                for method in ("action_accept", "action_cancel", "action_confirm_done"):
                    with self.assertRaises(AccessError):
                        getattr(stranger, method)()
                with self.assertRaises(AccessError):
                    stranger.rate(5)
                self.assertFalse(
                    self.Match.with_user(user).search([("id", "=", match.id)])
                )
        self.assertEqual(
            match.with_user(self.officer_a).read(["state"])[0]["state"], "proposed"
        )
        with self.assertRaises(AccessError):
            self.Match.with_user(self.portal_a).create(
                {
                    "need_id": self.need.id,
                    "provider_id": self.resident_a2.id,
                    "receiver_id": self.resident_a.id,
                }
            )
        with self.assertRaises(AccessError):
            match.with_user(self.portal_a).write({"state": "done"})
        with self.refused(UserError, "buttons of its two sides"):
            match.with_user(self.officer_a).write({"state": "done"})

    def test_answer_rules(self):
        with self.refused(UserError, "your own listing"):
            self.need.with_user(self.portal_a).action_answer()
        with self.assertRaises(AccessError):
            self.need.with_user(self.portal_b).action_answer()
        with self.assertRaises(AccessError):
            self.need.with_user(self.officer_a).action_answer()
        self._answer(self.portal_neighbour, self.need)
        with self.refused(UserError, "already proposed"):
            self.need.with_user(self.portal_neighbour).action_answer()
        # At the same instant: the unique index refuses the second one.
        with mute_logger("odoo.sql_db"), self.refused(UserError, "already proposed"):
            create_once(
                self.Match,
                {
                    "need_id": self.need.id,
                    "provider_id": self.neighbour_a.id,
                    "receiver_id": self.resident_a.id,
                },
                "community_share_match_open_uniq",
                "You already proposed this",
            )
        self.need.write({"state": "expired"})
        with self.assertRaises(AccessError):
            self.need.with_user(self.portal_a2).action_answer()

    def test_a_listing_for_one_is_matched_once(self):
        offer = self._listing(self.portal_a, name="Drill")
        first = self._answer(self.portal_neighbour, offer)
        second = self._answer(self.portal_a2, offer)
        first.with_user(self.portal_a).action_accept()
        self.assertEqual(offer.state, "matched")
        with self.refused(UserError, "no longer available"):
            second.with_user(self.portal_a).action_accept()
        self.assertEqual(second.state, "proposed")
        self.assertFalse(second.provider_accepted)
        self.assertEqual(offer.taken_count, 1)
        # Called off: the drill is available again, the second one takes it.
        first.with_user(self.portal_neighbour).action_cancel()
        self.assertEqual(first.state, "cancelled")
        self.assertEqual((offer.state, offer.taken_count), ("published", 0))
        second.with_user(self.portal_a).action_accept()
        self.assertEqual(second.state, "accepted")
        self.assertEqual(offer.state, "matched")

    def test_a_listing_for_several(self):
        lesson = self._listing(
            self.portal_a, name="Homework help", what="skill", capacity=2
        )
        matches = [
            self._answer(user, lesson)
            for user in (self.portal_neighbour, self.portal_a2, self.portal_a3)
        ]
        matches[0].with_user(self.portal_a).action_accept()
        self.assertEqual((lesson.state, lesson.taken_count), ("published", 1))
        matches[1].with_user(self.portal_a).action_accept()
        self.assertEqual((lesson.state, lesson.taken_count), ("matched", 2))
        with self.refused(UserError, "no longer available"):
            matches[2].with_user(self.portal_a).action_accept()
        for match in matches[:2]:
            match.with_user(self.portal_a).action_confirm_done()
            match.with_user(match.receiver_id.user_ids).action_confirm_done()
        self.assertEqual((lesson.state, lesson.done_count), ("fulfilled", 2))

    def test_offer_and_need_paired(self):
        offer = self._listing(self.portal_neighbour, name="Ladder to lend")
        match = (
            self.need.with_user(self.portal_a)
            .propose_to_listing(offer.id)
            .with_env(self.env)
        )
        self.assertEqual((match.need_id, match.offer_id), (self.need, offer))
        self.assertEqual(
            (match.provider_id, match.receiver_id), (self.neighbour_a, self.resident_a)
        )
        self.assertTrue(match.receiver_accepted)
        match.with_user(self.portal_neighbour).action_accept()
        self.assertEqual((self.need.state, offer.state), ("matched", "matched"))
        with self.refused(UserError, "An offer is paired with a need"):
            self.need.with_user(self.portal_a).propose_to_listing(
                self._listing(self.portal_a2, name="Other need", kind="need")
            )
        with self.refused(AccessError, "Only the resident who posted it"):
            offer.with_user(self.portal_a2).propose_to_listing(self.need)
        hidden = self._listing(self.portal_a3, name="Grid only", visibility="entrance")
        with self.assertRaises(AccessError):
            self._listing(self.portal_a, name="Mine", kind="need").with_user(
                self.portal_a
            ).propose_to_listing(hidden)

    def test_cancel_and_fail(self):
        match = self._accepted(self.need, self.portal_neighbour)
        with self.refused(UserError, "Say what went wrong"):
            match.with_user(self.portal_a).fail("")
        match.with_user(self.portal_a).fail("Nobody came")
        self.assertEqual((match.state, match.fail_reason), ("failed", "Nobody came"))
        self.assertEqual((self.need.state, self.need.taken_count), ("published", 0))
        with self.refused(UserError, "Only an accepted match can fail"):
            match.with_user(self.portal_a).fail("again")
        with self.refused(UserError, "already closed"):
            match.with_user(self.portal_a).action_cancel()
        # A proposal is declined by the other side, or called off by the office.
        second = self._answer(self.portal_a2, self.need)
        second.with_user(self.portal_a).action_cancel()
        self.assertEqual(second.state, "cancelled")
        third = self._answer(self.portal_a3, self.need)
        third.with_user(self.officer_a).action_cancel()
        self.assertEqual(third.state, "cancelled")

    # ------------------------------------------------------------------
    # Done, ratings and volunteer hours
    # ------------------------------------------------------------------
    def _service(self, provider_user=None, hours=2.0):
        """Resident A needs smartphone help; the provider answers; both accepted."""
        need = self._listing(
            self.portal_a,
            name="Video calls with my grandson",
            kind="need",
            what="skill",
            category=self.cat_digital,
            service_hours=hours,
        )
        return self._accepted(need, provider_user or self.portal_neighbour)

    def test_done_once_both_confirmed(self):
        match = self._accepted(self.need, self.portal_neighbour)
        with self.refused(UserError, "once it is done"):
            match.with_user(self.portal_a).rate(5)
        match.with_user(self.portal_neighbour).action_confirm_done()
        self.assertEqual(match.state, "accepted")
        self.assertTrue(match.provider_done)
        match.with_user(self.portal_neighbour).action_confirm_done()
        self.assertEqual(match.state, "accepted", "one side twice is still one side")
        match.with_user(self.portal_a).action_confirm_done()
        self.assertEqual(match.state, "done")
        self.assertTrue(match.date_done)
        self.assertEqual(self.need.state, "fulfilled")
        self.assertEqual(
            match.with_user(self.portal_a).read(["counterpart_phone"])[0][
                "counterpart_phone"
            ],
            "13900000002",
        )
        with self.refused(UserError, "Only an accepted match"):
            match.with_user(self.portal_a).action_confirm_done()
        self.assertFalse(match.volunteer_hour_id, "a lent item is no volunteering")

    def test_one_rating_each(self):
        match = self._accepted(self.need, self.portal_neighbour)
        match.with_user(self.portal_a).action_confirm_done()
        match.with_user(self.portal_neighbour).action_confirm_done()
        for bad in (0, 6, "5.0", "٥", True, None):
            with self.subTest(bad=bad), self.refused(UserError, "from 1 to 5"):
                match.with_user(self.portal_a).rate(bad)
        with self.refused(UserError, "too long"):
            match.with_user(self.portal_a).rate(5, "x" * 1001)
        match.with_user(self.portal_a).rate("5", "Very kind, thank you")
        self.assertEqual(match.rating_by_receiver, "5")
        self.assertEqual(match.comment_by_receiver, "Very kind, thank you")
        with self.refused(UserError, "already rated"):
            match.with_user(self.portal_a).rate(1)
        self.assertEqual(match.rating_by_receiver, "5")
        match.with_user(self.portal_neighbour).rate(4)
        self.assertEqual(match.rating_by_provider, "4")
        with self.refused(AccessError, "Only the two neighbours"):
            match.with_user(self.officer_a).rate(3)

    def test_service_becomes_volunteer_hours_where_the_community_says_so(self):
        self.neighbour_a.write({"is_volunteer": True, "volunteer_since": "2020-01-01"})
        self.community_a.share_volunteer_hours = True
        match = self._service(hours=1.5)
        self.assertEqual(match.hours, 1.5)
        match.with_user(self.portal_neighbour).action_confirm_done()
        self.assertFalse(match.volunteer_hour_id, "not before both confirmed")
        match.with_user(self.portal_a).action_confirm_done()
        hour = match.volunteer_hour_id
        self.assertEqual(hour.volunteer_id, self.neighbour_a)
        self.assertEqual(hour.state, "submitted")
        self.assertEqual(hour.line_id, self.line_service)
        self.assertEqual(hour.hours, 1.5)
        self.assertIn("Video calls with my grandson", hour.description)
        # On the provider's volunteer record, approved like any other.
        self.assertIn(hour, self.neighbour_a.volunteer_hour_ids)
        hour.with_user(self.officer_a).action_approve()
        self.neighbour_a.invalidate_recordset()
        self.assertEqual(self.neighbour_a.volunteer_hours_total, 1.5)

    def test_service_hours_dated_on_the_office_s_day(self):
        """At 20:00 UTC it is already tomorrow in the office (Asia/Shanghai),
        where the volunteer was registered today: a resident without a time
        zone confirming last still gets the hours, dated the office's day."""
        self.community_a.write(
            {"share_volunteer_hours": True, "user_id": self.officer_a.id}
        )
        self.officer_a.tz = "Asia/Shanghai"
        (self.portal_a | self.portal_neighbour).write({"tz": False})
        self.neighbour_a.write({"is_volunteer": False, "volunteer_since": False})
        with freeze_time("2026-03-01 20:00:00"):
            self.neighbour_a.with_user(self.officer_a).action_register_volunteer()
            self.assertEqual(str(self.neighbour_a.volunteer_since), "2026-03-02")
            match = self._service(hours=1.0)
            match.with_user(self.portal_neighbour).action_confirm_done()
            match.with_user(self.portal_a).action_confirm_done()
        self.assertEqual(match.state, "done")
        self.assertTrue(match.volunteer_hour_id, "the hours were logged")
        self.assertEqual(str(match.volunteer_hour_id.date), "2026-03-02")

    def test_no_hours_without_the_setting_or_the_registration(self):
        self.community_a.share_volunteer_hours = False
        self.neighbour_a.write({"is_volunteer": True, "volunteer_since": "2020-01-01"})
        match = self._service()
        match.with_user(self.portal_neighbour).action_confirm_done()
        match.with_user(self.portal_a).action_confirm_done()
        self.assertFalse(match.volunteer_hour_id)
        self.community_a.share_volunteer_hours = True
        other = self._service(provider_user=self.portal_a2)
        other.with_user(self.portal_a2).action_confirm_done()
        other.with_user(self.portal_a).action_confirm_done()
        self.assertEqual(other.state, "done")
        self.assertFalse(other.volunteer_hour_id)
        self.assertTrue(
            any("not a registered volunteer" in m.body for m in other.message_ids)
        )

    def test_office_acts_for_a_resident_without_portal_account(self):
        partner = self.env["res.partner"].create(
            {"name": "Old Mr Liu", "is_resident": True, "area_id": self.entrance_a.id}
        )
        need = self.Listing.create(
            {
                "name": "Someone to walk me to the clinic",
                "kind": "need",
                "what": "skill",
                "category_id": self.cat_tools.id,
                "partner_id": partner.id,
            }
        )
        need.with_user(self.officer_a).action_publish()
        self.assertEqual(need.state, "published")
        match = self._answer(self.portal_neighbour, need)
        match.with_user(self.officer_a).action_accept()
        self.assertEqual(match.state, "accepted")
        match.with_user(self.officer_a).action_confirm_done()
        self.assertTrue(match.receiver_done)
        self.assertFalse(match.provider_done, "the neighbour confirms for themself")
        # For a resident with a portal account, the office does not act.
        other = self._answer(self.portal_a2, self.need)
        with self.refused(AccessError, "Only the two neighbours"):
            other.with_user(self.officer_a).action_accept()
