# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .community_club import LEADER_ROLES


class CommunityClubMembership(models.Model):
    _name = "community.club.membership"
    _description = "Club Membership"
    _inherit = ["mail.thread", "community.mixin"]
    _order = "date_join desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Resident",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_resident", "=", True)],
    )
    partner_name = fields.Char(related="partner_id.name", string="Resident Name")
    club_id = fields.Many2one(
        "community.club", required=True, index=True, ondelete="cascade"
    )
    parent_club_id = fields.Many2one(
        related="club_id.parent_id", store=True, index=True, string="Association"
    )
    category_id = fields.Many2one(
        related="club_id.category_id", store=True, string="Category"
    )
    community_id = fields.Many2one(
        related="club_id.community_id", store=True, index=True, string="Community"
    )
    role = fields.Selection(
        [
            ("member", "Member"),
            ("leader", "Leader"),
            ("secretary", "Secretary"),
            ("treasurer", "Treasurer"),
            ("coach", "Coach"),
        ],
        default="member",
        required=True,
        tracking=True,
    )
    state = fields.Selection(
        [("requested", "Requested"), ("active", "Member"), ("left", "Left")],
        default="requested",
        required=True,
        index=True,
        tracking=True,
    )
    date_join = fields.Date(string="Joined", index=True, tracking=True)
    date_left = fields.Date(string="Left", tracking=True)
    note = fields.Char()

    def init(self):
        # One running membership (requested or active) per resident and club,
        # also under concurrent requests; _check_unique_running gives the message.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS "
                "community_club_membership_running_uniq "
                "ON community_club_membership (partner_id, club_id) "
                "WHERE state != 'left'"
            )
        )

    @api.constrains("partner_id", "club_id")
    def _check_partner_community(self):
        for membership in self.sudo():
            partner = membership.partner_id
            if (
                not partner.is_resident
                or partner.community_id != membership.community_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(person)s does not live in %(community)s and cannot be "
                        "a member of %(club)s.",
                        person=partner.name,
                        community=membership.community_id.name,
                        club=membership.club_id.name,
                    )
                )

    def _check_unique_running(self, pairs):
        """Refuse a second running membership (requested or active) of a
        resident in a club, with a clear message before the unique index."""
        pairs = [p for p in pairs if all(p)]
        if not pairs:
            return
        if len(set(pairs)) < len(pairs):
            raise ValidationError(
                self.env._("The same resident is listed twice for the same club.")
            )
        existing = self.sudo().search(
            [
                ("state", "!=", "left"),
                ("partner_id", "in", [p for p, _c in pairs]),
                ("club_id", "in", [c for _p, c in pairs]),
                ("id", "not in", self.ids),
            ]
        )
        for membership in existing:
            if (membership.partner_id.id, membership.club_id.id) in pairs:
                raise ValidationError(
                    self.env._(
                        "%(person)s already is a member of %(club)s "
                        "or asked to join it.",
                        person=membership.partner_id.name,
                        club=membership.club_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("state") == "active" and not vals.get("date_join"):
                vals["date_join"] = today
        self._check_unique_running(
            [
                (vals.get("partner_id"), vals.get("club_id"))
                for vals in vals_list
                if vals.get("state", "requested") != "left"
            ]
        )
        memberships = super().create(vals_list)
        memberships.filtered(lambda m: m.state == "requested")._notify_request()
        return memberships

    def write(self, vals):
        if (
            vals.get("state", "left") != "left"
            or "partner_id" in vals
            or "club_id" in vals
        ):
            for membership in self:
                state = vals.get("state", membership.state)
                if state != "left":
                    membership._check_unique_running(
                        [
                            (
                                vals.get("partner_id", membership.partner_id.id),
                                vals.get("club_id", membership.club_id.id),
                            )
                        ]
                    )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_approve(self):
        """A leader of the club (or of its association), or the office,
        accepts the requests to join."""
        memberships = self._checked_leader()
        if any(m.state != "requested" for m in memberships):
            raise UserError(self.env._("Only requests to join can be approved."))
        memberships.write(
            {"state": "active", "date_join": fields.Date.context_today(self)}
        )
        memberships._post_template(
            "community_governance.mail_template_club_join_approved"
        )
        return True

    def action_decline(self):
        """A leader of the club (or of its association), or the office,
        declines the requests to join."""
        memberships = self._checked_leader()
        if any(m.state != "requested" for m in memberships):
            raise UserError(self.env._("Only requests to join can be declined."))
        memberships._end()
        return True

    def action_leave(self):
        """The member leaves the club (or withdraws their request); the
        office ends any membership of its communities."""
        memberships = self._checked_sudo(
            lambda m: m.partner_id == self.env.user.partner_id,
            self.env._("Only the member can leave the club."),
        )
        memberships._end()
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _checked_leader(self):
        """The memberships to write with when the current user decides on
        them: the office, or a leader of every membership's club."""
        partner = self.env.user.partner_id
        return self._checked_sudo(
            lambda m: m.club_id._is_leader(partner),
            self.env._(
                "Only the leaders of the club or the community office can "
                "decide on requests to join."
            ),
        )

    def _end(self):
        if any(m.state == "left" for m in self):
            raise UserError(self.env._("This membership already ended."))
        self.write({"state": "left", "date_left": fields.Date.context_today(self)})

    def _notify_request(self):
        """Tell the leaders of the club about each request, else those of its
        association (the people who may decide on it), else the community
        office. One post per group of requests with the same recipients."""
        if not self:
            return
        clubs = self.sudo().club_id
        leaders = dict(
            self.sudo()._read_group(
                [
                    ("club_id", "in", (clubs | clubs.parent_id).ids),
                    ("state", "=", "active"),
                    ("role", "in", LEADER_ROLES),
                ],
                ["club_id"],
                ["partner_id:recordset"],
            )
        )
        by_recipients = defaultdict(lambda: self.browse())
        for membership in self.sudo():
            club = membership.club_id
            partners = (
                leaders.get(club)
                or leaders.get(club.parent_id)
                or club.community_id.user_id.partner_id
            )
            by_recipients[tuple(partners.ids)] |= membership
        for partner_ids, memberships in by_recipients.items():
            memberships._post_template(
                "community_governance.mail_template_club_join_request",
                partner_ids=partner_ids,
            )
