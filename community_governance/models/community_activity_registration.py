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
            registration.attended_rate = (
                100.0 if registration.state == "attended" else 0.0
            )

    def _check_capacity(self, activities, adding):
        """Refuse registrations beyond the capacity, before writing them.
        ``adding`` maps an activity id to the number of places taken."""
        counts = dict(
            self.sudo()._read_group(
                [
                    ("activity_id", "in", activities.ids),
                    ("state", "in", ("registered", "attended")),
                ],
                ["activity_id"],
                ["__count"],
            )
        )
        for activity in activities:
            capacity = activity.sudo().capacity
            if (
                capacity
                and counts.get(activity, 0) + adding.get(activity.id, 0) > capacity
            ):
                raise ValidationError(
                    self.env._(
                        "%(activity)s is full (%(capacity)s places).",
                        activity=activity.name,
                        capacity=capacity,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        adding = {}
        for vals in vals_list:
            if vals.get("state", "registered") != "cancelled" and vals.get(
                "activity_id"
            ):
                adding[vals["activity_id"]] = adding.get(vals["activity_id"], 0) + 1
        self._check_capacity(
            self.env["community.activity"].browse(list(adding)), adding
        )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state") in ("registered", "attended"):
            reopened = self.filtered(lambda r: r.state == "cancelled")
            adding = {}
            for registration in reopened:
                key = registration.activity_id.id
                adding[key] = adding.get(key, 0) + 1
            if adding:
                self._check_capacity(reopened.activity_id, adding)
        return super().write(vals)

    def action_attend(self):
        if any(r.state == "cancelled" for r in self):
            raise UserError(
                self.env._("A cancelled registration cannot be checked in.")
            )
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
