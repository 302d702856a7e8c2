# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import index_exists


class EventRegistration(models.Model):
    """A resident's registration for a community activity: its partner is the
    resident; attended is event's ``done`` state. Residents register through
    ``event.event.action_register``."""

    _name = "event.registration"
    _inherit = ["event.registration", "community.mixin"]

    club_id = fields.Many2one(
        related="event_id.club_id", store=True, index=True, string="Club"
    )
    community_id = fields.Many2one(
        related="event_id.community_id", store=True, index=True, string="Community"
    )
    attended_rate = fields.Float(
        string="Attendance (%)",
        compute="_compute_attended_rate",
        store=True,
        aggregator="avg",
        help="100 when attended, 0 when registered only: averaged, it is the "
        "attendance rate of an activity or club.",
    )

    def init(self):
        # A resident registers once for a community activity (a cancelled
        # registration is taken up again); events of no community keep
        # event's rule (one partner may book several attendees).
        name = "event_registration_community_partner_uniq"
        if not index_exists(self.env.cr, name):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX %s ON %s (event_id, partner_id) "
                    "WHERE community_id IS NOT NULL AND partner_id IS NOT NULL",
                    SQL.identifier(name),
                    SQL.identifier(self._table),
                )
            )

    @api.depends("state")
    def _compute_attended_rate(self):
        for registration in self:
            registration.attended_rate = 100.0 if registration.state == "done" else 0.0

    def action_cancel_registration(self):
        """The resident cancels their own registration before the activity
        (the office any registration it manages)."""
        if not self:
            raise UserError(self.env._("You have no registration to cancel."))
        partner = self.env.user.partner_id
        registrations = self._checked_sudo(
            lambda registration: registration.partner_id == partner,
            self.env._("You can only cancel your own registration."),
        )
        for registration in registrations:
            if registration.state == "done":
                raise UserError(
                    self.env._(
                        "You attended %(activity)s: this cannot be cancelled.",
                        activity=registration.event_id.name,
                    )
                )
            if registration.state != "open":
                raise UserError(self.env._("You have no registration to cancel."))
            if registration.event_id.date_end < fields.Datetime.now():
                raise UserError(
                    self.env._(
                        "%(activity)s is over: the registration cannot be cancelled.",
                        activity=registration.event_id.name,
                    )
                )
        registrations.action_cancel()
        return True

    def action_mark_attended(self):
        """Check the registered residents in: for the activity's coordinators
        and club leaders on the portal, and for the office."""
        user = self.env.user
        leads = {}

        def allowed(registration):
            event = registration.event_id
            if event.id not in leads:
                leads[event.id] = event._is_portal_leader(user)
            return leads[event.id]

        registrations = self._checked_sudo(
            allowed,
            self.env._(
                "Only the coordinators and the club's leaders take the attendance of "
                "this activity."
            ),
        )
        if any(registration.state == "cancel" for registration in registrations):
            raise UserError(
                self.env._("A cancelled registration cannot be checked in.")
            )
        registrations.filtered(lambda r: r.state == "open").action_set_done()
        return True
