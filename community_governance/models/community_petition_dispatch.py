# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .community_petition import MAX_DESCRIPTION, clean_text


class CommunityPetitionDispatch(models.Model):
    """One department summoned on a petition: it must report for duty
    (acknowledge) and report back what was done, or decline with a reason."""

    _name = "community.petition.dispatch"
    _description = "Petition Dispatch"
    _inherit = ["mail.thread", "mail.activity.mixin", "community.mixin"]
    _order = "date_summoned desc, id desc"
    _rec_name = "petition_id"
    # The department's liaisons exchange messages with the office on the
    # dispatch's portal page: whoever may read it (its liaisons, the office,
    # by the record rules) may post on it.
    _mail_post_access = "read"

    petition_id = fields.Many2one(
        "community.petition",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    department_id = fields.Many2one(
        "community.department",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    # What the department needs to act, and nothing personal about the resident.
    petition_name = fields.Char(related="petition_id.name", string="Petition Reference")
    title = fields.Char(related="petition_id.title")
    description = fields.Text(related="petition_id.description")
    area_id = fields.Many2one(related="petition_id.area_id", store=True, index=True)
    community_id = fields.Many2one(
        related="petition_id.community_id", store=True, index=True
    )
    category_id = fields.Many2one(
        related="petition_id.category_id", store=True, index=True
    )
    state = fields.Selection(
        [
            ("summoned", "Summoned"),
            ("acknowledged", "On Duty"),
            ("reported", "Reported"),
            ("declined", "Declined"),
        ],
        default="summoned",
        required=True,
        index=True,
        tracking=True,
    )
    date_summoned = fields.Datetime(
        default=fields.Datetime.now, required=True, index=True
    )
    date_acknowledge_deadline = fields.Datetime(string="Acknowledge By")
    date_deadline = fields.Datetime(string="Report By", index=True, tracking=True)
    date_acknowledged = fields.Datetime(string="Acknowledged On")
    date_reported = fields.Datetime(string="Reported On")
    date_declined = fields.Datetime(string="Declined On")
    instruction = fields.Text(
        help="What the community office asks this department to do, shown to its "
        "liaisons on the portal and in the summons mail.",
    )
    report = fields.Text()
    decline_reason = fields.Text()
    declined_by_id = fields.Many2one("res.users")
    # 0 until acknowledged / reported back: not a measure (an average would
    # count the pending and declined dispatches as answered at once); the
    # department scoreboard gives the medians over the answered ones.
    acknowledge_hours = fields.Float(
        string="Hours to Acknowledge",
        compute="_compute_hours",
        store=True,
        aggregator=False,
    )
    report_hours = fields.Float(
        string="Hours to Report", compute="_compute_hours", store=True, aggregator=False
    )
    acknowledged_on_time = fields.Boolean(compute="_compute_hours", store=True)
    is_overdue = fields.Boolean(string="Overdue", index=True)
    # The due-time calendar's event title (coloured by department).
    calendar_title = fields.Char(
        string="Reference, Title and Department", compute="_compute_calendar_title"
    )

    @api.depends(
        "date_summoned",
        "date_acknowledged",
        "date_reported",
        "date_acknowledge_deadline",
    )
    def _compute_hours(self):
        for dispatch in self:
            start = dispatch.date_summoned
            ack, rep = dispatch.date_acknowledged, dispatch.date_reported
            dispatch.acknowledge_hours = (
                (ack - start).total_seconds() / 3600 if ack else 0.0
            )
            dispatch.report_hours = (rep - start).total_seconds() / 3600 if rep else 0.0
            dispatch.acknowledged_on_time = bool(
                ack
                and (
                    not dispatch.date_acknowledge_deadline
                    or ack <= dispatch.date_acknowledge_deadline
                )
            )

    @api.depends("petition_id.name", "petition_id.title", "department_id.name")
    def _compute_calendar_title(self):
        for dispatch in self:
            petition = dispatch.petition_id
            dispatch.calendar_title = " – ".join(
                filter(
                    None,
                    [
                        " ".join(filter(None, [petition.name, petition.title])),
                        dispatch.department_id.name,
                    ],
                )
            )

    @api.model
    def _default_deadlines(self, category, start):
        """The acknowledge-by and report-by times of a department summoned at
        ``start`` on a petition of ``category`` (its hours; none where 0)."""
        return {
            "date_acknowledge_deadline": category.acknowledge_hours
            and start + timedelta(hours=category.acknowledge_hours),
            "date_deadline": category.department_hours
            and start + timedelta(hours=category.department_hours),
        }

    @api.model_create_multi
    def create(self, vals_list):
        petitions = self.env["community.petition"].browse(
            [v["petition_id"] for v in vals_list if v.get("petition_id")]
        )
        categories = {p.id: p.category_id for p in petitions}
        for vals in vals_list:
            start = (
                fields.Datetime.to_datetime(vals.get("date_summoned"))
                or fields.Datetime.now()
            )
            vals["date_summoned"] = start
            category = categories.get(vals.get("petition_id"))
            if category:
                for key, value in self._default_deadlines(category, start).items():
                    vals.setdefault(key, value or False)
        # no "created" note: the summons mail opens the chatter
        dispatches = (
            super(CommunityPetitionDispatch, self.with_context(mail_create_nolog=True))
            .create(vals_list)
            .with_env(self.env)
        )
        # The liaisons follow their department's dispatches, and are summoned
        # by mail: both in one batch. The office handler of the petition
        # follows too: the liaisons' messages on the dispatch reach them.
        dispatches._add_followers(
            {
                d.id: [
                    *d.department_id.liaison_user_ids.partner_id.ids,
                    *d.petition_id.user_id.filtered(
                        lambda u: not u.share
                    ).partner_id.ids,
                ]
                for d in dispatches
            }
        )
        dispatches._send_template(
            "community_governance.mail_template_petition_dispatch"
        )
        unreachable = dispatches.filtered(
            lambda d: d.department_id in d.department_id._without_liaison()
        )
        if unreachable:
            unreachable._message_log_batch(
                bodies={
                    d.id: self.env._(
                        "Nobody was notified: %(department)s has no active liaison.",
                        department=d.department_id.name,
                    )
                    for d in unreachable
                }
            )
        return dispatches

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        # Only the record rules open a dispatch's messages (its liaisons, the
        # office): it has no access token nor signed links to the portal.
        for key in ("token", "hash", "pid"):
            kwargs.pop(key, None)
        return super()._get_thread_with_access(thread_id, mode, **kwargs)

    def _petition_photos(self):
        """The photos of the dispatch's petition, for those who may read the
        dispatch (its liaisons, who cannot read the petition, and the
        office), with the access tokens of their portal thumbnails."""
        self.ensure_one()
        self.check_access("read")
        photos = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "community.petition"),
                    ("res_id", "=", self.sudo().petition_id.id),
                    ("mimetype", "=like", "image/%"),
                ],
                order="id",
            )
        )
        photos.generate_access_token()
        return photos

    def _as_liaison(self):
        """Check the current user acts for this dispatch's department (or is
        office staff of its community) and return the record to write with."""
        self.ensure_one()
        return self._checked_sudo(
            lambda dispatch: self.env.user in dispatch.department_id.liaison_user_ids,
            self.env._("Only a liaison of the department can do this."),
        )

    def action_acknowledge(self):
        """The department reports for duty."""
        self.ensure_one()
        dispatch = self._as_liaison()
        if dispatch.state != "summoned":
            raise UserError(self.env._("Only a summoned dispatch can be acknowledged."))
        dispatch.write(
            {"state": "acknowledged", "date_acknowledged": fields.Datetime.now()}
        )
        dispatch.petition_id._log("acknowledged", note=dispatch.department_id.name)
        return True

    def report_back(self, text, attachments=None):
        """The department reports what it did, with photos or PDF files as
        proof (the same rules as a petition's files).

        :param list attachments: dicts with ``name`` and the file's ``raw``
            bytes (or ``datas``, base64)
        """
        self.ensure_one()
        dispatch = self._as_liaison()
        if dispatch.state not in ("summoned", "acknowledged"):
            raise UserError(self.env._("This dispatch is already answered."))
        text = clean_text(
            self.env,
            text,
            self.env._("The report"),
            MAX_DESCRIPTION,
            self.env._("Say what the department did."),
        )
        files = self.env["community.petition"]._check_attachments(attachments)
        now = fields.Datetime.now()
        dispatch.write(
            {
                "state": "reported",
                "report": text,
                "date_reported": now,
                "date_acknowledged": dispatch.date_acknowledged or now,
                "is_overdue": False,
            }
        )
        if files:
            # the proof in the dispatch's chatter: the office sees it on the
            # dispatch, the liaisons on its portal page
            dispatch.sudo().message_post(
                body=self.env._("Reported back: %(report)s", report=text),
                attachments=[(f["name"], f["raw"]) for f in files],
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        petition = dispatch.petition_id
        petition._log("reported", note=f"{dispatch.department_id.name}: {text}")
        petition.message_post(
            body=self.env._(
                "%(department)s reported: %(report)s",
                department=dispatch.department_id.name,
                report=text,
            ),
            subtype_xmlid="mail.mt_comment",
        )
        dispatch._check_all_answered()
        return True

    def decline(self, reason):
        """The matter is not for this department: it says why."""
        self.ensure_one()
        dispatch = self._as_liaison()
        if dispatch.state not in ("summoned", "acknowledged"):
            raise UserError(self.env._("This dispatch is already answered."))
        reason = clean_text(
            self.env,
            reason,
            self.env._("The reason"),
            MAX_DESCRIPTION,
            self.env._("Give the reason why the department declines."),
        )
        dispatch.write(
            {
                "state": "declined",
                "decline_reason": reason,
                "declined_by_id": self.env.uid,
                "date_declined": fields.Datetime.now(),
                "is_overdue": False,
            }
        )
        petition = dispatch.petition_id
        petition._log("declined", note=f"{dispatch.department_id.name}: {reason}")
        petition._notify_user(
            petition.user_id,
            self.env._("A department declined"),
            self.env._(
                "%(department)s declined %(petition)s: %(reason)s",
                department=dispatch.department_id.name,
                petition=petition.name,
                reason=reason,
            ),
        )
        dispatch._check_all_answered()
        return True

    def action_decline_wizard(self):
        self.ensure_one()
        return self.petition_id._open_wizard("decline", default_dispatch_id=self.id)

    def action_report_wizard(self):
        self.ensure_one()
        return self.petition_id._open_wizard("report", default_dispatch_id=self.id)

    def _check_all_answered(self):
        """Once every summoned department answered, the office handler resolves."""
        for petition in self.petition_id:
            if petition.state != "dispatched":
                continue
            if all(d.state in ("reported", "declined") for d in petition.dispatch_ids):
                petition._notify_user(
                    petition.user_id,
                    self.env._("All departments answered"),
                    self.env._(
                        "Every department summoned on %(petition)s answered: "
                        "resolve it or summon another department.",
                        petition=petition.name,
                    ),
                )

    @api.model
    def _overdue_domain(self, now):
        """The dispatches the overdue job marks (``community.petition``'s
        ``_cron_check_overdue`` runs them in its batches)."""
        return [
            ("state", "in", ("summoned", "acknowledged")),
            ("is_overdue", "=", False),
            ("date_deadline", "!=", False),
            ("date_deadline", "<", now),
        ]

    def _mark_overdue(self):
        """One batch of the overdue job: the dispatches are marked, their
        liaisons get the overdue mail, the office handler of each petition a
        to-do naming the late departments."""
        self.write({"is_overdue": True})
        self._send_template("community_governance.mail_template_dispatch_overdue")
        # At the department level the handler is the community office's
        # (a portal handler, who cannot summon nor resolve, gets no to-do).
        self.env["community.petition"]._schedule_todos(
            [
                (
                    petition,
                    petition.user_id,
                    self.env._("Departments late"),
                    self.env._(
                        "Late to report back on %(petition)s: %(departments)s",
                        petition=petition.name,
                        departments=", ".join(late.department_id.mapped("name")),
                    ),
                )
                for petition, late in self.grouped("petition_id").items()
                if petition.user_id and not petition.user_id.share
            ]
        )
