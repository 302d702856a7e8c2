# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The petition ladder over the ORM, as each role calls it (the portal and
JSON-RPC call the same methods)."""

import base64
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, users

from .petition_common import PetitionCase

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


class TestPetitionWorkflow(PetitionCase):
    def test_raise_defaults(self):
        petition = self._petition()
        self.assertTrue(petition.name.startswith("PET/"))
        self.assertEqual(petition.area_id, self.entrance_a, "area defaults from home")
        self.assertEqual(petition.community_id, self.community_a)
        self.assertEqual(petition.level, "entrance")
        self.assertEqual(petition.user_id, self.steward)
        self.assertEqual(petition.state, "new")
        self.assertAlmostEqual(
            (petition.date_deadline - petition.date_raised).total_seconds(), 24 * 3600
        )
        self.assertIn(self.resident_a, petition.message_partner_ids)
        self.assertIn(self.steward_partner, petition.message_partner_ids)
        self.assertEqual(petition.log_ids.mapped("event"), ["raised"])
        self.assertEqual(petition.access_url, f"/my/petitions/{petition.id}")

    def test_levels_follow_the_area(self):
        on_grid = self._petition(area_id=self.grid_a.id)
        self.assertEqual(on_grid.level, "grid", "no stairwell above a grid")
        self.assertEqual(on_grid.user_id, self.grid_leader)
        on_community = self._petition(area_id=self.community_a.id)
        self.assertEqual(on_community.level, "office")
        self.assertEqual(on_community.user_id, self.officer_a)

    def test_whole_ladder(self):
        petition = self._petition()
        # The stairwell steward takes it, cannot settle it: to the grid.
        petition.with_user(self.steward).action_take()
        self.assertEqual(petition.state, "in_progress")
        self.assertTrue(petition.date_first_response)
        with self.refused(UserError, "Give a reason"):
            petition.with_user(self.steward).escalate("  ")
        petition.with_user(self.steward).escalate("Neighbours refuse to move them")
        self.assertEqual(petition.level, "grid")
        self.assertEqual(petition.user_id, self.grid_leader)
        self.assertEqual(petition.state, "new")
        # The steward no longer handles it.
        with self.assertRaises(AccessError):
            petition.with_user(self.steward).action_take()
        petition.with_user(self.grid_leader).escalate("Needs the office")
        self.assertEqual(petition.level, "office")
        self.assertEqual(petition.user_id, self.officer_a)
        with self.refused(UserError, "Blow the Whistle"):
            petition.with_user(self.officer_a).escalate("Further")
        # A portal steward cannot blow the whistle.
        with self.assertRaises(AccessError):
            petition.with_user(self.grid_leader).dispatch(self.department_urban)
        petition.with_user(self.officer_a).dispatch(
            self.department_urban | self.department_traffic
        )
        self.assertEqual(petition.state, "dispatched")
        self.assertEqual(petition.level, "department")
        self.assertEqual(petition.user_id, self.officer_a, "office stays responsible")
        self.assertEqual(len(petition.dispatch_ids), 2)
        self.assertTrue(all(d.date_deadline for d in petition.dispatch_ids))
        urban = petition.dispatch_ids.filtered(
            lambda d: d.department_id == self.department_urban
        )
        traffic = petition.dispatch_ids - urban
        # The office resolves once the departments answered.
        petition.with_user(self.officer_a).resolve("Bike racks installed outside")
        self.assertEqual(petition.state, "resolved")
        self.assertEqual(petition.settled_level, "department")
        self.assertGreaterEqual(petition.resolution_hours, 0.0)
        self.assertEqual(
            petition.log_ids.mapped("event"),
            ["raised", "taken", "escalated", "escalated", "dispatched", "resolved"],
        )
        self.assertTrue(urban and traffic)
        with self.refused(UserError, "Only an open petition"):
            petition.with_user(self.officer_a).resolve("again")

    def test_dispatch_takes_ids_over_rpc(self):
        petition = self._petition(area_id=self.community_a.id)
        petition.with_user(self.officer_a).dispatch([self.department_urban.id, 0])
        self.assertEqual(petition.dispatch_ids.department_id, self.department_urban)
        with self.refused(UserError, "already summoned"):
            petition.with_user(self.officer_a).dispatch(self.department_urban.ids)
        with self.refused(UserError, "at least one department"):
            petition.with_user(self.officer_a).dispatch([99999999])

    def test_dispatch_two_departments_one_declines(self):
        petition = self._petition(area_id=self.community_a.id)
        petition.with_user(self.officer_a).dispatch(
            self.department_urban | self.department_traffic
        )
        urban = petition.dispatch_ids.filtered(
            lambda d: d.department_id == self.department_urban
        )
        traffic = petition.dispatch_ids - urban
        # Each liaison sees only their department's dispatch.
        Dispatch = self.env["community.petition.dispatch"]
        self.assertEqual(
            Dispatch.with_user(self.liaison).search(
                [("petition_id", "=", petition.id)]
            ),
            urban,
        )
        with self.assertRaises(AccessError):
            traffic.with_user(self.liaison).action_acknowledge()
        with self.assertRaises(AccessError):
            traffic.with_user(self.liaison).report_back("Not my department")
        with self.assertRaises(AccessError):
            traffic.with_user(self.liaison).decline("Not my department")
        with self.assertRaises(AccessError):
            petition.with_user(self.liaison).read(["partner_id"])
        urban.with_user(self.liaison).action_acknowledge()
        self.assertEqual(urban.state, "acknowledged")
        self.assertTrue(urban.acknowledged_on_time)
        with self.refused(UserError, "Only a summoned dispatch"):
            urban.with_user(self.liaison).action_acknowledge()
        with self.refused(UserError, "Give the reason"):
            traffic.with_user(self.liaison_traffic).decline("")
        traffic.with_user(self.liaison_traffic).decline("Not a traffic matter")
        self.assertEqual(traffic.state, "declined")
        self.assertEqual(traffic.declined_by_id, self.liaison_traffic)
        self.assertEqual(traffic.decline_reason, "Not a traffic matter")
        with self.refused(UserError, "already answered"):
            traffic.with_user(self.liaison_traffic).report_back("After all")
        with self.refused(UserError, "Say what the department did"):
            urban.with_user(self.liaison).report_back(" ")
        urban.with_user(self.liaison).report_back("Stalls moved back behind the line")
        self.assertEqual(urban.state, "reported")
        self.assertTrue(urban.date_reported)
        # The office handler is asked to resolve now that everyone answered.
        self.assertIn(
            "All departments answered", petition.activity_ids.mapped("summary")
        )
        self.assertTrue(
            any(
                "Stalls moved back" in str(body)
                for body in petition.message_ids.mapped("body")
            )
        )
        # Re-summoning an already pending department is refused.
        petition.with_user(self.officer_a).dispatch(self.department_traffic)
        with self.refused(UserError, "already summoned"):
            petition.with_user(self.officer_a).dispatch(self.department_traffic)

    def test_auto_escalation_with_frozen_time(self):
        self.cat_private.auto_escalate = True
        start = datetime(2026, 3, 2, 8, 0)
        with freeze_time(start):
            petition = self._petition()
            manual = self._petition(category=self.cat_public, title="Streetlight")
        self.assertEqual(petition.level, "entrance")
        with freeze_time(start + timedelta(hours=23)):
            self.Petition._cron_check_overdue()
        self.assertFalse(petition.is_overdue, "not yet due")
        self.assertEqual(petition.level, "entrance")
        with freeze_time(start + timedelta(hours=25)):
            self.Petition._cron_check_overdue()
        self.assertEqual(petition.level, "grid", "escalated by itself")
        self.assertEqual(petition.user_id, self.grid_leader)
        self.assertFalse(petition.is_overdue)
        self.assertTrue(petition.was_overdue)
        self.assertFalse(petition.date_first_response, "no human answered")
        self.assertEqual(
            petition.date_deadline, start + timedelta(hours=25) + timedelta(hours=48)
        )
        self.assertIn("overdue", petition.log_ids.mapped("event"))
        # Without auto escalation only the overdue flag and notices.
        self.assertEqual(manual.level, "entrance")
        self.assertTrue(manual.is_overdue)
        overdue_msg = manual.message_ids.filtered(
            lambda m: "overdue" in (m.subject or "")
        )
        self.assertTrue(overdue_msg)
        self.assertIn(
            self.grid_leader_partner, overdue_msg.partner_ids, "level above told"
        )
        # A second run does not notify twice.
        count = len(manual.message_ids)
        with freeze_time(start + timedelta(hours=26)):
            self.Petition._cron_check_overdue()
        self.assertEqual(len(manual.message_ids), count)

    def test_overdue_dispatch(self):
        start = datetime(2026, 3, 2, 8, 0)
        with freeze_time(start):
            petition = self._petition(area_id=self.community_a.id)
            petition.with_user(self.officer_a).dispatch(self.department_urban)
        dispatch = petition.dispatch_ids
        with freeze_time(start + timedelta(hours=121)):
            self.Petition._cron_check_overdue()
        self.assertTrue(dispatch.is_overdue)
        self.assertIn("Departments late", petition.activity_ids.mapped("summary"))

    def test_reopen_within_and_after_window(self):
        start = datetime(2026, 3, 2, 8, 0)
        with freeze_time(start):
            petition = self._petition()
            petition.with_user(self.steward).action_take()
            petition.with_user(self.steward).resolve("Bikes moved to the shed")
        self.assertEqual(petition.settled_level, "entrance")
        # Someone else cannot reopen it.
        with self.assertRaises(AccessError):
            petition.with_user(self.portal_neighbour).reopen()
        with self.assertRaises(AccessError):
            petition.with_user(self.steward).reopen("Not fixed")
        with freeze_time(start + timedelta(days=3)):
            petition.with_user(self.portal_a).reopen("Bikes are back")
        self.assertEqual(petition.state, "in_progress")
        self.assertEqual(petition.level, "entrance")
        self.assertEqual(petition.user_id, self.steward)
        self.assertEqual(petition.reopen_count, 1)
        reopened = petition.message_ids.filtered(
            lambda m: "reopened" in (m.subject or "")
        )
        self.assertIn(self.steward_partner, reopened.partner_ids, "handler notified")
        with self.refused(UserError, "Only a resolved petition"):
            petition.with_user(self.portal_a).reopen("Again")
        with freeze_time(start + timedelta(days=4)):
            petition.with_user(self.steward).resolve("Shed locked")
        self.env["ir.config_parameter"].sudo().set_param(
            "community_governance.petition_reopen_days", "2"
        )
        with freeze_time(start + timedelta(days=7)), self.refused(UserError, "days"):
            petition.with_user(self.portal_a).reopen()
        self.assertEqual(petition.state, "resolved")

    def test_close(self):
        petition = self._petition()
        with self.assertRaises(AccessError):
            petition.with_user(self.portal_a).action_close()
        petition.with_user(self.officer_a).action_close()
        self.assertEqual(petition.state, "closed")
        with self.refused(UserError, "already closed"):
            petition.with_user(self.officer_a).action_close()

    def test_cosign_threshold(self):
        petition = self._petition(category=self.cat_public, title="Market gate blocked")
        self.assertEqual(petition.level, "entrance")
        Partner = self.env["res.partner"]
        third = Partner.create(
            {"name": "Third", "is_resident": True, "area_id": self.grid_a.id}
        )
        # Resident B lives in another community: cannot co-sign (cannot see it).
        with self.assertRaises(AccessError):
            petition.with_user(self.portal_b).cosign()
        with self.refused(UserError, "You raised this petition"):
            petition.with_user(self.portal_a).cosign()
        petition.with_user(self.portal_neighbour).cosign(anonymous=True)
        self.assertEqual(petition.signature_count, 1)
        with self.refused(UserError, "already co-signed"):
            petition.with_user(self.portal_neighbour).cosign()
        self.assertEqual(petition.level, "entrance")
        self.env["community.petition.signature"].create(
            {"petition_id": petition.id, "partner_id": third.id}
        )
        self.assertEqual(petition.signature_count, 2)
        self.assertEqual(petition.level, "office", "threshold obliges the office")
        self.assertEqual(petition.user_id, self.officer_a)
        self.assertTrue(petition.date_cosign_reached)
        self.assertAlmostEqual(
            (petition.date_deadline - petition.date_cosign_reached).total_seconds(),
            48 * 3600,
        )
        activity = petition.activity_ids.filtered(lambda a: a.user_id == self.officer_a)
        self.assertEqual(activity.summary, "Answer the co-signed petition")

    def test_cosign_refusals(self):
        private = self._petition()
        with self.assertRaises(AccessError):
            private.with_user(self.portal_neighbour).cosign()
        with self.refused(UserError, "Only public petitions"):
            private.sudo().cosign()
        closed = self._petition(category=self.cat_public, title="Closed one")
        closed.with_user(self.officer_a).action_close()
        with self.refused(UserError, "no longer open"):
            closed.with_user(self.portal_neighbour).cosign()
        # Office staff are no residents of the community.
        public = self._petition(category=self.cat_public, title="Bench")
        with self.refused(UserError, "Only residents of the petition's community"):
            public.with_user(self.officer_a).cosign()

    def test_duplicate_carries_cosigners(self):
        original = self._petition(category=self.cat_public, title="Streetlight out")
        duplicate = self._petition(
            partner=self.neighbour_a, category=self.cat_public, title="Dark street"
        )
        third = self.env["res.partner"].create(
            {"name": "Third", "is_resident": True, "area_id": self.grid_a.id}
        )
        self.env["community.petition.signature"].create(
            {"petition_id": duplicate.id, "partner_id": third.id, "is_anonymous": True}
        )
        with self.assertRaises(AccessError):
            duplicate.with_user(self.portal_a).mark_duplicate(original)
        with self.assertRaises(AccessError):
            duplicate.with_user(self.steward).mark_duplicate(original)
        with self.refused(UserError, "duplicate of itself"):
            duplicate.with_user(self.officer_a).mark_duplicate(duplicate)
        with self.refused(UserError, "Choose the original"):
            duplicate.with_user(self.officer_a).mark_duplicate(99999999999)
        # Officer B may not merge into (or from) community A.
        with self.assertRaises(AccessError):
            duplicate.with_user(self.officer_b).mark_duplicate(original)
        duplicate.with_user(self.officer_a).mark_duplicate(original.id)
        self.assertEqual(duplicate.state, "duplicate")
        self.assertEqual(duplicate.duplicate_of_id, original)
        self.assertEqual(original.signature_ids.partner_id, self.neighbour_a | third)
        self.assertTrue(
            original.signature_ids.filtered(
                lambda s: s.partner_id == third
            ).is_anonymous
        )
        self.assertEqual(original.level, "office", "two co-signers reach the threshold")
        with self.refused(UserError, "Only an open petition"):
            duplicate.with_user(self.officer_a).mark_duplicate(original)
        with self.refused(UserError, "itself a duplicate"):
            self._petition(title="Third").with_user(self.officer_a).mark_duplicate(
                duplicate
            )

    def test_wizards(self):
        petition = self._petition()
        Wizard = self.env["community.petition.wizard"].with_user(self.officer_a)
        Wizard.create(
            {"petition_id": petition.id, "mode": "escalate", "text": "Steward away"}
        ).action_confirm()
        self.assertEqual(petition.level, "grid")
        wizard = Wizard.create({"petition_id": petition.id, "mode": "dispatch"})
        self.assertFalse(wizard.department_ids)
        wizard.department_ids = self.department_urban
        wizard.action_confirm()
        self.assertEqual(petition.state, "dispatched")
        dispatch = petition.dispatch_ids.with_user(self.officer_a)
        for button, mode in (
            (dispatch.action_decline_wizard, "decline"),
            (dispatch.action_report_wizard, "report"),
            (petition.with_user(self.officer_a).action_resolve_wizard, "resolve"),
        ):
            context = button()["context"]
            self.assertEqual(context["default_mode"], mode)
            self.assertEqual(context["default_petition_id"], petition.id)
        self.assertEqual(
            dispatch.action_decline_wizard()["context"]["default_dispatch_id"],
            dispatch.id,
        )
        Wizard.create(
            {
                "petition_id": petition.id,
                "dispatch_id": petition.dispatch_ids.id,
                "mode": "decline",
                "text": "Not ours",
            }
        ).action_confirm()
        self.assertEqual(petition.dispatch_ids.state, "declined")
        petition.with_user(self.officer_a).dispatch(self.department_traffic)
        report = petition.dispatch_ids.filtered(lambda d: d.state == "summoned")
        Wizard.create(
            {
                "petition_id": petition.id,
                "dispatch_id": report.id,
                "mode": "report",
                "text": "Signs put up",
            }
        ).action_confirm()
        self.assertEqual(report.state, "reported")
        Wizard.create(
            {
                "petition_id": petition.id,
                "mode": "resolve",
                "text": "Settled by the office",
            }
        ).action_confirm()
        self.assertEqual(petition.settled_level, "department")
        other = self._petition(title="Other")
        Wizard.create(
            {"petition_id": other.id, "mode": "duplicate", "original_id": petition.id}
        ).action_confirm()
        self.assertEqual(other.duplicate_of_id, petition)

    def test_mail_templates_reach_the_right_people(self):
        def sent(record, subject_part):
            return record.message_ids.filtered(
                lambda m: subject_part in (m.subject or "")
            )

        petition = self._petition()
        received = sent(petition, "your petition was received")
        self.assertEqual(received.partner_ids, self.resident_a)
        self.assertIn(f"/my/petitions/{petition.id}", str(received.body))
        petition.with_user(self.steward).escalate("Too big for the stairwell")
        escalated = sent(petition, "climbs to the next level")
        self.assertEqual(
            escalated.partner_ids, self.resident_a | self.grid_leader_partner
        )
        self.assertIn("Too big for the stairwell", str(escalated.body))
        petition.with_user(self.grid_leader).escalate("Needs the office")
        petition.with_user(self.officer_a).dispatch(self.department_urban)
        summoned = sent(petition.dispatch_ids, "The community office summons")
        self.assertEqual(summoned.partner_ids, self.liaison_partner)
        self.assertNotIn(
            "Resident A", str(summoned.body), "no personal data to departments"
        )
        petition.with_user(self.officer_a).resolve("Done")
        self.assertEqual(sent(petition, "is resolved").partner_ids, self.resident_a)
        petition.with_user(self.portal_a).reopen()
        self.assertEqual(
            sent(petition, "was reopened").partner_ids, self.officer_a.partner_id
        )

    def test_no_mail_context(self):
        petition = self.Petition.with_context(community_no_mail=True).create(
            {
                "title": "Quiet",
                "description": "Raised by the demo generator.",
                "partner_id": self.resident_a.id,
                "category_id": self.cat_private.id,
            }
        )
        self.assertFalse(
            petition.message_ids.filtered(lambda m: "was received" in (m.subject or ""))
        )


class TestPetitionSubmit(PetitionCase):
    """community.petition.submit(): how a resident raises a petition, from the
    portal form or over JSON-RPC (portal users have no create right)."""

    def _values(self, **values):
        return dict(
            {
                "title": "Broken light",
                "description": "The stairwell light is broken.",
                "category_id": self.cat_private.id,
                "area_id": self.entrance_a.id,
            },
            **values,
        )

    @users("cg_portal_a")
    def test_resident_raises_with_photo(self):
        petition = self.env["community.petition"].submit(
            self._values(
                title="Dark stairwell",
                category_id=self.cat_public.id,
                is_anonymous=True,
                urgent=True,
            ),
            [{"name": "light.png", "raw": PNG}],
        )
        self.assertEqual(petition.env.user, self.portal_a, "returned as the resident")
        self.assertEqual(petition.partner_id, self.resident_a)
        self.assertEqual(petition.user_id, self.steward)
        self.assertTrue(petition.is_anonymous)
        self.assertEqual(petition.priority, "1")
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", "community.petition"), ("res_id", "=", petition.id)]
            )
        )
        self.assertEqual(attachment.mimetype, "image/png")
        self.assertEqual(attachment.name, "light.png")
        self.assertEqual(attachment.create_uid, self.portal_a)

    @users("cg_portal_a")
    def test_hide_my_name_only_where_neighbours_see(self):
        """The choice to hide one's name means something for a public
        category only: nobody in the neighbourhood sees a private petition,
        so the choice is not kept (the form does not offer it there)."""
        Petition = self.env["community.petition"]
        private = Petition.submit(self._values(title="Leak", is_anonymous=True))
        self.assertFalse(private.is_public)
        self.assertFalse(private.is_anonymous, "nothing public, nothing to hide")
        public = Petition.submit(
            self._values(
                title="Gate", category_id=self.cat_public.id, is_anonymous=True
            )
        )
        self.assertTrue(public.is_public)
        self.assertTrue(public.is_anonymous)
        self.assertFalse(
            Petition.submit(
                self._values(title="Bins", category_id=self.cat_public.id)
            ).is_anonymous
        )

    def test_office_form_offers_hide_the_name_where_neighbours_see(self):
        """The office's petition form follows the same rule: the choice
        shows for a public category, not for a private one, unless it is
        ticked already (so that it can be unticked)."""
        private = self._petition()
        with Form(private.with_user(self.officer_a)) as form:
            with self.assertRaisesRegex(AssertionError, "invisible field"):
                form.is_anonymous = True
            form.category_id = self.cat_public
            form.is_anonymous = True
        self.assertTrue(private.is_anonymous)
        self.assertTrue(private.is_public)
        with Form(private.with_user(self.officer_a)) as form:
            form.category_id = self.cat_private
            form.is_anonymous = False
        self.assertFalse(private.is_anonymous)

    @users("cg_portal_a")
    def test_refusals_create_nothing(self):
        Petition = self.env["community.petition"]
        inactive = self.cat_private.sudo().copy({"name": "Old", "active": False})
        big = PNG + b"\0" * (5 * 1024 * 1024)
        cases = [
            (self._values(title="", description=""), "Give your petition a title"),
            (self._values(title=None), "Give your petition a title"),
            (self._values(description="x" * 10001), "The description is too long"),
            (self._values(title="t" * 201), "The title is too long"),
            (self._values(title="nul\x00byte"), "cannot be stored"),
            (self._values(title=["a list"]), "cannot be stored"),
            (self._values(area_id=self.entrance_b.id), "area of your own community"),
            (self._values(area_id=self.building_a.id), "area of your own community"),
            (self._values(area_id="abc"), "area of your own community"),
            (self._values(area_id=99999999999), "area of your own community"),
            (self._values(category_id=inactive.id), "categories offered"),
            (self._values(category_id=0), "categories offered"),
        ]
        files = [
            ([{"name": "notes.txt", "raw": b"just text"}], "is not a photo or a PDF"),
            ([{"name": "big.png", "raw": big}], "is larger than 5 MB"),
            ([{"name": f"p{i}.png", "raw": PNG} for i in range(6)], "at most 5 files"),
            ([{"name": "x.png", "datas": "not base64!"}], "could not be read"),
            ("not a list", "could not be read"),
        ]
        before = Petition.sudo().search_count([])
        for values, message in cases:
            with self.subTest(message=message), self.refused(UserError, message):
                Petition.submit(values)
        for attachments, message in files:
            with self.subTest(message=message), self.refused(UserError, message):
                Petition.submit(self._values(), attachments)
        self.assertEqual(Petition.sudo().search_count([]), before)

    @users("cg_portal_a")
    def test_base64_attachment_over_rpc(self):
        petition = self.env["community.petition"].submit(
            self._values(), [{"name": "p.png", "datas": base64.b64encode(PNG).decode()}]
        )
        self.assertEqual(
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [("res_model", "=", petition._name), ("res_id", "=", petition.id)]
            ),
            1,
        )

    @users("cg_portal_a")
    def test_sent_twice_in_a_minute(self):
        Petition = self.env["community.petition"]
        Petition.submit(self._values(title="Broken window"))
        with self.refused(UserError, "You just sent this petition"):
            Petition.submit(self._values(title="Broken window"))
        Petition.submit(self._values(title="Another matter"))
        self.assertEqual(
            Petition.sudo().search_count([("title", "=", "Broken window")]), 1
        )

    @users("cg_officer_a", "cg_manager", "cg_internal", "cg_liaison")
    def test_only_residents_raise(self):
        with self.assertRaises(AccessError):
            self.env["community.petition"].submit(self._values())
