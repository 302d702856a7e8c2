# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

OFFICE = "community_governance.group_officer"
LEVELS = [
    ("entrance", "Stairwell"),
    ("grid", "Grid"),
    ("office", "Community Office"),
    ("department", "Departments"),
]
LEVEL_ORDER = [code for code, _label in LEVELS]
STATES = [
    ("new", "New"),
    ("in_progress", "In Progress"),
    ("dispatched", "Departments Summoned"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("duplicate", "Duplicate"),
]
OPEN_STATES = ("new", "in_progress", "dispatched")
REOPEN_DAYS_PARAM = "community_governance.petition_reopen_days"


class CommunityPetition(models.Model):
    """A resident's appeal. It is settled as low on the ladder as possible:
    stairwell steward → grid leader → community office → government
    departments summoned by the office ("the whistle")."""

    _name = "community.petition"
    _description = "Petition"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "priority desc, date_raised desc, id desc"
    _rec_names_search = ["name", "title"]
    _mail_post_access = "read"

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", index="trigram"
    )
    title = fields.Char(required=True, tracking=True)
    description = fields.Text(required=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Raised By",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_resident", "=", True)],
    )
    is_anonymous = fields.Boolean(
        string="Anonymous to Neighbours",
        help="Neighbours who see this public petition do not see who raised it.",
    )
    area_id = fields.Many2one(
        "community.area",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_area_id",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="restrict",
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    category_id = fields.Many2one(
        "community.petition.category",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    is_public = fields.Boolean(
        related="category_id.is_public", store=True, index=True, string="Public"
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Urgent")], default="0", index=True, tracking=True
    )
    level = fields.Selection(
        LEVELS, required=True, default="entrance", index=True, tracking=True, copy=False
    )
    state = fields.Selection(
        STATES, required=True, default="new", index=True, tracking=True, copy=False
    )
    user_id = fields.Many2one(
        "res.users", string="Handler", index=True, tracking=True, copy=False
    )
    escalation_user_id = fields.Many2one(
        "res.users",
        string="Next Level Handler",
        compute="_compute_escalation_user_id",
        help="Who handles the matter if it climbs one level.",
    )
    date_raised = fields.Datetime(
        string="Raised On",
        default=fields.Datetime.now,
        required=True,
        index=True,
        copy=False,
    )
    date_deadline = fields.Datetime(
        string="Due",
        index=True,
        tracking=True,
        copy=False,
        help="Due time at the current level.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        index=True,
        copy=False,
        help="Past due at the current level (set by the scheduled check).",
    )
    was_overdue = fields.Boolean(
        index=True, copy=False, help="Went past a due time at least once."
    )
    settled_level = fields.Selection(
        LEVELS, string="Settled At", index=True, copy=False, tracking=True
    )
    date_first_response = fields.Datetime(string="First Response", copy=False)
    date_resolved = fields.Datetime(string="Resolved On", index=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", copy=False)
    response_hours = fields.Float(
        string="Hours to First Response",
        compute="_compute_hours",
        store=True,
        aggregator="avg",
    )
    resolution_hours = fields.Float(
        string="Hours to Resolution",
        compute="_compute_hours",
        store=True,
        aggregator="avg",
    )
    resolution = fields.Text(copy=False)
    rating = fields.Integer(
        copy=False,
        aggregator="avg",
        help="Satisfaction of the resident, 1 (bad) to 5 (very good).",
    )
    rating_comment = fields.Text(copy=False)
    reopen_count = fields.Integer(string="Reopened", copy=False)
    duplicate_of_id = fields.Many2one(
        "community.petition", index=True, copy=False, tracking=True
    )
    duplicate_ids = fields.One2many(
        "community.petition", "duplicate_of_id", string="Duplicates"
    )
    signature_ids = fields.One2many(
        "community.petition.signature", "petition_id", string="Co-signatures"
    )
    signature_count = fields.Integer(
        string="Co-signature Count", compute="_compute_signature_count", store=True
    )
    date_cosign_reached = fields.Datetime(string="Threshold Reached On", copy=False)
    dispatch_ids = fields.One2many(
        "community.petition.dispatch", "petition_id", string="Dispatches"
    )
    dispatch_count = fields.Integer(compute="_compute_dispatch_count")
    log_ids = fields.One2many(
        "community.petition.log", "petition_id", string="Timeline"
    )
    color = fields.Integer()

    @api.depends("partner_id")
    def _compute_area_id(self):
        for petition in self:
            if not petition.area_id and petition.partner_id.area_id:
                petition.area_id = petition.partner_id.area_id

    @api.depends("area_id", "level")
    def _compute_escalation_user_id(self):
        for petition in self:
            next_level = petition._next_level() if petition.area_id else False
            petition.escalation_user_id = (
                petition._handler_for(next_level) if next_level else False
            )

    @api.depends("date_raised", "date_first_response", "date_resolved")
    def _compute_hours(self):
        for petition in self:
            start = petition.date_raised
            petition.response_hours = (
                (petition.date_first_response - start).total_seconds() / 3600
                if start and petition.date_first_response
                else 0.0
            )
            petition.resolution_hours = (
                (petition.date_resolved - start).total_seconds() / 3600
                if start and petition.date_resolved
                else 0.0
            )

    @api.depends("signature_ids")
    def _compute_signature_count(self):
        counts = dict(
            self.env["community.petition.signature"]
            .sudo()
            ._read_group(
                [("petition_id", "in", self.ids)], ["petition_id"], ["__count"]
            )
        )
        for petition in self:
            petition.signature_count = counts.get(petition._origin, 0)

    def _compute_dispatch_count(self):
        counts = dict(
            self.env["community.petition.dispatch"]._read_group(
                [("petition_id", "in", self.ids)], ["petition_id"], ["__count"]
            )
        )
        for petition in self:
            petition.dispatch_count = counts.get(petition, 0)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for petition in self:
            petition.access_url = f"/my/petitions/{petition.id}"
        return res

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("community.petition") or "/"
                )
        petitions = super().create(vals_list)
        for petition, vals in zip(petitions, vals_list, strict=True):
            if not vals.get("user_id"):
                level = vals.get("level") or petition._first_level()
                petition.write(petition._level_values(level, petition.date_raised))
        petitions._subscribe_people()
        petitions._log("raised")
        petitions._send("community_governance.mail_template_petition_received")
        return petitions

    # ------------------------------------------------------------------
    # Actions (public API)
    # ------------------------------------------------------------------

    def action_take(self):
        self.ensure_one()
        petition = self._as_actor("handler")
        if petition.state != "new":
            raise UserError(self.env._("Only a new petition can be taken."))
        now = fields.Datetime.now()
        vals = {
            "state": "in_progress",
            "date_first_response": petition.date_first_response or now,
        }
        if not self.env.su:
            vals["user_id"] = self.env.uid
        petition.write(vals)
        petition._log("taken")
        return True

    def action_escalate(self, reason):
        self.ensure_one()
        petition = self._as_actor("handler")
        petition._escalate(reason)
        return True

    def action_dispatch(self, departments):
        """Blow the whistle: summon one or more departments, each with its own
        deadline to report back."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(OFFICE):
            raise AccessError(
                self.env._("Only the community office can summon departments.")
            )
        self.check_access("write")
        self.sudo()._dispatch(departments)
        return True

    def action_resolve(self, resolution):
        self.ensure_one()
        petition = self._as_actor("handler")
        if petition.state not in OPEN_STATES:
            raise UserError(self.env._("Only an open petition can be resolved."))
        resolution = (resolution or "").strip()
        if not resolution:
            raise UserError(self.env._("Say how the matter was resolved."))
        now = fields.Datetime.now()
        petition.write(
            {
                "state": "resolved",
                "resolution": resolution,
                "settled_level": petition.level,
                "date_resolved": now,
                "date_first_response": petition.date_first_response or now,
                "is_overdue": False,
            }
        )
        petition._log("resolved", note=resolution)
        petition._send("community_governance.mail_template_petition_resolved")
        return True

    def action_close(self):
        self.ensure_one()
        petition = self._as_actor("handler")
        if petition.state in ("closed", "duplicate"):
            raise UserError(self.env._("This petition is already closed."))
        petition.write(
            {
                "state": "closed",
                "date_closed": fields.Datetime.now(),
                "is_overdue": False,
            }
        )
        petition._log("closed")
        return True

    def action_reopen(self, reason=None):
        """ "Not fixed": the resident sends the matter back to the level that
        settled it, within the configured number of days."""
        self.ensure_one()
        petition = self._as_actor("owner")
        if petition.state not in ("resolved", "closed") or not petition.date_resolved:
            raise UserError(self.env._("Only a resolved petition can be reopened."))
        days = petition._reopen_days()
        if fields.Datetime.now() > petition.date_resolved + timedelta(days=days):
            raise UserError(
                self.env._(
                    "This petition was resolved more than %(days)s days ago: "
                    "raise a new petition instead.",
                    days=days,
                )
            )
        level = petition.settled_level or petition.level
        vals = petition._level_values(level, fields.Datetime.now())
        vals.update(
            state="in_progress",
            reopen_count=petition.reopen_count + 1,
            date_closed=False,
        )
        petition.write(vals)
        petition._subscribe_people()
        petition._log("reopened", note=reason)
        petition._send("community_governance.mail_template_petition_reopened")
        return True

    def action_rate(self, rating, comment=None):
        self.ensure_one()
        petition = self._as_actor("owner")
        if petition.state not in ("resolved", "closed") or not petition.date_resolved:
            raise UserError(self.env._("A petition can be rated once it is resolved."))
        try:
            rating = int(rating)
        except (TypeError, ValueError):
            rating = 0
        if not 1 <= rating <= 5:
            raise UserError(self.env._("The rating must be between 1 and 5."))
        comment = (comment or "").strip()[:2000]
        petition.write({"rating": rating, "rating_comment": comment})
        petition.message_post(
            body=self.env._(
                "Rated %(rating)s/5. %(comment)s", rating=rating, comment=comment
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_mark_duplicate(self, original):
        """Close as a duplicate of ``original``: the raiser and the co-signers
        of this petition co-sign the original."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(OFFICE):
            raise AccessError(
                self.env._("Only the community office can merge duplicates.")
            )
        self.check_access("write")
        original.check_access("write")
        original.ensure_one()
        if original == self:
            raise UserError(self.env._("A petition cannot be a duplicate of itself."))
        if original.state == "duplicate":
            raise UserError(self.env._("The original petition is itself a duplicate."))
        if self.state not in OPEN_STATES:
            raise UserError(
                self.env._("Only an open petition can be closed as a duplicate.")
            )
        petition, original = self.sudo(), original.sudo()
        signers = (petition.signature_ids.partner_id | petition.partner_id) - (
            original.signature_ids.partner_id | original.partner_id
        )
        anonymous = set(petition.signature_ids.filtered("is_anonymous").partner_id.ids)
        if petition.is_anonymous:
            anonymous.add(petition.partner_id.id)
        self.env["community.petition.signature"].sudo().create(
            [
                {
                    "petition_id": original.id,
                    "partner_id": p.id,
                    "is_anonymous": p.id in anonymous,
                }
                for p in signers
            ]
        )
        petition.write(
            {
                "state": "duplicate",
                "duplicate_of_id": original.id,
                "date_closed": fields.Datetime.now(),
                "is_overdue": False,
            }
        )
        petition._log("duplicate", note=original.name)
        petition.message_post(
            body=self.env._(
                "Closed as a duplicate of %(original)s: your support was added to it.",
                original=original.name,
            ),
            subtype_xmlid="mail.mt_comment",
        )
        return True

    @api.model
    def _anonymous_neighbour_domain(self):
        """The anonymous public petitions the current resident may see on the
        portal as a neighbour: open ones of their own community raised by
        someone else. Not readable through the ORM (see the record rules)."""
        partner = self.env.user.partner_id
        if not (partner.is_resident and partner.community_id):
            return expression.FALSE_DOMAIN
        return [
            ("is_public", "=", True),
            ("is_anonymous", "=", True),
            ("community_id", "=", partner.community_id.id),
            ("partner_id", "!=", partner.id),
            ("state", "in", list(OPEN_STATES)),
        ]

    def _is_anonymous_for_neighbour(self):
        """Whether the current user sees this petition only as a neighbour of
        an anonymous raiser."""
        self.ensure_one()
        return bool(self.sudo().filtered_domain(self._anonymous_neighbour_domain()))

    def action_cosign(self, anonymous=False):
        """The current resident co-signs this public petition of their community."""
        self.ensure_one()
        if not self._is_anonymous_for_neighbour():
            self.check_access("read")
        partner = self.env.user.partner_id
        petition = self.sudo()
        if not petition.is_public:
            raise UserError(self.env._("Only public petitions can be co-signed."))
        if petition.state not in OPEN_STATES:
            raise UserError(
                self.env._("This petition is no longer open for co-signatures.")
            )
        if not partner.is_resident or partner.community_id != petition.community_id:
            raise UserError(
                self.env._("Only residents of the petition's community can co-sign it.")
            )
        if partner == petition.partner_id:
            raise UserError(
                self.env._("You raised this petition: no need to co-sign it.")
            )
        if partner in petition.signature_ids.partner_id:
            raise UserError(self.env._("You already co-signed this petition."))
        self.env["community.petition.signature"].sudo().create(
            {
                "petition_id": petition.id,
                "partner_id": partner.id,
                "is_anonymous": bool(anonymous),
            }
        )
        return True

    def action_view_dispatches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "community_governance.community_petition_dispatch_action"
        )
        action["domain"] = [("petition_id", "=", self.id)]
        action["context"] = {"default_petition_id": self.id}
        return action

    def _open_wizard(self, mode):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "community.petition.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_petition_id": self.id, "default_mode": mode},
        }

    def action_escalate_wizard(self):
        return self._open_wizard("escalate")

    def action_dispatch_wizard(self):
        return self._open_wizard("dispatch")

    def action_resolve_wizard(self):
        return self._open_wizard("resolve")

    def action_duplicate_wizard(self):
        return self._open_wizard("duplicate")

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _is_handler(self):
        return self.user_id == self.env.user

    def _as_actor(self, role):
        """Check that the current user may act on this petition as ``role``
        (``handler``: the handler of the current level; ``owner``: the resident
        who raised it) and return the record to write with. Office staff act on
        the petitions of their communities (record rules)."""
        self.ensure_one()
        if self.env.su:
            return self
        if self.env.user.has_group(OFFICE):
            self.check_access("write")
            return self
        self.check_access("read")
        allowed = (
            self.sudo().user_id == self.env.user
            if role == "handler"
            else self.sudo().partner_id == self.env.user.partner_id
        )
        if not allowed:
            if role == "handler":
                message = self.env._("Only the handler of this petition can do this.")
            else:
                message = self.env._(
                    "Only the resident who raised this petition can do this."
                )
            raise AccessError(message)
        return self.sudo()

    def _levels(self):
        """The levels of the ladder this petition's area has, bottom first."""
        self.ensure_one()
        area = self.area_id
        levels = []
        if area.area_type in ("entrance", "alley"):
            levels.append("entrance")
        if area._find_ancestor("grid"):
            levels.append("grid")
        return levels + ["office", "department"]

    def _first_level(self):
        return self._levels()[0]

    def _next_level(self):
        levels = self._levels()
        if self.level not in levels or self.level == "department":
            return False
        return levels[levels.index(self.level) + 1]

    def _handler_for(self, level):
        """At the department level the office handler stays responsible."""
        self.ensure_one()
        return self.area_id._find_handler("office" if level == "department" else level)

    def _level_values(self, level, now):
        hours = self.category_id._deadline_hours(level)
        return {
            "level": level,
            "user_id": self._handler_for(level).id,
            "date_deadline": now + timedelta(hours=hours) if hours else False,
            "is_overdue": False,
        }

    def _escalate(self, reason, automatic=False):
        self.ensure_one()
        if self.state not in ("new", "in_progress"):
            raise UserError(
                self.env._("Only a new or in-progress petition can be escalated.")
            )
        if self.level == "office":
            raise UserError(
                self.env._(
                    "At the community office a petition goes further by summoning "
                    "departments: use Blow the Whistle."
                )
            )
        next_level = self._next_level()
        if not next_level:
            raise UserError(self.env._("This petition cannot climb any higher."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give a reason to escalate the petition."))
        now = fields.Datetime.now()
        vals = self._level_values(next_level, now)
        vals["state"] = "new"
        if not automatic and not self.date_first_response:
            vals["date_first_response"] = now
        self.write(vals)
        self._subscribe_people()
        self._log("escalated", note=reason)
        self._send("community_governance.mail_template_petition_escalated")

    def _dispatch(self, departments, automatic=False):
        self.ensure_one()
        if self.state not in OPEN_STATES:
            raise UserError(self.env._("Only an open petition can be dispatched."))
        departments = departments.filtered("active")
        if not departments:
            raise UserError(self.env._("Choose at least one department to summon."))
        pending = self.dispatch_ids.filtered(
            lambda d: d.state in ("summoned", "acknowledged")
        )
        departments -= pending.department_id
        if not departments:
            raise UserError(self.env._("These departments are already summoned."))
        now = fields.Datetime.now()
        vals = self._level_values("department", now)
        vals["state"] = "dispatched"
        if not automatic and not self.date_first_response:
            vals["date_first_response"] = now
        self.write(vals)
        dispatches = self.env["community.petition.dispatch"].create(
            [{"petition_id": self.id, "department_id": d.id} for d in departments]
        )
        names = ", ".join(departments.mapped("name"))
        self._log("dispatched", note=names)
        self.message_post(
            body=self.env._(
                "The community office summoned the departments: %(departments)s.",
                departments=names,
            ),
            subtype_xmlid="mail.mt_comment",
        )
        return dispatches

    def _check_cosign_threshold(self):
        """Petitions whose co-signatures reached the category's threshold oblige
        the community office to answer by a deadline."""
        now = fields.Datetime.now()
        for petition in self.sudo():
            threshold = petition.category_id.cosign_threshold
            if (
                not threshold
                or petition.date_cosign_reached
                or petition.state not in OPEN_STATES
                or petition.signature_count < threshold
            ):
                continue
            deadline = now + timedelta(
                hours=petition.category_id.cosign_answer_hours or 72
            )
            vals = {
                "date_cosign_reached": now,
                "date_deadline": deadline,
                "is_overdue": False,
            }
            if petition.level in ("entrance", "grid"):
                vals.update(
                    level="office",
                    user_id=petition._handler_for("office").id,
                    state="new",
                )
            petition.write(vals)
            petition._subscribe_people()
            note = self.env._(
                "%(count)s neighbours co-signed: the community office must answer "
                "by %(deadline)s.",
                count=petition.signature_count,
                deadline=fields.Datetime.to_string(deadline),
            )
            petition._log("cosign", note=note)
            office_user = petition._handler_for("office")
            petition._notify_user(
                office_user, self.env._("Answer the co-signed petition"), note, deadline
            )

    def _notify_user(self, user, summary, note, deadline=None):
        """An activity for an office user, a message for a portal user (stewards
        have no backend to see activities)."""
        self.ensure_one()
        if not user:
            return
        if not user.share:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=(deadline or fields.Datetime.now()).date(),
                summary=summary,
                note=note,
                user_id=user.id,
            )
        else:
            self.message_post(
                body=note,
                subject=summary,
                partner_ids=user.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

    def _subscribe_people(self):
        for petition in self:
            partners = petition.partner_id | petition.user_id.partner_id
            petition.message_subscribe(partner_ids=partners.ids)

    def _send(self, template_xmlid):
        if self.env.context.get("petition_no_mail"):
            return
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        self.sudo().message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def _log(self, event, note=None):
        self.env["community.petition.log"].sudo().create(
            [
                {
                    "petition_id": petition.id,
                    "event": event,
                    "level": petition.level,
                    "state": petition.state,
                    "handler_id": petition.user_id.id,
                    "user_id": self.env.uid,
                    "note": note or False,
                }
                for petition in self
            ]
        )

    def _reopen_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(REOPEN_DAYS_PARAM, "7")
        try:
            return max(int(value), 0)
        except ValueError:
            return 7

    def _can_reopen(self):
        self.ensure_one()
        return (
            self.state in ("resolved", "closed")
            and self.date_resolved
            and fields.Datetime.now()
            <= self.date_resolved + timedelta(days=self._reopen_days())
        )

    @api.model
    def _cron_check_overdue(self):
        """Mark the petitions and dispatches past their due time, tell their
        handler and the level above, and let the categories that say so
        escalate by themselves."""
        now = fields.Datetime.now()
        petitions = self.search(
            [
                ("state", "in", OPEN_STATES),
                ("is_overdue", "=", False),
                ("date_deadline", "!=", False),
                ("date_deadline", "<", now),
            ]
        )
        petitions.write({"is_overdue": True, "was_overdue": True})
        petitions._log("overdue")
        petitions._send("community_governance.mail_template_petition_overdue")
        for petition in petitions:
            above = petition.escalation_user_id
            if above and above != petition.user_id:
                petition._notify_user(
                    above,
                    self.env._("Overdue petition below you"),
                    self.env._(
                        "%(name)s is overdue at the %(level)s level.",
                        name=petition.name,
                        level=dict(LEVELS)[petition.level],
                    ),
                )
        for petition in petitions.filtered("category_id.auto_escalate"):
            if (
                petition.level in ("entrance", "grid")
                and petition.state != "dispatched"
            ):
                petition._escalate(
                    self.env._("Not handled in time: escalated automatically."),
                    automatic=True,
                )
            elif petition.level == "office" and petition.category_id.department_ids:
                petition._dispatch(petition.category_id.department_ids, automatic=True)
        self.env["community.petition.dispatch"]._cron_check_overdue()
