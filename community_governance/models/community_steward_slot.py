# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class CommunityStewardSlot(models.Model):
    """A duty slot of a steward rota (e.g. half an hour at the market gate of
    Dafosi East Street), taken by one resident."""

    _name = "community.steward.slot"
    _description = "Steward Duty Slot"
    _order = "date_start, id"

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
    partner_id = fields.Many2one(
        "res.partner",
        string="Taken by",
        index=True,
        domain=[("is_resident", "=", True)],
    )
    is_taken = fields.Boolean(compute="_compute_is_taken", store=True)

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

    @api.constrains("partner_id", "date_start", "date_end")
    def _check_overlap(self):
        taken = self.filtered("partner_id")
        if not taken:
            return
        self.env.flush_all()
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

    def _sign_up(self, partner):
        """Book the free slot for ``partner``: the row is only taken if it is
        still free, so two residents cannot book the same slot at once."""
        self.ensure_one()
        if self.date_start <= fields.Datetime.now():
            raise UserError(self.env._("This slot has already started."))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE community_steward_slot SET partner_id = %s, is_taken = true, "
                "write_uid = %s, write_date = now() AT TIME ZONE 'UTC' "
                "WHERE id = %s AND partner_id IS NULL",
                partner.id,
                self.env.uid,
                self.id,
            )
        )
        if not self.env.cr.rowcount:
            raise UserError(
                self.env._("Someone else took this slot: choose another one.")
            )
        self.invalidate_recordset(["partner_id", "is_taken"])
        self._check_overlap()

    def _cancel_sign_up(self, partner):
        self.ensure_one()
        if self.partner_id != partner:
            raise UserError(self.env._("This slot is not yours."))
        if self.date_start <= fields.Datetime.now():
            raise UserError(self.env._("This slot has already started."))
        self.partner_id = False
