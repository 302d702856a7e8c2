# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A matter from its proposal to its closing: party review, consultation in
three groups, notice (15 days, the snapshot), portal, proxy and paper
ballots, close, count, objection period, implementation and supervision;
the scheduled job; the units imported from a spreadsheet."""

import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase
from odoo.tools import mute_logger

from ..populate import populate
from .deliberation_common import DeliberationCase


class TestDeliberationWorkflow(DeliberationCase):
    def _notes(self, matter):
        return " | ".join(matter.message_ids.mapped("body"))

    def test_a_matter_from_proposal_to_closing(self):
        office = self.officer_a
        now = fields.Datetime.now().replace(microsecond=0)
        petition = self._petition(title="Flying wires to charge e-bikes")
        matter = self._matter(
            "common_use",
            title="E-bike chargers",
            origin="petition",
            petition_id=petition.id,
            date_vote_start=now + timedelta(days=10),
            date_vote_end=now + timedelta(days=20),
        ).with_user(office)
        # proposed on the office's day (the superuser who created it may live
        # in another time zone): 35 days to the decision in the office's days
        matter.date_proposed = fields.Date.context_today(matter, now)
        self.assertEqual(matter.majority, "special")
        self.assertTrue(matter.name.startswith("YS/"))
        # ------------------------------------------------ party review
        matter.action_submit_review()
        self.assertEqual(matter.state, "review")
        with self.refused(UserError, "Record who reviewed"):
            matter.action_approve_review()
        matter.write({"reviewer_id": self.owner_x.id, "review_opinion": "Fine."})
        with self.refused(UserError, "not a member of the party organisation"):
            matter.action_approve_review()
        matter.write(
            {"reviewer_id": self.party_member.id, "review_opinion": "Mind fire safety."}
        )
        matter.action_approve_review()
        self.assertEqual(matter.state, "consultation")
        self.assertIn("Mind fire safety.", self._notes(matter))
        # ------------------------------------------------ consultation
        self.neighbour_a.line_ids = [
            (4, self.env.ref("community_governance.line_party").id)
        ]
        matter.with_user(self.portal_a).give_opinion(
            "Yes, far from the doors.", "support"
        )
        matter.with_user(self.portal_neighbour).give_opinion(
            "Check the fire code.", "suggest", group="party"
        )
        matter.with_user(self.portal_rep).give_opinion("Building 1 agrees.", "support")
        with self.refused(AccessError, ""):
            matter.with_user(self.portal_tenant).give_opinion("I rent here.")
        with self.refused(AccessError, "give opinions"):
            matter.with_user(self.portal_supervisor).give_opinion("I watch.")
        with self.refused(AccessError, "do not belong to this group"):
            matter.with_user(self.portal_a).give_opinion("x", group="party")
        self.assertEqual(
            (
                matter.opinion_owner_count,
                matter.opinion_representative_count,
                matter.opinion_party_count,
                matter.opinion_support_count,
            ),
            (1, 1, 1, 2),
        )
        # ------------------------------------------------ notice
        with self.refused(UserError, "at least 15 days"):
            matter.action_notice()
        matter.write(
            {
                "date_vote_start": now + timedelta(days=16),
                "date_vote_end": now + timedelta(days=26),
            }
        )
        matter.action_notice()
        self.assertEqual(matter.state, "notice")
        self.assertEqual(
            (
                matter.eligible_unit_count,
                matter.eligible_area,
                matter.eligible_owner_count,
            ),
            (6, 600.0, 4),
        )
        self.assertIn(
            "Notice issued: 6 units, 600.00 m², 4 owners", self._notes(matter)
        )
        with self.refused(UserError, "announced to the owners"):
            matter.category = "other_major"
        # the snapshot does not follow later changes of the registry
        self.u1.floor_area = 999
        self.assertEqual(self._ballot(matter, self.u1).unit_area, 80.0)
        with self.refused(UserError, "opens on"):
            matter.action_open_vote()
        matter.record_proxy(self.u5.id, self.proxy.id, "Letter of Developer Co.")
        # ------------------------------------------------ vote
        with freeze_time(now + timedelta(days=16, minutes=1)):
            matter.action_open_vote()
            self.assertEqual(matter.state, "voting")
            ballot_u1 = self._ballot(matter, self.u1)
            ballot_u1.with_user(self.portal_a).cast("yes")
            self._ballot(matter, self.u2).with_user(self.portal_x).cast("yes")
            self._ballot(matter, self.u5).with_user(self.portal_proxy).cast("no")
            matter.record_ballots(
                [
                    {"unit_id": self.u3.id, "choice": "yes", "channel": "door"},
                    {"unit_id": self.u6.id, "choice": "yes", "channel": "meeting"},
                ]
            )
            self.assertEqual(matter.turnout_unit_count, 5)
            self.assertEqual(matter.turnout_owner_count, 4)
            self.assertAlmostEqual(matter.turnout_area, 510.0)
            proxied = self._ballot(matter, self.u5)
            self.assertTrue(proxied.is_proxy)
            self.assertEqual(proxied.voter_id, self.proxy)
            with self.refused(UserError, "runs until"):
                matter.action_close_vote()
        with freeze_time(now + timedelta(days=26, minutes=1)):
            matter.action_close_vote()
            self.assertEqual(matter.state, "tally")
            with self.refused(UserError, "not open"):
                self._ballot(matter, self.u4).with_user(office).cast(
                    "yes", channel="paper", voter=self.developer.id
                )
            matter.action_count()
            self.assertEqual(matter.state, "counted")
            with self.refused(UserError, "once the vote closed"):
                matter.action_count()
        # 400 of 510 m² for (78 %; u1 counts its 80 m² of the notice), 3 of 4
        # owners (exactly 75 %): passed
        self.assertEqual(matter.outcome, "passed")
        self.assertEqual(
            (matter.yes_area, matter.yes_owner_count, matter.part_owner_count),
            (400.0, 3, 4),
        )
        self.assertIn("Passed", self._notes(matter))
        # ------------------------------------------------ result
        with freeze_time(now + timedelta(days=27)):
            matter.action_publish()
            self.assertEqual(
                matter.date_objection_end, matter.date_published + timedelta(days=7)
            )
            with self.refused(UserError, "may object until"):
                matter.action_decide()
        with freeze_time(now + timedelta(days=35)):
            matter.action_decide()
        self.assertEqual(matter.state, "decided")
        self.assertEqual(matter.days_to_decision, 35)
        # ------------------------------------------------ implementation
        with self.refused(UserError, "implemented before it closes"):
            matter.action_done()
        matter.action_start_implementation()
        matter.task_ids = [
            (0, 0, {"name": "Build the shed", "progress": 100}),
            (0, 0, {"name": "Install the chargers", "progress": 50}),
        ]
        self.assertEqual(matter.progress, 75)
        matter.action_start_supervision()
        report = matter.with_user(self.portal_supervisor).file_supervision_report(
            "The shed keeps its distance from the doors.", "in_order"
        )
        self.assertEqual(report.partner_id, self.supervisor)
        with self.refused(AccessError, "supervisory committee"):
            matter.with_user(self.portal_a).file_supervision_report("I watch too.")
        matter.action_done()
        self.assertEqual(matter.state, "done")
        self.assertIn("Supervision report by Supervisor S", self._notes(matter))

    def test_a_rejected_matter_closes_without_implementation(self):
        matter = self._voting()
        self._close_and_count(matter)
        self.assertEqual(matter.outcome, "no_quorum")
        matter._publish(fields.Datetime.now() - timedelta(days=8))
        matter.action_decide()
        with self.refused(UserError, "passed is implemented"):
            matter.action_start_implementation()
        matter.action_done()
        self.assertEqual(matter.state, "done")

    def test_second_ballot_refused_whatever_the_channel(self):
        matter = self._voting()
        ballot = self._ballot(matter, self.u2)
        ballot.with_user(self.portal_x).cast("no")
        for user, args in (
            (self.portal_x, ("yes",)),
            (self.officer_a, ("yes", "paper", self.owner_x.id)),
            (self.manager, ("abstain", "meeting", self.owner_x.id)),
        ):
            with self.subTest(user=user.login):
                with self.refused(UserError, "already voted .*Portal.*one ballot"):
                    ballot.with_user(user).cast(*args)
        with self.refused(UserError, "already voted"):
            matter.record_ballots([{"unit_id": self.u2.id, "choice": "yes"}])
        self.assertEqual(ballot.sudo().choice, "no")
        self.assertEqual(ballot.channel, "portal")

    def test_a_ballot_cast_elsewhere_meanwhile_is_not_overwritten(self):
        """The conditional UPDATE: another transaction cast the unit's ballot
        after this one read it (the ORM still sees it pending)."""
        matter = self._voting()
        ballot = self._ballot(matter, self.u1)
        self.assertEqual(ballot.state, "pending")
        self.env.cr.execute(
            "UPDATE community_deliberation_ballot SET state = 'cast', "
            "choice = 'no', channel = 'paper', date_cast = now() WHERE id = %s",
            [ballot.id],
        )
        with self.refused(UserError, "already voted"):
            ballot.with_user(self.portal_a).cast("yes")
        self.env.cr.execute(
            "SELECT choice FROM community_deliberation_ballot WHERE id = %s",
            [ballot.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], "no")

    def test_paper_ballot_wizard(self):
        """The office enters a stack of paper ballots one after the other."""
        matter = self._voting()
        action = matter.with_user(self.officer_a).action_record_ballot()
        Wizard = (
            self.env[action["res_model"]]
            .with_user(self.officer_a)
            .with_context(**action["context"])
        )
        form = Form(Wizard)
        form.ballot_id = self._ballot(matter, self.u6)
        self.assertIn(form.voter_id, self.neighbour_a | self.co_owner, "an owner")
        form.voter_id = self.co_owner
        form.choice = "no"
        form.channel = "door"
        action = form.save().action_record_next()
        self.assertEqual(action["res_model"], "community.deliberation.ballot.wizard")
        self.assertEqual(action["context"]["default_channel"], "door")
        ballot = self._ballot(matter, self.u6)
        self.assertEqual(
            (ballot.state, ballot.channel, ballot.voter_id, ballot.recorded_by_id),
            ("cast", "door", self.co_owner, self.officer_a),
        )
        form = Form(Wizard.with_context(**action["context"]))
        form.ballot_id = self._ballot(matter, self.u2)
        form.choice = "yes"
        wizard = form.save()
        self._ballot(matter, self.u2).with_user(self.portal_x).cast("no")
        with self.refused(UserError, "already voted"):
            wizard.action_record()

    def test_record_ballots_is_all_or_nothing(self):
        matter = self._voting()
        matter.record_ballots([{"unit_id": self.u1.id, "choice": "yes"}])
        with self.refused(UserError, "already voted"):
            matter.record_ballots(
                [
                    {"unit_id": self.u2.id, "choice": "yes"},
                    {"unit_id": self.u1.id, "choice": "no"},
                ]
            )
        self.assertEqual(self._ballot(matter, self.u2).state, "pending")
        with self.refused(UserError, "has no ballot"):
            matter.record_ballots([{"unit_id": self.ub.id, "choice": "yes"}])
        with self.refused(UserError, "cast by one of its owners"):
            matter.record_ballots(
                [{"unit_id": self.u2.id, "choice": "yes", "voter_id": self.tenant.id}]
            )
        with self.refused(UserError, "while the vote runs"):
            matter.record_ballots(
                [
                    {
                        "unit_id": self.u2.id,
                        "choice": "yes",
                        "date": fields.Datetime.now() + timedelta(hours=2),
                    }
                ]
            )
        with self.refused(UserError, "on paper, door to door or at the meeting"):
            matter.record_ballots(
                [{"unit_id": self.u2.id, "choice": "yes", "channel": "portal"}]
            )
        with self.refused(UserError, "Vote for, against or abstain"):
            matter.record_ballots([{"unit_id": self.u2.id, "choice": "maybe"}])

    def test_proxies_need_their_authorisation(self):
        matter = self._voting()
        ballot = self._ballot(matter, self.u2)
        with self.refused(UserError, "authorisation"):
            ballot.with_user(self.officer_a).write({"proxy_id": self.proxy.id})
        ballot.with_user(self.officer_a).write(
            {
                "proxy_id": self.proxy.id,
                "proxy_authorisation": "Signed by X on 1 May",
                "proxy_document": base64.b64encode(b"%PDF-1.4 letter"),
            }
        )
        ballot.with_user(self.portal_proxy).cast("yes")
        self.assertTrue(ballot.is_proxy)
        with self.refused(UserError, "before its ballot is cast"):
            ballot.with_user(self.officer_a).write({"proxy_authorisation": "later"})

    def test_notice_needs_a_complete_registry(self):
        matter = self._matter()
        matter.state = "consultation"
        orphan = self._unit(self.entrance_a2, "301", 50)
        with self.refused(UserError, "have no owner"):
            matter.with_user(self.officer_a).action_notice()
        orphan.is_developer_unsold = True
        matter.body_id = False
        with self.refused(UserError, "body that decides"):
            matter.with_user(self.officer_a).action_notice()
        with self.assertRaises(UserError):
            self._matter(body=self.general_b)

    def test_some_buildings_only(self):
        matter = self._voting(
            scope="buildings", building_ids=[(6, 0, self.building_a.ids)]
        )
        self.assertEqual(matter.ballot_ids.unit_id, self.u1 | self.u2 | self.u3)
        self.assertEqual(
            (matter.eligible_area, matter.eligible_owner_count), (300.0, 2)
        )
        with self.assertRaises(UserError):
            self._matter(scope="buildings", building_ids=[(6, 0, self.building_b.ids)])

    def test_withdraw_and_propose_again(self):
        matter = self._voting()
        with self.refused(UserError, "until the vote opens"):
            matter.with_user(self.officer_a).action_cancel()
        matter = self._matter()
        matter.state = "consultation"
        matter.write({"date_vote_start": fields.Datetime.now() + timedelta(days=16)})
        matter.write({"date_vote_end": fields.Datetime.now() + timedelta(days=20)})
        matter.with_user(self.officer_a).action_notice()
        self.assertEqual(len(matter.ballot_ids), 6)
        matter.with_user(self.officer_a).action_cancel()
        self.assertFalse(matter.ballot_ids)
        matter.with_user(self.officer_a).action_reset_draft()
        self.assertEqual((matter.state, matter.eligible_unit_count), ("draft", 0))
        with self.assertRaises(AccessError):
            matter.with_user(self.officer_a).unlink()
        matter.with_user(self.manager).unlink()

    def test_opinion_given_again_replaces_the_first(self):
        matter = self._matter()
        matter.state = "consultation"
        first = matter.with_user(self.portal_a).give_opinion("First", "object")
        second = matter.with_user(self.portal_a).give_opinion("Second", "support")
        self.assertEqual(first, second)
        self.assertEqual((second.text, second.stance), ("Second", "support"))
        self.assertEqual(len(matter.opinion_ids), 1)
        self.assertEqual(second.building_id, self.building_a)
        matter.state = "notice"
        with self.refused(UserError, "during the consultation"):
            matter.with_user(self.portal_a).give_opinion("Late")

    def test_one_report_per_form(self):
        matter = self._voting()
        reports = [
            matter.with_user(self.portal_supervisor).file_supervision_report(
                "Counted with the police present.", submission_key="form-1"
            )
            for _attempt in range(2)
        ]
        self.assertEqual(reports[0], reports[1])
        self.assertEqual(len(matter.supervision_ids), 1)
        matter.with_user(self.portal_supervisor).file_supervision_report(
            "A second visit.", "concern", submission_key="form-2"
        )
        self.assertEqual(len(matter.supervision_ids), 2)
        self.assertEqual(matter.supervision_count, 2)

    def test_scheduled_job_opens_closes_and_counts(self):
        now = fields.Datetime.now().replace(microsecond=0)
        matter = self._matter(
            date_vote_start=now + timedelta(days=16),
            date_vote_end=now + timedelta(days=18),
        )
        matter.state = "consultation"
        matter.with_user(self.officer_a).action_notice()
        self.Matter._cron_schedule()
        self.assertEqual(matter.state, "notice")
        with freeze_time(now + timedelta(days=16, hours=1)):
            self.Matter._cron_schedule()
            self.assertEqual(matter.state, "voting")
            matter.record_ballots(
                [{"unit_id": unit.id, "choice": "yes"} for unit in self.units_a]
            )
        with freeze_time(now + timedelta(days=18, hours=1)):
            self.Matter._cron_schedule()
        self.assertEqual(matter.state, "counted")
        self.assertEqual(matter.outcome, "passed")

    def test_ended_terms_are_archived(self):
        member = self.supervisory.member_ids
        member.write(
            {
                "date_start": fields.Date.today() - timedelta(days=400),
                "date_end": fields.Date.today() - timedelta(days=1),
            }
        )
        self.Matter._cron_schedule()
        self.assertFalse(member.active)
        matter = self._voting()
        self.assertFalse(matter._is_supervisor(self.supervisor))
        # no longer a member: the matter is out of sight
        with self.refused(AccessError, ""):
            matter.with_user(self.portal_supervisor).file_supervision_report("x")

    def test_representatives_represent_buildings_of_their_compound(self):
        with self.assertRaises(ValidationError):
            self.representatives.member_ids.building_ids = self.building_b
        with self.assertRaises(ValidationError):
            self.supervisory.member_ids.building_ids = self.building_a


class TestPropertyUnitImport(DeliberationCase):
    """The housing registry's spreadsheet, through Odoo's import."""

    CSV = (
        "Entrance,Room,Exclusive Area (m²),Owners,Developer's Unsold Unit\n"
        "TA-B1-U1,501,89.37,Owner X,0\n"
        'TA-B1-U1,502,112.56,"Resident A,Co-owner C",0\n'
        "TA-B1-U1,601,76.85,,1\n"
    )

    def setUp(self):
        super().setUp()
        self.entrance_a.code = "TA-B1-U1"

    def test_load_a_spreadsheet(self):
        rows = [line.split(",") for line in self.CSV.splitlines()[1:]]
        rows[1] = ["TA-B1-U1", "502", "112.56", "Resident A,Co-owner C", "0"]
        result = self.Unit.load(
            ["area_id", "room", "floor_area", "owner_ids", "is_developer_unsold"],
            rows,
        )
        self.assertFalse(
            [m for m in result["messages"] if m["type"] == "error"], result
        )
        units = self.Unit.browse(result["ids"])
        self.assertEqual(units.mapped("room"), ["501", "502", "601"])
        self.assertEqual(units.mapped("floor_area"), [89.37, 112.56, 76.85])
        self.assertEqual(units[1].owner_ids, self.resident_a | self.co_owner)
        self.assertEqual(
            units[0].owner_ids.property_unit_ids, self.u2 | self.u3 | units[0]
        )
        self.assertTrue(units[2].is_developer_unsold)
        self.assertEqual(units.building_id, self.building_a)

    @mute_logger("odoo.sql_db")
    def test_bad_rows_are_refused(self):
        result = self.Unit.load(
            ["area_id", "room", "floor_area"],
            [["TA-B1-U1", "101", "80"], ["TA-B1-U1", "701", "0"]],
        )
        self.assertFalse(result["ids"])
        self.assertTrue([m for m in result["messages"] if m["type"] == "error"])

    def test_import_wizard(self):
        if "base_import.import" not in self.env:
            self.skipTest("base_import is not installed")
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "community.property.unit",
                "file": self.CSV.encode(),
                "file_type": "text/csv",
                "file_name": "units.csv",
            }
        )
        result = wizard.execute_import(
            ["area_id", "room", "floor_area", "owner_ids", "is_developer_unsold"],
            [
                "Entrance",
                "Room",
                "Exclusive Area (m²)",
                "Owners",
                "Developer's Unsold Unit",
            ],
            {"quoting": '"', "separator": ",", "has_headers": True},
        )
        self.assertFalse(result["messages"], result)
        units = self.Unit.browse(result["ids"])
        self.assertEqual(len(units), 3)
        self.assertEqual(sum(units.mapped("floor_area")), 278.78)
        self.assertEqual(units[1].owner_ids, self.resident_a | self.co_owner)


class TestDeliberationPopulate(TransactionCase):
    """The populate code makes counted and running votes of a district."""

    def test_populate_small(self):
        run = populate(self.env, "small", ["community.deliberation"])
        matters = run["community.deliberation"].with_env(self.env)
        units = run["community.property.unit"].with_env(self.env)
        self.assertEqual(len(units), 100)
        self.assertTrue(all(u.owner_ids or u.is_developer_unsold for u in units))
        counted = matters.filtered(lambda m: m.state == "counted")
        voting = matters.filtered(lambda m: m.state == "voting")
        self.assertEqual(len(counted), 2)
        self.assertEqual(len(voting), 2)
        for matter in counted | voting:
            community_units = units.filtered(
                lambda u, m=matter: u.community_id == m.area_id
            )
            self.assertEqual(matter.ballot_ids.unit_id, community_units)
        for matter in counted:
            self.assertTrue(matter.outcome)
            cast = matter.ballot_ids.filtered(lambda b: b.state == "cast")
            self.assertEqual(matter.part_unit_count, len(cast))
            self.assertAlmostEqual(matter.part_area, sum(cast.mapped("unit_area")))
