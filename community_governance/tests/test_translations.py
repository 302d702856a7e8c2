# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

# named placeholders of Python strings and the {{ }} expressions of templates
PLACEHOLDERS = re.compile(r"%\(\w+\)[sdf]|\{\{.*?\}\}")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """A Chinese office sees no English: every term Odoo would export for the
    addon (code, views, data and demo) has its translation in zh_CN.po, and
    the translations keep the placeholders the program fills in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.catalogue = polib.pofile(
            file_path("community_governance/i18n/zh_CN.po"), wrapwidth=0
        )

    def test_every_term_is_translated(self):
        translated = {entry.msgid for entry in self.catalogue if entry.msgstr}
        terms = {
            source
            for _module, _type, _name, _res_id, source, _value, _comments in (
                TranslationModuleReader(self.env.cr, ["community_governance"])
            )
        }
        self.assertGreater(len(terms), 500)
        missing = sorted(terms - translated)
        self.assertFalse(
            missing,
            "%d terms have no Chinese translation (make i18n, then translate "
            "them in i18n/zh_CN.po): %s" % (len(missing), missing[:20]),
        )

    def test_translations_keep_placeholders(self):
        wrong = [
            entry.msgid
            for entry in self.catalogue
            if entry.msgstr
            and sorted(PLACEHOLDERS.findall(entry.msgid))
            != sorted(PLACEHOLDERS.findall(entry.msgstr))
        ]
        self.assertFalse(wrong, "translations that lose or add placeholders")
