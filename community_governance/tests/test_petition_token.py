# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A petition's portal access token is its raiser's: neighbours who read a
public petition never read the token (JSON-RPC, messages, /mail/view links),
and whoever holds it acts in the portal chatter only as far as the raiser's
own signed link allows (issue 13)."""

from odoo.exceptions import AccessError
from odoo.tests import JsonRpcException, tagged
from odoo.tools import mute_logger

from .test_petition_portal import PortalCase


@tagged("post_install", "-at_install")
class TestPetitionToken(PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # neighbour A's public petition: resident A reads it as a neighbour
        cls.bench = cls._petition(
            partner=cls.neighbour_a, category=cls.cat_public, title="Broken bench"
        )
        cls.token = cls.bench._portal_ensure_token()

    def _post_message(self, body, **params):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            dict(
                params,
                thread_model="community.petition",
                thread_id=self.bench.id,
                post_data={"body": body, "message_type": "comment"},
            ),
        )

    def _messages(self, body):
        return self.env["mail.message"].search(
            [
                ("model", "=", "community.petition"),
                ("res_id", "=", self.bench.id),
                ("body", "ilike", body),
            ]
        )

    def test_token_unreadable_by_portal_users(self):
        for user in (self.portal_a, self.portal_neighbour, self.steward):
            with self.subTest(user=user.login):
                bench = self.bench.with_user(user)
                with self.assertRaises(AccessError):
                    bench.read(["access_token"])
                with self.assertRaises(AccessError):
                    bench.search([("access_token", "=", self.token)])
        # the office still shares links
        self.assertEqual(
            self.bench.with_user(self.officer_a).read(["access_token"])[0][
                "access_token"
            ],
            self.token,
        )

    def test_messages_and_links_carry_no_token(self):
        petition = self.Petition.with_user(self.portal_neighbour).submit(
            {
                "title": "Lights out in the yard",
                "description": "The yard is dark at night.",
                "category_id": self.cat_public.id,
                "area_id": self.entrance_a.id,
            }
        )
        token = petition.sudo()._portal_ensure_token()
        # the "received" message links to the page, without the token (since
        # the batch mails of main it is a mail the neighbours may not read;
        # whatever they read carries no token either)
        received = petition.sudo().message_ids.filtered(
            lambda m: "was received" in (m.subject or "")
        )
        self.assertTrue(received)
        self.assertIn(f"/my/petitions/{petition.id}", received.body)
        self.assertNotIn(token, received.body)
        messages = petition.with_user(self.portal_a).message_ids
        for message in messages:
            self.assertNotIn(token, message.body or "")
        # /mail/view: the share link of a reader is the page, the raiser's
        # keeps the token
        petition = petition.sudo()
        neighbour = petition._get_access_action(access_uid=self.portal_a.id)
        self.assertEqual(neighbour["url"], f"/my/petitions/{petition.id}")
        raiser = petition._get_access_action(access_uid=self.portal_neighbour.id)
        self.assertIn(token, raiser["url"])
        self._login(self.portal_a)
        response = self.url_open(
            f"/mail/view?model=community.petition&res_id={petition.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("access_token", response.url)
        self.assertIn(f"/my/petitions/{petition.id}", response.url)

    @mute_logger("odoo.http")
    def test_token_alone_does_not_act_as_the_raiser(self):
        # the raiser's own comment, which a token holder must not rewrite
        # (as the portal chatter posts it)
        comment = self.bench.sudo().message_post(
            body="The bench was broken on Sunday",
            message_type="comment",
            author_id=self.neighbour_a.id,
            subtype_xmlid="mail.mt_comment",
        )
        # logged out, with the token: the page opens, the chatter is read-only
        page = self.url_open(f"/my/petitions/{self.bench.id}?access_token={self.token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Broken bench", page.text)
        # a token in other digits is a wrong token, not a crash
        other = self.url_open(f"/my/petitions/{self.bench.id}?access_token=²")
        self.assertEqual(other.status_code, 200)
        self.assertIn("/web/login", other.url)
        with self.assertRaises(JsonRpcException):
            self._post_message("Posted by whoever holds the link", token=self.token)
        self.assertFalse(self._messages("Posted by whoever holds the link"))
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/update_content",
                {
                    "message_id": comment.id,
                    "body": "Rewritten by whoever holds the link",
                    "attachment_ids": [],
                    "token": self.token,
                },
            )
        self.assertIn("broken on Sunday", comment.body)
        # a signed link of somebody else is not the raiser's
        other = self.resident_a.id
        with self.assertRaises(JsonRpcException):
            self._post_message(
                "Signed for another", pid=other, hash=self.bench._sign_token(other)
            )
        # garbage in the chatter's parameters is refused, not a crash
        for params in (
            {"pid": "x", "hash": 5},
            {"token": ["a"]},
            {"pid": 2**40},
            {"token": "²"},
            {"pid": self.neighbour_a.id, "hash": "①"},
        ):
            with self.subTest(params=params), self.assertRaises(JsonRpcException):
                self._post_message("Garbage", **params)
        # the raiser's signed link (their notification mail) posts as them
        raiser = self.neighbour_a.id
        self._post_message(
            "Thank you for looking", pid=raiser, hash=self.bench._sign_token(raiser)
        )
        self.assertEqual(self._messages("Thank you for looking").author_id.id, raiser)
        signed = self.url_open(
            f"/my/petitions/{self.bench.id}?access_token={self.token}"
            f"&pid={raiser}&hash={self.bench._sign_token(raiser)}"
        )
        self.assertIn(f'data-pid="{raiser}"', signed.text)

    def test_neighbour_with_the_token_stays_themselves(self):
        """Logged in, a neighbour holding the token posts as themselves."""
        self._login(self.portal_a)
        self._post_message("A neighbour's word", token=self.token)
        self.assertEqual(
            self._messages("A neighbour's word").author_id, self.resident_a
        )

    def test_former_handler_neither_follows_nor_posts(self):
        """After the petition climbed above them, the stairwell steward no
        longer reads it: they stop following it and cannot post on it over
        JSON-RPC (mail let followers post)."""
        petition = self._petition(title="Water in the basement")
        self.assertEqual(petition.user_id, self.steward)
        self.assertIn(self.steward_partner, petition.message_partner_ids)
        petition.with_user(self.steward).escalate("Needs the grid leader")
        self.assertEqual(petition.user_id, self.grid_leader)
        self.assertNotIn(self.steward_partner, petition.message_partner_ids)
        self.assertIn(self.grid_leader_partner, petition.message_partner_ids)
        with self.assertRaises(AccessError):
            petition.with_user(self.steward).message_post(body="Still mine?")
        # the raiser keeps following, and posts
        petition.with_user(self.portal_a).message_post(body="Thank you")

    def test_record_pager_carries_no_token(self):
        """Portal's previous/next links of a petition page carried the access
        tokens of the neighbouring petitions of the list (the matrix of
        tests/test_attack_routes.py found it)."""
        other = self._petition(
            partner=self.neighbour_a, category=self.cat_public, title="Dark gate"
        )
        self._login(self.portal_a)
        self.assertEqual(self.url_open("/my/petitions").status_code, 200)
        page = self.url_open(f"/my/petitions/{self.bench.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("access_token", page.text)
        self.assertNotIn(self.token, page.text)
        self.assertNotIn(other.sudo()._portal_ensure_token(), page.text)
        self.assertRegex(page.text, r'href="/my/petitions/\d+"')
