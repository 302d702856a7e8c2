# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
import string

from odoo import api, fields, models
from odoo.exceptions import UserError

CODE_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"


def _new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class CommunityActivity(models.Model):
    """Clubs hold activities with a capacity, registrations and attendance."""

    _inherit = "community.activity"

    club_id = fields.Many2one("community.club", index=True, tracking=True)
    capacity = fields.Integer(
        help="Maximum number of registered residents; 0 means no limit."
    )
    registration_ids = fields.One2many(
        "community.activity.registration", "activity_id", string="Registrations"
    )
    registered_count = fields.Integer(
        string="Registered", compute="_compute_registration_stats", store=True
    )
    attended_count = fields.Integer(
        string="Attended", compute="_compute_registration_stats", store=True
    )
    seats_available = fields.Integer(compute="_compute_registration_stats", store=True)
    attendance_rate = fields.Float(
        string="Attendance (%)",
        compute="_compute_registration_stats",
        store=True,
        aggregator="avg",
    )
    checkin_code = fields.Char(
        string="Check-in Code",
        default=lambda self: _new_code(),
        copy=False,
        groups="community_governance.group_officer",
        help="Residents who enter this code on the portal are checked in.",
    )

    @api.depends("registration_ids.state", "capacity")
    def _compute_registration_stats(self):
        counts = {
            (activity.id, state): count
            for activity, state, count in self.env[
                "community.activity.registration"
            ]._read_group(
                [("activity_id", "in", self.ids)], ["activity_id", "state"], ["__count"]
            )
        }
        for activity in self:
            attended = counts.get((activity.id, "attended"), 0)
            registered = counts.get((activity.id, "registered"), 0) + attended
            activity.registered_count = registered
            activity.attended_count = attended
            activity.seats_available = (
                max(activity.capacity - registered, 0) if activity.capacity else 0
            )
            activity.attendance_rate = (
                100.0 * attended / registered if registered else 0.0
            )

    def action_new_checkin_code(self):
        for activity in self:
            activity.checkin_code = _new_code()

    def _check_seats(self, adding=1):
        for activity in self:
            if (
                activity.capacity
                and activity.registered_count + adding > activity.capacity
            ):
                raise UserError(
                    self.env._(
                        "%(activity)s is full (%(capacity)s places).",
                        activity=activity.name,
                        capacity=activity.capacity,
                    )
                )

    def _is_portal_leader(self, user):
        """Coordinators and the leaders of the activity's club may take the
        attendance on the portal."""
        self.ensure_one()
        activity = self.sudo()
        if user in activity.coordinator_ids:
            return True
        return bool(activity.club_id) and activity.club_id._is_leader(user.partner_id)

    def action_view_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "community_governance.community_activity_registration_action"
        )
        action["domain"] = [("activity_id", "=", self.id)]
        action["context"] = {"default_activity_id": self.id}
        return action
