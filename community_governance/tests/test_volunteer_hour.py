# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import VOLUNTEER_TODAY as TODAY
from .common import CommunityCase


@freeze_time(TODAY)
class TestVolunteerHour(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteers()

    def test_register_volunteer_by_office(self):
        partner = self.env["res.partner"].create(
            {"name": "New", "is_resident": True, "household_id": self.household_a.id}
        )
        partner.with_user(self.officer_a).action_register_volunteer()
        self.assertTrue(partner.is_volunteer)
        self.assertEqual(partner.volunteer_since, TODAY)
        self.assertIn(self.line_volunteer, partner.line_ids)
        self.assertIn(self.line_volunteer, partner.volunteer_line_ids)
        # not for an officer of another community, nor for a non-resident
        other = self.env["res.partner"].create(
            {"name": "Other", "is_resident": True, "household_id": self.household_a.id}
        )
        with self.assertRaises(AccessError):
            other.with_user(self.officer_b).action_register_volunteer()
        with self.assertRaises(AccessError):
            other.with_user(self.internal).action_register_volunteer()
        self.assertFalse(other.is_volunteer)
        with self.assertRaises(UserError):
            self.liaison_partner._register_volunteer()

    def test_resident_registers_themself(self):
        partner, user = self._portal_resident("Newcomer", household=self.household_a)
        skill = self.env["community.skill"].create({"name": "First aid (test)"})
        with self.refused(AccessError, "recorded by the office only"):
            partner.with_user(user).register_volunteer(line_ids=[self.line_party.id])
        for values in (
            {"line_ids": [999999]},
            {"skill_ids": [999999]},
            {"availability": "midnight"},
        ):
            with self.refused(UserError, "Choose from the lists"):
                partner.with_user(user).register_volunteer(**values)
        self.assertFalse(partner.is_volunteer)
        partner.with_user(user).register_volunteer(
            line_ids=[self.line_service.id],
            availability="weekend",
            skill_ids=skill.ids,
        )
        self.assertTrue(partner.is_volunteer)
        self.assertEqual(partner.volunteer_since, TODAY)
        self.assertEqual(partner.volunteer_availability, "weekend")
        self.assertEqual(
            partner.volunteer_line_ids, self.line_service | self.line_volunteer
        )
        self.assertIn(self.line_volunteer, partner.line_ids)
        self.assertEqual(partner.skill_ids, skill)
        # not for someone else, nor for a portal user who is no resident
        other = self.env["res.partner"].create(
            {"name": "Other", "is_resident": True, "household_id": self.household_a.id}
        )
        with self.assertRaises(AccessError):
            other.with_user(user).register_volunteer()
        with self.refused(AccessError, "Only residents"):
            self.liaison_partner.with_user(self.liaison).register_volunteer()
        self.assertFalse(other.is_volunteer)
        self.assertFalse(self.liaison_partner.is_volunteer)
        # the office registers the residents of its communities with any line
        other.with_user(self.officer_a).register_volunteer(
            line_ids=[self.line_party.id]
        )
        self.assertIn(self.line_party, other.volunteer_line_ids)
        with self.assertRaises(AccessError):
            self.resident_b.with_user(self.officer_a).register_volunteer()

    def test_office_entries_are_approved(self):
        entry = self.Hour.with_user(self.officer_a).create(
            {"volunteer_id": self.resident_a.id, "date": date(2026, 6, 1), "hours": 3}
        )
        self.assertEqual(entry.state, "approved")
        self.assertEqual(entry.approver_id, self.officer_a)
        self.assertTrue(entry.date_approved)
        self.assertEqual(entry.community_id, self.community_a)
        self.assertEqual(entry.area_id, self.entrance_a)
        self.assertEqual(entry.line_id, self.line_volunteer)
        with_activity = self._hour(activity_id=self.activity_a.id, day=date(2026, 6, 2))
        self.assertEqual(with_activity.line_id, self.line_service)

    def test_workflow_submit_approve_reject(self):
        entry = self._hour(state="draft")
        entry.with_user(self.portal_a).action_submit()
        self.assertEqual(entry.state, "submitted")
        entry.with_user(self.officer_a).action_approve()
        self.assertEqual(entry.state, "approved")
        self.assertEqual(entry.approver_id, self.officer_a)
        other = self._hour(state="submitted", day=date(2026, 6, 2))
        action = other.with_user(self.officer_a).action_reject()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.officer_a)
            .with_context(**action["context"])
            .create({"reason": "Not on the rota that day"})
        )
        wizard.action_reject()
        self.assertEqual(other.state, "rejected")
        self.assertEqual(other.reject_reason, "Not on the rota that day")
        with self.assertRaises(UserError):
            other.with_user(self.officer_a)._reject("again")
        with self.assertRaises(UserError):
            self._hour(state="submitted", day=date(2026, 6, 3))._reject(" ")

    def test_bulk_approve(self):
        entries = self.Hour.create(
            [
                {
                    "volunteer_id": p.id,
                    "date": date(2026, 6, 1),
                    "hours": 2,
                    "state": "submitted",
                }
                for p in (self.resident_a, self.neighbour_a)
            ]
        )
        entries.with_user(self.officer_a).action_approve()
        self.assertEqual(set(entries.mapped("state")), {"approved"})
        # an officer of another community cannot approve them
        more = self._hour(state="submitted", day=date(2026, 6, 2))
        with self.assertRaises(AccessError):
            more.with_user(self.officer_b).action_approve()
        with self.assertRaises(AccessError):
            more.with_user(self.portal_a).action_approve()
        self.assertEqual(more.state, "submitted")

    def test_locked_entries(self):
        approved = self._hour()
        with self.refused(UserError, "locked"):
            approved.write({"hours": 5})
        with self.refused(UserError, "locked"):
            approved.write({"description": "typo"})
        with self.refused(UserError, "cannot be deleted"):
            approved.unlink()
        rejected = self._hour(state="submitted", day=date(2026, 6, 2))
        rejected._reject("No")
        with self.assertRaises(UserError):
            rejected.write({"hours": 1})
        with self.assertRaises(UserError):
            rejected.unlink()
        self.assertEqual(approved.hours, 2)

    def test_correction(self):
        approved = self._hour(hours=4)
        correction = self.Hour.with_user(self.officer_a).create(
            {
                "volunteer_id": self.resident_a.id,
                "date": approved.date,
                "hours": -1.5,
                "correction_of_id": approved.id,
            }
        )
        self.assertEqual(correction.state, "approved")
        self.assertEqual(self.resident_a.volunteer_hours_total, 2.5)
        # cannot remove more than the entry had
        with self.assertRaises(ValidationError):
            self.Hour.create(
                {
                    "volunteer_id": self.resident_a.id,
                    "date": approved.date,
                    "hours": -3,
                    "correction_of_id": approved.id,
                }
            )
        # negative hours without a corrected entry are refused
        with self.refused(ValidationError, "more than 0"):
            self._hour(hours=-1, day=date(2026, 6, 3))
        # only an approved entry is corrected, and only by the office
        submitted = self._hour(state="submitted", day=date(2026, 6, 4))
        with self.assertRaises(ValidationError):
            self._hour(hours=-1, day=date(2026, 6, 4), correction_of_id=submitted.id)
        with self.assertRaises(AccessError):
            self.Hour.with_user(self.portal_a).create(
                {
                    "volunteer_id": self.resident_a.id,
                    "date": approved.date,
                    "hours": -1,
                    "state": "submitted",
                    "correction_of_id": approved.id,
                }
            )

    def test_rules(self):
        with self.refused(ValidationError, "more than 0"):
            self._hour(hours=0)
        with self.refused(ValidationError, "in the future"):
            self._hour(day=date(2026, 6, 16))
        # nor today for an activity four days later
        later = self._event("Harvest fair", begin=datetime(2026, 6, 19, 8, 0))
        with self.refused(ValidationError, "before it takes place"):
            self._hour(day=TODAY, activity_id=later.id)
        self.assertTrue(self._hour(day=TODAY, activity_id=self.activity_a.id))
        with self.refused(ValidationError, "registered as a volunteer on"):
            self._hour(day=date(2019, 12, 31))
        self.resident_b.volunteer_since = date(2026, 6, 10)
        with self.refused(ValidationError, "before that"):
            self._hour(partner=self.resident_b, day=date(2026, 6, 9))
        non_volunteer = self.env["res.partner"].create(
            {"name": "Nv", "is_resident": True, "household_id": self.household_a.id}
        )
        with self.refused(ValidationError, "not registered"):
            self._hour(partner=non_volunteer)

    def test_at_most_24_hours_a_day(self):
        self._hour(hours=10)
        self._hour(hours=10, state="submitted")
        with self.refused(ValidationError, "24 hours"):
            self._hour(hours=5)
        # in one batch as well
        with self.refused(ValidationError, "24 hours"):
            self.Hour.create(
                [
                    {
                        "volunteer_id": self.neighbour_a.id,
                        "date": date(2026, 6, 2),
                        "hours": 13,
                    },
                    {
                        "volunteer_id": self.neighbour_a.id,
                        "date": date(2026, 6, 2),
                        "hours": 12,
                    },
                ]
            )
        # rejected hours do not count, other days and volunteers neither
        rejected = self._hour(hours=3, state="submitted", day=date(2026, 6, 3))
        rejected._reject("no")
        self._hour(hours=24, day=date(2026, 6, 3), partner=self.neighbour_a)
        self._hour(hours=4)

    def test_workflow_fields_are_protected(self):
        draft = self._hour(state="draft")
        with self.assertRaises(AccessError):
            draft.with_user(self.portal_a).write({"state": "approved"})
        with self.assertRaises(UserError):
            draft.write({"approver_id": self.officer_a.id})
        with self.assertRaises(AccessError):
            self.Hour.with_user(self.portal_a).create(
                {
                    "volunteer_id": self.resident_a.id,
                    "date": TODAY,
                    "hours": 1,
                    "state": "approved",
                }
            )
        with self.assertRaises(AccessError):
            draft.with_user(self.portal_a).write({"volunteer_id": self.neighbour_a.id})
        submitted = self._hour(state="submitted", day=date(2026, 6, 2))
        with self.assertRaises(UserError):
            submitted.write({"state": "draft"})

    def test_log_hours_from_activity_attendance(self):
        non_volunteer = self.env["res.partner"].create(
            {"name": "Nv", "is_resident": True, "household_id": self.household_a.id}
        )
        activity = self.activity_a.with_user(self.officer_a)
        entries = activity._log_volunteer_hours(
            {self.resident_a: 3, self.neighbour_a.id: 2.5, non_volunteer: 2}
        )
        self.assertEqual(len(entries), 2)
        self.assertEqual(set(entries.mapped("state")), {"approved"})
        self.assertEqual(set(entries.mapped("date")), {date(2026, 6, 1)})
        self.assertEqual(entries.line_id, self.line_service)
        # twice does not count twice
        self.assertFalse(activity._log_volunteer_hours({self.resident_a: 3}))
        with self.assertRaises(AccessError):
            self.activity_a.with_user(self.portal_neighbour)._log_volunteer_hours(
                {self.resident_a: 1}
            )
