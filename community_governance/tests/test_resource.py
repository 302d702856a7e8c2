# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
from datetime import date, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time
from odoo.tools import mute_logger

from ..models.community_resource_type import office_today
from .resource_common import ResourceCase


def independent_ranks(seed, applications):
    """The ranks as the public page states them, computed without the
    addon's code: priority group (renewal, elderly, everyone else), then the
    hexadecimal SHA-256 of "seed:reference", then the reference."""
    order = {"renewal": 0, "elderly": 1, "general": 2}
    keyed = sorted(
        applications,
        key=lambda a: (
            order[a["group"]],
            hashlib.sha256(f"{seed}:{a['reference']}".encode()).hexdigest(),
            a["reference"],
        ),
    )
    return {a["reference"]: rank for rank, a in enumerate(keyed, start=1)}


class TestResourceApply(ResourceCase):
    """Who may apply, with which rules, once per household."""

    def test_resident_applies_with_the_rules_accepted(self):
        resource_round = self._round()
        application = self._apply(self.portal_a, resource_round, note="Tomatoes")
        self.assertEqual(application.env.user, self.portal_a, "returned as the user")
        self.assertEqual(application.state, "submitted")
        self.assertEqual(application.household_id, self.household_a)
        self.assertEqual(application.partner_id, self.resident_a)
        self.assertEqual(application.rules_version, 1)
        self.assertTrue(application.date_rules_accepted)
        self.assertRegex(application.reference, r"^RA\d{4}-\d{5}$")
        self.assertEqual(application.priority_group, "general")
        self.assertEqual(application.note, "Tomatoes")
        self.assertIn(
            application.reference,
            application.sudo().message_ids[:1].body,
            "the applicant gets the reference",
        )
        self.assertEqual(resource_round.application_count, 1)

    def test_resident_of_another_community_is_refused(self):
        resource_round = self._round()
        # community A's rounds are not visible to community B's residents
        with self.assertRaises(AccessError):
            self._apply(self.portal_b, resource_round)
        # office staff are not residents
        with self.refused(UserError, "Only residents of Community A"):
            self._apply(self.officer_a, resource_round)
        self.assertFalse(resource_round.application_ids)

    def test_second_application_of_a_household_is_refused(self):
        resource_round = self._round()
        first = self._apply(self.portal_a, resource_round)
        with self.refused(UserError, "Your household already applied"):
            self._apply(self.portal_neighbour, resource_round)
        with self.refused(UserError, "Your household already applied"):
            self._apply(self.portal_a, resource_round)
        self.assertEqual(resource_round.application_ids, first)
        # the index holds even when the checks are skipped
        values = {
            "round_id": resource_round.id,
            "partner_id": self.neighbour_a.id,
            "household_id": self.household_a.id,
        }
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Application.sudo().create(values)
        # after withdrawing, the household may apply again
        first.with_user(self.portal_a).action_withdraw()
        again = self._apply(self.portal_neighbour, resource_round)
        self.assertEqual(again.partner_id, self.neighbour_a)

    def test_one_day_for_everyone_the_office_day(self):
        # 23:30 UTC: in Beijing (the office) the round closed yesterday,
        # for a resident without a time zone it is still the closing day
        self.env.company.partner_id.tz = "Asia/Shanghai"
        with freeze_time("2026-06-30 23:30:00"):
            resource_round = self._round(
                date_open=date(2026, 6, 1), date_close=date(2026, 6, 30)
            )
            self.assertEqual(office_today(resource_round), date(2026, 7, 1))
            self.assertFalse(self.portal_a.tz)
            with self.refused(UserError, "does not take applications"):
                self._apply(self.portal_a, resource_round)
        with freeze_time("2026-06-30 15:30:00"):
            application = self._apply(self.portal_a, resource_round)
            self.assertEqual(application.state, "submitted")

    def test_closed_and_draft_rounds_are_refused(self):
        closed = self._round(state="closed")
        with self.refused(UserError, "does not take applications"):
            self._apply(self.portal_a, closed)
        late = self._round(date_close=self.today - timedelta(days=1))
        with self.refused(UserError, "does not take applications"):
            self._apply(self.portal_a, late)
        draft = self._round(state="draft")
        with self.assertRaises(AccessError):
            self._apply(self.portal_a, draft)
        self.assertFalse((closed | late | draft).application_ids)

    def test_rules_must_be_accepted_in_their_current_version(self):
        resource_round = self._round()
        with self.refused(UserError, "Read and accept the rules"):
            resource_round.with_user(self.portal_a).apply(False, 1)
        self.plot_type.rules = RULES_V2
        self.assertEqual(self.plot_type.rules_version, 2)
        with self.refused(UserError, "The rules changed while you were reading"):
            resource_round.with_user(self.portal_a).apply(True, 1)
        application = resource_round.with_user(self.portal_a).apply(True, 2)
        self.assertEqual(application.rules_version, 2)
        self.plot_type.name = "Plots"
        self.assertEqual(self.plot_type.rules_version, 2, "only the rules count")

    def test_eligibility_reads_the_register(self):
        resource_round = self._round()
        self.resident_a.birthdate_date = self._years_ago(16)
        with self.refused(UserError, "at least 18 years old"):
            self._apply(self.portal_a, resource_round)
        self.resident_a.birthdate_date = False
        with self.refused(UserError, "birth date is not on the register"):
            self._apply(self.portal_a, resource_round)
        # a resident without a household
        partner, user = self._portal_resident("Lodger", area=self.entrance_a)
        partner.birthdate_date = self._years_ago(30)
        with self.refused(UserError, "not registered in a household"):
            self._apply(user, resource_round)
        # the elderly are a priority group
        self.neighbour_a.birthdate_date = self._years_ago(72)
        application = self._apply(self.portal_neighbour, resource_round)
        self.assertEqual(application.priority_group, "elderly")
        # the portal user cannot read ages: the model reads them, not the user
        with self.assertRaises(AccessError):
            self.neighbour_a.with_user(self.portal_neighbour).read(["birthdate_date"])

    def test_household_limit_and_holders_first(self):
        resource_round = self._round()
        self._apply(self.portal_a, resource_round)
        self._draw(resource_round)
        application = resource_round.application_ids
        application.with_user(self.portal_a).accept(self.plots[0].id)
        again = self._round(date_term_start=self.today + timedelta(days=30))
        with self.refused(UserError, "already holds 1 Vegetable plot item"):
            self._apply(self.portal_neighbour, again)
        # a round whose term starts after the current one ends: holders first
        later = self._round(date_term_start=self.today + timedelta(days=400))
        renewal = self._apply(self.portal_neighbour, later)
        self.assertEqual(renewal.priority_group, "renewal")

    def test_office_records_paper_applications_of_its_communities(self):
        resource_round = self._round()
        partners = self._applicants(2)
        applications = self._paper_applications(resource_round, partners)
        self.assertEqual(applications.mapped("state"), ["submitted"] * 2)
        self.assertEqual(applications.household_id, partners.household_id)
        with self.assertRaises(AccessError):
            self.Application.with_user(self.officer_b).create(
                {"round_id": resource_round.id, "partner_id": self.resident_a.id}
            )
        with self.assertRaises(AccessError):
            self.Application.with_user(self.portal_a).create(
                {"round_id": resource_round.id, "partner_id": self.resident_a.id}
            )
        with self.refused(UserError, "Only residents of Community A"):
            self._paper_applications(resource_round, self.resident_b)


RULES_V2 = "<p>One plot per household. Plant it within two weeks.</p>"


class TestResourceDraw(ResourceCase):
    """The lottery anybody can recompute, offers in rank order, the waiting
    list moving down by itself."""

    def test_lottery_ranks_are_recomputable(self):
        resource_round = self._round()
        elderly = self._applicants(
            3, prefix="Elder", birthdate_date=self._years_ago(75)
        )
        others = self._applicants(9)
        self._paper_applications(resource_round, elderly | others)
        self._draw(resource_round, seed="2017-06-18|485|917")
        applications = resource_round.application_ids
        expected = independent_ranks(
            "2017-06-18|485|917",
            [
                {"reference": a.reference, "group": a.priority_group}
                for a in applications
            ],
        )
        self.assertEqual({a.reference: a.rank for a in applications}, expected)
        self.assertEqual(
            sorted(
                applications.filtered(lambda a: a.priority_group == "elderly").mapped(
                    "rank"
                )
            ),
            [1, 2, 3],
            "the elderly first",
        )
        for application in applications:
            self.assertEqual(
                application.draw_key,
                hashlib.sha256(
                    f"2017-06-18|485|917:{application.reference}".encode()
                ).hexdigest(),
            )
        offered = self._offered(resource_round)
        self.assertEqual(sorted(offered.mapped("rank")), [1, 2, 3], "3 plots")
        self.assertEqual(set((applications - offered).mapped("state")), {"waiting"})
        self.assertEqual(resource_round.state, "drawn")
        self.assertEqual(resource_round.oversubscription, 4.0)
        for application in offered:
            self.assertEqual(
                application.date_offer_deadline.date(),
                (application.date_offer + timedelta(days=7)).date(),
            )
        # the waiting list: place and total
        waiting = (applications - offered).sorted("rank")
        self.assertEqual(waiting.mapped("waiting_position"), list(range(1, 10)))
        self.assertEqual(set(waiting.mapped("waiting_total")), {9})

    def test_the_seed_is_announced_then_published_then_fixed(self):
        resource_round = self._round(state="draft", seed_source=False)
        office = resource_round.with_user(self.officer_a)
        with self.refused(UserError, "Announce how the seed"):
            office.action_open()
        office.seed_source = "Sunday's lottery numbers"
        office.action_open()
        with self.refused(UserError, "cannot change"):
            office.seed_source = "Another source"
        self._paper_applications(resource_round, self._applicants(2))
        office.action_close()
        with self.refused(UserError, "Publish the seed"):
            office.action_draw()
        with self.refused(UserError, "Enter the seed"):
            office.action_publish_seed()
        office.seed = "123"
        office.action_publish_seed()
        with self.refused(UserError, "published and cannot change"):
            office.seed = "456"
        with self.assertRaises(AccessError):
            resource_round.with_user(self.portal_a).action_draw()
        with self.assertRaises(AccessError):
            resource_round.with_user(self.officer_b).action_draw()
        office.action_draw()
        with self.refused(UserError, "drawn: this is not possible"):
            office.action_draw()
        with self.refused(UserError, "part of the published result"):
            office.witnesses = "Somebody else"
        application = resource_round.application_ids[:1]
        with self.refused(UserError, "cannot change"):
            application.with_user(self.officer_a).reference = "RA-1"
        with self.refused(UserError, "Ranks are set by the draw"):
            application.with_user(self.officer_a).rank = 99

    def test_close_checks_the_register_again(self):
        resource_round = self._round()
        moved, stays = self._applicants(2)
        self._paper_applications(resource_round, moved | stays)
        moved.household_id = self.household_c
        resource_round.with_user(self.officer_a).action_close()
        by_partner = {a.partner_id: a for a in resource_round.application_ids}
        self.assertEqual(by_partner[stays].state, "eligible")
        self.assertEqual(by_partner[moved].state, "ineligible")
        self.assertIn("no longer lives", by_partner[moved].ineligible_reason)

    def test_decline_expiry_and_acceptance_move_down_the_list(self):
        resource_round = self._round()
        self._paper_applications(resource_round, self._applicants(6))
        self._draw(resource_round)
        ranked = resource_round.application_ids.sorted("rank")
        first, second, third, fourth, fifth, sixth = ranked
        self.assertEqual(ranked[:3], self._offered(resource_round))
        # a decline frees the offer for the next one, at the next run
        first.sudo().action_decline()
        self.assertEqual(first.state, "declined")
        self.assertEqual(fourth.state, "waiting")
        self._run_job()
        self.assertEqual(fourth.state, "offered")
        # an offer not answered in time expires
        second.sudo().date_offer_deadline = fields.Datetime.now() - timedelta(hours=1)
        with self.refused(UserError, "The offer expired"):
            second.sudo().accept()
        self._run_job()
        self.assertEqual(second.state, "expired")
        self.assertEqual(fifth.state, "offered")
        # acceptances: each household takes a plot
        allocation = third.sudo().accept(self.plots[1].id)
        self.assertEqual(allocation.resource_id, self.plots[1])
        self.assertEqual(allocation.household_id, third.household_id)
        self.assertEqual(allocation.state, "active")
        self.assertEqual(self.plots[1].state, "allocated")
        self.assertEqual(third.state, "accepted")
        self.assertEqual(third.allocation_id, allocation)
        self.assertEqual(allocation.date_start, self.today)
        self.assertEqual(
            allocation.date_end,
            self.today + relativedelta(years=1) - timedelta(days=1),
            "one year",
        )
        fourth.sudo().accept()  # the first free plot
        fifth.sudo().accept()
        self.assertEqual(self.plots.mapped("state"), ["allocated"] * 3)
        self.assertEqual(resource_round.state, "allocated")
        self._run_job()
        self.assertEqual(sixth.state, "waiting", "no plot is free")
        self.assertEqual(sixth.waiting_position, 1)

    def test_two_households_taking_the_same_item(self):
        resource_round = self._round()
        self._paper_applications(resource_round, self._applicants(2))
        self._draw(resource_round)
        first, second = self._offered(resource_round).sorted("rank")
        plot = self.plots[0]
        first.sudo().accept(plot.id)
        with self.refused(UserError, "P01 is no longer free"):
            second.sudo().accept(plot.id)
        self.assertEqual(second.state, "offered", "keeps its place")
        self.assertEqual(
            self.Allocation.search_count([("resource_id", "=", plot.id)]), 1
        )
        second.sudo().accept(self.plots[1].id)
        # the index holds even when the checks are skipped
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Allocation.sudo().create(
                {
                    "resource_id": plot.id,
                    "household_id": second.household_id.id,
                    "date_start": self.today,
                    "date_end": self.today,
                }
            )
        with self.refused(UserError, "Choose one of the items offered"):
            first.sudo().write({"state": "offered"})
            first.sudo().accept(self.plot_b.id)

    def test_only_the_household_answers_its_offer(self):
        resource_round = self._round()
        application = self._apply(self.portal_a, resource_round)
        self._draw(resource_round)
        self.assertEqual(application.state, "offered")
        for user in (self.portal_b, self.leader_user, self.officer_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                application.with_user(user).accept()
            with self.assertRaises(AccessError):
                application.with_user(user).action_decline()
        # the neighbour of the same household may answer
        allocation = application.with_user(self.portal_neighbour).accept()
        self.assertEqual(allocation.household_id, self.household_a)
        with self.refused(UserError, "has no open offer"):
            application.with_user(self.portal_a).accept()
        with self.assertRaises(AccessError):
            self.Allocation.with_user(self.officer_a).create(
                {
                    "resource_id": self.plots[2].id,
                    "household_id": self.household_a.id,
                    "date_start": self.today,
                    "date_end": self.today,
                }
            )

    def test_committee_ranks(self):
        committee_type = self.plot_type.copy({"allocation_method": "committee"})
        plot = self.env["community.resource"].create(
            {"code": "C1", "type_id": committee_type.id}
        )
        resource_round = self._round(committee_type, plot, state="closed")
        self.assertEqual(resource_round.state, "closed")
        resource_round = self._round(committee_type, plot)
        first, second = self._paper_applications(resource_round, self._applicants(2))
        office = resource_round.with_user(self.officer_a)
        office.action_close()
        with self.refused(UserError, "its own rank"):
            office.action_draw()
        first.with_user(self.officer_a).rank = 2
        second.with_user(self.officer_a).rank = 2
        with self.refused(UserError, "its own rank"):
            office.action_draw()
        first.with_user(self.officer_a).rank = 1
        office.action_draw()
        self.assertEqual(first.state, "offered")
        self.assertEqual(second.state, "waiting")


class TestResourceFirstCome(ResourceCase):
    def test_first_come_offers_at_once_then_waits(self):
        resource_round = self._round(self.tool_type)
        applicants = self._applicants(3)
        applications = self._paper_applications(resource_round, applicants)
        self.assertEqual(applications.mapped("rank"), [1, 2, 3])
        self.assertEqual(
            applications.mapped("state"), ["offered", "offered", "waiting"]
        )
        own = self._apply(self.portal_a, resource_round)
        self.assertEqual((own.rank, own.state), (4, "waiting"))
        loan = applications[0].sudo().accept()
        self.assertEqual(loan.date_end, self.today + timedelta(days=13), "14 days")
        loan.sudo().release("Done with it")
        self.assertEqual(loan.state, "released")
        self.assertEqual(loan.release_reason, "Done with it")
        self.assertEqual(loan.date_stop, self.today)
        self._run_job()
        self.assertEqual(applications[2].state, "offered")
        self.assertEqual(own.state, "waiting")
        self.assertEqual(own.waiting_position, 1)
        resource_round.with_user(self.officer_a).action_close()
        self.assertEqual(resource_round.state, "drawn", "the list goes on")

    def test_withdraw(self):
        resource_round = self._round(self.tool_type)
        application = self._apply(self.portal_a, resource_round)
        self.assertEqual(application.state, "offered")
        with self.assertRaises(AccessError):
            application.with_user(self.portal_b).action_withdraw()
        application.with_user(self.portal_neighbour).action_withdraw()
        self.assertEqual(application.state, "withdrawn")
        with self.refused(UserError, "nothing to withdraw"):
            application.with_user(self.portal_a).action_withdraw()


class TestResourceTerms(ResourceCase):
    """Terms end, are renewed, given back or revoked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        resource_round = cls._round()
        cls.application = cls._apply(cls.portal_a, resource_round)
        cls._draw(resource_round)
        cls.allocation = cls.application.sudo().accept(cls.plots[0].id)

    def test_release_by_the_household_only(self):
        allocation = self.allocation
        with self.assertRaises(AccessError):
            allocation.with_user(self.portal_b).release()
        with self.assertRaises(AccessError):
            allocation.with_user(self.leader_user).release()
        allocation.with_user(self.portal_neighbour).release()
        self.assertEqual(allocation.state, "released")
        self.assertEqual(self.plots[0].state, "available")
        with self.refused(UserError, "given back already"):
            allocation.with_user(self.portal_a).release()

    def test_revoke_by_the_office_or_the_committee(self):
        allocation = self.allocation
        for user in (self.portal_a, self.portal_b, self.officer_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                allocation.with_user(user).revoke("Left unplanted")
        with self.refused(UserError, "Give the reason"):
            allocation.with_user(self.leader_user).revoke("  ")
        allocation.with_user(self.leader_user).revoke("Left unplanted all spring")
        self.assertEqual(allocation.state, "revoked")
        self.assertEqual(allocation.revoke_reason, "Left unplanted all spring")
        self.assertEqual(self.plots[0].state, "available")
        self.assertIn("Left unplanted", allocation.message_ids[:1].body)
        with self.refused(UserError, "revoked already"):
            allocation.with_user(self.officer_a).revoke("Again")

    def test_stopped_before_the_term_began(self):
        # given back and revoked before the first day of the term: the term
        # ends on its first day, not before it
        tomorrow = self.today + timedelta(days=1)
        given_back = self.allocation
        given_back.sudo().date_start = tomorrow
        given_back.with_user(self.portal_a).release()
        self.assertEqual(given_back.date_stop, tomorrow)
        other_round = self._round()
        other = self._paper_applications(other_round, self._applicants(1))
        self._draw(other_round)
        revoked = other.sudo().accept(self.plots[1].id)
        revoked.sudo().date_start = tomorrow
        revoked.with_user(self.officer_a).revoke("Left unplanted")
        self.assertEqual(revoked.date_stop, tomorrow)

    def test_renewal_asked_before_the_end_then_renewed(self):
        allocation = self.allocation
        with self.refused(UserError, "can be renewed from"):
            allocation.with_user(self.portal_a).action_renew()
        allocation.sudo().date_end = self.today + timedelta(days=20)
        self.assertTrue(allocation.can_renew)
        self._run_job()
        self.assertEqual(allocation.date_renewal_asked, self.today)
        self.assertIn("Renew it", allocation.message_ids[:1].body)
        self._run_job()
        self.assertEqual(
            len(
                allocation.message_ids.filtered(lambda m: "Renew it" in (m.body or ""))
            ),
            1,
            "asked once",
        )
        with self.assertRaises(AccessError):
            allocation.with_user(self.portal_b).action_renew()
        renewal = allocation.with_user(self.portal_neighbour).action_renew()
        self.assertEqual(allocation.state, "renewed")
        self.assertEqual(renewal.state, "active")
        self.assertEqual(renewal.renewed_from_id, allocation)
        self.assertEqual(allocation.renewal_id, renewal)
        self.assertEqual(renewal.date_start, allocation.date_end + timedelta(days=1))
        self.assertEqual(self.plots[0].state, "allocated")
        self.plot_type.allow_renewal = False
        renewal.sudo().date_end = renewal.date_start + timedelta(days=5)
        with self.refused(UserError, "are not renewed"):
            renewal.with_user(self.portal_a).action_renew()

    def test_terms_end_and_free_the_items(self):
        allocation = self.allocation
        allocation.sudo().write(
            {
                "date_start": self.today - timedelta(days=400),
                "date_end": self.today - timedelta(days=1),
            }
        )
        self._run_job()
        self.assertEqual(allocation.state, "ended")
        self.assertEqual(allocation.date_stop, self.today - timedelta(days=1))
        self.assertEqual(self.plots[0].state, "available")

    def test_term_grid_of_a_round(self):
        resource_round = self.allocation.round_id
        resource_round.sudo().date_term_start = fields.Date.to_date("2017-07-01")
        self.plot_type.write({"term_number": 3, "term_unit": "year"})
        end = resource_round._term_end(fields.Date.to_date("2018-04-10"))
        self.assertEqual(end, fields.Date.to_date("2020-06-30"))
        end = resource_round._term_end(fields.Date.to_date("2024-02-01"))
        self.assertEqual(end, fields.Date.to_date("2026-06-30"))

    def test_items_in_maintenance_are_not_offered(self):
        plot = self.plots[1]
        office = plot.with_user(self.officer_a)
        office.action_maintenance()
        self.assertEqual(plot.state, "maintenance")
        with self.assertRaises(AccessError):
            plot.with_user(self.portal_a).action_make_available()
        with self.refused(UserError, "cannot become"):
            self.plots[0].with_user(self.officer_a).action_maintenance()
        office.action_make_available()
        self.assertEqual(plot.state, "available")


class TestResourceJob(ResourceCase):
    """The waiting-list job works in batches, with a commit after each."""

    def test_job_in_batches(self):
        # the job sees only this test's records (not the demo's, if loaded)
        self.Round.search([]).write({"state": "allocated"})
        self.Round.search([]).application_ids.filtered(
            lambda a: a.state == "waiting"
        ).write({"state": "expired"})
        self.Allocation.search([("state", "=", "active")]).write(
            {"date_renewal_asked": self.today}
        )
        resource_round = self._round()
        plots = self.env["community.resource"].create(
            [{"code": f"J{i:02d}", "type_id": self.plot_type.id} for i in range(7)]
        )
        resource_round.sudo().resource_ids = [(4, p.id) for p in plots]
        self._paper_applications(resource_round, self._applicants(17))
        self._draw(resource_round)
        offered = self._offered(resource_round)
        self.assertEqual(len(offered), 10)
        offered.sudo().write(
            {"date_offer_deadline": fields.Datetime.now() - timedelta(minutes=1)}
        )
        progress, commits = [], []
        with patch.object(
            type(self.env["ir.cron"]),
            "_notify_progress",
            lambda cron, done, remaining, deactivate=False: progress.append(
                (done, remaining)
            ),
        ):
            done = self._run_job(batch_size=3, commit=lambda: commits.append(1))
        self.assertEqual(done, 11, "10 expiries, 1 round")
        self.assertEqual(progress[:4], [(3, 8), (6, 5), (9, 2), (10, 1)])
        self.assertEqual(progress[-1], (11, 0))
        self.assertEqual(len(commits), 5, "one commit per batch")
        self.assertEqual(
            set(offered.mapped("state")), {"expired"}, "every offer of the batches"
        )
        self.assertEqual(len(self._offered(resource_round)), 7, "the rest offered")
        self.assertEqual(
            sorted(self._offered(resource_round).mapped("rank")), list(range(11, 18))
        )
