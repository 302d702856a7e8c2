# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, create_index, float_compare

LOCKED_STATES = ("approved", "rejected")
# Fields set by the workflow methods only.
WORKFLOW_FIELDS = {"state", "approver_id", "date_approved", "reject_reason"}
# What a volunteer (portal) may fill in on their own entries.
VOLUNTEER_FIELDS = {
    "volunteer_id",
    "date",
    "hours",
    "activity_id",
    "line_id",
    "description",
    "state",
}


class CommunityVolunteerHour(models.Model):
    """Hours of volunteer service of a resident, logged per day, activity and
    line. Approved and rejected entries are locked: a correction is a new
    entry, so the totals never change silently."""

    _name = "community.volunteer.hour"
    _description = "Volunteer Hours"
    _order = "date desc, id desc"
    _inherit = ["community.mixin"]

    def _default_state(self):
        return "approved" if self._is_office() else "draft"

    volunteer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_volunteer", "=", True)],
    )
    volunteer_name = fields.Char(related="volunteer_id.name", string="Volunteer Name")
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    hours = fields.Float(required=True, digits=(6, 2))
    activity_id = fields.Many2one("event.event", index=True, ondelete="restrict")
    line_id = fields.Many2one(
        "community.line",
        string="Participation Line",
        compute="_compute_line_id",
        store=True,
        readonly=False,
        index=True,
        ondelete="restrict",
    )
    description = fields.Text()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default=_default_state,
        required=True,
        index=True,
    )
    reject_reason = fields.Text(string="Reason for Rejection")
    approver_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    date_approved = fields.Datetime(string="Decided On", readonly=True)
    community_id = fields.Many2one(
        "community.area",
        compute="_compute_home",
        store=True,
        index=True,
    )
    area_id = fields.Many2one(
        "community.area",
        string="Home Area",
        compute="_compute_home",
        store=True,
        index=True,
    )
    correction_of_id = fields.Many2one(
        "community.volunteer.hour",
        index="btree_not_null",
        ondelete="restrict",
        help="The approved entry this entry corrects (its hours may be negative).",
    )
    correction_ids = fields.One2many(
        "community.volunteer.hour", "correction_of_id", string="Corrections"
    )

    def init(self):
        # Totals read the approved hours of a few volunteers among many entries.
        create_index(
            self.env.cr,
            "community_volunteer_hour_volunteer_state_date_idx",
            self._table,
            ["volunteer_id", "state", "date"],
        )

    @api.depends("activity_id", "volunteer_id")
    def _compute_line_id(self):
        volunteer_line = self.env.ref(
            "community_governance.line_volunteer", raise_if_not_found=False
        )
        for entry in self:
            if entry.activity_id.line_id:
                entry.line_id = entry.activity_id.line_id
            elif not entry.line_id:
                entry.line_id = volunteer_line

    @api.depends("volunteer_id")
    def _compute_home(self):
        # The home of the volunteer when the hours were logged: a later move
        # does not move the past hours to another community.
        for entry in self:
            entry.area_id = entry.volunteer_id.area_id
            entry.community_id = entry.volunteer_id.community_id

    @api.depends("volunteer_name", "date", "hours")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = self.env._(
                "%(volunteer)s, %(date)s: %(hours)s h",
                volunteer=entry.volunteer_name or "",
                date=entry.date or "",
                hours=entry.hours,
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("hours", "correction_of_id")
    def _check_hours(self):
        for entry in self:
            if entry.correction_of_id:
                if entry.correction_of_id.state != "approved":
                    raise ValidationError(
                        self.env._("Only an approved entry can be corrected.")
                    )
                if entry.correction_of_id.volunteer_id != entry.volunteer_id:
                    raise ValidationError(
                        self.env._(
                            "A correction is for the volunteer of the corrected entry."
                        )
                    )
                if not entry.hours:
                    raise ValidationError(
                        self.env._("A correction cannot be of 0 hours.")
                    )
                if entry.correction_of_id.correction_of_id:
                    raise ValidationError(
                        self.env._("Correct the original entry, not a correction.")
                    )
                original = entry.correction_of_id
                net = original.hours + sum(
                    original.correction_ids.filtered(
                        lambda c: c.state != "rejected"
                    ).mapped("hours")
                )
                if float_compare(net, 0.0, precision_digits=2) < 0:
                    raise ValidationError(
                        self.env._(
                            "The corrections of the entry of %(date)s remove more "
                            "hours (%(net)s) than it had.",
                            date=original.date,
                            net=net,
                        )
                    )
            elif float_compare(entry.hours, 0.0, precision_digits=2) <= 0:
                raise ValidationError(
                    self.env._(
                        "Hours must be more than 0 (entry of %(name)s on %(date)s).",
                        name=entry.volunteer_id.name,
                        date=entry.date,
                    )
                )

    @api.constrains("date", "volunteer_id", "activity_id")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for entry in self:
            if entry.date > today:
                raise ValidationError(
                    self.env._(
                        "Hours cannot be logged in advance: %(date)s is in the future.",
                        date=entry.date,
                    )
                )
            # nor for an activity that has not begun yet
            begin = entry.activity_id.sudo().date_begin
            if begin and fields.Datetime.context_timestamp(self, begin).date() > today:
                raise ValidationError(
                    self.env._(
                        "Hours cannot be logged for %(activity)s before it takes "
                        "place (%(date)s).",
                        activity=entry.activity_id.sudo().name,
                        date=fields.Datetime.context_timestamp(self, begin).date(),
                    )
                )
            volunteer = entry.volunteer_id.sudo()
            if not volunteer.is_volunteer and not entry.correction_of_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not registered as a volunteer.",
                        name=volunteer.name,
                    )
                )
            if volunteer.volunteer_since and entry.date < volunteer.volunteer_since:
                raise ValidationError(
                    self.env._(
                        "%(name)s registered as a volunteer on %(since)s: no hours "
                        "can be logged on %(date)s, before that.",
                        name=volunteer.name,
                        since=volunteer.volunteer_since,
                        date=entry.date,
                    )
                )

    @api.constrains("date", "volunteer_id", "hours", "state")
    def _check_hours_per_day(self):
        """At most 24 hours per volunteer per day, across all the entries that
        are not rejected: one grouped query for the whole batch. The
        volunteers' rows are locked first, so that entries sent at the same
        moment are counted one after the other (see ``_lock_rows``)."""
        self.sudo().volunteer_id._lock_rows()
        groups = self.sudo()._read_group(
            [
                ("volunteer_id", "in", self.volunteer_id.ids),
                ("date", "in", list(set(self.mapped("date")))),
                ("state", "!=", "rejected"),
            ],
            ["volunteer_id", "date:day"],
            ["hours:sum"],
        )
        keys = {(e.volunteer_id.id, e.date) for e in self}
        for volunteer, day, hours in groups:
            day = fields.Date.to_date(day)
            if (volunteer.id, day) in keys and float_compare(
                hours, 24.0, precision_digits=2
            ) > 0:
                raise ValidationError(
                    self.env._(
                        "%(name)s would have %(hours)s hours on %(date)s: no more than "
                        "24 hours can be logged for one day.",
                        name=volunteer.name,
                        hours=round(hours, 2),
                        date=day,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        is_office = self._is_office()
        now = fields.Datetime.now()
        for vals in vals_list:
            if not is_office:
                self._check_volunteer_vals(vals)
                if vals.get("volunteer_id") != self.env.user.partner_id.id:
                    raise AccessError(
                        self.env._("You log volunteer hours for yourself only.")
                    )
            state = vals.get("state") or self._default_state()
            vals["state"] = state
            if state in LOCKED_STATES:
                if not is_office:
                    raise AccessError(
                        self.env._(
                            "Only the community office approves volunteer hours."
                        )
                    )
                vals.setdefault("approver_id", self.env.user.id)
                vals.setdefault("date_approved", now)
            elif vals.get("approver_id") or vals.get("date_approved"):
                raise UserError(self.env._("Only a decided entry has an approver."))
            if vals.get("correction_of_id"):
                if not is_office:
                    raise AccessError(
                        self.env._("Only the community office corrects approved hours.")
                    )
                if state != "approved":
                    raise UserError(
                        self.env._("A correction is approved when it is made.")
                    )
        entries = super().create(vals_list)
        approved = entries.filtered(lambda e: e.state == "approved")
        approved.volunteer_id._check_volunteer_milestones()
        return entries

    def write(self, vals):
        locked = self.filtered(lambda e: e.state in LOCKED_STATES)
        if locked and vals:
            raise UserError(
                self.env._(
                    "Approved and rejected volunteer hours are locked (%(entries)s). "
                    "Log a correction instead.",
                    entries=", ".join(locked.mapped("display_name")),
                )
            )
        if not self._is_office():
            self._check_own_drafts()
            self._check_volunteer_vals(vals)
            if "volunteer_id" in vals:
                raise AccessError(
                    self.env._("You cannot move volunteer hours to another volunteer.")
                )
        if WORKFLOW_FIELDS & vals.keys():
            self._check_transition(vals)
        if "correction_of_id" in vals:
            raise UserError(self.env._("A correction is made as a new entry."))
        return super().write(vals)

    def unlink(self):
        if not self._is_office():
            self._check_own_drafts()
        return super().unlink()

    def _check_own_drafts(self):
        """Volunteers change and delete their own draft entries only (the
        record rules say the same; this gives the reason)."""
        partner = self.env.user.partner_id
        if any(e.volunteer_id != partner or e.state != "draft" for e in self.sudo()):
            raise AccessError(self.env._("Only your own draft hours can be changed."))

    def _check_volunteer_vals(self, vals):
        """Volunteers fill in the day, hours, activity, line and description
        of their own entries; the rest is the office's (or computed)."""
        forbidden = set(vals) - VOLUNTEER_FIELDS
        if forbidden:
            raise AccessError(
                self.env._(
                    "You cannot set %(fields)s on volunteer hours.",
                    fields=", ".join(sorted(forbidden)),
                )
            )
        if vals.get("activity_id") and not self.env["event.event"].search_count(
            [("id", "=", vals["activity_id"])] + self._volunteer_activity_domain(),
            limit=1,
        ):
            raise AccessError(
                self.env._("Choose an activity of your community from the list.")
            )
        if vals.get("line_id"):
            line = self.env["community.line"].browse(vals["line_id"]).sudo().exists()
            if not line:
                raise UserError(self.env._("Choose a line from the list."))
            if line.is_sensitive:
                raise AccessError(
                    self.env._(
                        "The line %(line)s is recorded by the office only.",
                        line=line.name,
                    )
                )

    def _check_transition(self, vals):
        """Workflow fields change only along draft -> submitted -> approved /
        rejected; deciding is for the office (or sudo after an explicit check)."""
        target = vals.get("state")
        if target in LOCKED_STATES:
            self._check_office(
                self.env._("Only the community office approves volunteer hours.")
            )
            return
        if set(vals) & (WORKFLOW_FIELDS - {"state"}):
            raise UserError(
                self.env._("Decide on volunteer hours with Approve or Reject.")
            )
        if target == "submitted" and any(e.state != "draft" for e in self):
            raise UserError(self.env._("Only draft hours can be submitted."))
        if target == "draft" and any(e.state != "draft" for e in self):
            raise UserError(self.env._("Submitted hours cannot go back to draft."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        locked = self.filtered(lambda e: e.state in LOCKED_STATES)
        if locked:
            raise UserError(
                self.env._(
                    "Approved and rejected volunteer hours cannot be deleted "
                    "(%(entries)s). Log a correction instead.",
                    entries=", ".join(locked.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        self.write({"state": "submitted"})
        return True

    def action_approve(self):
        """Approve the entries: the office, or the coordinator of every
        entry's activity (not for their own hours)."""
        self._checked_decider()._approve()
        return True

    def action_reject(self):
        """Open the wizard that asks the reason of the rejection."""
        self._check_office(
            self.env._("Only the community office rejects volunteer hours.")
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Volunteer Hours"),
            "res_model": "community.volunteer.hour.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_hour_ids": [fields.Command.set(self.ids)]},
        }

    def action_correct(self):
        """Open a new approved entry correcting this one."""
        self.ensure_one()
        if self.state != "approved":
            raise UserError(self.env._("Only an approved entry can be corrected."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct Volunteer Hours"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_correction_of_id": self.id,
                "default_volunteer_id": self.volunteer_id.id,
                "default_date": fields.Date.to_string(self.date),
                "default_activity_id": self.activity_id.id,
                "default_line_id": self.line_id.id,
                "default_hours": -self.hours,
                "default_state": "approved",
            },
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def reject(self, reason):
        """Reject the entries with a reason: the office, or the coordinator of
        every entry's activity (not for their own hours)."""
        self._checked_decider()._reject(reason)
        return True

    def _checked_decider(self):
        """The entries to decide on as the current user: the office's, or
        those of the activities the user coordinates."""
        user = self.env.user
        return self._checked_sudo(
            lambda e: (
                user in e.activity_id.coordinator_ids
                and e.volunteer_id != user.partner_id
            ),
            self.env._("You do not coordinate the activity of these hours."),
        )

    @api.model
    def _volunteer_activity_domain(self):
        """The activities a volunteer may log hours for, searched as the
        volunteer (the record rules add: of their community, or coordinated
        by them)."""
        return [("community_id", "!=", False), ("portal_published", "=", True)]

    @api.model
    def _volunteer_choices(self):
        """(lines, activities) a volunteer may pick on the portal form."""
        lines = self.env["community.line"].search([("is_sensitive", "=", False)])
        activities = self.env["event.event"].search(
            self._volunteer_activity_domain(),
            order="date_begin desc, id desc",
            limit=50,
        )
        return lines, activities

    @api.model
    def _coordinator_domain(self):
        """The hours waiting for the current user's decision as coordinator
        of their activity (not their own)."""
        return [
            ("activity_id.coordinator_ids", "in", [self.env.uid]),
            ("volunteer_id", "!=", self.env.user.partner_id.id),
            ("state", "=", "submitted"),
        ]

    def _check_decidable(self):
        undecidable = self.filtered(lambda e: e.state not in ("draft", "submitted"))
        if undecidable:
            raise UserError(
                self.env._(
                    "These hours were already decided: %(entries)s.",
                    entries=", ".join(undecidable.mapped("display_name")),
                )
            )

    def _approve(self):
        """Approve the entries. Private: the caller checked the user's right."""
        self._check_decidable()
        self.sudo().write(
            {
                "state": "approved",
                "approver_id": self.env.user.id,
                "date_approved": fields.Datetime.now(),
            }
        )
        self.volunteer_id._check_volunteer_milestones()
        return True

    def _reject(self, reason):
        """Reject the entries with a reason. Private: the caller checked the
        user's right."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason of the rejection."))
        self._check_decidable()
        self.sudo().write(
            {
                "state": "rejected",
                "reject_reason": reason,
                "approver_id": self.env.user.id,
                "date_approved": fields.Datetime.now(),
            }
        )
        return True

    @api.model
    def _get_volunteer_totals(self, partner_ids, today=None):
        """Approved hours of the partners this month, this year and in their
        whole life, and their streak of consecutive years with approved hours
        (ending this year or last year): one grouped SQL query, whatever the
        number of partners and entries.

        :return: {partner_id: {'month', 'year', 'total', 'streak', 'years'}}
        """
        if not partner_ids:
            return {}
        today = today or fields.Date.context_today(self)
        year_start = date(today.year, 1, 1)
        month_start = today.replace(day=1)
        self.flush_model(["volunteer_id", "state", "date", "hours"])
        self.env.cr.execute(
            SQL(
                """
                SELECT volunteer_id,
                       SUM(hours),
                       COALESCE(SUM(hours) FILTER (WHERE date >= %(year_start)s), 0),
                       COALESCE(SUM(hours) FILTER (WHERE date >= %(month_start)s), 0),
                       ARRAY_AGG(DISTINCT EXTRACT(YEAR FROM date)::int)
                           FILTER (WHERE hours > 0)
                  FROM %(table)s
                 WHERE volunteer_id = ANY(%(partner_ids)s)
                   AND state = 'approved'
                 GROUP BY volunteer_id
                """,
                table=SQL.identifier(self._table),
                year_start=year_start,
                month_start=month_start,
                partner_ids=list(partner_ids),
            )
        )
        result = {}
        for partner_id, total, year, month, years in self.env.cr.fetchall():
            result[partner_id] = {
                "total": total,
                "year": year,
                "month": month,
                "years": sorted(years or []),
                "streak": self._streak(years or [], today.year),
            }
        return result

    @api.model
    def _streak(self, years, this_year):
        """Consecutive years in ``years`` ending this year, or last year when
        this year has no hours yet."""
        years = set(years)
        year = this_year if this_year in years else this_year - 1
        streak = 0
        while year in years:
            streak += 1
            year -= 1
        return streak
