# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import new_test_user

from .common import CommunityCase

TODAY = date(2026, 6, 15)


class VolunteerCase(CommunityCase):
    """Residents A and B registered as volunteers since 2020, an activity of
    community A coordinated by the neighbour's portal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Hour = cls.env["community.volunteer.hour"]
        cls.line_volunteer = cls.env.ref("community_governance.line_volunteer")
        cls.line_service = cls.env.ref("community_governance.line_service")
        cls.line_party = cls.env.ref("community_governance.line_party")
        (cls.resident_a | cls.resident_b | cls.neighbour_a).write(
            {"is_volunteer": True, "volunteer_since": date(2020, 1, 1)}
        )
        cls.activity_a = cls._event(
            "Clean-up day",
            begin=datetime(2026, 6, 1, 8, 0),
            hours=4,
            line_id=cls.line_service.id,
            coordinator_ids=[(4, cls.portal_neighbour.id)],
        )
        cls.activity_b = cls._event(
            "Chorus", area=cls.community_b, begin=datetime(2026, 6, 1, 8, 0), hours=4
        )
        cls.office_only = new_test_user(
            cls.env, "cg_plain_user", groups="base.group_user"
        )

    def _hour(
        self, partner=None, day=date(2026, 6, 1), hours=2.0, state="approved", **vals
    ):
        return self.Hour.create(
            dict(
                {
                    "volunteer_id": (partner or self.resident_a).id,
                    "date": day,
                    "hours": hours,
                    "state": state,
                },
                **vals,
            )
        )
