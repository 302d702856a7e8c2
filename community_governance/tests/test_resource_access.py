# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, users

from .resource_common import ResourceCase

MODELS = (
    "community.resource.type",
    "community.resource",
    "community.resource.round",
    "community.resource.application",
    "community.resource.allocation",
    "community.resource.report",
)


class TestResourceAccess(ResourceCase):
    """Who sees and changes what: officers their communities, managers all,
    residents their community's rounds and their household's applications
    and allocations, the committee's leaders the allocations of the type
    whose rules they set, nobody else anything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.round_a = cls._round()
        cls.application_a = cls._apply(cls.portal_a, cls.round_a)
        cls.other_a = cls._paper_applications(cls.round_a, cls._applicants(1))
        cls._draw(cls.round_a)
        cls.allocation_a = cls.application_a.sudo().accept(cls.plots[0].id)
        cls.draft_a = cls._round(state="draft", name="Draft round")
        cls.tools_a = cls._round(cls.tool_type)
        cls.loan_a = (
            cls._apply(cls.portal_neighbour, cls.tools_a).sudo().accept(cls.tools[0].id)
        )
        cls.round_b = cls._round(cls.plot_type_b, cls.plot_b)
        cls.application_b = cls._apply(cls.portal_b, cls.round_b)
        cls.allocation_b = cls.application_b.sudo().accept()
        cls.records_a = {
            "community.resource.type": cls.plot_type | cls.tool_type,
            "community.resource": cls.plots | cls.tools,
            "community.resource.round": cls.round_a | cls.draft_a | cls.tools_a,
            "community.resource.application": cls.round_a.application_ids
            | cls.tools_a.application_ids,
            "community.resource.allocation": cls.allocation_a | cls.loan_a,
        }
        cls.records_b = {
            "community.resource.type": cls.plot_type_b,
            "community.resource": cls.plot_b,
            "community.resource.round": cls.round_b,
            "community.resource.application": cls.application_b,
            "community.resource.allocation": cls.allocation_b,
        }

    def _visible(self, model, records):
        return self.env[model].search([("id", "in", records.ids)])

    @users("cg_officer_a", "cg_manager")
    def test_office_sees_its_communities(self):
        for model, records in self.records_a.items():
            with self.subTest(model=model):
                self.assertEqual(
                    self._visible(model, records), records.with_env(self.env)
                )
        report = self.env["community.resource.report"].search(
            [("allocation_id", "in", (self.allocation_a | self.allocation_b).ids)]
        )
        if self.env.user == self.manager:
            expected = self.allocation_a | self.allocation_b
        else:
            expected = self.allocation_a
        self.assertEqual(report.allocation_id, expected.with_env(self.env))
        self.assertEqual(
            bool(self._visible("community.resource.round", self.round_b)),
            self.env.user == self.manager,
        )
        # the office works on them
        plot = self.plots[2].with_env(self.env)
        plot.action_maintenance()
        plot.action_make_available()
        self.draft_a.with_env(self.env).name = "Renamed"

    @users("cg_officer_b")
    def test_officer_of_another_community(self):
        for model, records in self.records_a.items():
            with self.subTest(model=model):
                self.assertFalse(self._visible(model, records))
                with self.assertRaises(AccessError):
                    records.with_env(self.env).read(["display_name"])
        with self.assertRaises(AccessError):
            self.draft_a.with_env(self.env).action_open()
        with self.assertRaises(AccessError):
            self.allocation_a.with_env(self.env).revoke("Not mine")
        with self.assertRaises(AccessError):
            self.plots[2].with_env(self.env).action_maintenance()
        self.assertEqual(
            self._visible("community.resource.round", self.round_b),
            self.round_b.with_env(self.env),
        )

    @users("cg_internal")
    def test_internal_user_without_a_role(self):
        for model in MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].search([])

    @users("cg_portal_a", "cg_portal_n")
    def test_residents_see_their_community_and_household(self):
        env = self.env
        self.assertEqual(
            self._visible(
                "community.resource.round", self.records_a["community.resource.round"]
            ),
            (self.round_a | self.tools_a).with_env(env),
            "not the draft",
        )
        self.assertEqual(
            self._visible(
                "community.resource.application",
                self.records_a["community.resource.application"],
            ),
            (self.application_a | self.tools_a.application_ids).with_env(env),
            "their household's, not the other applicant's",
        )
        self.assertEqual(
            self._visible(
                "community.resource.allocation", self.allocation_a | self.loan_a
            ),
            (self.allocation_a | self.loan_a).with_env(env),
        )
        self.assertEqual(
            self._visible("community.resource", self.plots | self.tools),
            (self.plots | self.tools).with_env(env),
        )
        for model, records in self.records_b.items():
            with self.subTest(model=model):
                self.assertFalse(self._visible(model, records), "community B's")
        for records in (
            self.application_a,
            self.allocation_a,
            self.round_a,
            self.plots[0],
        ):
            with self.subTest(model=records._name):
                with self.assertRaises(AccessError):
                    records.with_env(env).write(
                        {"name": "x"} if "name" in records._fields else {"note": "x"}
                    )
                with self.assertRaises(AccessError):
                    records.with_env(env).unlink()
        with self.assertRaises(AccessError):
            env["community.resource.report"].search([])
        with self.assertRaises(AccessError):
            self.plot_type.with_env(env).write({"rules": "<p>Mine</p>"})
        # the resident register's ages stay office-only
        with self.assertRaises(AccessError):
            self.resident_a.with_env(env).read(["birthdate_date"])

    @users("cg_leader_f")
    def test_committee_leader_sees_the_allocations_of_its_type(self):
        Allocation = self.env["community.resource.allocation"]
        self.assertEqual(
            self._visible(
                "community.resource.allocation", self.allocation_a | self.loan_a
            ),
            self.allocation_a.with_env(self.env),
            "the plots (their committee), not the tool library's",
        )
        self.assertFalse(
            self._visible(
                "community.resource.application",
                self.records_a["community.resource.application"],
            )
        )
        self.assertTrue(
            Allocation.browse(self.allocation_a.id).revoke("Left unplanted")
        )
        self.assertEqual(self.allocation_a.state, "revoked")
        with self.assertRaises(AccessError):
            Allocation.browse(self.loan_a.id).revoke("Not theirs")

    def test_public_visitor_sees_only_the_published_draw(self):
        public = self.env.ref("base.public_user")
        for model in MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(public).search([])
        Round = self.env["community.resource.round"].with_user(public)
        draw = Round._public_draw(self.round_a.id)
        self.assertEqual(draw["seed"], self.round_a.seed)
        self.assertIsNone(Round._public_draw(self.draft_a.id))
        self.assertIsNone(Round._public_draw(self.tools_a.id), "open, not published")
        self.assertIsNone(Round._public_draw(999999999))

    def test_portal_user_who_is_no_resident(self):
        """A portal user who is no resident (a liaison) sees no round."""
        liaison = new_test_user(self.env, "cg_res_liaison", groups="base.group_portal")
        self.assertFalse(
            self.env["community.resource.round"].with_user(liaison).search([])
        )
        self.assertFalse(
            self.env["community.resource.application"].with_user(liaison).search([])
        )
