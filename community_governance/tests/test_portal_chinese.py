# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""No English on a portal page in 简体中文 (issue 14): every role opens its
portal pages with the language installed (Odoo's own catalogues of portal,
mail … included) and the visible text has no English word but the names
people typed in (the test's records), brand names and units."""

import re
from datetime import datetime

import polib
from lxml import html

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

from .test_phone_pages import PortalPagesCase

# Odoo's portal, mail and the web client's templates, and ours
MODULES = ["base", "web", "portal", "mail", "rating", "event", "community_governance"]
WORD = re.compile(r"[A-Za-z][A-Za-z'’]{2,}")
# not translated anywhere: brand names, units, codes; the language selector
# names each language in its own words ("English (US)"); Odoo's zh_CN keeps
# the footer's "Copyright ©" (web.frontend_layout) as it is
ALLOWED = {"Odoo", "QR", "PDF", "URL", "English", "Copyright"}
# the models whose texts people type in (names, titles, descriptions)
DATA_MODELS = [
    "res.partner",
    "res.users",
    "res.company",
    "community.area",
    "community.household",
    "community.club",
    "event.event",
    "community.petition",
    "community.petition.category",
    "community.department",
    "community.steward.slot",
    "community.volunteer.hour",
]
HIDDEN = "//script | //style | //noscript | //template | //svg | //title"


def visible_text(page):
    """The text a reader sees: the body's text and the placeholders."""
    root = html.fromstring(page)
    for element in root.xpath(HIDDEN):
        element.drop_tree()
    body = root.find("body") if root.find("body") is not None else root
    # each text node apart (options of a select are words apart)
    texts = [text.strip() for text in body.itertext()]
    texts += body.xpath("//@placeholder")
    return " ".join(text for text in texts if text)


@tagged("post_install", "-at_install")
class TestPortalChinese(HttpCase, PortalPagesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(MODULES, ["zh_CN"])
        users = cls.env["res.users"].search([("login", "like", "cg_%")])
        users.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        # an activity next year, 07:00-09:00 UTC: 15:00-17:00 in Beijing
        cls.year = fields.Date.today().year + 1
        cls.dated = cls._event(
            "Spring dance",
            begin=datetime(cls.year, 5, 4, 7, 0),
            hours=2,
            club_id=cls.club_dance.id,
        )
        cls._slot(datetime(cls.year, 5, 4, 1, 0), area=cls.entrance_a)

    def _allowed_words(self):
        """Words of what people typed in, and of the addon's terms that have
        no Chinese yet: those are TestTranslations' failures, not this test's
        (this one finds the English that is not offered for translation)."""
        words = set(ALLOWED)
        env = self.env(context=dict(self.env.context, lang="zh_CN", active_test=False))
        for model in DATA_MODELS:
            Model = env[model].sudo()
            names = [
                name
                for name, field in Model._fields.items()
                if field.type in ("char", "text", "html") and field.store
            ]
            for row in Model.search([]).read(names):
                for name in names:
                    if isinstance(row[name], str):
                        words.update(WORD.findall(row[name]))
        catalogue = polib.pofile(
            file_path("community_governance/i18n/zh_CN.po"), wrapwidth=0
        )
        translated = {entry.msgid for entry in catalogue if entry.msgstr}
        for *_unused, source, _value, _comments in TranslationModuleReader(
            env.cr, ["community_governance"]
        ):
            if source not in translated:
                words.update(WORD.findall(source))
        return words

    def _english(self, user, path, allowed):
        self.authenticate(user.login, user.login)
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200, path)
        return sorted(set(WORD.findall(visible_text(response.text))) - allowed)

    def test_no_english_on_portal_pages(self):
        allowed = self._allowed_words()
        pages = self._role_pages()
        # and the addon's other list pages, as a resident sees them
        pages["resident"][1].extend(
            [
                f"/my/activities/{self.dated.id}",
                "/my/rota",
                "/my/resources",
                "/my/deliberations",
                "/my/share",
                "/my/share/mine",
                "/my/share/matches",
                "/my/share/new",
                "/my/household/surveys",
            ]
        )
        pages["steward"][1].append(f"/my/clubs/{self.club_dance.id}")
        found = {}
        for user, paths in pages.values():
            for path in paths:
                english = self._english(user, path, allowed)
                if english:
                    found[f"{user.login} {path}"] = english
        self.assertFalse(found, "English words on Chinese portal pages")

    def test_date_ranges_in_chinese(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = visible_text(self.url_open(f"/my/activities/{self.dated.id}").text)
        self.assertIn(f"{self.year}年5月4日 15:00–17:00", page)
        self.assertNotIn(":00:00", page)
        self.authenticate(self.steward.login, self.steward.login)
        page = visible_text(self.url_open("/my/rota").text)
        self.assertIn(f"{self.year}年5月4日", page)
        self.assertIn("09:00–09:30", page)

    def test_share_form_choices_in_chinese(self):
        """The choices of the new-listing form are the fields' selections in
        the reader's language (they were the English of the constants)."""
        self.authenticate(self.portal_a.login, self.portal_a.login)
        root = html.fromstring(self.url_open("/my/share/new").text)
        for select in ("what", "visibility"):
            labels = [
                option.text_content().strip()
                for option in root.xpath(f"//select[@name='{select}']/option")
            ]
            self.assertTrue(labels, select)
            self.assertFalse(
                [label for label in labels if WORD.search(label)], (select, labels)
            )
        self.assertIn("技能", root.xpath("//select[@name='what']")[0].text_content())

    def test_odoo_chatter_in_chinese(self):
        """The portal chatter is drawn in the browser with the texts of Odoo's
        mail and portal catalogues the page loads for the reader's language:
        an empty conversation says 对话内容为空."""
        self.authenticate(self.portal_a.login, self.portal_a.login)
        body = self.url_open(
            "/web/webclient/translations/1?lang=zh_CN&mods=mail,portal"
        ).json()
        self.assertEqual(body["lang"], "zh_CN")
        messages = {
            message["id"]: message["string"]
            for module in body["modules"].values()
            for message in module["messages"]
        }
        self.assertEqual(messages.get("The conversation is empty."), "对话内容为空")
