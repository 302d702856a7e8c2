# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one test base of the addon: two communities, their areas and people,
and one user per role (new_test_user), so that every test file can write a
role matrix with ``@users(...)``.

Community A (code TA): grid 1 → building 1 → entrances 1 and 2, building 2 →
entrance 1, an alley (Market Lane); a household in entrance 1 with resident A
and neighbour A. Community B (TB): grid 1 → building 1 → entrance 1 with
resident B.

Logins (password = login), for ``@users`` and ``HttpCase.authenticate``:

=================  ============================================================
cg_manager         Community Governance / Manager (sees every community)
cg_officer_a       Officer, office staff and responsible user of community A
cg_officer_b       Officer of community B
cg_internal        internal user without any community role
cg_portal_a        resident A (portal)
cg_portal_n        neighbour A, same household as resident A (portal)
cg_portal_b        resident B, community B (portal)
cg_steward         stairwell steward of entrance 1 of community A  (*)
cg_grid            grid leader of grid 1 of community A  (*)
cg_liaison         liaison of the Urban Management department (portal)
cg_liaison_t       liaison of the Traffic Police department (portal)  (*)
=================  ============================================================

(*) created by ``_setup_petition_handlers()``, with the Traffic Police's liaison.
"""

import json
import logging
import re
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from odoo import fields, http
from odoo.tests import TransactionCase, new_test_user

PORTAL = "base.group_portal"
OFFICER = "community_governance.group_officer"
MANAGER = "community_governance.group_manager"


class CommunityCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        ref = cls.env.ref
        # ---------------------------------------------------------- office
        cls.manager = new_test_user(cls.env, "cg_manager", groups=MANAGER)
        cls.officer_a = new_test_user(cls.env, "cg_officer_a", groups=OFFICER)
        cls.officer_b = new_test_user(cls.env, "cg_officer_b", groups=OFFICER)
        cls.internal = new_test_user(cls.env, "cg_internal", groups="base.group_user")
        # ----------------------------------------------------------- areas
        Area = cls.env["community.area"]
        cls.community_a = Area.create(
            {
                "name": "Community A",
                "area_type": "community",
                "code": "TA",
                "user_id": cls.officer_a.id,
                "officer_ids": [(4, cls.officer_a.id)],
            }
        )
        cls.community_b = Area.create(
            {
                "name": "Community B",
                "area_type": "community",
                "code": "TB",
                "officer_ids": [(4, cls.officer_b.id)],
            }
        )
        cls.grid_a = cls._area("Grid 1", "grid", cls.community_a)
        cls.building_a = cls._area("Building 1", "building", cls.grid_a)
        cls.entrance_a = cls._area("Unit 1", "entrance", cls.building_a)
        cls.entrance_a2 = cls._area("Unit 2", "entrance", cls.building_a)
        cls.building_a2 = cls._area("Building 2", "building", cls.grid_a)
        cls.entrance_a3 = cls._area("Unit 1", "entrance", cls.building_a2)
        cls.alley_a = cls._area("Market Lane", "alley", cls.community_a)
        cls.grid_b = cls._area("Grid 1", "grid", cls.community_b)
        cls.building_b = cls._area("Building 1", "building", cls.grid_b)
        cls.entrance_b = cls._area("Unit 1", "entrance", cls.building_b)
        # ------------------------------------------------------- residents
        Household = cls.env["community.household"]
        cls.household_a = Household.create(
            {"area_id": cls.entrance_a.id, "unit_number": "101"}
        )
        cls.household_b = Household.create(
            {"area_id": cls.entrance_b.id, "unit_number": "101"}
        )
        cls.resident_a, cls.portal_a = cls._portal_resident(
            "Resident A", household=cls.household_a, login="cg_portal_a"
        )
        cls.neighbour_a, cls.portal_neighbour = cls._portal_resident(
            "Neighbour A", household=cls.household_a, login="cg_portal_n"
        )
        cls.resident_b, cls.portal_b = cls._portal_resident(
            "Resident B", household=cls.household_b, login="cg_portal_b"
        )
        # -------------------------------------------------------- stewards
        cls.role_stairwell = ref("community_governance.steward_role_stairwell")
        cls.role_grid = ref("community_governance.steward_role_grid")
        cls.role_alley = ref("community_governance.steward_role_alley")
        cls.steward_group = ref("community_governance.group_portal_steward")
        cls.Steward = cls.env["community.steward"]
        # ----------------------------------------------------- departments
        Partner = cls.env["res.partner"]
        cls.liaison = new_test_user(
            cls.env,
            "cg_liaison",
            groups=PORTAL,
            partner_id=Partner.create({"name": "Liaison", "email": "l@example.com"}).id,
            email="l@example.com",
        )
        cls.liaison_partner = cls.liaison.partner_id
        Department = cls.env["community.department"]
        cls.department_urban = Department.create(
            {"name": "Urban Management", "liaison_user_ids": [(4, cls.liaison.id)]}
        )
        cls.department_traffic = Department.create({"name": "Traffic Police"})
        # ------------------------------------------------------- petitions
        Category = cls.env["community.petition.category"]
        cls.cat_private = Category.create(
            {
                "name": "Stairwell matters",
                "entrance_hours": 24,
                "grid_hours": 48,
                "office_hours": 72,
                "department_hours": 120,
            }
        )
        cls.cat_public = Category.create(
            {
                "name": "Public space",
                "is_public": True,
                "cosign_threshold": 2,
                "cosign_answer_hours": 48,
                "department_ids": [(6, 0, cls.department_urban.ids)],
            }
        )
        cls.Petition = cls.env["community.petition"]
        # ----------------------------------------------------------- clubs
        Club = cls.env["community.club"]
        cls.association = Club.create(
            {"name": "Culture and Sports Association", "area_id": cls.community_a.id}
        )
        cls.club_dance = Club.create(
            {
                "name": "Square Dance",
                "area_id": cls.community_a.id,
                "parent_id": cls.association.id,
                "category_id": ref("community_governance.club_category_sports").id,
            }
        )
        cls.club_b = Club.create({"name": "Chorus B", "area_id": cls.community_b.id})

    # ------------------------------------------------------------------
    # Factories
    # ------------------------------------------------------------------
    @classmethod
    def _setup_petition_handlers(cls):
        """The handlers of the petition ladder: a stairwell steward serving
        entrance 1 and a grid leader serving grid 1 of community A (portal
        users), and a liaison for the Traffic Police."""
        # The handlers of the stairwell and grid levels of the petition ladder
        # are the serving stewards of those areas.
        cls.steward_partner, cls.steward = cls._portal_resident(
            "Stairwell Steward", area=cls.entrance_a2, login="cg_steward"
        )
        cls.grid_leader_partner, cls.grid_leader = cls._portal_resident(
            "Grid Leader", area=cls.grid_a, login="cg_grid"
        )
        (
            cls._steward(cls.steward_partner, cls.role_stairwell, cls.entrance_a)
            | cls._steward(cls.grid_leader_partner, cls.role_grid, cls.grid_a)
        ).action_appoint()
        cls.liaison_traffic = new_test_user(
            cls.env,
            "cg_liaison_t",
            groups=PORTAL,
            partner_id=cls.env["res.partner"]
            .create({"name": "Traffic Liaison", "email": "traffic@example.com"})
            .id,
            email="traffic@example.com",
        )
        cls.liaison_traffic_partner = cls.liaison_traffic.partner_id
        cls.department_traffic.liaison_user_ids = [(4, cls.liaison_traffic.id)]

    @classmethod
    def _area(cls, name, area_type, parent, **vals):
        return cls.env["community.area"].create(
            dict(vals, name=name, area_type=area_type, parent_id=parent.id)
        )

    @classmethod
    def _portal_resident(cls, name, household=None, area=None, login=None, **vals):
        """A resident with a portal account (password = login)."""
        vals = dict(
            vals,
            name=name,
            is_resident=True,
            email=f"{name.lower().replace(' ', '.')}@example.com",
        )
        if household:
            vals["household_id"] = household.id
        if area:
            vals["area_id"] = area.id
        partner = cls.env["res.partner"].create(vals)
        login = login or "cg_" + name.lower().replace(" ", "_")
        user = new_test_user(
            cls.env,
            login,
            groups=PORTAL,
            partner_id=partner.id,
            password=login,
            name=name,
            email=partner.email,
        )
        return partner, user

    @classmethod
    def _steward(cls, partner, role, area, **vals):
        return cls.env["community.steward"].create(
            dict(
                {"partner_id": partner.id, "role_id": role.id, "area_id": area.id},
                **vals,
            )
        )

    @classmethod
    def _petition(cls, partner=None, category=None, **vals):
        values = {
            "title": "Bikes block the stairwell",
            "description": "Three bikes are parked in front of the door.",
            "partner_id": (partner or cls.resident_a).id,
            "category_id": (category or cls.cat_private).id,
        }
        values.update(vals)
        return cls.env["community.petition"].create(values)

    @classmethod
    def _event(cls, name="Evening dance", area=None, begin=None, hours=2, **vals):
        """A community activity (an event with an area, community A's by
        default), published on the portal and announced, starting ``begin``
        (tomorrow by default) for ``hours``. Community activities take the
        community activity template (a reminder the day before)."""
        begin = begin or fields.Datetime.now().replace(microsecond=0) + timedelta(
            days=1
        )
        values = {
            "name": name,
            "area_id": (area or cls.community_a).id,
            "date_begin": begin,
            "date_end": begin + timedelta(hours=hours),
            "portal_published": True,
            "stage_id": cls.env.ref("event.event_stage_announced").id,
        }
        values.update(vals)
        return cls.env["event.event"].create(values)

    @classmethod
    def _club_leader(cls, name, club, role="leader", **vals):
        """A resident (portal user) in an active leading role of ``club``."""
        partner, user = cls._portal_resident(name, **vals)
        cls.env["community.club.membership"].create(
            {
                "partner_id": partner.id,
                "club_id": club.id,
                "role": role,
                "state": "active",
            }
        )
        return partner, user

    @classmethod
    def _register(cls, event, *partners, state="open"):
        """Registrations of ``partners`` for ``event``, as the office."""
        return cls.env["event.registration"].create(
            [
                {"event_id": event.id, "partner_id": partner.id, "state": state}
                for partner in partners
            ]
        )

    @contextmanager
    def refused(self, exception, regex):
        """assertRaisesRegex that rolls back what the refused call wrote."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield

    # ------------------------------------------------------------------
    # Clubs, the steward rota and volunteers
    # ------------------------------------------------------------------
    @classmethod
    def _membership(cls, partner, club, **vals):
        return cls.env["community.club.membership"].create(
            dict({"partner_id": partner.id, "club_id": club.id}, **vals)
        )

    @classmethod
    def _slot(cls, start, minutes=30, name="Market gate", area=None, **vals):
        """A duty slot of the alley stewards' rota (Market Lane of community A
        unless ``area`` is given)."""
        return cls.env["community.steward.slot"].create(
            dict(
                {
                    "name": name,
                    "role_id": cls.role_alley.id,
                    "area_id": (area or cls.alley_a).id,
                    "date_start": start,
                    "date_end": start + timedelta(minutes=minutes),
                },
                **vals,
            )
        )

    @classmethod
    def _setup_volunteers(cls):
        """Residents A, B and neighbour A registered as volunteers since 2020;
        an activity of community A (service line) coordinated by the
        neighbour's portal user, and one of community B. Tests freeze the day
        at ``VOLUNTEER_TODAY`` where dates matter."""
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

    @classmethod
    def _hour(
        cls, partner=None, day=date(2026, 6, 1), hours=2.0, state="approved", **vals
    ):
        return cls.env["community.volunteer.hour"].create(
            dict(
                {
                    "volunteer_id": (partner or cls.resident_a).id,
                    "date": day,
                    "hours": hours,
                    "state": state,
                },
                **vals,
            )
        )


# The day volunteer tests are frozen at (freeze_time), see _setup_volunteers.
VOLUNTEER_TODAY = date(2026, 6, 15)


class PortalHttpMixin:
    """For HttpCase tests of the portal: log in as a role user (password =
    login), post a form with or without the CSRF token, call a model method
    over JSON-RPC."""

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _post(self, url, data=None, csrf=True):
        # a field at least, or url_open sends a GET
        data = dict(data or {}, submitted="1")
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data)

    def _flash(self, response):
        """The feedback shown after the redirect: (kind, message) or None."""
        match = re.search(
            r'class="alert alert-(\w+) o_cg_flash"[^>]*>([^<]*)<', response.text
        )
        return match and (match.group(1), match.group(2).strip())

    def _ok(self, response, message):
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._flash(response)[0], "success", self._flash(response))
        self.assertIn(message, self._flash(response)[1])

    def _refused(self, response, message):
        self.assertEqual(response.status_code, 200)
        flash = self._flash(response)
        self.assertTrue(flash, "a refusal is shown")
        self.assertEqual(flash[0], "danger", flash)
        self.assertIn(message, flash[1])

    def _counters(self, counters):
        """The portal home's ``/my/counters`` for ``counters``, as the
        logged-in user: (result, the counting SQL queries it ran)."""
        queries = []

        class Capture(logging.Handler):
            def emit(self, record):
                queries.append(record.getMessage())

        handler, logger = Capture(), logging.getLogger("odoo.sql_db")
        level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        try:
            response = self.url_open(
                "/my/counters",
                data=json.dumps({"params": {"counters": counters}}),
                headers={"Content-Type": "application/json"},
            )
        finally:
            logger.setLevel(level)
            logger.removeHandler(handler)
        self.assertEqual(response.status_code, 200)
        counts = [q for q in queries if "COUNT(" in q.upper()]
        return response.json()["result"], counts

    def _call(self, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` over JSON-RPC, as the logged-in
        user (a refusal raises JsonRpcException naming the error class)."""
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )
