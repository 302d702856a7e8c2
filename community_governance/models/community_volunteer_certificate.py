# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .community_mixin import mask_name, qr_code_src

# Lengths of the verification codes the public page looks up.
CODE_LENGTHS = (10, 64)


class CommunityVolunteerCertificate(models.Model):
    """A certificate of volunteer service issued for a period: the approved
    hours of the volunteer in the period, frozen at issue, with an unguessable
    code anybody can check on /volunteer/verify/<code>."""

    _name = "community.volunteer.certificate"
    _description = "Certificate of Volunteer Service"
    _order = "issue_date desc, id desc"
    _inherit = ["community.mixin"]

    partner_id = fields.Many2one(
        "res.partner",
        string="Volunteer",
        required=True,
        index=True,
        ondelete="restrict",
    )
    community_id = fields.Many2one("community.area", readonly=True, index=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    hours = fields.Float(digits=(8, 2), readonly=True)
    # Not portal.mixin's access_token: the code is printed on paper for anybody
    # to check, so it must prove the certificate, not open the portal record.
    code = fields.Char(
        string="Verification Code",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: secrets.token_urlsafe(16),
        index=True,
    )
    issue_date = fields.Date(
        required=True, readonly=True, default=fields.Date.context_today
    )
    user_id = fields.Many2one(
        "res.users",
        string="Issued By",
        readonly=True,
        default=lambda self: self.env.user,
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The verification code must be unique."),
    ]

    @api.depends("partner_id", "date_from", "date_to")
    def _compute_display_name(self):
        for certificate in self:
            certificate.display_name = self.env._(
                "%(name)s, %(date_from)s - %(date_to)s",
                name=certificate.partner_id.name or "",
                date_from=certificate.date_from or "",
                date_to=certificate.date_to or "",
            )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for certificate in self:
            if certificate.date_to < certificate.date_from:
                raise ValidationError(self.env._("The period ends before it starts."))

    @api.model
    def _approved_hours(self, partner, date_from, date_to):
        Hour = self.env["community.volunteer.hour"]
        Hour.flush_model(["volunteer_id", "state", "date", "hours"])
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(SUM(hours), 0) FROM %(table)s
                 WHERE volunteer_id = %(partner)s AND state = 'approved'
                   AND date BETWEEN %(date_from)s AND %(date_to)s
                """,
                table=SQL.identifier(Hour._table),
                partner=partner.id,
                date_from=date_from,
                date_to=date_to,
            )
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def issue(self, partner_id, date_from, date_to):
        """The certificate of volunteer ``partner_id`` for the period: for the
        office (a volunteer it may read), or for the volunteer themself.

        :return: the certificate, as the current user
        """
        partner = self.env["res.partner"].browse(partner_id)
        if partner != self.env.user.partner_id:
            self._check_office(
                self.env._("Only the community office issues certificates.")
            )
            partner.check_access("read")
        certificate = self._issue(
            partner.sudo(),
            fields.Date.to_date(date_from),
            fields.Date.to_date(date_to),
        )
        return certificate.with_env(self.env)

    @api.model
    def issue_for_year(self, year):
        """The current user's certificate for ``year`` (up to today)."""
        today = fields.Date.context_today(self)
        if not isinstance(year, int) or not 1900 < year <= today.year:
            raise UserError(
                self.env._(
                    "Choose a year up to %(year)s for the certificate.", year=today.year
                )
            )
        return self.issue(
            self.env.user.partner_id.id,
            date(year, 1, 1),
            min(date(year, 12, 31), today),
        )

    @api.model
    def _verification_values(self, code):
        """What the public verification page shows of the certificate with
        this code (no contact details, the name masked), or ``None``."""
        if not CODE_LENGTHS[0] <= len(code or "") <= CODE_LENGTHS[1]:
            return None
        # Public page: the unguessable code is the right to see these values.
        certificate = self.sudo().search([("code", "=", code)], limit=1)
        if not certificate:
            return None
        return {
            "masked_name": certificate._masked_name(),
            "date_from": certificate.date_from,
            "date_to": certificate.date_to,
            "hours": certificate.hours,
            "issue_date": certificate.issue_date,
            "community": certificate.community_id.name,
        }

    def _render_pdf(self):
        """(content, report type) of the certificates, for a user who may read
        them (the volunteer, the office)."""
        self.check_access("read")
        return (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(
                "community_governance.action_report_volunteer_certificate", self.ids
            )
        )

    @api.model
    def _issue(self, partner, date_from, date_to):
        """The certificate of ``partner`` for the period: the one already issued
        if the hours did not change since, else a new one. Private: the caller
        checked the user may certify this partner."""
        if not partner.is_volunteer:
            raise UserError(
                self.env._("%(name)s is not a registered volunteer.", name=partner.name)
            )
        # One certificate per period and hours, also when downloaded twice at once.
        partner._lock_rows()
        hours = self._approved_hours(partner, date_from, date_to)
        if not hours:
            raise UserError(
                self.env._(
                    "%(name)s has no approved volunteer hours between %(date_from)s "
                    "and %(date_to)s.",
                    name=partner.name,
                    date_from=date_from,
                    date_to=date_to,
                )
            )
        Certificate = self.sudo()
        existing = Certificate.search(
            [
                ("partner_id", "=", partner.id),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
                ("hours", "=", hours),
            ],
            limit=1,
        )
        if existing:
            return existing
        return Certificate.create(
            {
                "partner_id": partner.id,
                "community_id": partner.community_id.id,
                "date_from": date_from,
                "date_to": date_to,
                "hours": hours,
            }
        )

    def _seal(self):
        """The image printed as the certificate's seal: its community's seal,
        else the company's logo (base64, or False)."""
        self.ensure_one()
        return self.community_id.sudo().seal or self.env.company.logo

    def _verification_url(self):
        """The absolute address of the certificate's public verification
        page (``web.base.url``), which its QR code holds."""
        self.ensure_one()
        return f"{self.get_base_url()}/volunteer/verify/{self.code}"

    def _qr_code_src(self):
        """The image of the QR code of :meth:`_verification_url`, from Odoo's
        barcode route."""
        self.ensure_one()
        return qr_code_src(self._verification_url(), 180)

    def _masked_name(self):
        """The volunteer's name, masked (see ``community_mixin.mask_name``)."""
        self.ensure_one()
        return mask_name(self.partner_id.name)

    @api.readonly
    def action_print(self):
        return self.env.ref(
            "community_governance.action_report_volunteer_certificate"
        ).report_action(self)
