# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CommunityVolunteerCertificateWizard(models.TransientModel):
    _name = "community.volunteer.certificate.wizard"
    _description = "Issue a Certificate of Volunteer Service"

    partner_id = fields.Many2one(
        "res.partner",
        string="Volunteer",
        required=True,
        domain=[("is_volunteer", "=", True)],
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: date(fields.Date.context_today(self).year, 1, 1),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(self.env._("The period ends before it starts."))

    def action_issue(self):
        self.ensure_one()
        # community.volunteer.certificate.issue checks who may certify whom.
        certificate = self.env["community.volunteer.certificate"].issue(
            self.partner_id.id, self.date_from, self.date_to
        )
        return certificate.action_print()
