# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CommunityActivityRegistration(models.Model):
    _name = "community.activity.registration"
    _description = "Activity Registration"
    _order = "id desc"
    _rec_name = "partner_id"

    activity_id = fields.Many2one(
        "community.activity",
        string="Activity",
        required=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Resident", required=True, index=True, ondelete="cascade"
    )
    club_id = fields.Many2one(
        related="activity_id.club_id", store=True, index=True, string="Club"
    )
    community_id = fields.Many2one(
        related="activity_id.community_id", store=True, index=True, string="Community"
    )
    date_begin = fields.Datetime(related="activity_id.date_begin", store=True)
    state = fields.Selection(
        [
            ("registered", "Registered"),
            ("attended", "Attended"),
            ("cancelled", "Cancelled"),
        ],
        default="registered",
        required=True,
        index=True,
    )
    date_attended = fields.Datetime(string="Checked in")
    attended_rate = fields.Float(
        string="Attendance (%)",
        compute="_compute_attended_rate",
        store=True,
        aggregator="avg",
        help="100 when attended, 0 when registered only: averaged, it is the "
        "attendance rate of an activity or club.",
    )

    _sql_constraints = [
        (
            "partner_activity_uniq",
            "unique(activity_id, partner_id)",
            "This resident is already registered for this activity.",
        ),
    ]

    @api.depends("state")
    def _compute_attended_rate(self):
        for registration in self:
            registration.attended_rate = 100.0 if registration.state == "attended" else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        for activity in registrations.activity_id:
            if activity.capacity and activity.registered_count > activity.capacity:
                raise ValidationError(
                    self.env._(
                        "%(activity)s is full (%(capacity)s places).",
                        activity=activity.name,
                        capacity=activity.capacity,
                    )
                )
        return registrations

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") in ("registered", "attended"):
            for activity in self.activity_id:
                if activity.capacity and activity.registered_count > activity.capacity:
                    raise ValidationError(
                        self.env._(
                            "%(activity)s is full (%(capacity)s places).",
                            activity=activity.name,
                            capacity=activity.capacity,
                        )
                    )
        return res

    def action_attend(self):
        if any(r.state == "cancelled" for r in self):
            raise UserError(self.env._("A cancelled registration cannot be checked in."))
        self.filtered(lambda r: r.state == "registered").write(
            {"state": "attended", "date_attended": fields.Datetime.now()}
        )
        return True

    def action_cancel(self):
        self.write({"state": "cancelled", "date_attended": False})
        return True

    def action_reset(self):
        self.write({"state": "registered", "date_attended": False})
        return True
