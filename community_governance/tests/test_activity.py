# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Community activities are Odoo events: the rules of registering, cancelling,
checking in and taking attendance, called over the ORM as the portal user
(as JSON-RPC would), access per role, attendance and volunteer hours."""

import threading
import time
from datetime import date, datetime, timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, new_test_user, tagged, users

from .common import PORTAL, CommunityCase


class ActivityCase(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity = cls._event(
            "Evening dance",
            club_id=cls.club_dance.id,
            seats_limited=True,
            seats_max=2,
        )
        cls.third, cls.portal_third = cls._portal_resident(
            "Third Dancer", household=cls.household_a
        )
        cls.leader, cls.leader_user = cls._club_leader(
            "Dance Leader", cls.club_dance, household=cls.household_a
        )

    def _registration(self, partner, event=None):
        return self.env["event.registration"].search(
            [
                ("partner_id", "=", partner.id),
                ("event_id", "=", (event or self.activity).id),
            ]
        )

    def _starting_now(self, **vals):
        now = fields.Datetime.now().replace(microsecond=0)
        return self._event(
            "Chorus rehearsal", begin=now - timedelta(minutes=10), hours=2, **vals
        )


@tagged("post_install", "-at_install")
class TestActivityRegistration(ActivityCase):
    def test_resident_registers_once(self):
        self.activity.with_user(self.portal_a).action_register()
        registration = self._registration(self.resident_a)
        self.assertEqual(registration.state, "open")
        self.assertEqual(registration.name, "Resident A")
        self.assertEqual(registration.community_id, self.community_a)
        self.assertEqual(registration.club_id, self.club_dance)
        self.assertEqual(self.activity.registered_count, 1)
        self.assertEqual(self.activity.seats_available, 1)
        # the resident sees their registration, not the neighbour's
        self.assertEqual(
            self.env["event.registration"].with_user(self.portal_a).search([]),
            registration,
        )
        with self.refused(UserError, "already registered"):
            self.activity.with_user(self.portal_a).action_register()
        self.assertEqual(len(self._registration(self.resident_a)), 1)
        # cancelled, then registered again: the same registration
        registration.with_user(self.portal_a).action_cancel_registration()
        self.assertEqual(registration.state, "cancel")
        self.assertEqual(self.activity.seats_available, 2)
        self.activity.with_user(self.portal_a).action_register()
        self.assertEqual(self._registration(self.resident_a), registration)
        self.assertEqual(registration.state, "open")

    def test_full_activity_refuses(self):
        self._register(self.activity, self.resident_a, self.neighbour_a)
        self.assertEqual(self.activity.seats_available, 0)
        with self.refused(UserError, "is full"):
            self.activity.with_user(self.portal_third).action_register()
        self.assertFalse(self._registration(self.third))
        # the office's backend is held by event's own seat check
        with self.refused(ValidationError, "not enough seats"):
            self._register(self.activity, self.third)

    def test_other_community_and_non_residents_refused(self):
        activity_b = self._event("Chorus B rehearsal", area=self.community_b)
        # not published for them: it does not exist for the resident of A
        with self.refused(AccessError, ""):
            activity_b.with_user(self.portal_a).action_register()
        self.assertFalse(self._registration(self.resident_a, activity_b))
        # a coordinator of another community sees the activity, may not register
        self.activity.coordinator_ids = [(4, self.portal_b.id)]
        with self.refused(AccessError, "Only residents of Community A"):
            self.activity.with_user(self.portal_b).action_register()
        # office staff are not residents
        with self.refused(AccessError, "Only residents"):
            self.activity.with_user(self.officer_a).action_register()

    def test_closed_activities_refuse(self):
        self.activity.portal_published = False
        with self.refused(AccessError, ""):
            self.activity.with_user(self.portal_a).action_register()
        self.activity.portal_published = True
        self.activity.action_set_done()  # ended (stage), before its end date
        with self.refused(UserError, "Registrations for Evening dance are closed"):
            self.activity.with_user(self.portal_a).action_register()
        past = self._event(
            "Past dance", begin=fields.Datetime.now() - timedelta(days=2)
        )
        with self.refused(UserError, "are closed"):
            past.with_user(self.portal_a).action_register()
        self.assertFalse(
            self._registration(self.resident_a)
            | self._registration(self.resident_a, past)
        )

    def test_cancel_rules(self):
        mine, neighbours = self._register(
            self.activity, self.resident_a, self.neighbour_a
        )
        with self.refused(AccessError, ""):
            neighbours.with_user(self.portal_a).action_cancel_registration()
        self.assertEqual(neighbours.state, "open")
        Registration = self.env["event.registration"].with_user(self.portal_a)
        with self.refused(UserError, "no registration to cancel"):
            Registration.action_cancel_registration()
        mine.action_set_done()
        with self.refused(UserError, "cannot be cancelled"):
            mine.with_user(self.portal_a).action_cancel_registration()
        past = self._event(
            "Past dance", begin=fields.Datetime.now() - timedelta(days=2)
        )
        (old,) = self._register(past, self.resident_a)
        with self.refused(UserError, "is over"):
            old.with_user(self.portal_a).action_cancel_registration()
        self.assertEqual(old.state, "open")
        # the office cancels any registration of its communities
        neighbours.with_user(self.officer_a).action_cancel_registration()
        self.assertEqual(neighbours.state, "cancel")
        with self.refused(AccessError, ""):
            old.with_user(self.officer_b).action_cancel_registration()


@tagged("post_install", "-at_install")
class TestActivityCheckIn(ActivityCase):
    def test_check_in_with_the_code(self):
        activity = self._starting_now()
        (registration,) = self._register(activity, self.resident_a)
        as_resident = activity.with_user(self.portal_a)
        with self.refused(UserError, "not right"):
            as_resident.check_in("WRONG1")
        with self.refused(UserError, "not right"):
            as_resident.check_in("")
        with self.refused(UserError, "not right"):
            as_resident.check_in("签到码")  # not ASCII: refused, not a crash
        self.assertEqual(registration.state, "open")
        as_resident.check_in(f"  {activity.checkin_code.lower()} ")
        self.assertEqual(registration.state, "done")
        self.assertTrue(registration.date_closed)
        self.assertEqual(activity.attended_count, 1)
        with self.refused(UserError, "already checked in"):
            as_resident.check_in(activity.checkin_code)

    def test_check_in_refusals(self):
        activity = self._starting_now()
        with self.refused(UserError, "Register for the activity before"):
            activity.with_user(self.portal_a).check_in(activity.checkin_code)
        # the check-in window: an hour before the start to an hour after the end
        tomorrow = self.activity
        (registration,) = self._register(tomorrow, self.resident_a)
        with self.refused(UserError, "an hour before the start"):
            tomorrow.with_user(self.portal_a).check_in(tomorrow.checkin_code)
        past = self._event(
            "Yesterday", begin=fields.Datetime.now() - timedelta(hours=5), hours=3
        )
        (late,) = self._register(past, self.resident_a)
        with self.refused(UserError, "an hour after the end"):
            past.with_user(self.portal_a).check_in(past.checkin_code)
        self.assertEqual((registration | late).mapped("state"), ["open", "open"])
        # another community's activity does not exist for the resident
        activity_b = self._event(
            "Chorus B", area=self.community_b, begin=activity.date_begin
        )
        with self.refused(AccessError, ""):
            activity_b.with_user(self.portal_a).check_in(activity_b.checkin_code)

    def test_checkin_code_is_generated_and_hidden_from_residents(self):
        code = self.activity.checkin_code
        self.assertEqual(len(code), 6)
        self.activity.with_user(self.officer_a).action_new_checkin_code()
        self.assertNotEqual(self.activity.checkin_code, code)
        self.assertEqual(self.activity.with_user(self.portal_a).name, "Evening dance")
        with self.assertRaises(AccessError):
            self.activity.with_user(self.portal_a).read(["checkin_code"])
        with self.assertRaises(AccessError):
            self.activity.with_user(self.portal_a).read(["note"])
        with self.assertRaises(AccessError):
            self.activity.with_user(self.portal_a).action_new_checkin_code()
        # every registration has event's barcode (shown as a QR code)
        (registration,) = self._register(self.activity, self.resident_a)
        self.assertTrue(registration.with_user(self.portal_a).barcode)


@tagged("post_install", "-at_install")
class TestActivityAttendance(ActivityCase):
    def test_leaders_and_coordinators_take_attendance(self):
        self.activity.seats_max = 3
        first, second, third = self._register(
            self.activity, self.resident_a, self.neighbour_a, self.third
        )
        # the club's leader reads the attendance of the club's activities
        Registration = self.env["event.registration"].with_user(self.leader_user)
        self.assertEqual(
            Registration.search([("event_id", "=", self.activity.id)]),
            first | second | third,
        )
        self.assertTrue(
            self.activity.with_user(self.leader_user)._can_take_attendance()
        )
        first.with_user(self.leader_user).action_mark_attended()
        self.assertEqual(first.state, "done")
        self.assertEqual(self.activity.attendance_rate, 100 / 3)
        # a leader of the association above the club leads it too
        _chair, chair_user = self._club_leader(
            "Association Chair", self.association, role="secretary", area=self.grid_a
        )
        second.with_user(chair_user).action_mark_attended()
        self.assertEqual(second.state, "done")
        # a coordinator (no club role)
        self.activity.coordinator_ids = [(4, self.portal_b.id)]
        third.with_user(self.portal_b).action_mark_attended()
        self.assertEqual(third.state, "done")
        self.assertEqual(self.activity.attended_count, 3)

    def test_others_do_not_take_attendance(self):
        mine, neighbours = self._register(
            self.activity, self.resident_a, self.neighbour_a
        )
        self.assertFalse(self.activity.with_user(self.portal_a)._can_take_attendance())
        # a resident neither reads nor ticks the others' registrations
        with self.refused(AccessError, ""):
            neighbours.with_user(self.portal_a).action_mark_attended()
        # nor their own (attendance is taken by the leaders or the code)
        with self.refused(AccessError, "Only the coordinators"):
            mine.with_user(self.portal_a).action_mark_attended()
        # a leader of another club does not lead this one
        chorus = self.env["community.club"].create(
            {"name": "Chorus", "area_id": self.community_a.id}
        )
        self.env["community.club.membership"].create(
            {
                "partner_id": self.third.id,
                "club_id": chorus.id,
                "role": "leader",
                "state": "active",
            }
        )
        with self.refused(AccessError, ""):
            mine.with_user(self.portal_third).action_mark_attended()
        # a former leader no longer does
        self.env["community.club.membership"].search(
            [("partner_id", "=", self.leader.id)]
        ).action_leave()
        with self.refused(AccessError, ""):
            mine.with_user(self.leader_user).action_mark_attended()
        # cancelled registrations cannot be checked in
        neighbours.action_cancel()
        with self.refused(UserError, "cancelled registration"):
            neighbours.with_user(self.officer_a).action_mark_attended()
        # office of another community
        with self.refused(AccessError, ""):
            mine.with_user(self.officer_b).action_mark_attended()
        self.assertEqual(mine.state, "open")
        mine.with_user(self.officer_a).action_mark_attended()
        self.assertEqual(mine.state, "done")

    def test_capacity_and_attendance_rate(self):
        first, second = self._register(self.activity, self.resident_a, self.neighbour_a)
        self.assertEqual(self.activity.seats_available, 0)
        self.assertTrue(self.activity.event_registrations_sold_out)
        first.action_set_done()
        self.assertEqual(first.state, "done")
        self.assertTrue(first.date_closed)
        self.assertEqual(self.activity.attended_count, 1)
        self.assertEqual(self.activity.registered_count, 2)
        self.assertEqual(self.activity.attendance_rate, 50.0)
        self.assertEqual(first.attended_rate, 100.0)
        self.assertEqual(second.attended_rate, 0.0)
        # attendance per club, as the pivot reads it
        [[club, rate]] = self.env["event.registration"]._read_group(
            [("club_id", "=", self.club_dance.id)], ["club_id"], ["attended_rate:avg"]
        )
        self.assertEqual((club, rate), (self.club_dance, 50.0))
        self.assertEqual(self.club_dance.activity_count, 1)
        self.assertEqual(self.club_dance.activity_ids, self.activity)


@tagged("post_install", "-at_install")
class TestActivityAccess(ActivityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_b = cls._event("Chorus B rehearsal", area=cls.community_b)
        cls.district_event = cls.env["event.event"].create(
            {
                "name": "District training day",
                "date_begin": datetime(2026, 7, 1, 1, 0),
                "date_end": datetime(2026, 7, 1, 9, 0),
            }
        )
        cls.activity.seats_limited = False
        cls._register(cls.activity, cls.resident_a)
        cls._register(cls.activity_b, cls.resident_b)

    def test_dates_and_community(self):
        with self.refused(ValidationError, "closing date cannot be earlier"):
            self._event("Clean-up", hours=-1)
        activity = self._event("Clean-up", area=self.grid_a, portal_published=False)
        self.assertEqual(activity.community_id, self.community_a)
        self.assertEqual(
            activity.event_type_id,
            self.env.ref("community_governance.event_type_community"),
        )
        # residents of the community see published activities, others do not
        self.assertFalse(activity.with_user(self.portal_a).has_access("read"))
        activity.with_user(self.officer_a).action_publish_portal()
        self.assertTrue(activity.with_user(self.portal_a).has_access("read"))
        self.assertFalse(activity.with_user(self.portal_b).has_access("read"))
        self.assertFalse(activity.with_user(self.officer_b).has_access("read"))
        # cancelled: unpublished
        activity.stage_id = self.env.ref("event.event_stage_cancelled")
        self.assertFalse(activity.portal_published)
        self.assertFalse(activity.with_user(self.portal_a).has_access("read"))
        # an event of no community is no community activity
        with self.refused(UserError, "Only a community activity"):
            self.district_event.action_publish_portal()

    @users("cg_officer_a", "cg_manager")
    def test_office_runs_its_activities(self):
        Event = self.env["event.event"]
        activity = Event.browse(self.activity.id)
        activity.write({"place": "Market gate"})
        self.assertTrue(activity.checkin_code)
        partner = self.third if self.env.user == self.manager else self.neighbour_a
        registration = self.env["event.registration"].create(
            {"event_id": activity.id, "partner_id": partner.id}
        )
        registration.action_set_done()  # event's registration desk button
        self.assertEqual(registration.state, "done")
        self.assertTrue(activity._can_take_attendance())
        created = Event.create(
            {
                "name": "Legal clinic",
                "area_id": self.grid_a.id,
                "date_begin": datetime(2026, 7, 1, 1, 0),
                "date_end": datetime(2026, 7, 1, 3, 0),
            }
        )
        self.assertEqual(created.community_id, self.community_a)
        if self.env.user == self.manager:
            self.assertIn(self.activity_b, Event.search([]))
            self.assertIn(self.district_event, Event.search([]))
            Event.browse(self.activity_b.id).write({"place": "Hall"})
            return
        # an officer keeps to their communities, events of none included
        self.assertNotIn(self.activity_b, Event.search([]))
        self.assertNotIn(self.district_event, Event.search([]))
        self.assertEqual(
            self.env["event.registration"].search([]).community_id, self.community_a
        )
        with self.assertRaises(AccessError):
            Event.browse(self.activity_b.id).read(["name"])
        with self.assertRaises(AccessError):
            Event.browse(self.activity_b.id).write({"place": "Hall"})
        with self.assertRaises(AccessError):
            Event.browse(self.district_event.id).read(["name"])
        with self.refused(AccessError, ""):
            Event.create(
                {
                    "name": "Elsewhere",
                    "area_id": self.community_b.id,
                    "date_begin": datetime(2026, 7, 1, 1, 0),
                    "date_end": datetime(2026, 7, 1, 3, 0),
                }
            )
        # an officer of a single community plans its activities by default
        self.assertEqual(Event.new({}).area_id, self.community_a)

    def test_office_event_rights_are_implied(self):
        self.assertTrue(self.officer_a.has_group("event.group_event_user"))
        self.assertFalse(self.officer_a.has_group("event.group_event_manager"))
        self.assertTrue(self.manager.has_group("event.group_event_manager"))
        # no Events app for internal users outside the office
        with self.assertRaises(AccessError):
            self.env["event.event"].with_user(self.internal).search([])

    def test_portal_reads_only_through_rules(self):
        Event = self.env["event.event"].with_user(self.portal_a)
        self.assertEqual(Event.search([]), self.activity)
        with self.assertRaises(AccessError):
            self.activity.with_user(self.portal_a).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            Event.create(
                {
                    "name": "x",
                    "date_begin": datetime(2026, 7, 1),
                    "date_end": datetime(2026, 7, 2),
                }
            )
        registration = self._registration(self.resident_a)
        with self.assertRaises(AccessError):
            registration.with_user(self.portal_a).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["event.registration"].with_user(self.portal_a).create(
                {"event_id": self.activity.id, "partner_id": self.resident_a.id}
            )
        self.assertFalse(
            self.env["event.registration"]
            .with_user(self.portal_b)
            .search([("event_id", "=", self.activity.id)])
        )
        # a coordinator from elsewhere sees the activity and its attendance
        self.activity.coordinator_ids = [(4, self.portal_b.id)]
        self.assertIn(
            self.activity, self.env["event.event"].with_user(self.portal_b).search([])
        )
        self.assertEqual(
            self.env["event.registration"]
            .with_user(self.portal_b)
            .search([("event_id", "=", self.activity.id)]),
            registration,
        )

    def test_reminder_the_day_before(self):
        [mail] = self.activity.event_mail_ids
        self.assertEqual(
            (mail.interval_type, mail.interval_nbr, mail.interval_unit),
            ("before_event", 1, "days"),
        )
        self.assertEqual(mail.template_ref, self.env.ref("event.event_reminder"))
        self.assertEqual(
            mail.scheduled_date, self.activity.date_begin - timedelta(days=1)
        )
        self.assertFalse(self.activity.question_ids)


@tagged("post_install", "-at_install")
class TestActivityHours(CommunityCase):
    """Attendance at an activity on the volunteer line becomes approved
    volunteer hours when the activity ends (once per person, only for
    registered volunteers)."""

    def _activity(self, line):
        activity = self._event(
            "Clean-up of the market gate",
            begin=datetime(2026, 5, 2, 1, 0),
            hours=2.5,
            line_id=line.id,
        )
        registrations = self._register(activity, self.resident_a, self.neighbour_a)
        registrations[0].action_set_done()  # the neighbour did not come
        return activity

    def test_attended_volunteers_get_approved_hours(self):
        self.resident_a._register_volunteer()
        self.neighbour_a._register_volunteer()
        (self.resident_a | self.neighbour_a).volunteer_since = date(2026, 1, 1)
        activity = self._activity(self.env.ref("community_governance.line_volunteer"))
        activity.with_user(self.officer_a).action_set_done()
        hours = activity.volunteer_hour_ids
        self.assertEqual(hours.volunteer_id, self.resident_a)
        self.assertEqual(hours.hours, 2.5)
        self.assertEqual(hours.state, "approved")
        self.assertEqual(hours.line_id, activity.line_id)
        self.assertEqual(hours.approver_id, self.officer_a)
        self.assertEqual(activity.volunteer_hour_count, 1)
        # ended again does not count twice
        activity.stage_id = self.env.ref("event.event_stage_announced")
        activity.action_set_done()
        activity.action_log_volunteer_hours()
        self.assertEqual(len(activity.volunteer_hour_ids), 1)
        # attendance ticked after the end: the office logs the missing hours
        self._register(activity, self._late_volunteer(), state="done")
        activity.with_user(self.officer_a).action_log_volunteer_hours()
        self.assertEqual(len(activity.volunteer_hour_ids), 2)
        with self.assertRaises(AccessError):
            activity.with_user(self.officer_b).action_log_volunteer_hours()

    def _late_volunteer(self):
        partner, _user = self._portal_resident("Late Volunteer", area=self.grid_a)
        partner.write({"is_volunteer": True, "volunteer_since": date(2026, 1, 1)})
        return partner

    def test_event_cleanup_ends_activities_and_logs_hours(self):
        self.resident_a._register_volunteer()
        self.resident_a.volunteer_since = date(2026, 1, 1)
        activity = self._activity(self.env.ref("community_governance.line_volunteer"))
        # event's daily clean-up moves ended events to the Ended stage
        self.env["event.event"].sudo()._gc_mark_events_done()
        self.assertTrue(activity.stage_id.pipe_end)
        self.assertEqual(activity.volunteer_hour_ids.volunteer_id, self.resident_a)

    def test_club_activity_is_not_volunteering(self):
        self.resident_a._register_volunteer()
        self.resident_a.volunteer_since = date(2026, 1, 1)
        activity = self._activity(self.env.ref("community_governance.line_club"))
        activity.action_set_done()
        self.assertFalse(activity.volunteer_hour_ids)

    def test_cancelled_activity_logs_no_hours(self):
        self.resident_a._register_volunteer()
        self.resident_a.volunteer_since = date(2026, 1, 1)
        activity = self._activity(self.env.ref("community_governance.line_volunteer"))
        activity.stage_id = self.env.ref("event.event_stage_cancelled")
        self.assertFalse(activity.volunteer_hour_ids)


def _as_a_request(env, func, outcome):
    """Call ``func`` as the server runs a request: a serialization failure
    is rolled back and retried, success is committed (what
    ``odoo.service.model.retrying`` does; it cannot be called from a thread
    of the test runner, whose registry lock it would wait for)."""
    for tries in range(1, 6):
        outcome["tries"] = tries
        try:
            result = func()
            env.cr.commit()  # pylint: disable=invalid-commit
            return result
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            env.cr.rollback()
            env.invalidate_all()
        except Exception:
            env.cr.rollback()
            raise
    raise AssertionError("still failing to serialize after 5 tries")


@tagged("post_install", "-at_install")
class TestSeatRace(TransactionCase):
    """Two residents race for the last seat in two transactions (two
    requests): the first locks the activity and registers; the second waits
    on the lock, fails to serialize, is retried as Odoo retries a request,
    then finds the activity full. One registration remains."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, "no_reset_password": True}
            )
            area = env["community.area"].create(
                {"name": "Race Community", "area_type": "community", "code": "RACE"}
            )
            users = env["res.users"]
            for login in ("cg_race_1", "cg_race_2"):
                partner = env["res.partner"].create(
                    {"name": login, "is_resident": True, "area_id": area.id}
                )
                users |= new_test_user(env, login, groups=PORTAL, partner_id=partner.id)
            begin = fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)
            event = env["event.event"].create(
                {
                    "name": "Last seat",
                    "area_id": area.id,
                    "date_begin": begin,
                    "date_end": begin + timedelta(hours=1),
                    "seats_limited": True,
                    "seats_max": 1,
                    "portal_published": True,
                    "stage_id": env.ref("event.event_stage_announced").id,
                }
            )
            # committed: the racing cursors must see it
            cr.commit()  # pylint: disable=invalid-commit
            self.race = (area.id, users.ids, users.partner_id.ids, event.id)
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        area_id, user_ids, partner_ids, event_id = self.race
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            event = env["event.event"].browse(event_id)
            event.registration_ids.unlink()
            event.unlink()
            env["res.users"].browse(user_ids).unlink()
            env["res.partner"].browse(partner_ids).unlink()
            env["community.area"].browse(area_id).unlink()
            # committed: the racing cursors must see it
            cr.commit()  # pylint: disable=invalid-commit

    def test_two_residents_race_for_the_last_seat(self):
        _area_id, user_ids, partner_ids, event_id = self.race
        first = api.Environment(self.registry.cursor(), user_ids[0], {})
        second = api.Environment(self.registry.cursor(), user_ids[1], {})
        watcher = self.registry.cursor()
        outcome = {}

        def register_second():
            try:
                _as_a_request(
                    second,
                    second["event.event"].browse(event_id).action_register,
                    outcome,
                )
                outcome["second"] = "registered"
            except UserError as error:
                outcome["second"] = str(error)
            finally:
                second.cr.close()

        try:
            # both requests started: their snapshots see the seat free
            for env in (first, second):
                self.assertEqual(env["event.event"].browse(event_id).seats_available, 1)
            first["event.event"].browse(event_id).action_register()
            first.cr.flush()
            thread = threading.Thread(target=register_second)
            thread.start()
            # the second request waits on the first one's lock ...
            deadline = time.time() + 20
            waiting = 0
            while not waiting and time.time() < deadline:
                watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                    "current_database() AND wait_event_type = 'Lock'"
                )
                waiting = watcher.fetchone()[0]
                watcher.rollback()
                time.sleep(0.05)
            self.assertTrue(waiting, "the second registration waits on the lock")
            # ... until the first one commits
            first.cr.commit()
            thread.join(60)
            self.assertFalse(thread.is_alive())
        finally:
            first.cr.close()
            watcher.close()
        self.assertIn("is full", outcome["second"])
        self.assertEqual(outcome["tries"], 2, "a serialization failure, then full")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT partner_id FROM event_registration "
                "WHERE event_id = %s AND state IN ('open', 'done')",
                [event_id],
            )
            self.assertEqual([row[0] for row in cr.fetchall()], partner_ids[:1])
