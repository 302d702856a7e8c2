# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One way to show a start-end on the portal (issue 14): 12月5日 15:00–16:30 in
Chinese, Dec 5, 15:00–16:30 in English, in the reader's time zone; the date
once, no seconds, the year only when it is not this year."""

from datetime import date, datetime, timedelta

from odoo.tests import TransactionCase

from ..models.community_mixin import format_date_range, format_day

TODAY = date(2026, 12, 2)
SHANGHAI = {"tz": "Asia/Shanghai", "today": TODAY}


def utc(*args):
    """A Beijing wall-clock time as stored (UTC, 8 hours earlier)."""
    return datetime(*args) - timedelta(hours=8)


class TestDateRange(TransactionCase):
    def test_same_day(self):
        start, end = utc(2026, 12, 5, 15, 0), utc(2026, 12, 5, 16, 30)
        self.assertEqual(
            format_date_range(start, end, lang="zh_CN", **SHANGHAI),
            "12月5日 15:00–16:30",
        )
        self.assertEqual(
            format_date_range(start, end, lang="en_US", **SHANGHAI),
            "Dec 5, 15:00–16:30",
        )
        # under the day's heading: the hours only
        self.assertEqual(
            format_date_range(start, end, lang="zh_CN", with_date=False, **SHANGHAI),
            "15:00–16:30",
        )

    def test_across_days(self):
        start, end = utc(2026, 12, 5, 15, 0), utc(2026, 12, 6, 9, 0)
        self.assertEqual(
            format_date_range(start, end, lang="zh_CN", **SHANGHAI),
            "12月5日 15:00–12月6日 09:00",
        )
        self.assertEqual(
            format_date_range(start, end, lang="en_US", with_date=False, **SHANGHAI),
            "Dec 5, 15:00–Dec 6, 09:00",
        )

    def test_other_year(self):
        start, end = utc(2027, 1, 4, 9, 0), utc(2027, 1, 4, 11, 15)
        self.assertEqual(
            format_date_range(start, end, lang="zh_CN", **SHANGHAI),
            "2027年1月4日 09:00–11:15",
        )
        self.assertEqual(
            format_date_range(start, end, lang="en_US", **SHANGHAI),
            "Jan 4, 2027, 09:00–11:15",
        )
        # from this year into the next: both years, or it reads as one year
        self.assertEqual(
            format_date_range(utc(2026, 12, 31, 20, 0), end, lang="zh_CN", **SHANGHAI),
            "2026年12月31日 20:00–2027年1月4日 11:15",
        )
        # a steward's term from a past year to this one (seen on the rota)
        self.assertEqual(
            format_date_range(
                date(2019, 6, 2), date(2026, 12, 22), lang="zh_CN", today=TODAY
            ),
            "2019年6月2日–2026年12月22日",
        )

    def test_time_zone_moves_the_day(self):
        # 23:30 UTC on Dec 4 is 07:30 on Dec 5 in Beijing
        start, end = datetime(2026, 12, 4, 23, 30), datetime(2026, 12, 5, 1, 0)
        self.assertEqual(
            format_date_range(start, end, lang="zh_CN", **SHANGHAI),
            "12月5日 07:30–09:00",
        )
        self.assertEqual(
            format_date_range(start, end, lang="en_US", tz="UTC", today=TODAY),
            "Dec 4, 23:30–Dec 5, 01:00",
        )

    def test_dates_and_open_ends(self):
        self.assertEqual(
            format_date_range(
                date(2026, 12, 5), date(2026, 12, 20), lang="zh_CN", today=TODAY
            ),
            "12月5日–12月20日",
        )
        self.assertEqual(
            format_date_range(
                date(2026, 3, 1), date(2027, 2, 28), lang="en_US", today=TODAY
            ),
            "Mar 1, 2026–Feb 28, 2027",
        )
        self.assertEqual(
            format_date_range(date(2026, 3, 1), date(2026, 3, 1), today=TODAY), "Mar 1"
        )
        self.assertEqual(
            format_date_range(utc(2026, 12, 5, 15, 0), None, lang="zh_CN", **SHANGHAI),
            "12月5日 15:00",
        )
        self.assertEqual(format_date_range(False, False), "")

    def test_day_heading(self):
        self.assertEqual(
            format_day(utc(2026, 12, 5, 9, 0), lang="zh_CN", **SHANGHAI), "12月5日周六"
        )
        self.assertEqual(
            format_day(utc(2026, 12, 5, 9, 0), lang="en_US", **SHANGHAI), "Sat, Dec 5"
        )
        self.assertEqual(
            format_day(utc(2027, 1, 4, 9, 0), lang="en_US", **SHANGHAI),
            "Mon, Jan 4, 2027",
        )

    def test_reader_language_and_time_zone(self):
        """The model helper the templates call takes the reader's language and
        time zone from the environment."""
        self.env["res.lang"]._activate_lang("zh_CN")
        start = datetime(2030, 6, 1, 7, 0)
        Mixin = self.env["community.mixin"].with_context(
            lang="zh_CN", tz="Asia/Shanghai"
        )
        self.assertEqual(
            Mixin._date_range(start, datetime(2030, 6, 1, 8, 30)),
            "2030年6月1日 15:00–16:30",
        )
        self.assertEqual(
            Mixin.with_context(lang="en_US", tz="UTC")._date_range(
                start, datetime(2030, 6, 1, 8, 30)
            ),
            "Jun 1, 2030, 07:00–08:30",
        )
