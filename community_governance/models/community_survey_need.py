# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import textwrap

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .community_petition import MAX_DESCRIPTION, MAX_TITLE, _to_id, clean_text

NEED_STATES = [
    ("new", "New"),
    ("settled", "Settled on the Spot"),
    ("petition", "Became a Petition"),
    ("office", "Sent to the Office"),
    ("declined", "Declined"),
]
URGENCIES = [("normal", "Normal"), ("urgent", "Urgent")]
# The needs the office still has to decide on.
OPEN_NEED_STATES = ("new", "office")
MAX_NOTE = 2000
# Written by the needs' methods only (after their checks), not by a form or
# JSON-RPC: what became of a need is the record of a decision.
WORKFLOW_FIELDS = {"state", "petition_id", "date_petition", "outcome_note", "visit_id"}


class CommunitySurveyNeed(models.Model):
    """A need or an opinion a household raised during a visit (梳理群众需求):
    settled on the spot by the visitor, sent to the office, declined, or
    turned into a petition, alone or gathered with the same need of other
    households into one petition that the office dispatches (the whistle)."""

    _name = "community.survey.need"
    _description = "Need Raised in a Visit"
    _inherit = ["mail.thread", "community.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    description = fields.Text(string="Need", required=True, tracking=True)
    visit_id = fields.Many2one(
        "community.survey.visit",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    campaign_id = fields.Many2one(
        related="visit_id.campaign_id", store=True, index=True, string="Campaign"
    )
    household_id = fields.Many2one(
        related="visit_id.household_id", store=True, index=True, string="Household"
    )
    area_id = fields.Many2one(
        related="visit_id.area_id", store=True, index=True, string="Entrance"
    )
    building_id = fields.Many2one(
        related="visit_id.building_id", store=True, string="Building"
    )
    community_id = fields.Many2one(
        related="visit_id.community_id", store=True, index=True, string="Community"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Raised By",
        index=True,
        tracking=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The member of the household who raised it: who answered the visitor, "
        "else the head of the household.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    date = fields.Datetime(
        string="Raised On", default=fields.Datetime.now, required=True, index=True
    )
    category_id = fields.Many2one(
        "community.petition.category", index=True, tracking=True, ondelete="restrict"
    )
    urgency = fields.Selection(
        URGENCIES, default="normal", required=True, tracking=True
    )
    state = fields.Selection(
        NEED_STATES, default="new", required=True, index=True, tracking=True
    )
    outcome_note = fields.Text(
        string="What Was Done",
        tracking=True,
        help="How it was settled on the spot, or why it was declined.",
    )
    petition_id = fields.Many2one(
        "community.petition",
        index="btree_not_null",
        tracking=True,
        ondelete="set null",
        copy=False,
    )
    date_petition = fields.Datetime(string="Became a Petition On", copy=False)
    petition_state = fields.Selection(
        related="petition_id.state", string="Petition Status"
    )
    date_resolved = fields.Datetime(
        related="petition_id.date_resolved", string="Resolved On"
    )

    @api.depends("visit_id")
    def _compute_partner_id(self):
        for need in self:
            if not need.partner_id and need.visit_id:
                visit = need.visit_id.sudo()
                need.partner_id = visit.partner_id or visit._default_partner()

    @api.depends("description")
    def _compute_name(self):
        for need in self:
            need.name = textwrap.shorten(
                " ".join((need.description or "").split()), width=80, placeholder="…"
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("state", "new") != "new"
            or any(vals.get(field) for field in WORKFLOW_FIELDS - {"state", "visit_id"})
            for vals in vals_list
        ):
            self._refuse_workflow_write()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and WORKFLOW_FIELDS & vals.keys():
            self._refuse_workflow_write()
        return super().write(vals)

    def _refuse_workflow_write(self):
        raise AccessError(
            self.env._(
                "What became of a need is recorded with Settled, Send to the "
                "Office, Decline or Make a Petition."
            )
        )

    # ------------------------------------------------------------------
    # Actions (buttons, no arguments)
    # ------------------------------------------------------------------

    def action_send_to_office(self):
        """The visitor cannot settle it: the office decides."""
        needs = self._as_handler()
        needs._check_state(("new",))
        needs.write({"state": "office"})
        return True

    def action_make_petition(self):
        """One petition for each need, raised for the resident who raised the
        need, with the need linked."""
        self._check_office(
            self.env._("Only the community office turns needs into petitions.")
        )
        self.check_access("write")
        self._check_state(OPEN_NEED_STATES)
        petitions = self.env["community.petition"]
        for need in self:
            petitions |= need.gather(
                values={
                    "title": need.name,
                    "description": need.description,
                    "category_id": need.category_id.id,
                    "partner_id": need.partner_id.id,
                }
            )
        if len(petitions) == 1:
            return self._action_open(
                "community_governance.community_petition_action",
                domain=[("id", "=", petitions.id)],
                views=[(False, "form")],
                res_id=petitions.id,
            )
        return self._action_open(
            "community_governance.community_petition_action",
            domain=[("id", "in", petitions.ids)],
        )

    def _open_wizard(self, mode):
        Wizard = self.env["community.survey.need.wizard"]
        return {
            "type": "ir.actions.act_window",
            # the dialog's title: the action, in the user's language
            "name": dict(Wizard._fields["mode"]._description_selection(self.env))[mode],
            "res_model": Wizard._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_mode": mode,
                "default_need_ids": [fields.Command.set(self.ids)],
            },
        }

    def action_gather_wizard(self):
        """Several needs of many households about one matter → one petition."""
        return self._open_wizard("gather")

    def action_settle_wizard(self):
        return self._open_wizard("settle")

    def action_decline_wizard(self):
        return self._open_wizard("decline")

    def action_view_petition(self):
        self.ensure_one()
        return self.petition_id.get_formview_action()

    # ------------------------------------------------------------------
    # Business methods (public: each checks who calls it)
    # ------------------------------------------------------------------

    def settle(self, note):
        """Settled on the spot (small matters don't leave the stairwell): by
        the visitor of the household or the office."""
        self._as_handler()._decide(
            "settled",
            note,
            self.env._("What was done"),
            self.env._("Say how the need was settled."),
        )
        return True

    def decline(self, reason):
        self._check_office(self.env._("Only the community office declines a need."))
        self.check_access("write")
        self.sudo()._decide(
            "declined",
            reason,
            self.env._("The reason"),
            self.env._("Give the reason to decline the need."),
        )
        return True

    def gather(self, petition=None, values=None, departments=None):
        """Turn these needs into one petition: an existing one (``petition``,
        a record or its id) or a new one made of ``values`` (``title``,
        ``description``, ``category_id``, ``area_id``, ``partner_id``; by
        default the first need's). Every resident who raised one of the needs
        follows the petition. With ``departments``, the office blows the
        whistle at once (``community.petition.dispatch``).

        The petition is created and dispatched through the petition's own
        public methods, as the current (office) user.

        :return: the petition
        """
        self._check_office(
            self.env._("Only the community office turns needs into petitions.")
        )
        if not self:
            raise UserError(self.env._("Choose the needs to gather."))
        self.check_access("write")
        self._check_state(OPEN_NEED_STATES)
        if len(self.community_id) != 1:
            raise UserError(
                self.env._("Only needs of one community go into one petition.")
            )
        Petition = self.env["community.petition"]
        if petition:
            # as the current user, whatever environment a record came with
            petition = Petition.browse(
                petition.ids
                if isinstance(petition, models.BaseModel)
                else _to_id(petition)
            )
        if petition:
            petition = petition.exists()
            if len(petition) != 1:
                raise UserError(self.env._("Choose the petition."))
            petition.check_access("write")
            if petition.community_id != self.community_id:
                raise UserError(
                    self.env._("The petition is not about the needs' community.")
                )
            if petition.state == "duplicate":
                raise UserError(
                    self.env._("Gather the needs into the original petition.")
                )
        else:
            petition = Petition.create(self._petition_values(values or {}))
        # Checked above: the office may write these needs.
        self.sudo().write(
            {
                "state": "petition",
                "petition_id": petition.id,
                "date_petition": fields.Datetime.now(),
            }
        )
        followers = self.partner_id - petition.message_partner_ids
        if followers:
            petition.message_subscribe(partner_ids=followers.ids)
        petition.message_post(
            body=self.env._(
                "%(count)s needs raised in door-to-door visits are followed here "
                "(%(households)s households).",
                count=len(self),
                households=len(self.household_id),
            ),
            subtype_xmlid="mail.mt_note",
        )
        if departments:
            petition.dispatch(departments)
        return petition

    # ------------------------------------------------------------------
    # Private
    # ------------------------------------------------------------------

    def _as_handler(self):
        """These needs as superuser when the current user may settle or pass
        them on: the office (record rules), or the visitor of their households
        while the campaign is open."""
        if self._is_office():
            self.check_access("write")
            return self.sudo()
        self.check_access("read")
        needs = self.sudo()
        if any(
            need.visit_id.visitor_id != self.env.user
            or need.campaign_id.state != "open"
            for need in needs
        ):
            raise AccessError(
                self.env._("Only the visitor of the household handles this need.")
            )
        return needs

    def _decide(self, state, note, label, required_message):
        """Settle or decline these needs with ``note`` (private: the caller
        checked the right and passes the records to write with)."""
        self._check_state(OPEN_NEED_STATES)
        note = clean_text(self.env, note, label, MAX_NOTE, required_message)
        self.write({"state": state, "outcome_note": note})

    def _check_state(self, states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for need in self:
            if need.state not in states:
                raise UserError(
                    self.env._(
                        "“%(need)s” is already %(state)s.",
                        need=need.name,
                        state=labels[need.state].lower(),
                    )
                )

    def _petition_values(self, values):
        """The values of a new petition gathering these needs."""
        first = self[:1]
        partner = self.env["res.partner"].browse(
            _to_id(values.get("partner_id")) or first.partner_id.id
        )
        if not partner.exists() or not partner.sudo().is_resident:
            raise UserError(
                self.env._(
                    "A petition is raised by a resident: choose who raised the need."
                )
            )
        category_id = _to_id(values.get("category_id")) or first.category_id.id
        if not category_id:
            raise UserError(self.env._("Choose the category of the petition."))
        area_id = _to_id(values.get("area_id")) or (
            first.area_id.id if len(self.area_id) == 1 else first.community_id.id
        )
        description = clean_text(
            self.env,
            values.get("description")
            or "\n".join(f"- {need.description}" for need in self)[:MAX_DESCRIPTION],
            self.env._("The description"),
            MAX_DESCRIPTION,
        )
        title = clean_text(
            self.env,
            values.get("title") or first.name,
            self.env._("The title"),
            MAX_TITLE,
            self.env._("Give the petition a title."),
        )
        return {
            "title": title,
            "description": description,
            "category_id": category_id,
            "area_id": area_id,
            "partner_id": partner.id,
            "priority": "1" if "urgent" in self.mapped("urgency") else "0",
        }
