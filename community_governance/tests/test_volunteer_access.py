# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import users

from .common import VOLUNTEER_TODAY as TODAY
from .common import CommunityCase


@freeze_time(TODAY)
class TestVolunteerAccess(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteers()
        cls.own_draft = cls.Hour.create(
            {
                "volunteer_id": cls.resident_a.id,
                "date": date(2026, 6, 1),
                "hours": 1,
                "state": "draft",
            }
        )
        cls.own_submitted = cls.Hour.create(
            {
                "volunteer_id": cls.resident_a.id,
                "date": date(2026, 6, 2),
                "hours": 1,
                "state": "submitted",
            }
        )
        cls.own_approved = cls.Hour.create(
            {
                "volunteer_id": cls.resident_a.id,
                "date": date(2026, 6, 3),
                "hours": 1,
                "state": "approved",
            }
        )
        cls.neighbour_draft = cls.Hour.create(
            {
                "volunteer_id": cls.neighbour_a.id,
                "date": date(2026, 6, 1),
                "hours": 1,
                "state": "draft",
            }
        )
        cls.hour_b = cls.Hour.create(
            {
                "volunteer_id": cls.resident_b.id,
                "date": date(2026, 6, 1),
                "hours": 1,
                "state": "submitted",
                "activity_id": cls.activity_b.id,
            }
        )
        cls.neighbour_in_activity = cls.Hour.create(
            {
                "volunteer_id": cls.resident_a.id,
                "date": date(2026, 6, 4),
                "hours": 1,
                "state": "submitted",
                "activity_id": cls.activity_a.id,
            }
        )
        cls.all_hours = (
            cls.own_draft
            | cls.own_submitted
            | cls.own_approved
            | cls.neighbour_draft
            | cls.hour_b
            | cls.neighbour_in_activity
        )

    def _visible(self, user):
        return self.Hour.with_user(user).search([("id", "in", self.all_hours.ids)])

    def test_volunteer_sees_own_hours_only(self):
        own = (
            self.own_draft
            | self.own_submitted
            | self.own_approved
            | self.neighbour_in_activity
        )
        self.assertEqual(self._visible(self.portal_a), own)
        with self.assertRaises(AccessError):
            self.neighbour_draft.with_user(self.portal_a).read(["hours"])
        with self.assertRaises(AccessError):
            self.hour_b.with_user(self.portal_a).read(["hours"])

    def test_volunteer_edits_own_drafts_only(self):
        self.own_draft.with_user(self.portal_a).write({"hours": 2})
        self.assertEqual(self.own_draft.hours, 2)
        with self.assertRaises(UserError):  # locked, whoever asks
            self.own_approved.with_user(self.portal_a).write({"description": "x"})
        for entry in (self.own_submitted, self.own_approved, self.neighbour_draft):
            if entry == self.own_approved:
                continue
            with self.assertRaises(AccessError):
                entry.with_user(self.portal_a).write({"description": "x"})
            with self.assertRaises(AccessError):
                entry.with_user(self.portal_a).unlink()
        self.own_draft.with_user(self.portal_a).unlink()
        self.assertFalse(self.own_draft.exists())

    def test_volunteer_logs_only_own_hours(self):
        Hour = self.Hour.with_user(self.portal_a)
        entry = Hour.create(
            {
                "volunteer_id": self.resident_a.id,
                "date": TODAY,
                "hours": 2,
                "state": "submitted",
            }
        )
        self.assertEqual(entry.state, "submitted")
        with self.assertRaises(AccessError):
            Hour.create(
                {
                    "volunteer_id": self.neighbour_a.id,
                    "date": TODAY,
                    "hours": 2,
                    "state": "submitted",
                }
            )

    def test_volunteer_fills_in_only_their_fields(self):
        Hour = self.Hour.with_user(self.portal_a)
        values = {"volunteer_id": self.resident_a.id, "date": TODAY, "hours": 1}
        for extra in (
            {"community_id": self.community_b.id},
            {"approver_id": self.portal_a.id},
            {"line_id": self.line_party.id},  # sensitive: the office's
            {"activity_id": self.activity_b.id},  # not of their community
        ):
            with self.assertRaises(AccessError):
                Hour.create(dict(values, **extra))
            with self.assertRaises(AccessError):
                self.own_draft.with_user(self.portal_a).write(extra)
        self.assertEqual(self.own_draft.community_id, self.community_a)

    def test_coordinator_reads_hours_of_their_activity(self):
        visible = self._visible(self.portal_neighbour)
        self.assertEqual(visible, self.neighbour_draft | self.neighbour_in_activity)
        with self.assertRaises(AccessError):
            self.neighbour_in_activity.with_user(self.portal_neighbour).write(
                {"hours": 3}
            )
        # approval goes through the explicit check
        self.neighbour_in_activity.with_user(self.portal_neighbour).action_approve()
        self.assertEqual(self.neighbour_in_activity.state, "approved")
        self.assertEqual(self.neighbour_in_activity.approver_id, self.portal_neighbour)
        with self.assertRaises(AccessError):
            self.hour_b.with_user(self.portal_neighbour).action_approve()
        with self.assertRaises(AccessError):
            self.own_submitted.with_user(self.portal_a).action_approve()
        with self.assertRaises(AccessError):
            self.own_submitted.with_user(self.portal_a).reject("mine")
        self.assertEqual(self.hour_b.state, "submitted")
        self.assertEqual(self.own_submitted.state, "submitted")

    def test_coordinator_rejects_with_a_reason(self):
        entry = self.neighbour_in_activity.with_user(self.portal_neighbour)
        with self.refused(UserError, "reason"):
            entry.reject("  ")
        self.assertEqual(entry.state, "submitted")
        entry.reject("Not on the list of helpers")
        self.assertEqual(entry.state, "rejected")
        self.assertEqual(entry.reject_reason, "Not on the list of helpers")
        self.assertEqual(entry.approver_id, self.portal_neighbour)
        with self.refused(UserError, "already decided"):
            entry.action_approve()

    def test_coordinator_does_not_decide_on_own_hours(self):
        own = self._hour(
            self.neighbour_a,
            day=date(2026, 6, 5),
            state="submitted",
            activity_id=self.activity_a.id,
        )
        Hour = self.Hour.with_user(self.portal_neighbour)
        waiting = Hour.search(Hour._coordinator_domain())
        self.assertEqual(waiting, self.neighbour_in_activity, "not their own")
        with self.refused(AccessError, "do not coordinate"):
            own.with_user(self.portal_neighbour).action_approve()
        with self.refused(AccessError, "do not coordinate"):
            own.with_user(self.portal_neighbour).reject("no")
        self.assertEqual(own.state, "submitted")
        # ... nor on those of another activity, or without activity
        with self.assertRaises(AccessError):
            (self.neighbour_in_activity | self.own_submitted).with_user(
                self.portal_neighbour
            ).action_approve()
        self.assertEqual(self.neighbour_in_activity.state, "submitted")

    def test_volunteer_changes_no_one_elses_entry(self):
        neighbour = self.neighbour_draft.with_user(self.portal_a)
        for call in (
            lambda: neighbour.write({"hours": 3}),
            neighbour.action_submit,
            neighbour.unlink,
        ):
            with self.assertRaises(AccessError):
                call()
        submitted = self.own_submitted.with_user(self.portal_a)
        with self.refused(AccessError, "Only your own draft hours"):
            submitted.unlink()
        with self.refused(AccessError, "Only your own draft hours"):
            submitted.write({"description": "again"})
        with self.refused(UserError, "Only draft hours can be submitted"):
            self.own_submitted.action_submit()
        self.own_draft.with_user(self.portal_a).action_submit()
        self.assertEqual(self.own_draft.state, "submitted")
        self.assertTrue(self.neighbour_draft.exists())

    def test_volunteer_picks_activities_of_their_community(self):
        Hour = self.Hour.with_user(self.portal_a)
        lines, activities = Hour._volunteer_choices()
        self.assertIn(self.activity_a, activities)
        self.assertNotIn(self.activity_b, activities)
        self.assertNotIn(self.line_party, lines, "the office records party members")
        self.assertIn(self.line_service, lines)
        draft = self._event(
            "Not yet announced",
            begin=datetime(2026, 6, 10, 8, 0),
            hours=1,
            portal_published=False,
        )
        self.assertNotIn(draft, Hour._volunteer_choices()[1])
        values = {"volunteer_id": self.resident_a.id, "date": TODAY, "hours": 1}
        for activity in (draft, self.activity_b):
            with self.refused(AccessError, "Choose an activity of your community"):
                Hour.create(dict(values, activity_id=activity.id))
        with self.refused(AccessError, "Choose an activity of your community"):
            Hour.create(dict(values, activity_id=999999))
        with self.refused(UserError, "Choose a line"):
            Hour.create(dict(values, line_id=999999))
        entry = Hour.create(dict(values, activity_id=self.activity_a.id))
        self.assertEqual(entry.line_id, self.line_service)

    def test_officers_see_their_communities(self):
        self.assertEqual(self._visible(self.officer_a), self.all_hours - self.hour_b)
        self.assertEqual(self._visible(self.officer_b), self.hour_b)
        self.assertEqual(self._visible(self.manager), self.all_hours)
        with self.assertRaises(AccessError):
            self.hour_b.with_user(self.officer_a).read(["hours"])
        with self.assertRaises(AccessError):
            self.Hour.with_user(self.officer_a).create(
                {"volunteer_id": self.resident_b.id, "date": TODAY, "hours": 1}
            )
        with self.assertRaises(AccessError):
            self.Hour.with_user(self.internal).search([])

    def test_reports_follow_communities(self):
        Report = self.env["community.volunteer.report"]
        rows = Report.with_user(self.officer_a).search(
            [("volunteer_id", "in", (self.resident_a | self.resident_b).ids)]
        )
        self.assertEqual(rows.volunteer_id, self.resident_a)
        self.assertEqual(sum(rows.mapped("hours")), 1)
        rows = Report.with_user(self.manager).search(
            [("volunteer_id", "in", (self.resident_a | self.resident_b).ids)]
        )
        self.assertEqual(
            rows.volunteer_id, self.resident_a
        )  # B's hours are not approved
        with self.assertRaises(AccessError):
            Report.with_user(self.portal_a).search([])
        participation = (
            self.env["community.volunteer.participation.report"]
            .with_user(self.officer_a)
            .search([("year", "=", 2026)])
        )
        self.assertEqual(participation.community_id, self.community_a)
        self.assertEqual(participation.resident_count, 2)
        self.assertEqual(participation.active_count, 1)
        self.assertEqual(participation.share, 50)

    @users("cg_officer_a", "cg_manager")
    def test_office_manages_hours_of_its_communities(self):
        Hour = self.env["community.volunteer.hour"]
        self.assertIn(self.own_draft, Hour.search([("id", "in", self.all_hours.ids)]))
        logged = Hour.create(
            {"volunteer_id": self.resident_a.id, "date": TODAY, "hours": 1}
        )
        self.assertEqual(
            (logged.state, logged.approver_id), ("approved", self.env.user)
        )
        with self.refused(UserError, "cannot be deleted"):
            logged.unlink()
        draft = self._hour(state="draft", day=date(2026, 6, 10), hours=1)
        draft = draft.with_env(self.env)
        draft.write({"description": "checked"})
        draft.action_submit()
        draft.action_approve()
        self.assertEqual((draft.state, draft.approver_id), ("approved", self.env.user))
        to_reject = self._hour(state="submitted", day=date(2026, 6, 11), hours=1)
        to_reject.with_env(self.env).reject("Logged twice")
        self.assertEqual(to_reject.state, "rejected")
        self.assertIn(
            "reject", to_reject.with_env(self.env).action_reject()["res_model"]
        )
        deleted = self._hour(state="draft", day=date(2026, 6, 12), hours=1)
        deleted.with_env(self.env).unlink()
        self.assertFalse(deleted.exists())

    @users("cg_officer_b")
    def test_officer_refused_outside_its_communities(self):
        entry = self.own_submitted.with_env(self.env)
        for call in (
            lambda: entry.read(["hours"]),
            lambda: entry.write({"description": "x"}),
            entry.unlink,
            entry.action_approve,
            lambda: entry.reject("x"),
        ):
            with self.assertRaises(AccessError):
                call()
        self.assertEqual(self.own_submitted.state, "submitted")

    @users("cg_internal", "cg_liaison")
    def test_no_access_without_a_role(self):
        Hour = self.env["community.volunteer.hour"]
        if self.env.user == self.internal:
            with self.assertRaises(AccessError):
                Hour.search([])
        else:
            self.assertFalse(Hour.search([("id", "in", self.all_hours.ids)]))
        with self.assertRaises(AccessError):
            Hour.create({"volunteer_id": self.resident_a.id, "date": TODAY, "hours": 1})
        entry = self.own_submitted.with_env(self.env)
        for call in (
            lambda: entry.read(["hours"]),
            lambda: entry.write({"description": "x"}),
            entry.unlink,
            entry.action_approve,
            lambda: entry.reject("x"),
            entry.action_reject,
        ):
            with self.assertRaises(AccessError):
                call()
        self.assertEqual(self.own_submitted.state, "submitted")
