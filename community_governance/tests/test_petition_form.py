# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The new-petition form tells the resident, before sending, who will see the
petition and which files it takes, offers "hide my name" only where
neighbours see something, and shrinks large photos in the browser before they
are sent (the server's limits still hold)."""

import io
import logging
import re

from lxml import html
from PIL import Image

from odoo.tests import tagged

from ..models.community_petition import MAX_FILE_SIZE, MAX_FILES
from .test_petition_portal import PortalCase

_logger = logging.getLogger(__name__)

PUBLIC = "Neighbours of your community will see this petition and may co-sign it."
PRIVATE = "Neighbours will not see this petition: only you and those who handle it."
UNKNOWN = "Neighbours of your community see the petitions of public categories"


@tagged("post_install", "-at_install")
class TestPetitionForm(PortalCase):
    def _form(self, response):
        forms = html.fromstring(response.content).xpath(
            "//form[contains(@class, 'o_petition_form')]"
        )
        self.assertEqual(len(forms), 1, "the new-petition form")
        return forms[0]

    def _shown(self, element):
        return "d-none" not in (element.get("class") or "").split()

    def _sentences(self, form):
        """The visibility sentences the reader sees (the others are hidden
        until the category changes)."""
        return [
            " ".join(sentence.text_content().split())
            for sentence in form.xpath(".//*[@data-visibility]")
            if self._shown(sentence)
        ]

    def _anonymous(self, form):
        """The "hide my name" block, or None when the form has none."""
        blocks = form.xpath(".//*[contains(@class, 'o_petition_anonymous')]")
        return blocks[0] if blocks else None

    def _sent_with_error(self, **values):
        """The form as the server shows it again after an error (a page
        without JavaScript shows what the server rendered)."""
        response = self._new(title="", **values)
        self.assertEqual(response.status_code, 400)
        return self._form(response)

    def test_form_says_who_will_see_the_petition(self):
        self._login(self.portal_a)
        form = self._form(self.url_open("/my/petitions/new"))
        # the choice itself says it: categories grouped by who sees them
        groups = {
            group.get("label"): [o.text_content() for o in group.xpath("option")]
            for group in form.xpath(".//select[@name='category_id']/optgroup")
        }
        self.assertIn(self.cat_public.name, groups["Public: neighbours see it"], groups)
        self.assertIn(
            self.cat_private.name,
            groups["Private: only you and those who handle it see it"],
        )
        public_option = form.xpath(
            f".//option[@value='{self.cat_public.id}'][@data-public='1']"
        )
        self.assertTrue(public_option, "the script knows which ones are public")
        sentences = self._sentences(form)
        self.assertEqual(len(sentences), 1, sentences)
        self.assertIn(UNKNOWN, sentences[0], "nothing chosen yet: both kinds said")
        self.assertTrue(self._shown(self._anonymous(form)))
        # after an error, as sent: the sentence of the chosen category
        form = self._sent_with_error(category_id=self.cat_private.id, is_anonymous="1")
        self.assertEqual(self._sentences(form), [PRIVATE])
        anonymous = self._anonymous(form)
        self.assertFalse(self._shown(anonymous), "nothing public, nothing to hide")
        self.assertFalse(anonymous.xpath(".//input[@checked]"))
        form = self._sent_with_error(category_id=self.cat_public.id, is_anonymous="1")
        self.assertEqual(self._sentences(form), [PUBLIC])
        anonymous = self._anonymous(form)
        self.assertTrue(self._shown(anonymous))
        self.assertTrue(anonymous.xpath(".//input[@name='is_anonymous'][@checked]"))

    def test_hide_my_name_only_where_something_is_public(self):
        self.env["community.petition.category"].search(
            [("is_public", "=", True)]
        ).active = False
        self._login(self.portal_a)
        form = self._form(self.url_open("/my/petitions/new"))
        self.assertIsNone(self._anonymous(form), "no public category: not offered")
        self.assertFalse(form.xpath(".//input[@name='is_anonymous']"))
        self.assertEqual(self._sentences(form), [PRIVATE])
        self.assertFalse(form.xpath(".//optgroup[@label='Public: neighbours see it']"))
        # sent anyway (an old form, a hand-made request): not kept
        response = self._new(title="Leak", is_anonymous="1")
        self._ok(response, "Your petition was sent")
        petition = self.Petition.search([("title", "=", "Leak")])
        self.assertFalse(petition.is_public)
        self.assertFalse(petition.is_anonymous)

    def test_upload_limits_said_before_choosing_files(self):
        self._login(self.portal_a)
        form = self._form(self.url_open("/my/petitions/new"))
        limits = form.xpath(".//*[contains(@class, 'o_petition_upload_limits')]")
        self.assertEqual(
            limits[0].text_content().strip(),
            f"Up to {MAX_FILES} photos or PDF files, "
            f"{MAX_FILE_SIZE // (1024 * 1024)} MB each at most.",
        )
        (upload,) = form.xpath(".//input[@name='attachments']")
        self.assertIn("o_cg_shrink_photos", upload.get("class"))
        self.assertEqual(upload.get("data-max-bytes"), str(MAX_FILE_SIZE))
        # the browser shrinks photos to the size Odoo stores them at; where
        # Odoo keeps photos as they are, so does the browser (but the limit in
        # bytes still holds)
        for max_px, size in (
            ("1920x1920", ("1920", "1920")),
            ("1024x768", ("1024", "768")),
            ("0", (None, None)),
        ):
            with self.subTest(max_px=max_px):
                self.env["ir.config_parameter"].sudo().set_param(
                    "base.image_autoresize_max_px", max_px
                )
                (upload,) = self._form(self.url_open("/my/petitions/new")).xpath(
                    ".//input[@name='attachments']"
                )
                self.assertEqual(
                    (upload.get("data-max-width"), upload.get("data-max-height")),
                    size,
                )
                self.assertEqual(upload.get("data-max-bytes"), str(MAX_FILE_SIZE))

    def test_tour_large_photo_is_shrunk_before_upload(self):
        """In Chrome: the sentence follows the category, and a 4000 × 3000
        photo larger than the server accepts reaches it within 1920 px and the
        limit (the server would refuse the original: it did not get it)."""
        self.env["ir.config_parameter"].sudo().set_param(
            "base.image_autoresize_max_px", "1920x1920"
        )
        self.start_tour(
            "/my/petitions/new", "community_petition_form_tour", login="cg_portal_a"
        )
        petition = self.Petition.search([("title", "=", "Wet photo of the stairwell")])
        self.assertEqual(len(petition), 1, "sent, and accepted")
        original = int(re.search(r"(\d+) bytes", petition.description).group(1))
        self.assertGreater(original, MAX_FILE_SIZE, "the original was too large")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "community.petition"), ("res_id", "=", petition.id)]
        )
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.mimetype, "image/jpeg")
        self.assertEqual(attachment.name, "stairwell.jpg")
        self.assertLessEqual(len(attachment.raw), MAX_FILE_SIZE)
        self.assertLess(len(attachment.raw), original)
        width, height = Image.open(io.BytesIO(attachment.raw)).size
        _logger.info(
            "photo shrunk in the browser: %s bytes 4000x3000 -> %s bytes %sx%s",
            original,
            len(attachment.raw),
            width,
            height,
        )
        self.assertEqual((width, height), (1920, 1440), "4:3 kept, within 1920 px")
