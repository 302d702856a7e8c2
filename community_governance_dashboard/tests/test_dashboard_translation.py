# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json
import re

import polib

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader, extract_spreadsheet_terms

MODULE = "community_governance_dashboard"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestDashboardInChinese(TransactionCase):
    """A Chinese office reads the dashboard in Chinese: no title of the
    spreadsheet is plain text (they are ``_t()`` formulas or menu links, which
    the web client translates), Odoo's export finds every one of them, the
    bridge's zh_CN.po has each in Chinese and the web client of a zh_CN user
    receives them; the dashboard's name and group are Chinese too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "=", MODULE)]
        )._update_translations(["zh_CN"])
        cls.dashboard = cls.env.ref(f"{MODULE}.spreadsheet_dashboard_community")
        cls.raw = base64.b64decode(cls.dashboard.spreadsheet_binary_data)
        cls.titles = {
            message
            for _line, _func, message, _comments in extract_spreadsheet_terms(
                io.BytesIO(cls.raw), [], [], {}
            )
        }
        cls.officer = new_test_user(
            cls.env,
            login="cg_dashboard_zh",
            groups="base.group_user,community_governance.group_officer",
            lang="zh_CN",
        )

    def test_no_title_is_plain_text(self):
        data = json.loads(self.raw)
        plain = [
            content
            for sheet in data["sheets"]
            for cell in sheet["cells"].values()
            if (content := cell.get("content", ""))
            and not content.startswith("=")
            and not re.fullmatch(r"\[.+\]\(odoo://.+\)", content)
        ]
        self.assertFalse(plain, "texts the web client cannot translate")
        self.assertIn(
            "Community overview", self.titles, "the heading is a _t() formula"
        )
        self.assertIn("Petitions this month", self.titles, "the links' labels")
        self.assertIn("Month", self.titles, "the filter's label")
        self.assertGreaterEqual(len(self.titles), 10)

    def test_every_term_has_chinese(self):
        catalogue = polib.pofile(file_path(f"{MODULE}/i18n/zh_CN.po"), wrapwidth=0)
        translated = {e.msgid: e.msgstr for e in catalogue if e.msgstr}
        terms = {row[4] for row in TranslationModuleReader(self.env.cr, [MODULE])}
        self.assertLessEqual(self.titles, terms, "Odoo's export finds the titles")
        self.assertIn("Community Overview", terms)
        missing = sorted(terms - set(translated))
        self.assertFalse(missing, "no Chinese in the bridge's i18n/zh_CN.po")
        self.assertFalse(
            [t for t in terms if not CHINESE.search(translated[t])], "not Chinese"
        )

    def test_zh_cn_user_sees_chinese_titles(self):
        env = self.env(user=self.officer, context={"lang": "zh_CN"})
        # what the web client loads to translate the spreadsheet (_t, links)
        translations, lang = env["ir.http"].get_translations_for_webclient(
            [MODULE], "zh_CN"
        )
        self.assertEqual(lang["code"], "zh_CN")
        messages = {m["id"]: m["string"] for m in translations[MODULE]["messages"]}
        self.assertEqual(messages["Petitions this month"], "本月诉求")
        self.assertEqual(messages["Community overview"], "社区概览")
        for title in self.titles:
            with self.subTest(title=title):
                self.assertRegex(messages.get(title, ""), CHINESE)
        # the dashboard as the Dashboards app lists it
        groups = env["spreadsheet.dashboard.group"].search_read(
            [("dashboard_ids", "in", self.dashboard.ids)], ["name"]
        )
        self.assertEqual([g["name"] for g in groups], ["社区"])
        self.assertEqual(
            env["spreadsheet.dashboard"].browse(self.dashboard.id).name, "社区概览"
        )
        english = self.dashboard.with_context(lang="en_US")
        self.assertEqual(english.name, "Community Overview")
