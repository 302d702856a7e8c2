# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .volunteer_common import TODAY, VolunteerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestVolunteerAccess(VolunteerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
        self.neighbour_in_activity.with_user(self.portal_neighbour)._coordinator_decide(
            "approve"
        )
        self.assertEqual(self.neighbour_in_activity.state, "approved")
        self.assertEqual(self.neighbour_in_activity.approver_id, self.portal_neighbour)
        with self.assertRaises(AccessError):
            self.hour_b.with_user(self.portal_neighbour)._coordinator_decide("approve")
        with self.assertRaises(AccessError):
            self.own_submitted.with_user(self.portal_a)._coordinator_decide("approve")
        self.assertEqual(self.hour_b.state, "submitted")

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
