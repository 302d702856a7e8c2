# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class CommunityClubMembership(models.Model):
    _name = "community.club.membership"
    _description = "Club Membership"
    _inherit = ["mail.thread"]
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

    def _notify_request(self):
        """Tell the leaders of the club (or of its association) about each
        request; without leaders, the community office."""
        if not self:
            return
        template = self.env.ref("community_governance.mail_template_club_join_request")
        leaders = dict(
            self.sudo()._read_group(
                [
                    ("club_id", "parent_of", self.club_id.ids),
                    ("state", "=", "active"),
                    ("role", "in", ("leader", "secretary")),
                ],
                ["club_id"],
                ["partner_id:recordset"],
            )
        )
        for membership in self.sudo():
            club = membership.club_id
            partners = self.env["res.partner"]
            while club and not partners:
                partners = leaders.get(club, partners)
                club = club.parent_id
            if not partners:
                partners = membership.club_id.community_id.user_id.partner_id
            membership.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
            )

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

    def action_approve(self):
        if any(m.state != "requested" for m in self):
            raise UserError(self.env._("Only requests to join can be approved."))
        self.write({"state": "active", "date_join": fields.Date.context_today(self)})
        template = self.env.ref("community_governance.mail_template_club_join_approved")
        for membership in self.sudo():
            membership.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=membership.partner_id.ids,
            )
        return True

    def action_leave(self):
        if any(m.state == "left" for m in self):
            raise UserError(self.env._("This membership already ended."))
        self.write({"state": "left", "date_left": fields.Date.context_today(self)})
        return True
