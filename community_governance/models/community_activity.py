# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CommunityActivity(models.Model):
    """A dated activity of the community or of a club (clean-up day, square-dance
    evening, legal clinic...). Clubs add registrations and attendance, volunteer
    hours are logged against it."""

    _name = "community.activity"
    _description = "Community Activity"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_begin desc, id desc"

    name = fields.Char(required=True, tracking=True)
    date_begin = fields.Datetime(
        string="Start", required=True, index=True, tracking=True
    )
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    area_id = fields.Many2one(
        "community.area",
        required=True,
        index=True,
        help="The community (or part of it) the activity is for.",
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    place = fields.Char()
    line_id = fields.Many2one(
        "community.line",
        string="Participation Line",
        index=True,
        help="The line of participation the activity belongs to; volunteer hours "
        "logged for it count on this line.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Organizer",
        default=lambda self: self.env.user,
        tracking=True,
    )
    coordinator_ids = fields.Many2many(
        "res.users",
        "community_activity_coordinator_rel",
        "activity_id",
        "user_id",
        string="Coordinators",
        help="Residents or staff who lead the activity on the ground: they may "
        "check attendance and approve volunteer hours for it from the portal.",
    )
    description = fields.Html()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    color = fields.Integer()

    @api.constrains("date_begin", "date_end")
    def _check_dates(self):
        for activity in self:
            if activity.date_end < activity.date_begin:
                raise ValidationError(
                    self.env._(
                        "Activity %(name)s ends before it starts.", name=activity.name
                    )
                )

    def action_confirm(self):
        self.write({"state": "confirmed"})

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancel"})

    def action_draft(self):
        self.write({"state": "draft"})
