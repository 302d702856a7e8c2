# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every portal page of the addon, for each role that uses it, in a real
browser 360 px wide: nothing wider than the screen and no table scrolled
sideways in its box (no hours column cut off, no button off to the right)."""

from datetime import date, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .petition_common import PetitionCase

# Run in the page: the page is not wider than the screen, and the page asked
# for is the one shown (not a redirection to the login or to /my).
FITS = """
const expected = %(path)r;
const width = document.documentElement.scrollWidth;
const screen = window.innerWidth;
// a table in a sideways-scrolling box (.table-responsive) is cut off too
const scrolled = [...document.querySelectorAll(".table-responsive")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.className);
if (location.pathname !== expected) {
    console.error(`${expected}: redirected to ${location.pathname}`);
} else if (scrolled.length) {
    console.error(`${expected}: content scrolled sideways in ${scrolled}`);
} else if (width > screen) {
    const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > screen + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName}.${el.className}`);
    console.error(`${expected}: ${width}px wide on a ${screen}px screen: ${wide}`);
} else {
    console.log("test successful");
}
"""


class PortalPagesCase(PetitionCase):
    """The records behind every portal page of the addon, and the pages each
    role opens (also walked in Chinese by ``test_portal_chinese``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteers()
        cls.activity_a.name = (
            "Clean-up day of the whole neighbourhood and the market lane"
        )
        for day, state in (
            (date(2026, 6, 1), "draft"),
            (date(2026, 6, 2), "submitted"),
        ):
            cls._hour(
                cls.resident_a,
                day=day,
                state=state,
                activity_id=cls.activity_a.id,
                description="Swept the stairwells of building 1, units 1 to 3",
            )
        cls.petition = cls._petition(
            title="The stairwell light on the third floor has been broken for weeks"
        )
        cls.public_petition = cls._petition(
            partner=cls.neighbour_a,
            category=cls.cat_public,
            title="Bicycles block the fire exit",
        )
        cls.dispatched = cls._petition(title="Manhole cover missing at the gate")
        cls.dispatched.with_user(cls.officer_a).dispatch(cls.department_urban)
        cls.dispatch = cls.dispatched.dispatch_ids
        # the steward's term ends in 10 days: the portal home tells him
        cls.Steward.search([("partner_id", "=", cls.steward_partner.id)]).date_end = (
            fields.Date.today() + timedelta(days=10)
        )

    def _role_pages(self):
        """{role: (user, paths)}: the portal pages each role uses."""
        return {
            "resident": (
                self.portal_a,
                [
                    "/my",
                    "/my/petitions",
                    f"/my/petitions/{self.petition.id}",
                    f"/my/petitions/{self.public_petition.id}",
                    "/my/petitions/new",
                    "/my/volunteer",
                    "/my/activities",
                    "/my/clubs",
                ],
            ),
            "coordinator": (
                self.portal_neighbour,
                ["/my/volunteer/approvals", "/my/volunteer"],
            ),
            "steward": (
                self.steward,
                ["/my", f"/my/petitions/{self.petition.id}", "/my/rota"],
            ),
            "liaison": (
                self.liaison,
                ["/my", "/my/dispatches", f"/my/dispatches/{self.dispatch.id}"],
            ),
        }


@tagged("post_install", "-at_install")
class TestPhonePages(HttpCase, PortalPagesCase):
    browser_size = "360x740"
    touch_enabled = True

    def _check_role(self, role):
        user, paths = self._role_pages()[role]
        self._check(user, *paths)

    def _check(self, user, *paths):
        for path in paths:
            with self.subTest(login=user.login, path=path):
                self.browser_js(path, FITS % {"path": path}, login=user.login)

    def test_resident_pages_fit_a_phone(self):
        self._check_role("resident")

    def test_coordinator_pages_fit_a_phone(self):
        self._check_role("coordinator")

    def test_steward_pages_fit_a_phone(self):
        self.authenticate(self.steward.login, self.steward.login)
        self.assertIn("o_steward_term_ending", self.url_open("/my").text)
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self.assertNotIn("o_steward_term_ending", self.url_open("/my").text)
        self._check_role("steward")

    def test_liaison_pages_fit_a_phone(self):
        self._check_role("liaison")
