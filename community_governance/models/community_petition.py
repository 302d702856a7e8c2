# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii
import itertools
import re
import threading
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, split_every
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.utils import validate_thread_with_hash_pid

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
# Locked (see write()): what may still change on them.
CLOSED_STATES = ("closed", "duplicate")
CLOSED_WRITABLE = {"color"}
# Items of one committed batch of the overdue job.
OVERDUE_BATCH_SIZE = 500
# An open petition due within this many hours is "due soon" (the kanban's
# progress bars: on time / due soon / overdue).
DUE_SOON_HOURS = 12
REOPEN_DAYS_PARAM = "community_governance.petition_reopen_days"
# What a resident may send with submit() (the portal form shows the same limits).
MAX_TITLE = 200
MAX_DESCRIPTION = 10000
MAX_COMMENT = 2000
MAX_FILES = 5
MAX_FILE_SIZE = 5 * 1024 * 1024
ALLOWED_MIMETYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
}
# The areas a resident raises a petition about (not a building: its stairwells).
RAISE_AREA_TYPES = ("community", "grid", "entrance", "alley")
# Characters PostgreSQL text columns refuse, or that no keyboard types.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(env, value, label, max_length, required_message=None):
    """``value`` stripped, as a public method receives it (from the portal or
    JSON-RPC): text without control characters, at most ``max_length``
    characters; ``required_message`` refuses an empty text."""
    if value in (None, False):
        value = ""
    if not isinstance(value, str) or _CONTROL.search(value):
        raise UserError(
            env._("%(label)s contains characters that cannot be stored.", label=label)
        )
    value = value.strip()
    if required_message and not value:
        raise UserError(required_message)
    if len(value) > max_length:
        raise UserError(
            env._(
                "%(label)s is too long (%(max)s characters at most).",
                label=label,
                max=max_length,
            )
        )
    return value


def _form_token(value):
    """A form token as the portal issues them (URL-safe ASCII), else False."""
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9_-]{8,64}", value):
        return value
    return False


def _to_id(value):
    """A record id from the portal or JSON-RPC (an int or its ASCII digits),
    else 0 (no record)."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return value if 0 < value < 2**31 else 0


def _area_levels(area):
    """The levels of the ladder of petitions raised about ``area``, bottom
    first: the stairwell (an entrance or alley), the grid when the area is in
    one, the community office, the departments."""
    levels = []
    if area.area_type in ("entrance", "alley"):
        levels.append("entrance")
    if area._find_ancestor("grid"):
        levels.append("grid")
    return levels + ["office", "department"]


def _handler_level(level):
    """The level whose handler is responsible: the office handler stays
    responsible when departments are summoned."""
    return "office" if level == "department" else level


class CommunityPetition(models.Model):
    """A resident's appeal. It is settled as low on the ladder as possible:
    stairwell steward → grid leader → community office → government
    departments summoned by the office ("the whistle")."""

    _name = "community.petition"
    _description = "Petition"
    # rating.mixin is a mail.thread (with the satisfaction's fields)
    _inherit = [
        "portal.mixin",
        "rating.mixin",
        "mail.activity.mixin",
        "community.mixin",
    ]
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
        LEVELS,
        required=True,
        default="entrance",
        index=True,
        tracking=True,
        copy=False,
        group_expand=True,  # the kanban's columns: every rung, in ladder order
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
    # Stored for the kanban's progress bars (a grouped read per column); the
    # overdue job moves petitions into "due soon" as the clock runs.
    due_state = fields.Selection(
        [("on_time", "On Time"), ("due_soon", "Due Soon"), ("overdue", "Overdue")],
        compute="_compute_due_state",
        store=True,
        index=True,
        copy=False,
        help="Of an open petition: past due at its level, due within the next "
        "12 hours, or on time.",
    )
    settled_level = fields.Selection(
        LEVELS, string="Settled At", index=True, copy=False, tracking=True
    )
    date_first_response = fields.Datetime(string="First Response", copy=False)
    date_resolved = fields.Datetime(string="Resolved On", index=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", copy=False)
    # 0 until answered / resolved: not a measure here (an average would count
    # the open petitions as answered at once); the Petition Analysis averages
    # the answered and resolved ones.
    response_hours = fields.Float(
        string="Hours to First Response",
        compute="_compute_hours",
        store=True,
        aggregator=False,
    )
    resolution_hours = fields.Float(
        string="Hours to Resolution",
        compute="_compute_hours",
        store=True,
        aggregator=False,
    )
    resolution = fields.Text(copy=False)
    # The resident's satisfaction is a rating.rating of the petition (rating.mixin):
    # rating_last_value, rating_last_feedback, rating_avg, rating_count. Not a
    # pivot measure here: its average would count the unrated petitions as 0
    # (the Petition Analysis averages the rated ones).
    rating_last_value = fields.Float(string="Satisfaction", aggregator=False)
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
    # The due-time calendar: the event's title and its colour (one per rung).
    calendar_title = fields.Char(
        string="Reference and Title", compute="_compute_calendar_title"
    )
    level_color = fields.Integer(compute="_compute_calendar_title")
    # The shared-community need the office raised this petition for (one2many
    # of community.share.listing.petition_id).
    share_listing_ids = fields.One2many(
        "community.share.listing", "petition_id", string="Shared Community Need"
    )
    # portal.mixin's token is the raiser's (see get_portal_url): portal users,
    # neighbours among them, never read it.
    access_token = fields.Char(groups="base.group_user")
    # The one-time token of the portal form that raised the petition: the
    # same form sent twice (at once, or again after an error) raises one.
    form_token = fields.Char(copy=False, readonly=True, groups="base.group_system")

    _sql_constraints = [
        (
            "form_token_uniq",
            "unique(partner_id, form_token)",
            "This form was already sent: the petition is registered.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_area_id(self):
        for petition in self:
            if not petition.area_id and petition.partner_id.area_id:
                petition.area_id = petition.partner_id.area_id

    @api.depends("area_id", "level")
    def _compute_escalation_user_id(self):
        next_levels = {
            petition: petition._next_level() if petition.area_id else False
            for petition in self
        }
        handlers = self.env["community.area"]._find_handlers(
            (petition.area_id, _handler_level(level))
            for petition, level in next_levels.items()
            if level
        )
        for petition, level in next_levels.items():
            petition.escalation_user_id = (
                handlers[petition.area_id, _handler_level(level)] if level else False
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

    @api.depends("state", "is_overdue", "date_deadline")
    def _compute_due_state(self):
        soon = fields.Datetime.now() + timedelta(hours=DUE_SOON_HOURS)
        for petition in self:
            if petition.state not in OPEN_STATES:
                petition.due_state = False
            elif petition.is_overdue:
                petition.due_state = "overdue"
            elif petition.date_deadline and petition.date_deadline <= soon:
                petition.due_state = "due_soon"
            else:
                petition.due_state = "on_time"

    @api.depends("name", "title", "level")
    def _compute_calendar_title(self):
        for petition in self:
            petition.calendar_title = " ".join(
                filter(None, [petition.name, petition.title])
            )
            petition.level_color = (
                LEVEL_ORDER.index(petition.level) + 1 if petition.level else 0
            )

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
        """Petitions in batch: references from one sequence query, the handler
        of each petition's first level from one grouped query for the whole
        batch, followers, timeline and mails in batch (queries per batch do not
        grow with its size)."""
        unnamed = [vals for vals in vals_list if vals.get("name", "/") == "/"]
        for vals, name in zip(
            unnamed, self._next_references(len(unnamed)), strict=True
        ):
            vals["name"] = name
        self._prepare_ladder_values(
            [vals for vals in vals_list if not vals.get("user_id")]
        )
        # The creator follows with the raiser and the handler, in one batch;
        # no "created" note: the received mail opens the chatter.
        creator = (
            self.env.user.partner_id
            if self.env.user.active
            and not self.env.context.get("mail_create_nosubscribe")
            else self.env["res.partner"]
        )
        petitions = (
            super(
                CommunityPetition,
                self.with_context(mail_create_nosubscribe=True, mail_create_nolog=True),
            )
            .create(vals_list)
            .with_env(self.env)
        )
        petitions._subscribe_people(creator)
        petitions._log("raised")
        petitions._send_template(
            "community_governance.mail_template_petition_received",
            "community_governance.mail_template_petition_assigned",
        )
        return petitions

    def write(self, vals):
        """Closed petitions (and duplicates) are locked, for the office too,
        as approved volunteer hours are: the record of how a matter was
        settled does not change silently. A correction is a reopening, with
        its reason (``reopen``).

        A steward follows the petitions they handle only: when a petition
        goes to another handler, its former portal handler stops following
        it (they no longer read it, its messages are no longer theirs)."""
        if vals and not self.env.su and set(vals) - CLOSED_WRITABLE:
            closed = self.filtered(lambda p: p.state in CLOSED_STATES)
            if closed:
                raise UserError(
                    self.env._(
                        "Closed petitions are locked (%(names)s): reopen the "
                        "petition, with the reason, to change it.",
                        names=", ".join(closed.mapped("name")),
                    )
                )
        handlers = (
            {p.id: p.user_id for p in self.sudo()}
            if "user_id" in vals
            and not self.env.context.get("community_followers_later")
            else {}
        )
        res = super().write(vals)
        if handlers:
            self._unsubscribe_former_handlers(handlers)
        return res

    def _unsubscribe_former_handlers(self, handlers):
        """:param dict handlers: {petition id: its handler before the change}
        (one search and one unlink of followers, whatever the batch)"""
        pairs = set()
        for petition in self.sudo():
            former = handlers.get(petition.id)
            if (
                former
                and former.share
                and former != petition.user_id
                and former.partner_id != petition.partner_id
            ):
                pairs.add((petition.id, former.partner_id.id))
        if not pairs:
            return
        followers = (
            self.env["mail.followers"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", list({pair[0] for pair in pairs})),
                    ("partner_id", "in", list({pair[1] for pair in pairs})),
                ]
            )
        )
        followers.filtered(
            lambda follower: (follower.res_id, follower.partner_id.id) in pairs
        ).unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        closed = self.filtered(lambda p: p.state in CLOSED_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "Closed petitions cannot be deleted (%(names)s).",
                    names=", ".join(closed.mapped("name")),
                )
            )

    @api.model
    def _next_references(self, count):
        """``count`` references from the petition sequence, in one query when
        it is a plain PostgreSQL sequence (``next_by_code`` takes one each)."""
        if not count:
            return []
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "community.petition"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            return ["/"] * count
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for _index in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        return [sequence.get_next_char(number) for (number,) in self.env.cr.fetchall()]

    @api.model
    def _prepare_ladder_values(self, vals_list):
        """Set in ``vals_list`` (petitions about to be created) the first level
        of the ladder (or the given ``level``), its handler and due time."""
        Area = self.env["community.area"]
        partner_ids = {
            vals["partner_id"]
            for vals in vals_list
            if not vals.get("area_id") and vals.get("partner_id")
        }
        home = {p.id: p.area_id for p in self.env["res.partner"].browse(partner_ids)}
        areas = Area.browse(
            {vals["area_id"] for vals in vals_list if vals.get("area_id")}
        )
        areas = {area.id: area for area in areas | Area.union(*home.values())}
        categories = self.env["community.petition.category"].browse(
            {vals["category_id"] for vals in vals_list if vals.get("category_id")}
        )
        categories = {category.id: category for category in categories}
        now = fields.Datetime.now()
        rows, targets = [], []
        for vals in vals_list:
            area = (
                areas[vals["area_id"]]
                if vals.get("area_id")
                else home.get(vals.get("partner_id"), Area)
            )
            category = categories.get(vals.get("category_id"))
            if not area or not category:
                continue  # refused by create() (required fields)
            if not vals.get("date_raised"):
                # The same instant as the deadlines counted from it (the
                # field's default would read the clock a second time).
                vals["date_raised"] = now
            start = fields.Datetime.to_datetime(vals["date_raised"])
            rows.append((area, category, vals.get("level"), start))
            targets.append(vals)
        for vals, values in zip(targets, self._ladder_values(rows), strict=True):
            vals.update(values)

    # ------------------------------------------------------------------
    # Actions (buttons, no arguments)
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

    @api.readonly
    def action_view_dispatches(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_petition_dispatch_action",
            domain=[("petition_id", "=", self.id)],
            context={"default_petition_id": self.id},
        )

    def _open_wizard(self, mode, **context):
        """The petition wizard asking what ``mode`` needs (also for a
        dispatch's report or decline: ``default_dispatch_id``)."""
        self.ensure_one()
        Wizard = self.env["community.petition.wizard"]
        return {
            "type": "ir.actions.act_window",
            # the dialog's title: the action, in the user's language
            "name": dict(Wizard._fields["mode"]._description_selection(self.env))[mode],
            "res_model": Wizard._name,
            "view_mode": "form",
            "target": "new",
            "context": dict(context, default_petition_id=self.id, default_mode=mode),
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
    # Business methods (public: each checks who calls it)
    # ------------------------------------------------------------------

    @api.model
    @api.returns("self", lambda value: value.id)
    def submit(self, values, attachments=None):
        """A resident raises a petition: the portal form's way in, and the
        only one for portal users over JSON-RPC (they have no create right).

        :param dict values: ``title``, ``description``, ``category_id``,
            ``area_id``, ``is_anonymous`` (kept for a public category only:
            neighbours see nothing of a private one), ``urgent``, and
            ``form_token``: the one-time token of the form, so that the same
            form sent again (a double click, a retry after an error) gives the
            petition it raised instead of a second one
        :param list attachments: dicts with ``name`` and the file's ``raw``
            bytes (or ``datas``, base64): photos or PDF files
        :return: the new petition (or the one raised with ``form_token``)
        :raise AccessError: the current user is not a resident
        :raise UserError: what the resident must correct, in their language
        """
        partner = self.env.user.partner_id
        if not (partner.is_resident and partner.community_id):
            raise AccessError(
                self.env._("Only residents of a community can raise petitions.")
            )
        values = values if isinstance(values, dict) else {}
        # The resident's submissions run one after the other, so that the
        # checks below see the petition a concurrent one raised.
        partner.sudo()._lock_rows()
        form_token = _form_token(values.get("form_token"))
        saved = self._submitted(form_token)
        if saved:
            return saved
        title = clean_text(
            self.env, values.get("title"), self.env._("The title"), MAX_TITLE
        )
        description = clean_text(
            self.env,
            values.get("description"),
            self.env._("The description"),
            MAX_DESCRIPTION,
        )
        if not title or not description:
            raise UserError(
                self.env._("Give your petition a title and describe the matter.")
            )
        category = self.env["community.petition.category"].search(
            [("id", "=", _to_id(values.get("category_id")))]
        )
        if not category:
            raise UserError(self.env._("Choose one of the categories offered."))
        area = self._raise_areas([("id", "=", _to_id(values.get("area_id")))])
        if not area:
            raise UserError(self.env._("Choose an area of your own community."))
        files = self._check_attachments(attachments)
        # Same matter sent twice in a row (double click, reload): refuse it.
        if self.sudo().search_count(
            [
                ("partner_id", "=", partner.id),
                ("title", "=", title),
                ("create_date", ">=", fields.Datetime.now() - timedelta(minutes=1)),
            ],
            limit=1,
        ):
            raise UserError(
                self.env._("You just sent this petition: it is already registered.")
            )
        # Checked above: a resident raises a petition for themselves, in their
        # community, in an offered category.
        petition = self.sudo().create(
            {
                "title": title,
                "description": description,
                "category_id": category.id,
                "area_id": area.id,
                "partner_id": partner.id,
                # nothing to hide where neighbours see nothing: the choice
                # counts for public categories only (the form offers it there)
                "is_anonymous": bool(values.get("is_anonymous")) and category.is_public,
                "priority": "1" if values.get("urgent") else "0",
                "form_token": form_token,
            }
        )
        if files:
            self.env["ir.attachment"].sudo().create(
                [dict(f, res_model=self._name, res_id=petition.id) for f in files]
            )
        return petition.sudo(False)

    @api.model
    def _submitted(self, form_token):
        """The current user's petition raised with the form ``form_token``
        (or none), as the user."""
        form_token = _form_token(form_token)
        if not form_token:
            return self.browse()
        return (
            self.sudo()
            .search(
                [
                    ("partner_id", "=", self.env.user.partner_id.id),
                    ("form_token", "=", form_token),
                ],
                limit=1,
            )
            .sudo(False)
        )

    def escalate(self, reason):
        """The handler cannot settle the matter at this level: up one level."""
        self.ensure_one()
        petition = self._as_actor("handler")
        petition._escalate(reason)
        return True

    def dispatch(self, departments, details=None):
        """Blow the whistle: summon one or more departments, each with its own
        deadline to report back and what the office asks of it.

        A department without an active liaison is summoned all the same (the
        office may reach it another way): the petition's chatter and timeline
        and the dispatch say that nobody could be notified. The dispatch
        wizard warns before sending (``community.department._without_liaison``).

        :param departments: ``community.department`` records (or their ids)
        :param dict details: per department id, optional
            ``date_acknowledge_deadline``, ``date_deadline`` (datetimes or
            their strings; empty: none) and ``instruction`` (text); the
            category's deadlines apply where not given
        :return: True
        """
        self.ensure_one()
        self._check_office(
            self.env._("Only the community office can summon departments.")
        )
        self.check_access("write")
        if not isinstance(departments, models.BaseModel):
            departments = self.env["community.department"].browse(departments)
        departments = departments.exists()
        self.sudo()._dispatch(
            departments, details=self._dispatch_details(departments, details)
        )
        return True

    def _dispatch_details(self, departments, details):
        """``dispatch()``'s ``details`` checked: ``{department id: dispatch
        values}`` with deadlines in the future, the report after the
        acknowledgement, an instruction of at most MAX_DESCRIPTION."""
        if not details:
            return {}
        if not isinstance(details, dict):
            raise UserError(self.env._("The departments' details could not be read."))
        names = {department.id: department.name for department in departments}
        now = fields.Datetime.now()
        checked = {}
        for key, values in details.items():
            department_id = _to_id(key)
            if department_id not in names:
                continue  # not summoned now
            if not isinstance(values, dict):
                raise UserError(
                    self.env._("The departments' details could not be read.")
                )
            name = names[department_id]
            vals = {}
            for field_name in ("date_acknowledge_deadline", "date_deadline"):
                if field_name not in values:
                    continue
                if not values[field_name]:
                    vals[field_name] = False  # no deadline
                    continue
                try:
                    value = fields.Datetime.to_datetime(values[field_name])
                except (TypeError, ValueError):
                    value = None
                if not value or value <= now:
                    raise UserError(
                        self.env._(
                            "%(department)s: give deadlines in the future.",
                            department=name,
                        )
                    )
                vals[field_name] = value
            acknowledge_by = vals.get("date_acknowledge_deadline")
            report_by = vals.get("date_deadline")
            if acknowledge_by and report_by and report_by < acknowledge_by:
                raise UserError(
                    self.env._(
                        "%(department)s: the report-by time cannot come before "
                        "the acknowledge-by time.",
                        department=name,
                    )
                )
            if "instruction" in values:
                vals["instruction"] = (
                    clean_text(
                        self.env,
                        values["instruction"],
                        self.env._("The instruction"),
                        MAX_DESCRIPTION,
                    )
                    or False
                )
            checked[department_id] = vals
        return checked

    def resolve(self, resolution):
        self.ensure_one()
        petition = self._as_actor("handler")
        if petition.state not in OPEN_STATES:
            raise UserError(self.env._("Only an open petition can be resolved."))
        resolution = clean_text(
            self.env,
            resolution,
            self.env._("The resolution"),
            MAX_DESCRIPTION,
            self.env._("Say how the matter was resolved."),
        )
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
        petition._post_template("community_governance.mail_template_petition_resolved")
        return True

    def reopen(self, reason=None):
        """ "Not fixed": the resident sends the matter back to the level that
        settled it, within the configured number of days. The satisfaction
        given for that resolution no longer counts (see ``_rating_reset``).

        A closed petition is locked (see ``write``): the community office
        corrects one by reopening it, with its reason, at any time."""
        self.ensure_one()
        petition = self._as_actor("owner")
        office = self._is_office()
        if petition.state not in ("resolved", "closed") or not (
            petition.date_resolved or office
        ):
            raise UserError(self.env._("Only a resolved petition can be reopened."))
        reason = clean_text(
            self.env,
            reason,
            self.env._("The reason"),
            MAX_DESCRIPTION,
            office and self.env._("Give the reason to reopen the petition."),
        )
        days = petition._reopen_days()
        if not office and fields.Datetime.now() > petition.date_resolved + timedelta(
            days=days
        ):
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
        # Checked above (the raiser, or the office of its community): the one
        # way to change a closed petition.
        petition.sudo().write(vals)
        petition._rating_reset()
        petition._subscribe_people()
        petition._log("reopened", note=reason)
        petition._post_template("community_governance.mail_template_petition_reopened")
        return True

    def rate(self, rating, comment=None):
        """The raiser's satisfaction with the resolution, 1 (very unsatisfied)
        to 5 (very satisfied), and a comment: one ``rating.rating`` of the
        petition, rated partner the handler who settled it (or the office).
        Rating again updates the same rating. Only the resident who raised the
        petition rates it, not the office in their place.
        """
        self.ensure_one()
        petition = self._as_raiser()
        # one rating per petition, also when sent twice at once
        petition._lock_rows()
        if petition.state not in ("resolved", "closed") or not petition.date_resolved:
            raise UserError(self.env._("A petition can be rated once it is resolved."))
        if isinstance(rating, str) and rating.strip().isascii():
            rating = int(rating) if rating.strip().isdigit() else 0
        if isinstance(rating, bool) or not isinstance(rating, int):
            rating = 0
        if not 1 <= rating <= 5:
            raise UserError(self.env._("Choose how satisfied you are, from 1 to 5."))
        comment = clean_text(self.env, comment, self.env._("The comment"), MAX_COMMENT)
        record = petition._rating_current() or petition._rating_request()
        record.rated_partner_id = petition._rating_get_operator()
        petition.rating_apply(
            rating, rating=record, feedback=comment, subtype_xmlid="mail.mt_note"
        )
        return True

    def mark_duplicate(self, original):
        """Close as a duplicate of ``original`` (a petition or its id): the
        raiser and the co-signers of this petition co-sign the original."""
        self.ensure_one()
        self._check_office(
            self.env._("Only the community office can merge duplicates.")
        )
        if not isinstance(original, models.BaseModel):
            original = self.browse(_to_id(original))
        original = original.exists()
        if len(original) != 1:
            raise UserError(self.env._("Choose the original petition."))
        self.check_access("write")
        original.check_access("write")
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

    def cosign(self, anonymous=False):
        """The current resident co-signs this public petition of their community."""
        self.ensure_one()
        if not self._is_anonymous_for_neighbour():
            self.check_access("read")
        partner = self.env.user.partner_id
        petition = self.sudo()
        # Co-signatures of the petition are counted one after the other (the
        # same resident twice at once, the threshold crossed once).
        petition._lock_rows()
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

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    @api.model
    def _raise_areas(self, domain=None):
        """The areas the current resident may raise a petition about (within
        ``domain``)."""
        partner = self.env.user.partner_id
        if not partner.community_id:
            return self.env["community.area"]
        return self.env["community.area"].search(
            expression.AND(
                [
                    domain or [],
                    [
                        ("community_id", "=", partner.community_id.id),
                        ("area_type", "in", RAISE_AREA_TYPES),
                    ],
                ]
            )
        )

    @api.model
    def _check_attachments(self, attachments):
        """The ``ir.attachment`` values of the files sent with a petition:
        at most MAX_FILES photos or PDF files of MAX_FILE_SIZE each."""
        attachments = attachments or []
        if not isinstance(attachments, list | tuple):
            raise UserError(self.env._("The files could not be read."))
        if len(attachments) > MAX_FILES:
            raise UserError(self.env._("Attach at most %(max)s files.", max=MAX_FILES))
        files = []
        for upload in attachments:
            upload = upload if isinstance(upload, dict) else {}
            name = (
                clean_text(
                    self.env, upload.get("name"), self.env._("The file name"), 200
                )
                or "file"
            )
            raw = upload.get("raw")
            if raw is None and isinstance(upload.get("datas"), str):
                try:
                    raw = base64.b64decode(upload["datas"], validate=True)
                except (binascii.Error, ValueError):
                    raw = None
            if not isinstance(raw, bytes):
                raise UserError(self.env._("%(name)s could not be read.", name=name))
            if len(raw) > MAX_FILE_SIZE:
                raise UserError(
                    self.env._(
                        "%(name)s is larger than %(max)s MB.",
                        name=name,
                        max=MAX_FILE_SIZE // (1024 * 1024),
                    )
                )
            mimetype = guess_mimetype(raw)
            if mimetype not in ALLOWED_MIMETYPES:
                raise UserError(
                    self.env._("%(name)s is not a photo or a PDF.", name=name)
                )
            files.append({"name": name, "raw": raw, "mimetype": mimetype})
        return files

    @api.model
    def _portal_domain(self):
        """The petitions the current user sees on the portal: those the record
        rules let them read, plus the anonymous public petitions of their
        community, which neighbours see on these pages only (to be searched
        with sudo)."""
        # The user's record rules as a flat domain (not ``id in
        # _search([])``, whose OR with the neighbours' domain forces a
        # sequential scan of the petitions).
        readable = (
            []
            if self.env.su
            else list(self.env["ir.rule"]._compute_domain(self._name, "read") or [])
        )
        return expression.OR([readable, self._anonymous_neighbour_domain()])

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

    def _portal_actions(self):
        """What the current user may do with this petition on its portal page
        (the buttons shown; the methods check again)."""
        self.ensure_one()
        user = self.env.user
        petition = self.sudo()
        is_owner = petition.partner_id == user.partner_id
        is_handler = petition.user_id == user and not user._is_public()
        is_open = petition.state in OPEN_STATES
        settled = petition.state in ("resolved", "closed") and bool(
            petition.date_resolved
        )
        signed = user.partner_id in petition.signature_ids.partner_id
        return {
            "is_owner": is_owner,
            "is_handler": is_handler,
            "has_signed": signed,
            "can_cosign": (
                not is_owner
                # a steward does not co-sign what he handles
                and not is_handler
                and not signed
                and not user._is_public()
                and petition.is_public
                and is_open
                and user.partner_id.is_resident
                and user.partner_id.community_id == petition.community_id
            ),
            "can_rate": is_owner and settled,
            "can_reopen": is_owner and petition._can_reopen(),
            "can_take": is_handler and petition.state == "new",
            "can_escalate": is_handler
            and petition.state in ("new", "in_progress")
            and petition.level in ("entrance", "grid"),
            "can_resolve": is_handler and is_open,
        }

    def _portal_status(self):
        """Where the petition really is on the ladder, as a resident says it:
        ``(text, kind)`` with ``kind`` a Bootstrap colour. A petition that
        climbed (by hand or because it was not handled in time) is "new" at
        its new level: it says so, not just "New"."""
        self.ensure_one()
        petition = self.sudo()
        levels = dict(petition._fields["level"]._description_selection(self.env))
        level = levels.get(petition.level, "")
        state = petition.state
        if state == "new" and petition.level != petition._first_level():
            return (
                self.env._("Escalated to the %(level)s level", level=level),
                "warning",
            )
        if state == "new":
            return (self.env._("Waiting at the %(level)s level", level=level), "info")
        if state == "in_progress":
            return (self.env._("In hand at the %(level)s level", level=level), "info")
        if state == "dispatched":
            return (self.env._("Departments summoned"), "warning")
        if state == "resolved":
            settled = levels.get(petition.settled_level or petition.level, "")
            return (
                self.env._("Resolved at the %(level)s level", level=settled),
                "success",
            )
        states = dict(petition._fields["state"]._description_selection(self.env))
        return (states[state], "secondary")

    # ------------------------------------------------------------------
    # Satisfaction (rating.mixin)
    # ------------------------------------------------------------------

    def _rating_get_operator(self):
        """The rated partner: who settled the petition (the user of its last
        resolution: its handler, or office staff in the handler's place), else
        its handler, else the community office (the company)."""
        self.ensure_one()
        settled = self.sudo().log_ids.filtered(lambda step: step.event == "resolved")
        settler = settled[-1:].user_id
        if settler and not settler._is_superuser():
            return settler.partner_id
        return self.user_id.partner_id or self.env.company.partner_id

    def _rating_get_parent_field_name(self):
        # The ratings' community, for their record rules.
        return "community_id"

    def _rating_current(self):
        """The raiser's rating of this petition (one per petition), as superuser."""
        self.ensure_one()
        return (
            self.env["rating.rating"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("partner_id", "=", self.partner_id.id),
                ],
                order="id desc",
                limit=1,
            )
        )

    def _rating_request(self):
        """A new, empty rating of this petition by its raiser. Without an
        access token: rating's public ``/rate/<token>`` pages would let anyone
        holding it rate, and only the logged-in raiser rates a petition."""
        self.ensure_one()
        rating = (
            self.env["rating.rating"]
            .sudo()
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": self.id,
                    "partner_id": self.partner_id.id,
                    "rated_partner_id": self._rating_get_operator().id,
                    "access_token": False,
                }
            )
        )
        # In the table with its related res_model before the mixin's last value
        # is recomputed from SQL (it flushes only the rating and consumed).
        rating.flush_recordset()
        return rating

    def _rating_reset(self):
        """After a reopening the satisfaction with the previous resolution no
        longer counts: as ``rating.rating.reset()`` (value 0, no comment, not
        consumed, so the mixin's averages and counts drop it), without a
        token, and detached from its chatter message, which stays as the
        record of what the resident said (else rating again would rewrite it).
        """
        ratings = (
            self.env["rating.rating"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("consumed", "=", True),
                ]
            )
        )
        ratings.write(
            {"rating": 0, "feedback": False, "consumed": False, "message_id": False}
        )

    @api.model
    def _satisfaction_query(self):
        """Per petition, the satisfaction that counts (consumed ratings of 1
        to 5): one grouped query for the reports, joined on ``petition_id``."""
        return SQL(
            """
            SELECT res_id AS petition_id, AVG(rating) AS rating
              FROM rating_rating
             WHERE res_model = %(model)s AND consumed AND rating >= 1
             GROUP BY res_id
            """,
            model=self._name,
        )

    def rating_apply(self, rate, token=None, rating=None, feedback=None, **kwargs):
        # Public on every mail.thread (RPC): a petition is rated through rate(),
        # which checks the raiser and applies the rating as superuser.
        if not self.env.su:
            raise AccessError(
                self.env._("Only the resident who raised this petition can rate it.")
            )
        return super().rating_apply(
            rate, token=token, rating=rating, feedback=feedback, **kwargs
        )

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        # The rating addons let any reader rate from the chatter (rating_value):
        # a petition's satisfaction is its raiser's, given with rate() only.
        kwargs.pop("rating_value", None)
        if not self.env.su:
            # mail lets followers post on what they no longer read (a steward
            # after the petition climbed above them): posting is for readers
            self.check_access("read")
        return super().message_post(**kwargs)

    @api.model
    def _get_allowed_message_update_params(self):
        return super()._get_allowed_message_update_params() - {"rating_value"}

    # ------------------------------------------------------------------
    # Portal access: the token is the raiser's
    # ------------------------------------------------------------------
    # portal.mixin's access token opens the petition's page to whoever holds
    # it and lets Odoo's portal chatter post as the raiser. It is sent to the
    # raiser only (the buttons of their notification mails), never put in a
    # message or a link that others read, and unreadable for portal users.

    def get_portal_url(
        self,
        suffix=None,
        report_type=None,
        download=None,
        query_string=None,
        anchor=None,
    ):
        """The page of the petition, without the access token: templates
        put this link in messages the petition's neighbours read, and every
        reader of the petition opens its page logged in."""
        self.ensure_one()
        params = [f"report_type={report_type}"] if report_type else []
        if download:
            params.append("download=true")
        if query_string:
            params.append(query_string.lstrip("?&"))
        query = "&".join(params)
        return "".join(
            (
                self.access_url,
                suffix or "",
                f"?{query}" if query else "",
                f"#{anchor}" if anchor else "",
            )
        )

    def _get_access_action(self, access_uid=None, force_website=False):
        # /mail/view sends a portal user who may read the petition to its
        # share link, token included: only the raiser gets theirs. The token
        # stays when a visitor presented it (portal's _redirect_to_record).
        action = super()._get_access_action(
            access_uid=access_uid, force_website=force_website
        )
        if action.get("type") != "ir.actions.act_url":
            return action
        user = (
            self.env["res.users"].sudo().browse(access_uid)
            if access_uid
            else self.env.user
        )
        presented = self.env.su and not access_uid
        if not presented and user.partner_id != self.sudo().partner_id:
            action = dict(action, url=self.access_url)
        return action

    def _sign_token(self, pid):
        # The token is readable by office users only (field groups); the
        # signature of the raiser's notification links is computed as
        # superuser whoever posts.
        return super(CommunityPetition, self.sudo())._sign_token(pid)

    @api.model
    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        # A visitor (not logged in) posts, edits or reacts in the portal chatter
        # only with the raiser's signed link (hash and pid): the token alone
        # shows the petition, it does not make its holder the raiser.
        mode = super()._get_mail_message_access(res_ids, operation, model_name)
        if (
            operation == "create"
            and not model_name
            and self.env.user._is_public()
            and mode == "read"
        ):
            return "write"
        return mode

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        # Whatever the visitor sends: a pid that is an id, a hash and a token
        # that are texts, and no token to compare with a petition that has
        # none (portal's checks would crash on them: HTTP 500).
        thread_id = _to_id(thread_id)
        thread_sudo = self.sudo().browse(thread_id).exists()
        kwargs = dict(kwargs, pid=_to_id(kwargs.get("pid")) or None)
        for key in ("hash", "token"):
            value = kwargs.get(key)
            if not (isinstance(value, str) and value.isascii() and len(value) < 200):
                kwargs.pop(key, None)
        if not thread_sudo.access_token:
            kwargs.pop("token", None)
        thread = super()._get_thread_with_access(thread_id, mode, **kwargs)
        if not thread or mode == "read" or not self.env.user._is_public():
            return thread
        # a visitor acts in the chatter as the raiser: with the raiser's
        # signed link only (see _get_mail_message_access)
        pid = kwargs["pid"]
        if (
            pid
            and pid == thread_sudo.partner_id.id
            and validate_thread_with_hash_pid(thread_sudo, kwargs.get("hash"), pid)
        ):
            return thread
        return self.browse()

    # ------------------------------------------------------------------
    # Ladder
    # ------------------------------------------------------------------

    def _as_actor(self, role):
        """Check that the current user may act on this petition as ``role``
        (``handler``: the handler of the current level; ``owner``: the resident
        who raised it) and return the record to write with. Office staff act on
        the petitions of their communities (record rules)."""
        self.ensure_one()
        if role == "handler":
            return self._checked_sudo(
                lambda petition: petition.user_id == self.env.user,
                self.env._("Only the handler of this petition can do this."),
            )
        return self._checked_sudo(
            lambda petition: petition.partner_id == self.env.user.partner_id,
            self.env._("Only the resident who raised this petition can do this."),
        )

    def _as_raiser(self):
        """The record to write with when the resident who raised this petition
        acts (office staff do not act in their place)."""
        self.ensure_one()
        if self.env.su:
            return self
        self.check_access("read")
        if self.sudo().partner_id != self.env.user.partner_id:
            raise AccessError(
                self.env._("Only the resident who raised this petition can rate it.")
            )
        return self.sudo()

    def _levels(self):
        """The levels of the ladder this petition's area has, bottom first."""
        self.ensure_one()
        return _area_levels(self.area_id)

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
        return self.area_id._find_handler(_handler_level(level))

    def _level_values(self, level, now):
        self.ensure_one()
        return self._ladder_values([(self.area_id, self.category_id, level, now)])[0]

    @api.model
    def _ladder_values(self, rows):
        """The values of petitions entering a level: for each row ``(area,
        category, level, start)`` (``level`` False: the area's first), the
        level, its handler (all looked up in one grouped query) and the due
        time counted from ``start``."""
        rows = [
            (area, category, level or _area_levels(area)[0], start)
            for area, category, level, start in rows
        ]
        handlers = self.env["community.area"]._find_handlers(
            (area, _handler_level(level)) for area, _category, level, _start in rows
        )
        values = []
        for area, category, level, start in rows:
            hours = category._deadline_hours(level)
            values.append(
                {
                    "level": level,
                    "user_id": handlers[area, _handler_level(level)].id,
                    "date_deadline": start + timedelta(hours=hours) if hours else False,
                    "is_overdue": False,
                }
            )
        return values

    def _escalate(self, reason, automatic=False):
        """Up one level, for every petition of ``self`` (in batch: the
        handlers of the next levels in one grouped query)."""
        for petition in self:
            if petition.state not in ("new", "in_progress"):
                raise UserError(
                    self.env._("Only a new or in-progress petition can be escalated.")
                )
            if petition.level == "office":
                raise UserError(
                    self.env._(
                        "At the community office a petition goes further by "
                        "summoning departments: use Blow the Whistle."
                    )
                )
            if not petition._next_level():
                raise UserError(self.env._("This petition cannot climb any higher."))
        reason = clean_text(
            self.env,
            reason,
            self.env._("The reason"),
            MAX_DESCRIPTION,
            self.env._("Give a reason to escalate the petition."),
        )
        now = fields.Datetime.now()
        ladder = self._ladder_values(
            [(p.area_id, p.category_id, p._next_level(), now) for p in self]
        )
        # the former portal handlers stop following, in one go for the batch
        handlers = {petition.id: petition.user_id for petition in self.sudo()}
        for petition, vals in zip(self, ladder, strict=True):
            vals["state"] = "new"
            if not automatic and not petition.date_first_response:
                vals["date_first_response"] = now
            petition.with_context(community_followers_later=True).write(vals)
        self._unsubscribe_former_handlers(handlers)
        self._subscribe_people()
        # an automatic step is logged as a code, shown in the reader's language
        if automatic:
            self._log("escalated", code="auto_escalated")
        else:
            self._log("escalated", note=reason)
        self._send_template("community_governance.mail_template_petition_escalated")

    def _dispatch(self, departments, automatic=False, details=None):
        """Summon ``departments`` on every petition of ``self`` (in batch).
        Automatically (the overdue job), petitions on which they are all
        summoned already are left as they are. ``details``: the dispatch
        values per department id (checked by ``_dispatch_details``)."""
        details = details or {}
        # a department is summoned once at a time, whoever blows the whistle
        self._lock_rows()
        for petition in self:
            if petition.state not in OPEN_STATES:
                raise UserError(self.env._("Only an open petition can be dispatched."))
        departments = departments.filtered("active")
        if not departments:
            raise UserError(self.env._("Choose at least one department to summon."))
        summon = {}
        for petition in self:
            pending = petition.dispatch_ids.filtered(
                lambda d: d.state in ("summoned", "acknowledged")
            )
            if departments - pending.department_id:
                summon[petition] = departments - pending.department_id
            elif not automatic:
                raise UserError(self.env._("These departments are already summoned."))
        if not summon:
            return self.env["community.petition.dispatch"]
        petitions = self.browse([petition.id for petition in summon])
        now = fields.Datetime.now()
        ladder = self._ladder_values(
            [(p.area_id, p.category_id, "department", now) for p in petitions]
        )
        for petition, vals in zip(petitions, ladder, strict=True):
            vals["state"] = "dispatched"
            if not automatic and not petition.date_first_response:
                vals["date_first_response"] = now
            petition.write(vals)
        dispatches = self.env["community.petition.dispatch"].create(
            [
                {
                    "petition_id": petition.id,
                    "department_id": department.id,
                    **details.get(department.id, {}),
                }
                for petition, summoned in summon.items()
                for department in summoned
            ]
        )
        by_names = defaultdict(list)
        for petition, summoned in summon.items():
            key = (
                ", ".join(summoned.mapped("name")),
                ", ".join(summoned._without_liaison().mapped("name")),
            )
            by_names[key].append(petition.id)
        for (names, unreachable), petition_ids in by_names.items():
            group = self.browse(petition_ids)
            group._log("dispatched", note=names)
            body = self.env._(
                "The community office summoned the departments: %(departments)s.",
                departments=names,
            )
            if unreachable:
                # for the office only (an internal note, not the raiser's
                # timeline nor mail): the summons reached nobody there
                group._message_log_batch(
                    bodies=dict.fromkeys(
                        petition_ids,
                        self.env._(
                            "Nobody could be notified at %(departments)s: no "
                            "active liaison. Reach them another way.",
                            departments=unreachable,
                        ),
                    )
                )
            if automatic:
                group._message_log_batch(bodies=dict.fromkeys(petition_ids, body))
            else:
                for petition in group:
                    petition.message_post(body=body, subtype_xmlid="mail.mt_comment")
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
            petition._log("cosign", code="cosign_reached")
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

    def _subscribe_people(self, others=None):
        """The raiser and the handler (and ``others``) follow the petitions,
        in one batch."""
        others = others.ids if others else []
        self._add_followers(
            {
                petition.id: [
                    petition.partner_id.id,
                    petition.user_id.partner_id.id,
                    *others,
                ]
                for petition in self
            }
        )

    def _message_auto_subscribe_followers(self, updated_values, default_subtype_ids):
        # The handler follows through _subscribe_people (in batch, whenever
        # the handler changes) and is told by the petition's own mails, not by
        # one "assigned to you" notification per petition.
        updated_values = {k: v for k, v in updated_values.items() if k != "user_id"}
        return super()._message_auto_subscribe_followers(
            updated_values, default_subtype_ids
        )

    def _log(self, event, note=None, code=None):
        """A timeline step of each petition, dated now; "raised" is dated when
        the petition was raised (the office may record one raised earlier).
        ``note``: what a person wrote; ``code``: the text of an automatic
        step (a key of the log's ``note_code``), rendered in the reader's
        language with the step's due time."""
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
                    "note_code": code or False,
                    "date_due": petition.date_deadline,
                    **({"date": petition.date_raised} if event == "raised" else {}),
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
    def _cron_check_overdue(self, batch_size=OVERDUE_BATCH_SIZE):
        """Mark the petitions and dispatches past their due time, tell their
        handler and the level above, and let the categories that say so
        escalate by themselves.

        In batches of ``batch_size``, each committed with the cron's progress
        (``ir.cron._notify_progress``): a backlog of thousands is neither one
        long transaction nor lost work after a timeout, and the queries of a
        batch do not grow with its size."""
        now = fields.Datetime.now()
        self._refresh_due_soon(now)
        Dispatch = self.env["community.petition.dispatch"]
        petitions = self.search(self._overdue_domain(now), order="id")
        dispatches = Dispatch.search(Dispatch._overdue_domain(now), order="id")
        total, done = len(petitions) + len(dispatches), 0
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        batches = itertools.chain(
            split_every(batch_size, petitions.ids, self.browse),
            split_every(batch_size, dispatches.ids, Dispatch.browse),
        )
        for records in batches:
            records._mark_overdue()
            done += len(records)
            self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            self.env.invalidate_all()
        return done

    @api.model
    def _refresh_due_soon(self, now):
        """Petitions whose due time came within ``DUE_SOON_HOURS`` since their
        ``due_state`` was computed: recomputed (one search, one update)."""
        petitions = self.search(
            [
                ("due_state", "=", "on_time"),
                ("date_deadline", "<=", now + timedelta(hours=DUE_SOON_HOURS)),
            ]
        )
        if petitions:
            self.env.add_to_compute(self._fields["due_state"], petitions)
            petitions.flush_recordset(["due_state"])

    @api.model
    def _overdue_domain(self, now):
        return [
            ("state", "in", OPEN_STATES),
            ("is_overdue", "=", False),
            ("date_deadline", "!=", False),
            ("date_deadline", "<", now),
        ]

    def _mark_overdue(self):
        """One batch of the overdue job: the petitions are marked, their
        handler and the level above get the overdue mail (office staff above
        also a to-do), then the categories that say so escalate."""
        self.write({"is_overdue": True, "was_overdue": True})
        self._log("overdue")
        self._send_template("community_governance.mail_template_petition_overdue")
        todos = [
            (
                petition,
                petition.escalation_user_id,
                self.env._("Overdue petition below you"),
                self.env._(
                    "%(name)s is overdue at the %(level)s level.",
                    name=petition.name,
                    level=dict(LEVELS)[petition.level],
                ),
            )
            for petition in self
            if petition.escalation_user_id
            and petition.escalation_user_id != petition.user_id
            and not petition.escalation_user_id.share
        ]
        self._schedule_todos(todos)
        automatic = self.filtered("category_id.auto_escalate").with_context(
            tracking_disable=True
        )
        automatic.filtered(
            lambda p: p.level in ("entrance", "grid") and p.state != "dispatched"
        )._escalate(
            self.env._("Not handled in time: escalated automatically."),
            automatic=True,
        )
        office = automatic.filtered(
            lambda p: p.level == "office" and p.category_id.department_ids
        )
        for category, petitions in office.grouped("category_id").items():
            petitions._dispatch(category.department_ids, automatic=True)

    def _schedule_todos(self, todos):
        """To-dos for office users in one batch: ``todos`` is a list of
        ``(petition, user, summary, note)``; due today. (Portal users, who have
        no activities, are told by mail.)"""
        if not todos:
            return
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        today = fields.Date.context_today(self)
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": petition.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "note": note,
                    "user_id": user.id,
                    "date_deadline": today,
                }
                for petition, user, summary, note in todos
            ]
        )

    # ------------------------------------------------------------------
    # Door-to-door surveys (issue 9): the needs gathered into this petition
    # (community.survey.need.petition_id); kept apart from the ladder above.
    # ------------------------------------------------------------------
    survey_need_ids = fields.One2many(
        "community.survey.need", "petition_id", string="Needs from Visits"
    )
    survey_need_count = fields.Integer(
        string="Needs", compute="_compute_survey_need_count"
    )

    def _compute_survey_need_count(self):
        counts = dict(
            self.env["community.survey.need"]._read_group(
                [("petition_id", "in", self.ids)], ["petition_id"], ["__count"]
            )
        )
        for petition in self:
            petition.survey_need_count = counts.get(petition, 0)

    def action_view_survey_needs(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_survey_need_action",
            domain=[("petition_id", "=", self.id)],
            context={"create": False},
        )
