# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time
from collections import Counter

from odoo.tests import TransactionCase, tagged

from ..populate import populate
from ..populate.tools import ordered_models


@tagged("post_install", "-at_install")
class TestPopulate(TransactionCase):
    """The ``small`` populate of the addon's models makes a valid district
    quickly: what ``make populate SIZE=large`` makes at scale for benchmarks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        started = time.time()
        cls.populated = populate(cls.env, "small")
        cls.duration = time.time() - started

    def records(self, model_name):
        return self.populated[model_name].with_env(self.env)

    def test_fast_and_sized(self):
        self.assertLess(self.duration, 10, "small must stay fit for a test")
        for name, records in self.populated.records.items():
            size = self.env[name]._populate_sizes["small"]
            self.assertTrue(records, f"{name}: nothing populated")
            self.assertLessEqual(len(records), 3 * size, name)
        areas = Counter(self.records("community.area").mapped("area_type"))
        self.assertEqual(areas["entrance"], 24)
        self.assertEqual(areas["community"], 2)
        self.assertEqual(len(self.records("res.partner")), 250)
        self.assertEqual(len(self.records("community.petition")), 100)

    def test_dependencies_first(self):
        order = ordered_models(self.env, ["community.petition.dispatch"])
        self.assertEqual(order[-1], "community.petition.dispatch")
        for before, after in (
            ("community.area", "res.partner"),
            ("community.steward", "community.petition"),
            ("community.petition", "community.petition.dispatch"),
        ):
            self.assertLess(order.index(before), order.index(after))

    def test_residents_live_in_the_district(self):
        communities = self.records("community.area").filtered(
            lambda a: a.area_type == "community"
        )
        residents = self.records("res.partner")
        self.assertTrue(all(residents.mapped("is_resident")))
        self.assertEqual(residents.community_id, communities)
        in_households = residents.filtered("household_id")
        self.assertGreater(len(in_households), 0.9 * len(residents))
        for partner in in_households:
            self.assertEqual(partner.area_id, partner.household_id.area_id)
        for household in self.records("community.household"):
            self.assertIn(household.head_id, household.member_ids)
        self.assertEqual(
            len(residents.filtered("is_volunteer")), 15, "registered volunteers"
        )
        self.assertFalse(
            self.env["res.partner"].search_count(
                [
                    ("id", "in", residents.ids),
                    ("message_ids", "!=", False),
                    ("is_volunteer", "=", False),
                ]
            ),
            "no chatter on the residents",
        )

    def test_volunteer_hours_fit_the_day(self):
        hours = self.records("community.volunteer.hour")
        days = self.env["community.volunteer.hour"]._read_group(
            [("id", "in", hours.ids), ("state", "!=", "rejected")],
            ["volunteer_id", "date:day"],
            ["hours:sum"],
        )
        self.assertTrue(days)
        self.assertLessEqual(max(total for _v, _d, total in days), 24)
        for entry in hours:
            self.assertGreaterEqual(entry.date, entry.volunteer_id.volunteer_since)
        states = Counter(hours.mapped("state"))
        self.assertGreater(states["approved"], 0.8 * len(hours))
        approved = hours.filtered(lambda h: h.state == "approved")
        self.assertEqual(
            approved.approver_id, approved.community_id.user_id, "their office"
        )
        self.assertTrue(self.records("community.volunteer.certificate"))

    def test_petitions_follow_the_ladder(self):
        petitions = self.records("community.petition")
        self.assertTrue(all(petitions.mapped("user_id")), "every petition handled")
        self.assertEqual(len(set(petitions.mapped("name"))), len(petitions))
        self.assertNotIn("/", petitions.mapped("name"))
        opened = petitions.filtered(
            lambda p: p.state in ("new", "in_progress", "dispatched")
        )
        self.assertTrue(0.1 < len(opened) / len(petitions) < 0.3, len(opened))
        for petition in petitions:
            self.assertIn(petition.level, petition._levels())
            self.assertLessEqual(
                petition.partner_id | petition.user_id.partner_id,
                petition.message_partner_ids,
                "the raiser and the handler follow it",
            )
            self.assertEqual(petition.user_id, petition._handler_for(petition.level))
            self.assertEqual(petition.log_ids[:1].event, "raised")
            self.assertEqual(petition.log_ids[:1].date, petition.date_raised)
            if petition.state in ("resolved", "closed"):
                self.assertEqual(petition.settled_level, petition.level)
                self.assertGreater(petition.date_resolved, petition.date_raised)
            if petition.state == "duplicate":
                self.assertTrue(petition.duplicate_of_id)
            if petition.state == "dispatched":
                self.assertEqual(petition.level, "department")
        settled = Counter(petitions.filtered("settled_level").mapped("settled_level"))
        low = settled["entrance"] + settled["grid"]
        self.assertGreater(low, sum(settled.values()) / 2, "most settled low")

    def test_dispatches_and_cosignatures(self):
        dispatches = self.records("community.petition.dispatch")
        self.assertEqual(set(dispatches.petition_id.mapped("level")), {"department"})
        for dispatch in dispatches:
            petition = dispatch.petition_id
            self.assertGreaterEqual(dispatch.date_summoned, petition.date_raised)
            if dispatch.date_reported and petition.date_resolved:
                self.assertLessEqual(dispatch.date_reported, petition.date_resolved)
            if dispatch.state == "declined":
                self.assertTrue(dispatch.decline_reason)
        signatures = self.records("community.petition.signature")
        self.assertTrue(all(signatures.petition_id.mapped("is_public")))
        for signature in signatures:
            self.assertEqual(
                signature.partner_id.community_id, signature.petition_id.community_id
            )
            self.assertNotEqual(signature.partner_id, signature.petition_id.partner_id)

    def test_stewards_clubs_and_rota(self):
        stewards = self.records("community.steward")
        serving = stewards.filtered(lambda s: s.state == "active")
        entrances = self.records("community.area").filtered(
            lambda a: a.area_type == "entrance"
        )
        covered = serving.area_id & entrances
        self.assertGreater(len(covered), len(entrances) / 2, "most entrances")
        self.assertEqual(
            len(serving.filtered(lambda s: s.area_id in entrances)), len(covered)
        )
        for steward in serving:
            self.assertEqual(steward.partner_id.community_id, steward.community_id)
            self.assertIn(
                self.env.ref("community_governance.group_portal_steward"),
                steward.user_id.groups_id,
            )
        for club in self.records("community.club"):
            members = club.membership_ids
            self.assertEqual(members.partner_id.community_id, club.community_id)
            self.assertIn("leader", members.mapped("role"))
        taken = self.records("community.steward.slot").filtered("partner_id")
        self.assertTrue(taken)
        starts = Counter((s.partner_id, s.date_start) for s in taken)
        self.assertEqual(max(starts.values()), 1, "nobody twice at the same time")

    def test_shared_community(self):
        listings = self.records("community.share.listing")
        matches = self.records("community.share.match")
        self.assertEqual(set(listings.mapped("kind")), {"offer", "need"})
        self.assertEqual(listings.partner_id.community_id, listings.community_id)
        for listing in listings:
            self.assertEqual(
                listing.visibility_area_id,
                listing.area_id._find_ancestor(listing.visibility),
            )
        for match in matches:
            sides = match.provider_id | match.receiver_id
            self.assertEqual(sides.community_id, match.community_id)
            self.assertLessEqual(
                match.date_accepted or match.create_date,
                match.date_done or match.create_date,
            )
        taken = Counter()
        for match in matches.filtered(lambda m: m.state in ("accepted", "done")):
            for listing in match.need_id | match.offer_id:
                taken[listing] += 1
        for listing in listings:
            self.assertEqual(listing.taken_count, taken[listing], listing.name)
            self.assertLessEqual(listing.taken_count, listing.capacity)
        self.assertTrue(
            matches.filtered(lambda m: m.state == "done").mapped("rating_by_receiver")
        )

    def test_second_run(self):
        """A second run adds another district next to the first one."""
        again = populate(self.env, "small", ["community.area"])
        first = self.records("community.area")
        self.assertFalse(
            set(first.mapped("code")) & set(again["community.area"].mapped("code"))
        )

    def test_door_to_door_surveys(self):
        campaigns = self.records("community.survey.campaign")
        self.assertEqual(set(campaigns.mapped("state")), {"open"})
        for campaign in campaigns:
            households = self.env["community.household"].search(
                [("community_id", "=", campaign.community_id.id)]
            )
            self.assertEqual(campaign.visit_ids.household_id, households)
        visits = campaigns.visit_ids
        states = Counter(visits.mapped("state"))
        self.assertGreater(states["interviewed"], len(visits) / 2, "most interviewed")
        for visit in visits:
            tries = visit.attempt_ids
            self.assertEqual(visit.attempt_count, len(tries))
            if visit.state == "interviewed":
                self.assertEqual(visit.user_input_id.community_visit_id, visit)
                self.assertEqual(tries.user_input_id, visit.user_input_id)
                self.assertTrue(visit.user_input_id.user_input_line_ids)
            if visit.state == "unreachable":
                self.assertEqual(len(tries), visit.campaign_id.max_attempts)
        needs = self.records("community.survey.need")
        for need in needs.filtered("petition_id"):
            self.assertEqual(need.petition_id.community_id, need.community_id)
            self.assertEqual(need.state, "petition")
        self.assertEqual(set(needs.visit_id.mapped("state")), {"interviewed"})
