# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .community_mixin import OFFICE


class CommunityStewardSlot(models.Model):
    """A duty slot of a steward rota (e.g. half an hour at the market gate of
    Dafosi East Street), taken by one resident."""

    _name = "community.steward.slot"
    _description = "Steward Duty Slot"
    _order = "date_start, id"
    _inherit = ["community.mixin"]

    name = fields.Char(string="Post", required=True, help="e.g. Market gate")
    # Slots are generated duty data: they go with their role or post.
    role_id = fields.Many2one(
        "community.steward.role", required=True, index=True, ondelete="cascade"
    )
    area_id = fields.Many2one(
        "community.area", required=True, index=True, ondelete="cascade"
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    date_start = fields.Datetime(string="Start", required=True, index=True)
    date_end = fields.Datetime(string="End", required=True)
    # Who is on duty is the office's and the area's stewards': residents see
    # "Claimed" (is_taken) and their own slots (is_mine), on the portal as
    # over JSON-RPC; taken_by_name is the name for those who may know it.
    partner_id = fields.Many2one(
        "res.partner",
        string="Taken by",
        index=True,
        domain=[("is_resident", "=", True)],
        groups=OFFICE,
    )
    is_taken = fields.Boolean(compute="_compute_is_taken", store=True)
    taken_by_name = fields.Char(
        string="Claimed by",
        compute="_compute_taken_by_name",
        help="Who took the slot, for the office and the stewards of the slot's "
        "area (or of an area around it); empty for everyone else.",
    )
    is_mine = fields.Boolean(
        string="Mine",
        compute="_compute_is_mine",
        search="_search_is_mine",
        compute_sudo=True,
        help="Taken by the current user.",
    )

    _sql_constraints = [
        (
            "slot_uniq",
            "unique(area_id, role_id, name, date_start)",
            "This duty slot already exists.",
        ),
        ("dates_check", "CHECK(date_end > date_start)", "A slot ends after it starts."),
    ]

    @api.depends("partner_id")
    def _compute_is_taken(self):
        for slot in self:
            slot.is_taken = bool(slot.partner_id)

    @api.depends_context("uid")
    @api.depends("partner_id")
    def _compute_is_mine(self):
        partner = self.env.user.partner_id
        for slot in self:
            slot.is_mine = bool(slot.partner_id) and slot.partner_id == partner

    @api.depends_context("uid")
    @api.depends("partner_id")
    def _compute_taken_by_name(self):
        known = self._known_takers()
        for slot in self:
            slot.taken_by_name = slot in known and slot.sudo().partner_id.name or False

    def _known_takers(self):
        """The slots of ``self`` whose taker the current user may know: all of
        them for the office (its record rules already chose which slots it
        reads), those of the areas where the user is an active steward (or of
        the areas inside them) for a steward, none for the other residents."""
        if self._is_office():
            return self
        terms = (
            self.env["community.steward"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.env.user.partner_id.id),
                    ("state", "=", "active"),
                ]
            )
        )
        prefixes = tuple(terms.area_id.mapped("parent_path"))
        if not prefixes:
            return self.browse()
        return self.filtered(
            lambda slot: (slot.sudo().area_id.parent_path or "").startswith(prefixes)
        )

    def _search_is_mine(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("This search is not supported."))
        # as superuser: partner_id is the office's field
        mine = self.sudo()._search([("partner_id", "=", self.env.user.partner_id.id)])
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", mine)]

    @api.constrains("partner_id", "date_start", "date_end")
    def _check_overlap(self):
        taken = self.filtered("partner_id")
        if not taken:
            return
        self.env.flush_all()
        # The people's concurrent bookings run one after the other, so the
        # search below sees the slot an earlier one took.
        taken.partner_id._lock_rows()
        for slot in taken:
            clash = self.sudo().search(
                [
                    ("id", "!=", slot.id),
                    ("partner_id", "=", slot.partner_id.id),
                    ("date_start", "<", slot.date_end),
                    ("date_end", ">", slot.date_start),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(person)s is already on duty at %(post)s at that time: one "
                        "person cannot take two overlapping slots.",
                        person=slot.partner_id.name,
                        post=clash.name,
                    )
                )

    def action_take_slot(self):
        """The current user takes the free slot: a resident of the slot's
        community, before the slot starts, with no other slot at the same
        time."""
        self.ensure_one()
        self.check_access("read")
        slot = self.sudo()
        partner = self._current_resident_of(
            slot.community_id,
            self.env._(
                "Only residents of %(community)s can take this duty slot.",
                community=slot.community_id.name,
            ),
        )
        slot._check_not_started()
        # Checked above: residents have no write right on slots.
        slot._book(partner)
        return True

    def action_release_slot(self):
        """The current user gives their slot back before it starts."""
        self.ensure_one()
        self.check_access("read")
        slot = self.sudo()
        if slot.partner_id != self.env.user.partner_id:
            raise UserError(self.env._("This slot is not yours."))
        slot._check_not_started()
        # Checked above: residents have no write right on slots.
        slot.partner_id = False
        return True

    def _check_not_started(self):
        if any(slot.date_start <= fields.Datetime.now() for slot in self):
            raise UserError(self.env._("This slot has already started."))

    def _book(self, partner):
        """Book the free slot for ``partner``. Private: the caller checked the
        right. The row is only taken if it is still free, so two residents
        cannot book the same slot at once; and the person's row is locked
        (updated) first, so that the same person's concurrent bookings run one
        after the other and the overlap check sees the earlier one."""
        self.ensure_one()
        self.env.flush_all()
        partner._lock_rows()
        self.env.cr.execute(
            SQL(
                "UPDATE community_steward_slot SET partner_id = %s, is_taken = true, "
                "write_uid = %s, write_date = now() AT TIME ZONE 'UTC' "
                "WHERE id = %s AND partner_id IS NULL",
                partner.id,
                self.env.uid,
                self.id,
            ),
            # a concurrent booking of the slot: retried, see _lock_rows()
            log_exceptions=False,
        )
        if not self.env.cr.rowcount:
            raise UserError(
                self.env._("Someone else took this slot: choose another one.")
            )
        self.invalidate_recordset(["partner_id", "is_taken", "write_uid", "write_date"])
        self._check_overlap()
