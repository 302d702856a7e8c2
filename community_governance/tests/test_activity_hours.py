# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import CommunityCase


@tagged("post_install", "-at_install")
class TestActivityHours(CommunityCase):
    """Attendance at a volunteering activity becomes approved volunteer hours."""

    def _activity(self, line):
        activity = self.env["community.activity"].create(
            {
                "name": "Clean-up of the market gate",
                "area_id": self.community_a.id,
                "line_id": line.id,
                "date_begin": "2026-05-02 01:00:00",
                "date_end": "2026-05-02 03:30:00",
            }
        )
        activity.action_confirm()
        Registration = self.env["community.activity.registration"]
        registrations = Registration.create(
            [
                {"activity_id": activity.id, "partner_id": p.id}
                for p in (self.resident_a, self.neighbour_a)
            ]
        )
        registrations[0].action_attend()  # the neighbour did not come
        return activity

    def test_attended_volunteers_get_approved_hours(self):
        self.resident_a._register_volunteer()
        self.neighbour_a._register_volunteer()
        (self.resident_a | self.neighbour_a).volunteer_since = date(2026, 1, 1)
        activity = self._activity(self.env.ref("community_governance.line_volunteer"))
        activity.with_user(self.officer_a).action_done()
        hours = activity.volunteer_hour_ids
        self.assertEqual(hours.volunteer_id, self.resident_a)
        self.assertEqual(hours.hours, 2.5)
        self.assertEqual(hours.state, "approved")
        # marking it done again does not count twice
        activity.action_confirm()
        activity.action_done()
        self.assertEqual(len(activity.volunteer_hour_ids), 1)

    def test_club_activity_is_not_volunteering(self):
        self.resident_a._register_volunteer()
        self.resident_a.volunteer_since = date(2026, 1, 1)
        activity = self._activity(self.env.ref("community_governance.line_club"))
        activity.action_done()
        self.assertFalse(activity.volunteer_hour_ids)
