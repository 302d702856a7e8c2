# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Command

from .community_steward import STEWARD_GROUP

LIAISON_GROUP = "community_governance.group_portal_liaison"
# How a portal home card of the addon is shown (see _portal_home_cards).
CARD_ALWAYS = "always"
CARD_IF_ANY = "if_any"


class ResUsers(models.Model):
    _inherit = "res.users"

    liaison_department_ids = fields.Many2many(
        "community.department",
        "community_department_liaison_rel",
        "user_id",
        "department_id",
        string="Liaison for Departments",
    )
    # The other side of community.area.officer_ids: record rules of officers
    # read it as one flat list of community ids.
    officer_community_ids = fields.Many2many(
        "community.area",
        "community_area_officer_rel",
        "user_id",
        "area_id",
        string="Communities Served",
        domain=[("area_type", "=", "community")],
        help="Communities whose records this office user works on (record rules "
        "of the Officer role). Set on the community's Office Staff.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """A resident who gets a portal account while serving a steward term
        gets the steward role with it."""
        users = super().create(vals_list)
        if any("officer_community_ids" in vals for vals in vals_list):
            self.env.registry.clear_cache()
        portal_users = users.filtered("share")
        if portal_users:
            self.env["community.steward"]._sync_steward_group_users(portal_users)
        return users

    def write(self, vals):
        res = super().write(vals)
        if "officer_community_ids" in vals:
            # record rules are cached per user: they read this field
            self.env.registry.clear_cache()
        return res

    def _portal_home_cards(self):
        """The cards of the addon on the user's portal home, by counter name:
        ``{counter: CARD_ALWAYS | CARD_IF_ANY}``. A card is there when the
        user can use its pages: "always" for what the user's role does (a
        resident raises petitions, a liaison answers dispatches, a coordinator
        approves hours), shown with its count even at 0; "if any" for what
        only some users of the kind have (the rota of a resident's community,
        the matters a proxy votes on), shown when its counter is not 0, as
        Odoo's portal does. A card not listed is neither shown nor counted.

        A few small queries, whatever the data: no count here."""
        self.ensure_one()
        user = self.sudo()
        partner = user.partner_id
        cards = {}
        if partner.is_resident:
            cards.update(
                petition_count=CARD_ALWAYS,
                club_count=CARD_ALWAYS,
                volunteer_hour_count=CARD_ALWAYS,
                deliberation_count=CARD_IF_ANY,
            )
            if partner.community_id:
                cards.update(
                    activity_count=CARD_ALWAYS,
                    resource_count=CARD_ALWAYS,
                    slot_count=CARD_IF_ANY,
                )
            if partner.area_id:
                cards["share_listing_count"] = CARD_ALWAYS
            if partner.household_id:
                cards["household_survey_count"] = CARD_IF_ANY
        if partner.is_volunteer:
            cards["volunteer_hour_count"] = CARD_ALWAYS
        if partner.property_unit_ids or partner.owner_body_member_ids:
            cards["deliberation_count"] = CARD_ALWAYS
        if user.has_group(STEWARD_GROUP):
            cards["slot_count"] = CARD_ALWAYS
        if user.has_group(LIAISON_GROUP):
            cards["dispatch_count"] = CARD_ALWAYS
        # search(limit=1), not search_count: the home's counters are the only
        # counting queries of these tables (TestPortalCounters)
        coordinated = (
            self.env["event.event"]
            .sudo()
            .search([("coordinator_ids", "in", user.ids)], limit=1)
        )
        if coordinated:
            cards.update(
                activity_count=CARD_ALWAYS, volunteer_approval_count=CARD_ALWAYS
            )
        visiting = (
            self.env["community.survey.campaign"]
            .sudo()
            .search([("visitor_ids", "in", user.ids)], limit=1)
        )
        if visiting:
            cards["survey_visit_count"] = CARD_ALWAYS
        return cards

    def _sync_liaison_group(self):
        """Give the department liaison role to the users who act for an active
        department, and take it from those who no longer do. Called after the
        caller was allowed to change the departments."""
        group = self.env.ref(LIAISON_GROUP).sudo()
        users = self.sudo()
        liaisons = users.filtered(lambda u: u.liaison_department_ids.filtered("active"))
        to_add = liaisons - group.users
        to_remove = (users - liaisons) & group.users
        if to_add or to_remove:
            # one write on the group, not one per user
            group.users = [Command.link(u.id) for u in to_add] + [
                Command.unlink(u.id) for u in to_remove
            ]
