# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

LEADER_ROLES = ("leader", "secretary")


def leader_domain(partner_id):
    """Active leader memberships of ``partner_id``: the club's leaders and
    secretaries. A club is led by its own leaders and by those of its
    association (its parent club); the portal record rule on memberships
    (security XML) says the same."""
    return [
        ("partner_id", "=", partner_id),
        ("state", "=", "active"),
        ("role", "in", LEADER_ROLES),
    ]


class CommunityClub(models.Model):
    """An interest club of a community; an association holds branch clubs
    (Yong'an culture and sports association: square dance, chorus, gateball...)."""

    _name = "community.club"
    _description = "Club"
    _inherit = ["mail.thread", "image.mixin", "community.mixin"]
    _parent_name = "parent_id"
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"

    name = fields.Char(required=True, tracking=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True, index=True
    )
    parent_id = fields.Many2one(
        "community.club",
        string="Association",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("community.club", "parent_id", string="Branch Clubs")
    category_id = fields.Many2one("community.club.category", index=True, tracking=True)
    area_id = fields.Many2one(
        "community.area",
        required=True,
        index=True,
        tracking=True,
        help="The community (or part of it) the club belongs to.",
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    description = fields.Html()
    meeting_place = fields.Char()
    schedule = fields.Char(help="e.g. every evening 19:30-21:00")
    is_open = fields.Boolean(
        string="Open to New Members",
        default=True,
        tracking=True,
        help="Residents may ask to join from the portal.",
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    membership_ids = fields.One2many(
        "community.club.membership", "club_id", string="Memberships"
    )
    member_count = fields.Integer(
        string="Members", compute="_compute_member_count", store=True
    )
    total_member_count = fields.Integer(
        string="Members with Branches",
        compute="_compute_total_member_count",
        help="Residents who are active members of the club or of one of its branch "
        "clubs, each counted once.",
    )
    leader_ids = fields.Many2many(
        "res.partner",
        string="Leaders",
        compute="_compute_leader_ids",
    )
    leader_names = fields.Char(
        compute="_compute_leader_ids",
        help="The names of the leaders, shown to the residents who see the club.",
    )
    award_ids = fields.One2many("community.club.award", "club_id", string="Awards")
    activity_ids = fields.One2many("event.event", "club_id", string="Activities")
    activity_count = fields.Integer(compute="_compute_activity_count")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for club in self:
            if club.parent_id:
                club.complete_name = f"{club.parent_id.complete_name} / {club.name}"
            else:
                club.complete_name = club.name

    @api.depends("membership_ids.state")
    def _compute_member_count(self):
        counts = dict(
            self.env["community.club.membership"]._read_group(
                [("club_id", "in", self.ids), ("state", "=", "active")],
                ["club_id"],
                ["__count"],
            )
        )
        for club in self:
            club.member_count = counts.get(club, 0)

    def _compute_total_member_count(self):
        clubs = self.filtered("id")
        (self - clubs).total_member_count = 0
        if not clubs:
            return
        groups = (
            self.env["community.club.membership"]
            .sudo()
            ._read_group(
                [("club_id", "child_of", clubs.ids), ("state", "=", "active")],
                ["club_id"],
                ["partner_id:array_agg"],
            )
        )
        for club in clubs:
            partners = set()
            for member_club, partner_ids in groups:
                if member_club.parent_path.startswith(club.parent_path):
                    partners.update(partner_ids)
            club.total_member_count = len(partners)

    @api.depends("membership_ids.state", "membership_ids.role")
    def _compute_leader_ids(self):
        leaders = {
            club.id: partners
            for club, partners in self.env["community.club.membership"]
            .sudo()
            ._read_group(
                [
                    ("club_id", "in", self.ids),
                    ("state", "=", "active"),
                    ("role", "in", LEADER_ROLES),
                ],
                ["club_id"],
                ["partner_id:recordset"],
            )
        }
        for club in self:
            partners = leaders.get(club.id, self.env["res.partner"])
            club.leader_names = ", ".join(partners.mapped("name"))
            club.leader_ids = partners.with_env(self.env)

    def _compute_activity_count(self):
        counts = dict(
            self.env["event.event"]._read_group(
                [("club_id", "in", self.ids)], ["club_id"], ["__count"]
            )
        )
        for club in self:
            club.activity_count = counts.get(club, 0)

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("A club cannot be a branch of itself or of its branches.")
            )

    def _is_leader(self, partner):
        """Whether ``partner`` leads this club or the association above it."""
        self.ensure_one()
        return bool(
            self.env["community.club.membership"]
            .sudo()
            .search_count(
                [("club_id", "in", (self | self.parent_id).ids)]
                + leader_domain(partner.id),
                limit=1,
            )
        )

    def _running_membership(self, partner):
        """The membership of ``partner`` in this club that is requested or
        active, as the current user (record rules apply)."""
        self.ensure_one()
        return self.env["community.club.membership"].search(
            [
                ("partner_id", "=", partner.id),
                ("club_id", "=", self.id),
                ("state", "!=", "left"),
            ],
            limit=1,
        )

    def action_find_leaders(self):
        """Residents of the club's community with the talents its category seeks."""
        self.ensure_one()
        domain = [
            ("is_resident", "=", True),
            ("community_id", "=", self.community_id.id),
        ]
        skills = self.category_id.skill_ids
        if skills:
            domain.append(("skill_ids", "in", skills.ids))
        return self._action_open(
            "community_governance.res_partner_resident_action",
            domain=domain,
            context={},
            name=self.env._("Talents for %(club)s", club=self.name),
        )

    def action_view_activities(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.event_event_action",
            domain=[("club_id", "child_of", self.id)],
            context={"default_club_id": self.id, "default_area_id": self.area_id.id},
        )

    def action_request_membership(self):
        """The current user asks to join the club: a resident of the club's
        community, the club open to new members, no request or membership
        running (the unique index holds that under concurrent requests)."""
        self.ensure_one()
        self.check_access("read")
        club = self.sudo()
        partner = self._current_resident_of(
            club.community_id,
            self.env._(
                "Only residents of %(community)s can join this club.",
                community=club.community_id.name,
            ),
        )
        if not club.is_open:
            raise UserError(
                self.env._(
                    "%(club)s does not take new members at the moment.",
                    club=club.name,
                )
            )
        # The resident's requests run one after the other: a second one sees
        # the first (and gets the message of _check_unique_running).
        partner.sudo()._lock_rows()
        # Checked above: residents have no create right on memberships.
        self.env["community.club.membership"].sudo().create(
            {"partner_id": partner.id, "club_id": club.id, "state": "requested"}
        )
        return True

    def action_leave(self):
        """The current user leaves the club, or withdraws their request."""
        self.ensure_one()
        membership = self._running_membership(self.env.user.partner_id)
        if not membership:
            raise UserError(
                self.env._("You are not a member of %(club)s.", club=self.name)
            )
        return membership.action_leave()
