# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import gc
import re
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .petition_common import PetitionCase
from .test_petition_portal import PortalCase

START = datetime(2026, 3, 2, 8, 0)
# statements that depend on the data, not on the number of records
TOLERANCE = 5


@tagged("post_install", "-at_install")
class TestBatchQueries(PetitionCase):
    """Batch operations of a district (issue 15): their queries do not grow
    with the batch. Each operation is counted at two sizes, 10 and 100; the
    figures at scale come from ``make bench``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # with chatter and tracking, as the office works
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.residents = cls.env["res.partner"].create(
            [
                {
                    "name": f"Resident {i}",
                    "is_resident": True,
                    "area_id": (cls.entrance_a, cls.entrance_a2, cls.alley_a)[i % 3].id,
                    "email": f"resident{i}@example.com",
                }
                for i in range(100)
            ]
        )

    def _queries(self, call):
        """Queries of ``call()`` with the changes flushed, on an empty cache."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        call()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _values(self, count):
        return [
            {
                "title": f"Matter {i}",
                "description": "Found at the door-to-door survey.",
                "partner_id": self.residents[i].id,
                "category_id": (self.cat_private, self.cat_public)[i % 2].id,
            }
            for i in range(count)
        ]

    def _assert_constant(self, small, large, ceiling):
        """No query per record: 100 records cost what 10 cost, give or take
        the few statements that depend on the data rather than on the size
        (one INSERT per distinct set of columns, one subscription per
        distinct office user)."""
        self.assertLessEqual(large, small + TOLERANCE, "queries grow with the batch")
        self.assertLessEqual(large, ceiling)

    def _at_two_sizes(self, call, ceiling):
        call(10)  # warm the caches (access rules, subtypes, templates)
        small = self._queries(lambda: call(10))
        large = self._queries(lambda: call(100))
        self._assert_constant(small, large, ceiling)
        return large

    def test_create_petitions_in_batch(self):
        Petition = self.env["community.petition"].with_user(self.officer_a)
        created = []
        self._at_two_sizes(
            lambda n: created.append(Petition.create(self._values(n))), ceiling=60
        )
        petitions = created[-1]
        self.assertEqual(len(set(petitions.mapped("name"))), 100, "one reference each")
        on_entrance = petitions.filtered(lambda p: p.area_id == self.entrance_a)
        self.assertEqual(on_entrance.user_id, self.steward, "handler of the level")
        self.assertEqual(set(on_entrance.mapped("level")), {"entrance"})
        petition = petitions[0]
        self.assertIn(petition.partner_id, petition.message_partner_ids)
        self.assertIn(petition.user_id.partner_id, petition.message_partner_ids)
        mails = self.env["mail.mail"].search(
            [("model", "=", petition._name), ("res_id", "=", petition.id)]
        )
        self.assertEqual(
            set(mails.mapped("recipient_ids")),
            {petition.partner_id, petition.user_id.partner_id},
            "the received mail to the resident, the new one to the handler",
        )

    def test_create_dispatches_in_batch(self):
        petitions = self.env["community.petition"].create(self._values(100))
        Dispatch = self.env["community.petition.dispatch"].with_user(self.officer_a)

        def create(count):
            return Dispatch.create(
                [
                    {"petition_id": p.id, "department_id": self.department_urban.id}
                    for p in petitions[:count]
                ]
            )

        self._at_two_sizes(create, ceiling=40)
        dispatch = petitions[0].dispatch_ids[-1:]
        self.assertIn(self.liaison_partner, dispatch.message_partner_ids)
        summoned = self.env["mail.mail"].search(
            [("model", "=", dispatch._name), ("res_id", "=", dispatch.id)]
        )
        self.assertEqual(summoned.recipient_ids, self.liaison_partner)

    def test_portal_submit(self):
        Petition = self.env["community.petition"].with_user(self.portal_a)
        values = {
            "title": "Stairwell light",
            "description": "Out for a week.",
            "category_id": self.cat_private.id,
            "area_id": self.entrance_a.id,
        }
        Petition.submit(dict(values, title="Warm-up"))  # the caches
        self.assertLessEqual(self._queries(lambda: Petition.submit(values)), 40)

    def _overdue(self, count):
        """``count`` petitions due at START + 24 h, half of them with a
        dispatch due then too."""
        with freeze_time(START):
            petitions = self.env["community.petition"].create(self._values(count))
            self.env["community.petition.dispatch"].create(
                [
                    {"petition_id": p.id, "department_id": self.department_urban.id}
                    for p in petitions[: count // 2]
                ]
            )
        petitions.date_deadline = START + timedelta(hours=24)
        petitions.dispatch_ids.date_deadline = START + timedelta(hours=24)
        return petitions

    def test_overdue_job_constant_per_batch(self):
        self.cat_private.auto_escalate = True
        Petition = self.env["community.petition"]
        counts = []
        for count in (10, 10, 100):  # the first run warms the caches
            petitions = self._overdue(count)
            with freeze_time(START + timedelta(hours=25)):
                counts.append(self._queries(Petition._cron_check_overdue))
            self.assertTrue(all(petitions.mapped("was_overdue")))
            self.assertTrue(all(petitions.dispatch_ids.mapped("is_overdue")))
            escalated = petitions.filtered(lambda p: p.category_id == self.cat_private)
            self.assertTrue(escalated)
            self.assertFalse(
                escalated.filtered(lambda p: p.level == "entrance"),
                "the auto-escalating category climbed",
            )
        self._assert_constant(counts[1], counts[2], ceiling=150)

    def test_overdue_job_reports_progress_per_batch(self):
        petitions = self._overdue(25)
        progress = []

        def notify(_cron, *, done, remaining, deactivate=False):
            progress.append((done, remaining))

        with (
            patch.object(type(self.env["ir.cron"]), "_notify_progress", notify),
            freeze_time(START + timedelta(hours=25)),
        ):
            done = self.env["community.petition"]._cron_check_overdue(batch_size=10)
        total = len(petitions) + len(petitions.dispatch_ids)
        self.assertEqual(done, total)
        # batches of 10 petitions (25), then of 10 dispatches (12)
        expected = [10, 20, 25, 35, 37]
        self.assertEqual(total, 37)
        self.assertEqual([d for d, _r in progress], expected)
        self.assertEqual([r for _d, r in progress], [total - d for d in expected])


@tagged("post_install", "-at_install")
class TestPortalCounters(PortalCase):
    """The portal home's eight counters: at most one counting query per
    model, and the petitions counted on a flat domain (an ``id IN
    (subquery)`` OR-ed with the neighbours' domain scans every petition)."""

    def test_one_counting_query_per_model(self):
        self._login(self.portal_a)
        counters = [
            "petition_count",
            "dispatch_count",
            "club_count",
            "activity_count",
            "slot_count",
            "volunteer_hour_count",
            "volunteer_approval_count",
            "deliberation_count",
        ]
        result, counts = self._counters(counters)
        self.assertEqual(set(result) & set(counters), set(counters))
        self.assertGreaterEqual(result["petition_count"], 1)
        for table in (
            "community_petition",
            "community_club",
            "event_event",
            "community_steward_slot",
            "community_volunteer_hour",
            "community_deliberation",
        ):
            counting = [q for q in counts if f'FROM "{table}"' in q.split("WHERE")[0]]
            self.assertLessEqual(len(counting), 1, f"{table}: {counting}")
        petition = next(q for q in counts if 'FROM "community_petition"' in q)
        self.assertNotIn('"community_petition"."id" IN (SELECT', petition)


class TestReportGroups(PetitionCase):
    """The reports' grouping shortcut (``community.report.mixin``: one
    record, label and domain per distinct value, names read at once) returns
    what Odoo's own ``read_group`` returns, at the groupings a user picks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteers()
        for day, partner in (
            (date(2025, 11, 3), cls.resident_a),
            (date(2026, 1, 5), cls.resident_a),
            (date(2026, 6, 1), cls.resident_b),
            (date(2026, 6, 2), cls.neighbour_a),
        ):
            cls._hour(partner, day=day)
        # a contact without a name: its display name is computed, not stored
        cls.nameless = cls.env["res.partner"].create(
            {
                "parent_id": cls.resident_b.id,
                "type": "other",
                "is_volunteer": True,
                "volunteer_since": date(2020, 1, 1),
            }
        )
        cls._hour(cls.nameless, day=date(2026, 6, 3))
        for partner, category in (
            (cls.resident_a, cls.cat_private),
            (cls.resident_a, cls.cat_public),
            (cls.resident_b, cls.cat_private),
        ):
            cls._petition(partner, category)

    def _odoo_read_group(self, model, *args, **kwargs):
        """``read_group`` without the mixin's overrides: Odoo's own."""
        from odoo.models import BaseModel

        from ..report.community_report_mixin import CommunityReportMixin

        with (
            patch.object(
                CommunityReportMixin,
                "_read_group_postprocess_groupby",
                BaseModel._read_group_postprocess_groupby,
            ),
            patch.object(
                CommunityReportMixin,
                "_read_group_format_result",
                BaseModel._read_group_format_result,
            ),
        ):
            model.env.invalidate_all()
            return model.read_group(*args, **kwargs)

    def _assert_as_odoo(self, model, aggregates, groupbys, domain=()):
        for groupby in groupbys:
            with self.subTest(groupby=groupby, domain=domain):
                expected = self._odoo_read_group(
                    model, list(domain), aggregates, groupby, lazy=False
                )
                self.assertTrue(expected, "nothing to compare")
                model.env.invalidate_all()
                self.assertEqual(
                    model.read_group(list(domain), aggregates, groupby, lazy=False),
                    expected,
                )

    def test_volunteer_report_as_odoo(self):
        report = self.env["community.volunteer.report"].with_user(self.manager)
        self._assert_as_odoo(
            report,
            ["hours:sum"],
            (
                ["volunteer_id"],
                ["volunteer_id", "month:month"],
                ["community_id", "month:year"],
                ["month:month", "area_id"],
            ),
        )
        ranking = report.read_group([], ["hours:sum"], ["volunteer_id"], lazy=False)
        names = dict(group["volunteer_id"] for group in ranking)
        self.assertEqual(names[self.resident_a.id], self.resident_a.display_name)
        self.assertEqual(names[self.nameless.id], self.nameless.display_name)

    def test_petition_report_as_odoo(self):
        self._assert_as_odoo(
            self.env["community.petition.report"].with_user(self.manager),
            ["__count"],
            (
                ["community_id", "grid_id"],
                ["area_id", "date_raised:month"],
                ["category_id", "settled_level"],
                ["date_raised:week", "category_id"],
            ),
        )
        # a filtered pivot: the groups' domains start with the filter's
        self._assert_as_odoo(
            self.env["community.petition.report"].with_user(self.manager),
            ["__count"],
            (["category_id", "date_raised:month"], ["area_id"]),
            domain=[("state", "!=", "resolved"), ("priority", "=", "0")],
        )

    def test_collector_paused_only_while_grouping(self):
        """The reports pause Python's garbage collector while they build
        their groups (a district's pivot spent half its time in it), and it
        runs again afterwards, also when the grouping fails."""
        from ..report.community_report_mixin import CommunityReportMixin

        report = self.env["community.petition.report"].with_user(self.manager)
        seen = []
        original = CommunityReportMixin._group_names

        def spy(model, records):
            seen.append(gc.isenabled())
            return original(model, records)

        self.assertTrue(gc.isenabled())
        with patch.object(CommunityReportMixin, "_group_names", spy):
            groups = report.read_group([], ["__count"], ["category_id"], lazy=False)
        self.assertTrue(groups)
        self.assertEqual(seen, [False])
        self.assertTrue(gc.isenabled())
        with (
            patch.object(
                CommunityReportMixin, "_group_names", side_effect=ValueError("boom")
            ),
            self.assertRaises(ValueError),
        ):
            report.read_group([], ["__count"], ["category_id"], lazy=False)
        self.assertTrue(gc.isenabled())

    def test_read_as_odoo(self):
        """The mixin reads a report's rows column by column: the same rows as
        Odoo's ``read``, empty values included, without Odoo's per-cell
        path."""
        from odoo.models import BaseModel

        from ..report.community_report_mixin import PLAIN_READ_TYPES

        empty = []
        for model in (
            "community.petition.report",
            "community.volunteer.report",
            "community.steward.coverage",
        ):
            with self.subTest(model=model):
                Report = self.env[model].with_user(self.manager)
                fnames = [
                    name
                    for name, field in Report._fields.items()
                    if field.store and field.type in PLAIN_READ_TYPES and name != "id"
                ]
                rows = Report.search_fetch([], fnames)
                self.assertGreater(len(rows), 1)
                expected = BaseModel._read_format(rows, fnames)
                empty += [v for row in expected for v in row.values() if v is False]
                with patch.object(
                    BaseModel, "_read_format", side_effect=AssertionError("per cell")
                ):
                    self.assertEqual(rows._read_format(fnames), expected)
                # with a many2one among the fields: Odoo's own read
                self.env.invalidate_all()
                self.assertEqual(
                    rows.read([*fnames, "community_id"]),
                    self._odoo_read(rows, [*fnames, "community_id"]),
                )
        self.assertTrue(empty, "no empty value compared")

    def _odoo_read(self, records, fnames):
        from odoo.models import BaseModel

        from ..report.community_report_mixin import CommunityReportMixin

        with patch.object(CommunityReportMixin, "_read_format", BaseModel._read_format):
            self.env.invalidate_all()
            return records.read(fnames)


@tagged("post_install", "-at_install")
class TestCoverageList(PetitionCase):
    """The steward coverage list of a district (2,000 rows): names and order
    come with the rows of its one query."""

    def _list(self, domain=(), lang=None):
        """The list's model and what the web client asks of it: the fields of
        the list view (a many2one with its display name)."""
        Coverage = self.env["community.steward.coverage"].with_user(self.manager)
        if lang:
            Coverage = Coverage.with_context(lang=lang)
        arch = Coverage.get_views([(False, "list")])["views"]["list"]["arch"]
        spec = {
            name: {"fields": {"display_name": {}}}
            if Coverage._fields[name].type == "many2one"
            else {}
            for name in re.findall(r'<field name="(\w+)"', arch)
        }
        return Coverage, spec

    def _rows(self, domain=(), lang=None):
        Coverage, spec = self._list(domain, lang)
        return Coverage.web_search_read(list(domain), spec)["records"]

    def test_names_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.role_stairwell.with_context(lang="zh_CN").name = "楼门长"
        # entrance 1 has its stairwell steward (the petition ladder's)
        domain = [
            ("area_id", "=", self.entrance_a.id),
            ("role_id", "=", self.role_stairwell.id),
        ]
        for lang, role in (
            ("zh_CN", "楼门长"),
            ("en_US", self.role_stairwell.with_context(lang="en_US").name),
        ):
            with self.subTest(lang=lang):
                rows = self._rows(domain, lang)
                self.assertEqual(len(rows), 1)
                self.assertEqual(rows[0]["area_name"], self.entrance_a.complete_name)
                self.assertEqual(
                    rows[0]["community_name"], self.community_a.complete_name
                )
                self.assertEqual(rows[0]["role_name"], role)
                self.assertEqual(rows[0]["steward_count"], 1)
                self.assertTrue(rows[0]["is_covered"])

    def test_ordered_as_by_community_area_and_role(self):
        Coverage, __ = self._list()
        rows = self._rows()
        self.assertGreater(len(rows), 5)
        by_many2ones = Coverage.search([], order="community_id, area_id, role_id")
        self.assertEqual([row["id"] for row in rows], by_many2ones.ids)

    def test_one_query_whatever_the_rows(self):
        counts = []
        for count in (0, 30):
            self.env["community.area"].create(
                [
                    {
                        "name": f"Unit {count}-{i}",
                        "area_type": "entrance",
                        "parent_id": self.building_a.id,
                    }
                    for i in range(count)
                ]
            )
            self.env.flush_all()
            Coverage, spec = self._list()
            Coverage.web_search_read([], spec)  # warm: the access rules
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            rows = Coverage.web_search_read([], spec)["records"]
            counts.append((len(rows), self.cr.sql_log_count - before))
        self.assertEqual(counts[1][0], counts[0][0] + 30)
        self.assertEqual(counts[0][1], counts[1][1], counts)
        self.assertLessEqual(counts[1][1], 2, counts)
