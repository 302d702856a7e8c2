# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import formataddr


class CommunityShareMixin(models.AbstractModel):
    """What listings and matches of the shared community have in common: the
    current resident, and messages whose sender address is the community
    office's, never the resident's own.

    Residents read the messages of the listings and matches they see (the
    conversation of a match, the notes of a listing) through the ORM as well
    as on the portal: a message's ``email_from`` would give the author's
    e-mail address to a neighbour before both sides accepted the match. The
    messages keep their author (the name shown), and are sent from the
    office's address, as a marketplace relays its members' mail.
    """

    _name = "community.share.mixin"
    _description = "Shared Community Helpers"
    _inherit = ["mail.thread", "community.mixin"]

    @api.model
    def _share_resident(self, message=None):
        """The current user's contact when it is a resident of a community
        with a home area (browsed as the current user).

        :raise AccessError: with ``message``, for anybody else
        """
        partner = self.env["res.partner"].browse(self.env.user.partner_id.id)
        resident = partner.sudo()
        if not (resident.is_resident and resident.area_id and resident.community_id):
            raise AccessError(
                message
                or self.env._("Only residents of a community use the shared community.")
            )
        return partner

    @api.model
    def _share_relay_address(self):
        """The address messages of the shared community are sent from."""
        company = self.env.company.sudo()
        return (
            self.env["ir.mail_server"].sudo()._get_default_from_address()
            or company.email
            or company.catchall_email
        )

    def _message_compute_author(
        self, author_id=None, email_from=None, raise_on_email=True
    ):
        author_id, email_from = super()._message_compute_author(
            author_id, email_from, raise_on_email=raise_on_email
        )
        author = self.env["res.partner"].sudo().browse(author_id).exists()
        if author and author.is_resident:
            relay = self._share_relay_address()
            # Without any address of the office, the author's name alone:
            # never the resident's own address.
            email_from = formataddr((author.name, relay)) if relay else author.name
        return author_id, email_from

    def _check_share_office(self, message=None):
        """Office staff acting on these records: their record rules decide
        which ones."""
        self._check_office(message)
        self.check_access("write")


def create_once(model, vals, constraint, message):
    """Create a ``model`` record that a unique ``constraint`` (the key of an
    SQL constraint, or a unique index) allows once: when a concurrent request
    just created it, the user gets ``message``, not a server error."""
    try:
        with model.env.cr.savepoint():
            return model.create(vals)
    except psycopg2.IntegrityError as error:
        name = getattr(error.diag, "constraint_name", None) or ""
        if name.endswith(constraint):
            raise UserError(message) from None
        raise
