# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .community_resource_type import office_today

ALLOCATION_STATES = [
    ("active", "Active"),
    ("ended", "Ended"),
    ("released", "Given back"),
    ("revoked", "Revoked"),
    ("renewed", "Renewed"),
]
# States in which the household no longer holds the item ("turnover").
LEFT_STATES = ("ended", "released", "revoked")


class CommunityResourceAllocation(models.Model):
    """An item held by a household for a term: active until the term ends,
    the household gives it back, the office (or the committee) revokes it,
    or the holder renews it for the next term."""

    _name = "community.resource.allocation"
    _description = "Allocation of a Shared Resource"
    _inherit = ["mail.thread", "community.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    resource_id = fields.Many2one(
        "community.resource",
        string="Item",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    type_id = fields.Many2one(
        related="resource_id.type_id", store=True, index=True, string="Type"
    )
    community_id = fields.Many2one(
        related="resource_id.community_id", store=True, index=True, string="Community"
    )
    household_id = fields.Many2one(
        "community.household",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Holder", index=True, ondelete="restrict", tracking=True
    )
    round_id = fields.Many2one(
        "community.resource.round", index=True, ondelete="set null"
    )
    application_id = fields.Many2one(
        "community.resource.application", ondelete="set null"
    )
    date_start = fields.Date(string="From", required=True, tracking=True)
    date_end = fields.Date(string="Until", required=True, tracking=True, index=True)
    date_stop = fields.Date(
        string="Stopped On",
        readonly=True,
        help="The day the household stopped holding the item (end of term, given "
        "back, revoked).",
    )
    state = fields.Selection(
        ALLOCATION_STATES,
        default="active",
        required=True,
        index=True,
        tracking=True,
        readonly=True,
        copy=False,
    )
    revoke_reason = fields.Text(string="Why Revoked", tracking=True)
    release_reason = fields.Text(string="Why Given Back")
    date_renewal_asked = fields.Date(
        string="Asked to Renew On", readonly=True, copy=False
    )
    renewed_from_id = fields.Many2one(
        "community.resource.allocation",
        string="Renewal Of",
        readonly=True,
        index=True,
        copy=False,
    )
    renewal_id = fields.Many2one(
        "community.resource.allocation",
        string="Renewed By",
        compute="_compute_renewal_id",
    )
    can_renew = fields.Boolean(compute="_compute_can_renew")
    date_renewal_from = fields.Date(
        string="Renewable From", compute="_compute_can_renew"
    )

    def init(self):
        # One active allocation per item, whatever the requests do at the
        # same instant (community.resource._take is the first guard).
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS "
                "community_resource_allocation_active_uniq "
                "ON community_resource_allocation (resource_id) "
                "WHERE state = 'active'"
            )
        )

    @api.depends("resource_id.code", "household_id.name")
    def _compute_name(self):
        for allocation in self:
            allocation.name = (
                f"{allocation.resource_id.code or ''} - "
                f"{allocation.household_id.name or ''}"
            )

    def _compute_renewal_id(self):
        renewals = {
            allocation.renewed_from_id.id: allocation
            for allocation in self.search([("renewed_from_id", "in", self.ids)])
        }
        for allocation in self:
            allocation.renewal_id = renewals.get(allocation.id, self.browse())

    @api.depends("state", "date_end", "type_id.allow_renewal")
    def _compute_can_renew(self):
        today = office_today(self)
        for allocation in self:
            resource_type = allocation.type_id.sudo()
            start = (
                allocation.date_end - timedelta(days=resource_type.renewal_notice_days)
                if allocation.date_end
                else False
            )
            allocation.date_renewal_from = start
            allocation.can_renew = bool(
                allocation.state == "active"
                and resource_type.allow_renewal
                and start
                and start <= today <= allocation.date_end
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for allocation in self:
            if allocation.date_end < allocation.date_start:
                raise ValidationError(
                    self.env._(
                        "The allocation of %(item)s ends before it starts.",
                        item=allocation.resource_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # allocations come from accepted offers (or the demo's history)
            raise AccessError(
                self.env._(
                    "An item is allocated when its household accepts an offer of "
                    "a round."
                )
            )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_renew(self):
        """The holder (or the office) renews for the next term, in the weeks
        before the term ends (the type says how many)."""
        self.ensure_one()
        allocation = self._checked_holder()
        if not allocation.can_renew:
            raise UserError(allocation._cannot_renew_message())
        resource_type = allocation.type_id
        start = allocation.date_end + timedelta(days=1)
        end = start + resource_type._term_delta() - timedelta(days=1)
        allocation.write({"state": "renewed"})
        # the item has one active allocation at a time: this one ends first
        allocation.flush_recordset(["state"])
        renewal = allocation.create(
            {
                "resource_id": allocation.resource_id.id,
                "household_id": allocation.household_id.id,
                "partner_id": allocation.partner_id.id,
                "round_id": allocation.round_id.id,
                "application_id": allocation.application_id.id,
                "renewed_from_id": allocation.id,
                "date_start": start,
                "date_end": end,
            }
        )
        renewal.message_post(
            body=self.env._(
                "Renewed until %(date)s by %(person)s.",
                date=end,
                person=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self.browse(renewal.id)

    def action_release(self):
        return self.release()

    def action_open_revoke(self):
        """The office (or the committee) gives the reason of a revocation."""
        return self._action_open(
            "community_governance.community_resource_reason_wizard_action_revoke",
            context={"default_allocation_ids": self.ids},
        )

    def action_view_renewal(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_resource_allocation_action",
            domain=[("id", "in", (self.renewal_id | self.renewed_from_id).ids)],
            context={},
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def release(self, reason=None):
        """The household gives the item back (or the office records it): the
        item goes to the next household on the waiting list."""
        self.ensure_one()
        allocation = self._checked_holder()
        if allocation.state != "active":
            raise UserError(allocation._not_active_message())
        allocation.write(
            {
                "state": "released",
                "date_stop": allocation._stop_date(),
                "release_reason": (reason or "").strip() or False,
            }
        )
        allocation.resource_id._free()
        return True

    def revoke(self, reason):
        """The office, or a leader of the body that sets the type's rules,
        takes the items back, for ``reason`` (e.g. the plot was left
        unplanted)."""
        partner = self.env.user.partner_id
        allocations = self._checked_sudo(
            lambda a: a.type_id._is_rule_setter(partner),
            self.env._(
                "Only the community office or the committee that sets the rules can "
                "revoke an allocation."
            ),
        ).sudo()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason the allocation is revoked."))
        inactive = allocations.filtered(lambda a: a.state != "active")
        if inactive:
            raise UserError(inactive[0]._not_active_message())
        for date_stop, stopped in allocations.grouped(lambda a: a._stop_date()).items():
            stopped.write(
                {"state": "revoked", "revoke_reason": reason, "date_stop": date_stop}
            )
        allocations._post_template(
            "community_governance.mail_template_resource_revoked"
        )
        allocations.resource_id._free()
        return True

    def _stop_date(self):
        """The office's today, never before the first day of the term (a
        term may be given back or revoked before it began)."""
        return max(self.date_start, office_today(self))

    def _checked_holder(self):
        household = self.env.user.partner_id.household_id
        return self._checked_sudo(
            lambda a: bool(household) and a.household_id == household,
            self.env._("Only the household that holds the item can do this."),
        ).sudo()

    def _not_active_message(self):
        labels = dict(self._fields["state"]._description_selection(self.env))
        return self.env._(
            "The allocation of %(item)s is %(state)s already.",
            item=self.resource_id.display_name,
            state=labels[self.state].lower(),
        )

    def _cannot_renew_message(self):
        _ = self.env._
        if self.state != "active":
            return self._not_active_message()
        if not self.type_id.allow_renewal:
            return _(
                "Items of %(type)s are not renewed: apply again in the next round.",
                type=self.type_id.name,
            )
        return _(
            "%(item)s can be renewed from %(date)s until the end of the term.",
            item=self.resource_id.display_name,
            date=self.date_renewal_from,
        )

    @api.model
    def _ended_terms_domain(self):
        return [
            ("state", "=", "active"),
            ("date_end", "<", office_today(self)),
        ]

    def _end_terms(self):
        """The terms are over (the job): the items are free again."""
        for date_end, allocations in self.grouped("date_end").items():
            allocations.write({"state": "ended", "date_stop": date_end})
        self.resource_id._free()

    @api.model
    def _renewal_due_domain(self):
        """Active allocations of renewable types whose renewal window opened
        and whose holder was not asked yet. The window is per type, so the
        domain lists each type's first day."""
        today = office_today(self)
        types = (
            self.env["community.resource.type"]
            .sudo()
            .search([("allow_renewal", "=", True)])
        )
        per_type = [
            [
                ("type_id", "=", resource_type.id),
                (
                    "date_end",
                    "<=",
                    today + timedelta(days=resource_type.renewal_notice_days),
                ),
            ]
            for resource_type in types
        ]
        if not per_type:
            return [(0, "=", 1)]
        domain = ["|"] * (len(per_type) - 1)
        for part in per_type:
            domain += ["&", *part]
        return [
            ("state", "=", "active"),
            ("date_renewal_asked", "=", False),
            ("date_end", ">=", today),
        ] + domain

    def _ask_renewal(self):
        """Ask the holders whether they renew (the job)."""
        self.write({"date_renewal_asked": office_today(self)})
        self._post_template("community_governance.mail_template_resource_renewal")
