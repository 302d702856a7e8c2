# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import users

from .common import CommunityCase

# Fields of Odoo's company-contact form that a resident's form has no use for.
BUSINESS_FIELDS = (
    "vat",
    "function",
    "website",
    "category_id",
    "parent_id",
    "company_type",
    "title",
    "user_id",
    "property_payment_term_id",
    "ref",
)


class TestResidentForm(CommunityCase):
    """The resident's own form (Community → Residents), not the generic
    contact form: home, household, age, skills, lines and volunteer status on
    top, smart buttons to their records, no business fields."""

    def _form_arch(self, action_xmlid, user):
        action = self.env.ref(action_xmlid).sudo()
        form_view = action.view_ids.filtered(lambda v: v.view_mode == "form").view_id
        views = (
            self.env["res.partner"]
            .with_user(user)
            .get_views([(form_view.id, "form")], {"action_id": action.id})
        )
        return etree.fromstring(views["views"]["form"]["arch"])

    @users("cg_officer_a", "cg_manager")
    def test_residents_open_the_resident_form(self):
        for xmlid in (
            "community_governance.res_partner_resident_action",
            "community_governance.res_partner_volunteer_action",
        ):
            arch = self._form_arch(xmlid, self.env.user)
            names = {node.get("name") for node in arch.iter("field")}
            for field in ("area_id", "unit_number", "household_id", "age", "skill_ids"):
                self.assertIn(field, names)
            self.assertIn("line_ids", names)
            self.assertIn("household_member_ids", names)
            self.assertFalse(set(BUSINESS_FIELDS) & names, "no business field")
            self.assertFalse(arch.xpath("//page[@name='sales_purchases']"))
            # home and person come before the notebook (on top)
            top = arch.xpath("//sheet/group//field/@name")
            self.assertIn("area_id", top)
            self.assertIn("age", top)
            box = arch.xpath("//div[@name='button_box']")
            self.assertEqual(len(box), 1, "features add their smart buttons here")
            buttons = set(box[0].xpath(".//button/@name"))
            self.assertLessEqual(
                {
                    "action_view_petitions",
                    "action_view_club_memberships",
                    "action_view_activities",
                    "action_view_volunteer_hours",
                    "action_view_steward_terms",
                },
                buttons,
            )

    def test_generic_contact_form_stays(self):
        views = (
            self.env["res.partner"]
            .with_user(self.officer_a)
            .get_views([(False, "form")])
        )
        arch = etree.fromstring(views["views"]["form"]["arch"])
        names = {node.get("name") for node in arch.iter("field")}
        self.assertIn("vat", names, "other contacts keep Odoo's contact form")
        self.assertIn("action_open_resident_form", arch.xpath("//button/@name"))
        action = self.resident_a.with_user(self.officer_a).action_open_resident_form()
        self.assertEqual(
            action["views"][0][0],
            self.env.ref("community_governance.res_partner_view_form").id,
        )

    def test_smart_button_counts(self):
        """Each count is the number of records its button opens."""
        self._setup_petition_handlers()
        self._petition()
        self._petition(title="Second matter")
        self._petition(partner=self.neighbour_a, title="Not hers")
        self._membership(self.resident_a, self.club_dance, state="active")
        self._membership(self.resident_a, self.association, state="left")
        event = self._event()
        self._register(event, self.resident_a, self.neighbour_a)
        self._register(self._event("Cancelled one"), self.resident_a, state="cancel")
        self._steward(self.resident_a, self.role_stairwell, self.entrance_a2)
        resident = self.resident_a.with_user(self.officer_a)
        for field, method in (
            ("petition_count", "action_view_petitions"),
            ("club_count", "action_view_club_memberships"),
            ("registration_count", "action_view_activities"),
            ("steward_term_count", "action_view_steward_terms"),
        ):
            with self.subTest(field=field):
                action = getattr(resident, method)()
                model = self.env[action["res_model"]].with_user(self.officer_a)
                domain = list(action["domain"])
                # the search filter the action opens with
                defaults = {
                    key[len("search_default_") :]
                    for key, value in action["context"].items()
                    if key.startswith("search_default_") and value
                }
                if "active_members" in defaults:
                    domain.append(("state", "=", "active"))
                if "taken" in defaults:
                    domain.append(("state", "in", ("open", "done")))
                self.assertEqual(resident[field], model.search_count(domain))
        self.assertEqual(resident.petition_count, 2)
        self.assertEqual(resident.club_count, 1)
        self.assertEqual(resident.registration_count, 1)
        self.assertEqual(resident.steward_term_count, 1)
        # the household page lists the members of the home
        self.assertEqual(
            resident.household_member_ids, self.resident_a | self.neighbour_a
        )

    def test_household_list_shows_the_home(self):
        views = (
            self.env["community.household"]
            .with_user(self.officer_a)
            .get_views([(False, "list")])
        )
        arch = etree.fromstring(views["views"]["list"]["arch"])
        shown = [
            node.get("name")
            for node in arch.iter("field")
            if node.get("optional") != "hide" and node.get("column_invisible") != "True"
        ]
        self.assertEqual(shown[:3], ["building_name", "entrance_name", "unit_number"])
        self.assertNotIn("name", shown, "not the whole area path, cut off")
        household = self.household_a.with_user(self.officer_a)
        self.assertEqual(
            (household.building_name, household.entrance_name, household.unit_number),
            ("Building 1", "Unit 1", "101"),
        )

    def test_community_stewards_button_counts_sub_areas(self):
        """The Stewards button of a community counts who serve in its grids,
        stairwells and alleys, as the list it opens shows them."""
        self._setup_petition_handlers()
        community = self.community_a.with_user(self.officer_a)
        action = community.action_view_stewards()
        serving = (
            self.env["community.steward"]
            .with_user(self.officer_a)
            .search(action["domain"] + [("state", "=", "active")])
        )
        self.assertEqual(len(serving), 2, "the stairwell steward and the grid leader")
        self.assertEqual(community.steward_count, len(serving))
        self.assertFalse(community.has_steward, "the community itself has none")
        self.assertEqual(self.grid_a.steward_count, 2)
        self.assertTrue(self.grid_a.has_steward)
        self.assertEqual(self.entrance_a.steward_count, 1)
        self.assertEqual(self.entrance_a2.steward_count, 0)
