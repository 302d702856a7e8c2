# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Blowing the whistle (issue 14, item 4): the officer is warned before
summoning a department nobody can be notified at, gives each department its
own deadlines and instruction; the liaison sees the petition's photos on the
dispatch, reports back with proof and exchanges messages with the office."""

import ast
import base64
import importlib.util
import pathlib
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, JsonRpcException, tagged
from odoo.tools import SQL, mute_logger

from .petition_common import PetitionCase
from .test_petition_portal import PNG, PortalCase

ADDON = pathlib.Path(__file__).resolve().parent.parent


class WhistleMixin:
    @classmethod
    def _setup_whistle(cls):
        # nobody acts for the water company: a summons reaches nobody
        cls.department_water = cls.env["community.department"].create(
            {"name": "Water Company"}
        )
        # an inactive liaison notifies nobody either
        cls.department_gas = cls.env["community.department"].create(
            {"name": "Gas Company"}
        )
        gas_user = cls.env["res.users"].create(
            {
                "name": "Former Gas Liaison",
                "login": "cg_gas_former",
                "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )
        cls.department_gas.liaison_user_ids = [(4, gas_user.id)]
        gas_user.active = False


class TestDispatchWizard(WhistleMixin, PetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_whistle()

    def _wizard_form(self, petition):
        action = petition.with_user(self.officer_a).action_dispatch_wizard()
        return Form(
            self.env[action["res_model"]]
            .with_user(self.officer_a)
            .with_context(**action["context"])
        )

    def test_departments_without_liaison(self):
        self.assertEqual(
            (
                self.department_urban
                | self.department_traffic
                | self.department_water
                | self.department_gas
            )._without_liaison(),
            self.department_water | self.department_gas,
        )

    def test_wizard_warns_and_summons_with_lines(self):
        petition = self._petition(title="Water pipe burst")
        before = fields.Datetime.now()
        form = self._wizard_form(petition)
        self.assertFalse(form.unreachable_names, "nothing picked, nothing to warn of")
        form.department_ids.add(self.department_urban)
        self.assertFalse(form.unreachable_names)
        self.assertEqual(len(form.line_ids), 1)
        with form.line_ids.edit(0) as line:
            # the category's hours from now: 24 h to acknowledge, 120 to report
            self.assertEqual(line.department_id, self.department_urban)
            ack = fields.Datetime.to_datetime(line.date_acknowledge_deadline)
            rep = fields.Datetime.to_datetime(line.date_deadline)
            self.assertAlmostEqual((ack - before).total_seconds(), 24 * 3600, delta=120)
            self.assertAlmostEqual(
                (rep - before).total_seconds(), 120 * 3600, delta=120
            )
            line.instruction = "Close the valve in the basement first."
            line.date_deadline = before + timedelta(hours=48)
        # picking a department without liaison warns at once, naming it
        form.department_ids.add(self.department_water)
        self.assertEqual(form.unreachable_names, "Water Company")
        self.assertEqual(len(form.line_ids), 2)
        with form.line_ids.edit(0) as line:
            # what was typed on the first line stays
            self.assertEqual(line.instruction, "Close the valve in the basement first.")
            self.assertTrue(line.has_liaison)
        with form.line_ids.edit(1) as line:
            self.assertEqual(line.department_id, self.department_water)
            self.assertFalse(line.has_liaison)
            line.instruction = "Send a repair crew."
            line.date_acknowledge_deadline = before + timedelta(hours=2)
        wizard = form.save()
        mails_before = self.env["mail.mail"].search([]).ids
        wizard.action_confirm()
        # sent after the warning: both summoned, each with its own values
        self.assertEqual(petition.state, "dispatched")
        urban = petition.dispatch_ids.filtered(
            lambda d: d.department_id == self.department_urban
        )
        water = petition.dispatch_ids - urban
        self.assertEqual(water.department_id, self.department_water)
        self.assertEqual(urban.instruction, "Close the valve in the basement first.")
        self.assertAlmostEqual(
            (urban.date_deadline - before).total_seconds(), 48 * 3600, delta=2
        )
        self.assertAlmostEqual(
            (urban.date_acknowledge_deadline - before).total_seconds(),
            24 * 3600,
            delta=120,
        )
        self.assertEqual(water.instruction, "Send a repair crew.")
        self.assertAlmostEqual(
            (water.date_acknowledge_deadline - before).total_seconds(),
            2 * 3600,
            delta=2,
        )
        # the liaison's summons mail carries the instruction and the deadline;
        # nobody's mail for the water company
        mails = self.env["mail.mail"].search([("id", "not in", mails_before)])
        summons = mails.filtered(
            lambda m: m.model == urban._name and m.res_id == urban.id
        )
        self.assertEqual(summons.recipient_ids, self.liaison_partner)
        self.assertIn("Close the valve in the basement first.", summons.body_html)
        self.assertFalse(
            mails.filtered(lambda m: m.model == water._name and m.res_id == water.id)
        )
        # the petition's chatter (an internal note for the office, not the
        # raiser's mail) and the dispatch say nobody was notified
        note = petition.message_ids.filtered(
            lambda m: "Nobody could be notified at Water Company" in m.body
        )
        self.assertEqual(len(note), 1)
        self.assertTrue(note.subtype_id.internal)
        self.assertFalse(
            [n for n in petition.log_ids.mapped("note") if n and "Nobody" in n],
            "not on the raiser's timeline",
        )
        self.assertTrue(
            water.message_ids.filtered(
                lambda m: "Nobody was notified: Water Company" in m.body
            )
        )
        self.assertFalse(
            urban.message_ids.filtered(lambda m: "Nobody was notified" in m.body)
        )

    def test_dispatch_over_rpc_same_rule(self):
        """Over RPC dispatch() summons a department without liaison too (and
        says so), returns True, and checks the details it is given."""
        petition = self._petition(title="Gas smell").with_user(self.officer_a)
        later = fields.Datetime.now() + timedelta(hours=10)
        for details, message in (
            ({self.department_gas.id: "x"}, "could not be read"),
            ("x", "could not be read"),
            (
                {self.department_gas.id: {"date_deadline": "2000-01-01 00:00:00"}},
                "deadlines in the future",
            ),
            (
                {self.department_gas.id: {"date_deadline": "tomorrow"}},
                "deadlines in the future",
            ),
            (
                {
                    self.department_gas.id: {
                        "date_acknowledge_deadline": later,
                        "date_deadline": later - timedelta(hours=1),
                    }
                },
                "cannot come before",
            ),
            (
                {self.department_gas.id: {"instruction": "nul\x00"}},
                "cannot be stored",
            ),
        ):
            with self.subTest(details=details), self.refused(UserError, message):
                petition.dispatch(self.department_gas, details)
        self.assertFalse(petition.dispatch_ids, "nothing summoned on a refusal")
        # ids as JSON gives them: strings for keys, strings for datetimes
        result = petition.dispatch(
            self.department_gas.ids,
            {
                str(self.department_gas.id): {
                    "date_deadline": fields.Datetime.to_string(later),
                    "date_acknowledge_deadline": False,
                    "instruction": "  Check the meter.  ",
                }
            },
        )
        self.assertIs(result, True)
        self.assertEqual(petition.dispatch_ids.department_id, self.department_gas)
        self.assertEqual(petition.dispatch_ids.instruction, "Check the meter.")
        self.assertEqual(
            petition.dispatch_ids.date_deadline, later.replace(microsecond=0)
        )
        self.assertFalse(petition.dispatch_ids.date_acknowledge_deadline, "none asked")
        self.assertTrue(
            petition.message_ids.filtered(
                lambda m: "Nobody could be notified at Gas Company" in m.body
            )
        )
        # only the office blows the whistle, with or without details
        other = self._petition(title="Lift stuck")
        for user in (self.steward, self.portal_a, self.liaison, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                other.with_user(user).dispatch(
                    self.department_urban,
                    {self.department_urban.id: {"instruction": "x"}},
                )
        self.assertFalse(other.dispatch_ids)


class TestDispatchMailMigration(PetitionCase):
    """post-70: the noupdate summons template gets the instruction on an
    upgraded database, unless the office wrote its own."""

    def _migrate(self):
        path = ADDON / "migrations/18.0.2.0.0/post-70-dispatch-instruction-mail.py"
        spec = importlib.util.spec_from_file_location("post_70", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.2.0.0")
        self.env.invalidate_all()

    def _old_body(self, template, write_uid):
        old = template.body_html.replace("The community office asks:", "")
        old = old.replace("object.instruction", "False")
        # as 18.0.1.0.0 loaded it: from a data file renamed since
        template.write(
            {
                "body_html": old,
                "template_fs": "community_governance/data/"
                "community_petition_mail_templates.xml",
            }
        )
        self.env.flush_all()  # the ORM's UPDATE first: it sets write_uid too
        self.env.cr.execute(
            SQL(
                "UPDATE mail_template SET write_uid = %s WHERE id = %s",
                write_uid,
                template.id,
            )
        )
        self.env.invalidate_all()

    def test_template_reset_unless_edited(self):
        template = self.env.ref("community_governance.mail_template_petition_dispatch")
        self.assertIn("object.instruction", template.body_html)
        self._old_body(template, self.env.ref("base.user_root").id)
        self.assertNotIn("object.instruction", template.body_html)
        self._migrate()
        self.assertIn("object.instruction", template.body_html)
        # an office's own wording stays
        self._old_body(template, self.officer_a.id)
        self._migrate()
        self.assertNotIn("object.instruction", template.body_html)


class TestWizardTitles(WhistleMixin, PetitionCase):
    """Every dialog of the addon has a title, else the web client shows
    "Odoo"."""

    def test_wizard_actions_of_the_addon_have_a_name(self):
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "community_governance"),
                ("model", "=", "ir.actions.act_window"),
            ]
        )
        actions = self.env["ir.actions.act_window"].browse(data.mapped("res_id"))
        wizards = actions.filtered(
            lambda a: a.target == "new" or self.env[a.res_model]._transient
        )
        self.assertGreaterEqual(len(wizards), 8)
        self.assertTrue(self.env["ir.actions.act_window"]._fields["name"].translate)
        for action in wizards:
            with self.subTest(action=action.xml_id):
                self.assertTrue((action.name or "").strip())
                self.assertNotEqual(action.name.strip(), "Odoo")

    def test_action_dicts_opening_a_dialog_have_a_translated_name(self):
        """Every ``{"type": "ir.actions.act_window", "target": "new"}`` the
        addon's Python returns names the dialog, and not with a fixed English
        literal: through ``self.env._`` or a (translated) selection label."""
        checked = 0
        for path in sorted(ADDON.glob("**/*.py")):
            if "tests" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.Dict):
                    continue
                items = {
                    key.value: value
                    for key, value in zip(node.keys, node.values, strict=True)
                    if isinstance(key, ast.Constant)
                }
                if not (
                    getattr(items.get("type"), "value", None) == "ir.actions.act_window"
                    and getattr(items.get("target"), "value", None) == "new"
                ):
                    continue
                checked += 1
                where = f"{path.relative_to(ADDON)}:{node.lineno}"
                with self.subTest(where=where):
                    self.assertIn("name", items, "a dialog without a title")
                    self.assertNotIsInstance(
                        items["name"], ast.Constant, "an untranslated title"
                    )
        self.assertGreaterEqual(checked, 6)

    def test_petition_dialogs_titled_by_their_action(self):
        petition = self._petition().with_user(self.officer_a)
        self.assertEqual(petition.action_dispatch_wizard()["name"], "Blow the Whistle")
        self.assertEqual(petition.action_escalate_wizard()["name"], "Escalate")
        self.assertEqual(petition.action_resolve_wizard()["name"], "Resolve")
        self.assertEqual(petition.action_duplicate_wizard()["name"], "Duplicate")
        petition.dispatch(self.department_urban)
        dispatch = petition.dispatch_ids
        self.assertEqual(dispatch.action_report_wizard()["name"], "Report Back")
        self.assertEqual(dispatch.action_decline_wizard()["name"], "Decline")
        # in the user's language: the label of the wizard's mode
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.model.fields.selection"].search(
            [
                ("field_id.model", "=", "community.petition.wizard"),
                ("field_id.name", "=", "mode"),
                ("value", "=", "dispatch"),
            ]
        ).with_context(lang="fr_FR").name = "Coup de sifflet"
        self.assertEqual(
            petition.with_context(lang="fr_FR").action_dispatch_wizard()["name"],
            "Coup de sifflet",
        )


@tagged("post_install", "-at_install")
class TestDispatchPortalWhistle(WhistleMixin, PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_whistle()
        Attachment = cls.env["ir.attachment"]
        cls.photo_a = Attachment.create(
            {
                "name": "leak.png",
                "raw": PNG,
                "res_model": "community.petition",
                "res_id": cls.private_a.id,
            }
        )
        cls.pdf_a = Attachment.create(
            {
                "name": "plan.pdf",
                "raw": b"%PDF-1.4\n%%EOF\n",
                "res_model": "community.petition",
                "res_id": cls.private_a.id,
            }
        )
        cls.photo_b = Attachment.create(
            {
                "name": "noise.png",
                "raw": PNG,
                "res_model": "community.petition",
                "res_id": cls.public_a.id,
            }
        )
        cls.private_a.with_user(cls.officer_a).dispatch(
            cls.department_urban | cls.department_traffic,
            {cls.department_urban.id: {"instruction": "Fix the pipe in 2-101."}},
        )
        cls.public_a.with_user(cls.officer_a).dispatch(cls.department_urban)
        cls.dispatch = cls.private_a.dispatch_ids.filtered(
            lambda d: d.department_id == cls.department_urban
        )
        cls.dispatch_traffic = cls.private_a.dispatch_ids - cls.dispatch
        cls.other_dispatch = cls.public_a.dispatch_ids

    def test_liaison_sees_photos_and_instruction_of_his_dispatch(self):
        self._login(self.liaison)
        page = self.url_open(f"/my/dispatches/{self.dispatch.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Fix the pipe in 2-101.", page.text)
        # the summons and its deadlines to the minute, no seconds
        self.assertNotRegex(page.text, r"\d{1,2}:\d{2}:\d{2}")
        # the proof's limits said before choosing, photos shrunk on the phone
        self.assertIn("Up to 5 photos or PDF files, 5 MB each at most.", page.text)
        self.assertIn(
            'class="form-control o_cg_shrink_photos" name="attachments"', page.text
        )
        self.assertIn(f"/web/image/{self.photo_a.id}/160x160?access_token=", page.text)
        # only the photos of this dispatch's petition, no other file
        self.assertNotIn(f"/web/image/{self.photo_b.id}/", page.text)
        self.assertNotIn(f"/web/content/{self.pdf_a.id}", page.text)
        self.assertIn("o_portal_chatter", page.text)
        thumbnail = self.url_open(
            f"/web/image/{self.photo_a.id}/160x160"
            f"?access_token={self.photo_a.sudo().access_token}"
        )
        self.assertEqual(thumbnail.status_code, 200)
        self.assertTrue(thumbnail.headers["Content-Type"].startswith("image/"))
        other = self.url_open(f"/my/dispatches/{self.other_dispatch.id}")
        self.assertIn(f"/web/image/{self.photo_b.id}/160x160", other.text)
        self.assertNotIn(f"/web/image/{self.photo_a.id}/", other.text)
        self.assertNotIn("Fix the pipe in 2-101.", other.text)
        # the photos through the dispatch only: another department's liaison
        # gets neither the page nor the photos' list
        self._login(self.liaison_traffic)
        self.assertEqual(
            self.url_open(f"/my/dispatches/{self.other_dispatch.id}").status_code, 404
        )
        with self.assertRaises(AccessError):
            self.other_dispatch.with_user(self.liaison_traffic)._petition_photos()
        with self.assertRaises(AccessError):
            self.dispatch.with_user(self.portal_a)._petition_photos()

    def test_report_back_with_proof(self):
        self._login(self.liaison)
        url = f"/my/dispatches/{self.dispatch.id}/report"
        # the petition form's file rules: a text file is not a photo
        response = self._post(
            url,
            {"report": "Pipe replaced"},
            files=[("attachments", ("notes.txt", b"just text", "text/plain"))],
        )
        self._refused(response, "is not a photo or a PDF")
        self.assertEqual(self.dispatch.state, "summoned", "nothing written")
        response = self._post(
            url,
            {"report": "Pipe replaced"},
            files=[("attachments", ("after.png", PNG, "image/png"))],
        )
        self._ok(response, "Your report was sent")
        self.assertEqual(self.dispatch.state, "reported")
        message = self.dispatch.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("Pipe replaced", message.body)
        self.assertEqual(message.author_id, self.liaison_partner)
        self.assertEqual(message.attachment_ids.name, "after.png")
        self.assertEqual(message.attachment_ids.res_model, self.dispatch._name)
        self.assertEqual(message.attachment_ids.res_id, self.dispatch.id)
        self.assertEqual(base64.b64decode(message.attachment_ids.datas), PNG)
        # the office sees the proof on the dispatch's chatter
        self.assertIn(message, self.dispatch.with_user(self.officer_a).message_ids)
        # the liaison in the portal chatter, with a link to the file
        fetched = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": self.dispatch._name, "thread_id": self.dispatch.id},
        )
        messages = fetched["data"]["mail.message"]
        proof = [m for m in messages if m["id"] == message.id]
        self.assertTrue(proof, "the report is in the portal chatter")
        self.assertEqual(proof[0]["attachment_ids"][0]["name"], "after.png")

    def test_report_proof_over_rpc_checked(self):
        dispatch = self.dispatch.with_user(self.liaison)
        with self.refused(UserError, "larger than 5 MB"):
            dispatch.report_back(
                "Done", [{"name": "big.png", "raw": PNG + b"0" * (5 * 1024 * 1024)}]
            )
        with self.refused(UserError, "Attach at most 5 files"):
            dispatch.report_back("Done", [{"name": "a.png", "raw": PNG}] * 6)
        with self.assertRaises(AccessError):
            self.dispatch.with_user(self.liaison_traffic).report_back(
                "Done", [{"name": "a.png", "raw": PNG}]
            )
        self.assertEqual(self.dispatch.state, "summoned")
        dispatch.report_back(
            "Done", [{"name": "a.png", "datas": base64.b64encode(PNG).decode()}]
        )
        self.assertEqual(self.dispatch.state, "reported")

    def _post_message(self, dispatch, body, **params):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            dict(
                params,
                thread_model=dispatch._name,
                thread_id=dispatch.id,
                # as the portal composer sends it
                post_data={
                    "body": body,
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            ),
        )

    def _messages(self, dispatch, body):
        return self.env["mail.message"].search(
            [
                ("model", "=", dispatch._name),
                ("res_id", "=", dispatch.id),
                ("body", "ilike", body),
            ]
        )

    @mute_logger("odoo.http")
    def test_messages_between_liaison_and_office(self):
        self._login(self.liaison)
        self._post_message(self.dispatch, "Which entrance is it?")
        message = self._messages(self.dispatch, "Which entrance is it?")
        self.assertEqual(message.author_id, self.liaison_partner)
        # the office handler follows the dispatch: the question reaches them
        self.assertIn(self.officer_a.partner_id, self.dispatch.message_partner_ids)
        self.assertIn(self.officer_a.partner_id, message.notified_partner_ids)
        # the office answers on the dispatch form's chatter
        self.dispatch.with_user(self.officer_a).message_post(
            body="Entrance 1, flat 101",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        answer = self._messages(self.dispatch, "Entrance 1, flat 101")
        self.assertIn(self.liaison_partner, answer.notified_partner_ids)
        # nobody else posts there: another department's liaison, a resident
        # (even the raiser), a steward; not with a forged signed link either
        for user in (self.liaison_traffic, self.portal_a, self.steward):
            self._login(user)
            with self.subTest(user=user.login):
                with self.assertRaises(JsonRpcException):
                    self._post_message(self.dispatch, f"Posted by {user.login}")
                with self.assertRaises(JsonRpcException):
                    self._post_message(
                        self.dispatch,
                        f"Signed by {user.login}",
                        pid=user.partner_id.id,
                        hash="0" * 64,
                        token="x",
                    )
                with self.assertRaises(AccessError):
                    self.dispatch.with_user(user).message_post(
                        body=f"RPC by {user.login}", message_type="comment"
                    )
                self.assertFalse(self._messages(self.dispatch, user.login))
        self.assertEqual(
            self.url_open(f"/my/dispatches/{self.dispatch.id}").status_code, 404
        )
