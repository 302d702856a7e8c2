# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError

OFFICE = "community_governance.group_officer"


class CommunityActivity(models.Model):
    _inherit = "community.activity"

    volunteer_hour_ids = fields.One2many(
        "community.volunteer.hour", "activity_id", string="Volunteer Hours"
    )
    volunteer_hour_count = fields.Integer(compute="_compute_volunteer_hour_count")

    def _compute_volunteer_hour_count(self):
        counts = dict(
            self.env["community.volunteer.hour"]._read_group(
                [("activity_id", "in", self.ids)], ["activity_id"], ["__count"]
            )
        )
        for activity in self:
            activity.volunteer_hour_count = counts.get(activity, 0)

    def action_done(self):
        res = super().action_done()
        self._log_attendance_hours()
        return res

    def _log_attendance_hours(self):
        """When a volunteering activity (on the volunteer line) is done, its
        checked-in attendees who are registered volunteers get approved hours
        for the length of the activity (at most a day)."""
        volunteering = self.env.ref("community_governance.line_volunteer")
        for activity in self.filtered(lambda a: a.line_id == volunteering):
            hours = min(
                (activity.date_end - activity.date_begin).total_seconds() / 3600, 24
            )
            attendees = activity.registration_ids.filtered(
                lambda r: r.state == "attended"
            ).partner_id
            if hours > 0 and attendees:
                activity._log_volunteer_hours(dict.fromkeys(attendees, hours))

    def action_view_volunteer_hours(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "community_governance.community_volunteer_hour_action"
        )
        action["domain"] = [("activity_id", "=", self.id)]
        action["context"] = {"default_activity_id": self.id}
        return action

    def _log_volunteer_hours(self, partner_hours):
        """Log approved volunteer hours for the attendees of this activity
        (attendance checked by the office or the clubs feature).

        :param dict partner_hours: {res.partner record or id: hours}
        :return: the created community.volunteer.hour entries

        Attendees who are not registered volunteers on the day of the activity
        are skipped (taking part is not volunteering), and so are those who
        already have hours (not rejected) for this activity: calling it twice
        does not count twice.
        """
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group(OFFICE)):
            raise AccessError(
                self.env._("Only the community office logs hours from attendance.")
            )
        Hour = self.env["community.volunteer.hour"]
        day = fields.Datetime.context_timestamp(self, self.date_begin).date()
        hours_by_id = {
            (p.id if isinstance(p, models.BaseModel) else int(p)): h
            for p, h in partner_hours.items()
            if h and h > 0
        }
        partners = self.env["res.partner"].sudo().browse(list(hours_by_id))
        already = {
            volunteer.id
            for [volunteer] in Hour.sudo()._read_group(
                [
                    ("activity_id", "=", self.id),
                    ("volunteer_id", "in", partners.ids),
                    ("state", "!=", "rejected"),
                ],
                ["volunteer_id"],
            )
        }
        vals_list = [
            {
                "volunteer_id": partner.id,
                "date": day,
                "hours": hours_by_id[partner.id],
                "activity_id": self.id,
                "state": "approved",
                "description": self.name,
            }
            for partner in partners
            if partner.is_volunteer
            and partner.volunteer_since
            and partner.volunteer_since <= day
            and partner.id not in already
        ]
        return Hour.create(vals_list)
