# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError


class CommunityStewardSlotGenerator(models.TransientModel):
    """Creates the duty slots of a rota for a range of days and hours."""

    _name = "community.steward.slot.generator"
    _description = "Generate Duty Slots"
    _inherit = ["community.mixin"]

    name = fields.Char(
        string="Post", required=True, default=lambda self: self.env._("Market gate")
    )
    role_id = fields.Many2one("community.steward.role", required=True)
    area_id = fields.Many2one("community.area", required=True)
    date_from = fields.Date(required=True, default=fields.Date.context_today)
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    hour_from = fields.Float(string="From Hour", default=6.0, required=True)
    hour_to = fields.Float(string="To Hour", default=9.0, required=True)
    slot_minutes = fields.Integer(
        string="Slot Length (minutes)", default=30, required=True
    )

    @api.model
    def _slot_values(
        self, name, role, area, date_from, date_to, hour_from, hour_to, minutes, tz=None
    ):
        if minutes < 5 or not 0 <= hour_from < hour_to <= 24 or date_to < date_from:
            raise UserError(
                self.env._(
                    "Check the rota: slots of at least 5 minutes, hours and days "
                    "in order."
                )
            )
        if (date_to - date_from).days > 92:
            raise UserError(
                self.env._("Generate at most three months of slots at once.")
            )
        local = pytz.timezone(tz or self.env.user.tz or "UTC")
        existing = set(
            self.env["community.steward.slot"]
            .search(
                [
                    ("area_id", "=", area.id),
                    ("role_id", "=", role.id),
                    ("name", "=", name),
                ]
            )
            .mapped("date_start")
        )
        vals_list = []
        day = date_from
        step = timedelta(minutes=minutes)
        while day <= date_to:
            start = datetime.combine(day, time()) + timedelta(hours=hour_from)
            stop = datetime.combine(day, time()) + timedelta(hours=hour_to)
            while start + step <= stop:
                utc_start = (
                    local.localize(start).astimezone(pytz.utc).replace(tzinfo=None)
                )
                if utc_start not in existing:
                    vals_list.append(
                        {
                            "name": name,
                            "role_id": role.id,
                            "area_id": area.id,
                            "date_start": utc_start,
                            "date_end": utc_start + step,
                        }
                    )
                start += step
            day += timedelta(days=1)
        return vals_list

    def action_generate(self):
        self.ensure_one()
        vals_list = self._slot_values(
            self.name,
            self.role_id,
            self.area_id,
            self.date_from,
            self.date_to,
            self.hour_from,
            self.hour_to,
            self.slot_minutes,
        )
        slots = self.env["community.steward.slot"].create(vals_list)
        return self._action_open(
            "community_governance.community_steward_slot_action",
            domain=[("id", "in", slots.ids)],
        )
