# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal home (/my): each role sees the cards of what it can do, each
card with its own pictogram and its count, and nothing else."""

from datetime import datetime, timedelta

from lxml import html

from odoo.tests import HttpCase, tagged

from .common import PORTAL, PortalHttpMixin
from .petition_common import PetitionCase

# Every card of the addon, by counter: (page, pictogram).
CARDS = {
    "petition_count": "/my/petitions",
    "dispatch_count": "/my/dispatches",
    "volunteer_hour_count": "/my/volunteer",
    "volunteer_approval_count": "/my/volunteer/approvals",
    "activity_count": "/my/activities",
    "club_count": "/my/clubs",
    "slot_count": "/my/rota",
    "share_listing_count": "/my/share",
    "survey_visit_count": "/my/surveys",
    "household_survey_count": "/my/household/surveys",
    "resource_count": "/my/resources",
    "deliberation_count": "/my/deliberations",
}
RESIDENT = {
    "petition_count",
    "volunteer_hour_count",
    "activity_count",
    "club_count",
    "share_listing_count",
    "resource_count",
}


@tagged("post_install", "-at_install")
class TestPortalHome(PortalHttpMixin, HttpCase, PetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteers()  # the neighbour's user coordinates activity A
        # an owner who does not live in the compound
        cls.owner_partner = cls.env["res.partner"].create(
            {"name": "Absent Owner", "email": "owner@example.com"}
        )
        cls.owner = cls._user("cg_owner", cls.owner_partner)
        cls.env["community.property.unit"].create(
            {
                "area_id": cls.entrance_a.id,
                "room": "102",
                "floor_area": 80.0,
                "owner_ids": [(6, 0, cls.owner_partner.ids)],
            }
        )
        cls._petition(title="Leak from upstairs")

    @classmethod
    def _user(cls, login, partner):
        return cls.env["res.users"].create(
            {
                "login": login,
                "password": login,
                "partner_id": partner.id,
                "groups_id": [(6, 0, cls.env.ref(PORTAL).ids)],
            }
        )

    def _cards(self, user):
        """{counter: (shown before counting, pictogram, page)} of /my."""
        self._login(user)
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        cards = {}
        for card in html.fromstring(response.text).xpath("//div[@data-cg-card]"):
            counter = card.get("data-cg-card")
            self.assertNotIn(counter, cards, "each card once")
            self.assertEqual(
                card.xpath(".//span/@data-placeholder_count"), [counter], "its count"
            )
            cards[counter] = (
                "d-none" not in card.get("class").split(),
                card.xpath(".//img/@src")[0],
                card.xpath(".//a/@href")[0],
            )
        return cards

    def _assert_cards(self, user, always, if_any=()):
        cards = self._cards(user)
        self.assertEqual(set(cards), set(always) | set(if_any), user.login)
        for counter, (shown, _icon, url) in cards.items():
            self.assertEqual(url, CARDS[counter])
            self.assertEqual(shown, counter in always, f"{user.login}: {counter}")
        return cards

    def test_resident(self):
        cards = self._assert_cards(
            self.portal_b,
            RESIDENT,
            if_any={"slot_count", "deliberation_count", "household_survey_count"},
        )
        # each card its own pictogram, shipped with the addon
        icons = [icon for _shown, icon, _url in cards.values()]
        self.assertEqual(len(set(icons)), len(icons))
        for icon in icons:
            self.assertTrue(icon.startswith("/community_governance/static/src/img/"))
            response = self.url_open(icon)
            self.assertEqual(response.status_code, 200, icon)
            self.assertIn(b"<svg", response.content)

    def test_liaison(self):
        """A department's liaison: the dispatches, no volunteer card, nothing
        of the residents'."""
        self._assert_cards(self.liaison, {"dispatch_count"})

    def test_steward(self):
        """A steward: the residents' cards and the rota, shown at once."""
        self._assert_cards(
            self.steward, RESIDENT | {"slot_count"}, if_any={"deliberation_count"}
        )

    def test_coordinator(self):
        """The coordinator of an activity: the hours to approve."""
        self._assert_cards(
            self.portal_neighbour,
            RESIDENT | {"volunteer_approval_count"},
            if_any={"slot_count", "deliberation_count", "household_survey_count"},
        )

    def test_owner(self):
        """An owner living elsewhere: the deliberations of the compound."""
        self._assert_cards(self.owner, {"deliberation_count"})

    def test_office_user(self):
        """Office staff work in the backend: no card of the addon on /my."""
        self._assert_cards(self.officer_a, set())

    # ------------------------------------------------------------------
    # The counts
    # ------------------------------------------------------------------
    def test_counts_only_for_the_cards(self):
        self._slot(datetime.now() + timedelta(days=2))
        self._login(self.portal_a)
        result, counts = self._counters(list(CARDS))
        self.assertEqual(set(result), set(CARDS), "every counter answered")
        self.assertEqual(result["petition_count"], 1)
        self.assertEqual(result["slot_count"], 1)
        self.assertEqual(result["dispatch_count"], 0)
        self.assertEqual(result["survey_visit_count"], 0)
        self.assertFalse(
            [q for q in counts if '"community_petition_dispatch"' in q],
            "a resident's dispatches are not counted",
        )
        # the liaison's volunteer and petition counters: 0, not counted
        self._login(self.liaison)
        result, counts = self._counters(list(CARDS))
        self.assertEqual(set(result), set(CARDS))
        self.assertEqual(result["dispatch_count"], 0)
        self.assertEqual(
            {key: value for key, value in result.items() if value}, {}, result
        )
        counted = {
            table
            for table in (
                "community_volunteer_hour",
                "community_petition",
                "event_event",
                "community_club",
            )
            if any(f'FROM "{table}"' in q.split("WHERE")[0] for q in counts)
        }
        self.assertEqual(counted, set(), counts)
