# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

STEWARD_GROUP = "community_governance.group_portal_steward"
REMINDER_PARAM = "community_governance.steward_reminder_days"


class CommunitySteward(models.Model):
    """One term of a resident serving as a steward of an area."""

    _name = "community.steward"
    _description = "Steward Term"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Resident",
        required=True,
        index=True,
        domain=[("is_resident", "=", True)],
        tracking=True,
    )
    role_id = fields.Many2one(
        "community.steward.role",
        required=True,
        index=True,
        tracking=True,
    )
    area_type = fields.Selection(related="role_id.area_type")
    area_id = fields.Many2one(
        "community.area",
        required=True,
        index=True,
        domain="[('area_type', '=', area_type)]",
        tracking=True,
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    date_start = fields.Date(
        string="Term Start",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(string="Term End", index=True, tracking=True)
    state = fields.Selection(
        [("candidate", "Candidate"), ("active", "Serving"), ("ended", "Ended")],
        default="candidate",
        required=True,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Portal User",
        compute="_compute_user_id",
        compute_sudo=True,
        help="The portal user of the resident: gets the steward rights while the "
        "term runs.",
    )
    note = fields.Text()

    @api.depends("partner_id", "role_id", "area_id")
    def _compute_display_name(self):
        for steward in self:
            steward.display_name = " - ".join(
                name
                for name in (
                    steward.partner_id.name,
                    steward.role_id.name,
                    steward.area_id.complete_name,
                )
                if name
            )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for steward in self:
            steward.user_id = steward.partner_id.user_ids[:1]

    @api.constrains("role_id", "area_id")
    def _check_area_type(self):
        for steward in self:
            if steward.area_id.area_type != steward.role_id.area_type:
                raise ValidationError(
                    self.env._(
                        "A %(role)s serves an area of type %(type)s: "
                        "%(area)s is not one.",
                        role=steward.role_id.name,
                        type=dict(
                            steward.role_id._fields["area_type"]._description_selection(
                                self.env
                            )
                        )[steward.role_id.area_type],
                        area=steward.area_id.display_name,
                    )
                )

    @api.constrains("partner_id", "area_id")
    def _check_partner_community(self):
        for steward in self:
            partner = steward.partner_id.sudo()
            if not partner.is_resident or partner.community_id != steward.community_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s does not live in %(community)s and cannot serve "
                        "%(area)s.",
                        person=partner.name,
                        community=steward.community_id.name,
                        area=steward.area_id.display_name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for steward in self:
            if steward.date_end and steward.date_end < steward.date_start:
                raise ValidationError(self.env._("A term cannot end before it starts."))

    @api.constrains("state", "area_id", "role_id")
    def _check_max_per_area(self):
        active = self.filtered(lambda s: s.state == "active")
        if not active:
            return
        # appointments in the same areas are counted one after the other
        active.sudo().area_id._lock_rows()
        counts = self.sudo()._read_group(
            [
                ("state", "=", "active"),
                ("area_id", "in", active.area_id.ids),
                ("role_id", "in", active.role_id.ids),
            ],
            ["area_id", "role_id"],
            ["__count"],
        )
        for area, role, count in counts:
            if count > role.max_per_area:
                raise ValidationError(
                    self.env._(
                        "%(area)s already has %(max)s serving %(role)s: end a term "
                        "before appointing another one.",
                        area=area.display_name,
                        max=role.max_per_area,
                        role=role.name,
                    )
                )

    @api.constrains("state", "partner_id", "role_id", "area_id")
    def _check_unique_active(self):
        active = self.filtered(lambda s: s.state == "active")
        if not active:
            return
        # appointments in the same areas are counted one after the other
        active.sudo().area_id._lock_rows()
        counts = self.sudo()._read_group(
            [
                ("state", "=", "active"),
                ("partner_id", "in", active.partner_id.ids),
                ("area_id", "in", active.area_id.ids),
            ],
            ["partner_id", "area_id", "role_id"],
            ["__count"],
        )
        for partner, area, role, count in counts:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "%(person)s already serves %(area)s as %(role)s.",
                        person=partner.name,
                        area=area.display_name,
                        role=role.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        stewards = super().create(vals_list)
        stewards.filtered(lambda s: s.state == "active")._sync_steward_group()
        return stewards

    def write(self, vals):
        users = self.user_id
        res = super().write(vals)
        if "state" in vals or "partner_id" in vals:
            self._sync_steward_group_users(self.user_id | users)
        return res

    def unlink(self):
        users = self.user_id
        res = super().unlink()
        self.env["community.steward"]._sync_steward_group_users(users)
        return res

    def action_appoint(self):
        if any(s.state != "candidate" for s in self):
            raise UserError(self.env._("Only candidates can be appointed."))
        self.write({"state": "active"})
        return True

    def action_end(self):
        if any(s.state != "active" for s in self):
            raise UserError(self.env._("Only serving stewards can end their term."))
        today = fields.Date.context_today(self)

        def end_date(steward):
            # today in the ending user's time zone may be before the start day
            # another user's time zone gave the term
            return max(steward.date_start, min(steward.date_end or today, today))

        for date_end, stewards in self.grouped(end_date).items():
            stewards.write({"state": "ended", "date_end": date_end})
        return True

    def action_reset_candidate(self):
        self.write({"state": "candidate"})

    def _sync_steward_group(self):
        self._sync_steward_group_users(self.user_id)

    @api.model
    def _sync_steward_group_users(self, users=None):
        """Give the portal steward role to the given users who serve at least
        one active term, and take it from the others, in one write."""
        users = (users if users is not None else self.user_id).filtered("share")
        if not users:
            return
        serving = {
            partner.id
            for [partner] in self.sudo()._read_group(
                [("state", "=", "active"), ("partner_id", "in", users.partner_id.ids)],
                ["partner_id"],
            )
        }
        group = self.env.ref(STEWARD_GROUP).sudo()
        commands = [
            Command.link(user.id)
            if user.partner_id.id in serving
            else Command.unlink(user.id)
            for user in users
        ]
        group.write({"users": commands})

    @api.model
    def _cron_end_expired_terms(self):
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "active"), ("date_end", "<", today)])
        expired.write({"state": "ended"})
        return True

    def _reminder_days(self):
        return int(
            self.env["ir.config_parameter"].sudo().get_param(REMINDER_PARAM, 30) or 30
        )

    @api.model
    def _portal_ending_terms(self):
        """The current user's own serving terms that end within the reminder
        days (30 by default), soonest first: the portal tells the steward."""
        today = fields.Date.context_today(self)
        return self.sudo().search(
            [
                ("partner_id", "=", self.env.user.partner_id.id),
                ("state", "=", "active"),
                ("date_end", ">=", today),
                ("date_end", "<=", today + relativedelta(days=self._reminder_days())),
            ],
            order="date_end, id",
        )

    @api.model
    def _cron_term_end_reminders(self):
        """A to-do for the office a number of days before a term ends, once."""
        days = self._reminder_days()
        today = fields.Date.context_today(self)
        stewards = self.search(
            [
                ("state", "=", "active"),
                ("date_end", ">=", today),
                ("date_end", "<=", today + relativedelta(days=days)),
            ]
        )
        if not stewards:
            return True
        todo = self.env.ref("mail.mail_activity_data_todo")
        existing = defaultdict(set)
        for activity in self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", stewards.ids),
                ("activity_type_id", "=", todo.id),
            ]
        ):
            existing[activity.res_id].add(activity.date_deadline)
        vals_list = []
        model_id = self.env["ir.model"]._get_id(self._name)
        for steward in stewards:
            if steward.date_end in existing[steward.id]:
                continue
            office = (
                steward.area_id.user_id
                or steward.community_id.user_id
                or self.env.ref("base.user_admin")
            )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": steward.id,
                    "activity_type_id": todo.id,
                    "user_id": office.id,
                    "date_deadline": steward.date_end,
                    "summary": self.env._(
                        "Term of %(person)s as %(role)s of %(area)s ends on %(date)s",
                        person=steward.partner_id.name,
                        role=steward.role_id.name,
                        area=steward.area_id.display_name,
                        date=steward.date_end,
                    ),
                }
            )
        self.env["mail.activity"].create(vals_list)
        return True
