# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_datetime

from .community_property_unit import AREA_DIGITS

CHOICES = [("yes", "For"), ("no", "Against"), ("abstain", "Abstain")]
CHANNELS = [
    ("portal", "Portal"),
    ("paper", "Paper ballot"),
    ("door", "Door to door"),
    ("meeting", "At the meeting"),
]
# The channels the office records ballots from.
OFFICE_CHANNELS = ("paper", "door", "meeting")
# A ballot's own fields the office may still change, before it is cast.
PROXY_FIELDS = frozenset({"proxy_id", "proxy_authorisation", "proxy_document"})


class CommunityDeliberationBallot(models.Model):
    """The ballot of one unit in one vote (one per unit: a unique index).

    Created for every eligible unit when the notice is issued, with what the
    vote counts frozen at that moment: the unit's area, its owners and the
    owner group it counts in by number. It is cast once, by an owner or a
    proxy whose authorisation the office recorded, from the portal or on
    paper, door to door or at the meeting; a cast ballot never changes, and
    nothing is cast once the vote closed. How a unit voted stays hidden until
    the vote is closed (``choice`` is for the technical administrator;
    ``choice_shown`` tells the unit's owners and, after the close, the
    office)."""

    _name = "community.deliberation.ballot"
    _description = "Ballot"
    _order = "deliberation_id, building_id, unit_id"
    _rec_name = "unit_id"

    deliberation_id = fields.Many2one(
        "community.deliberation",
        string="Matter",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    community_id = fields.Many2one(
        related="deliberation_id.community_id", store=True, index=True
    )
    deliberation_state = fields.Selection(
        related="deliberation_id.state", string="Matter Status"
    )
    unit_id = fields.Many2one(
        "community.property.unit",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    building_id = fields.Many2one("community.area", index=True, readonly=True)
    unit_area = fields.Float(
        string="Area (m²)",
        digits=AREA_DIGITS,
        readonly=True,
        help="The unit's exclusive area at the notice.",
    )
    owner_ids = fields.Many2many(
        "res.partner",
        "community_deliberation_ballot_owner_rel",
        "ballot_id",
        "partner_id",
        string="Owners",
        readonly=True,
        help="The owners of the unit at the notice: they vote for it.",
    )
    owner_names = fields.Char(string="Owners at the Notice", readonly=True)
    is_developer_unsold = fields.Boolean(string="Developer's Unsold", readonly=True)
    voter_key = fields.Integer(
        string="Owner Group",
        readonly=True,
        aggregator=False,
        help="Units with the same group count as one owner by number.",
    )
    state = fields.Selection(
        [("pending", "Not Cast"), ("cast", "Cast")],
        required=True,
        default="pending",
        index=True,
        readonly=True,
    )
    choice = fields.Selection(CHOICES, readonly=True, groups="base.group_system")
    choice_shown = fields.Selection(
        CHOICES,
        string="Vote",
        compute="_compute_choice_shown",
        help="How the unit voted: shown to its owners and proxy, and to the "
        "office once the vote closed.",
    )
    channel = fields.Selection(CHANNELS, readonly=True)
    voter_id = fields.Many2one(
        "res.partner", string="Cast By", readonly=True, index=True
    )
    is_proxy = fields.Boolean(string="By Proxy", readonly=True)
    proxy_id = fields.Many2one(
        "res.partner",
        index=True,
        help="Votes for the owners, with the authorisation recorded here.",
    )
    proxy_authorisation = fields.Text(
        string="Authorisation",
        help="The owners' written authorisation: who signed it, when, its reference.",
    )
    proxy_document = fields.Binary(string="Signed Authorisation", attachment=True)
    date_cast = fields.Datetime(string="Cast On", readonly=True, index=True)
    recorded_by_id = fields.Many2one("res.users", readonly=True)

    _sql_constraints = [
        (
            "unit_uniq",
            "unique(deliberation_id, unit_id)",
            "A unit has one ballot in a vote.",
        ),
    ]

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("state", "deliberation_id.state")
    @api.depends_context("uid")
    def _compute_choice_shown(self):
        partner = self.env.user.partner_id
        office = self.env["community.mixin"]._is_office()
        for ballot in self:
            sudo = ballot.sudo()
            mine = partner in sudo.owner_ids or partner == sudo.proxy_id
            closed = sudo.deliberation_id.state not in ("notice", "voting")
            visible = sudo.state == "cast" and (mine or (office and closed))
            ballot.choice_shown = sudo.choice if visible else False

    # ------------------------------------------------------------------
    # Constraints, CRUD
    # ------------------------------------------------------------------
    @api.constrains("proxy_id", "proxy_authorisation")
    def _check_proxy(self):
        for ballot in self.filtered("proxy_id"):
            if not (ballot.proxy_authorisation or "").strip():
                raise ValidationError(
                    self.env._(
                        "Record the owners' authorisation of %(proxy)s for unit "
                        "%(unit)s.",
                        proxy=ballot.proxy_id.name,
                        unit=ballot.unit_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Ballots are made by the notice of a vote, one for each unit."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if vals.keys() - PROXY_FIELDS:
                raise AccessError(self.env._("A ballot is cast, never edited."))
            if any(
                b.state != "pending"
                or b.deliberation_id.state not in ("notice", "voting")
                for b in self
            ):
                raise UserError(
                    self.env._(
                        "The proxy of a unit is recorded before its ballot is cast, "
                        "while the vote is announced or runs."
                    )
                )
        res = super().write(vals)
        if "proxy_id" in vals:
            # the proxy reads the ballot (record rule, cached per user)
            self.env.registry.clear_cache()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_cast(self):
        """Ballots go with a withdrawn notice (the matter's own step, as
        superuser), never once cast."""
        if not self.env.su or self.filtered(lambda b: b.state == "cast"):
            raise AccessError(self.env._("A ballot cannot be deleted."))

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def cast(self, choice, channel=None, voter=None, date=None):
        """Cast this unit's ballot.

        An owner of the unit or its proxy casts it from the portal (``channel``
        portal, the voter is the current user). The office records a ballot cast
        on paper, door to door or at the meeting, with the owner or proxy who
        cast it (``voter``, a partner id) and when (``date``, at most now).

        :raise UserError: the vote is not open, the unit already voted, a bad
            value
        :raise AccessError: the user may not cast this unit's ballot
        """
        self.ensure_one()
        self.sudo()._cast_batch([self._cast_values(choice, channel, voter, date)])
        return True

    def _cast_values(self, choice, channel, voter, date):
        """What casting this ballot writes, once the current user's right to
        cast it this way was checked."""
        self.ensure_one()
        sudo = self.sudo()
        if choice not in dict(CHOICES):
            raise UserError(self.env._("Vote for, against or abstain."))
        now = fields.Datetime.now()
        if self.env["community.mixin"]._is_office():
            self.check_access("write")
            if channel not in OFFICE_CHANNELS:
                raise UserError(
                    self.env._(
                        "Say how the ballot was cast: on paper, door to door or at "
                        "the meeting."
                    )
                )
            voter = self.env["res.partner"].browse(
                voter.id if isinstance(voter, models.BaseModel) else voter or ()
            )
            if len(voter) != 1 or (
                voter not in sudo.owner_ids and voter != sudo.proxy_id
            ):
                raise UserError(
                    self.env._(
                        "The ballot of %(unit)s is cast by one of its owners or by "
                        "its proxy.",
                        unit=sudo.unit_id.name,
                    )
                )
            date = fields.Datetime.to_datetime(date) or now
            start = sudo.deliberation_id.date_vote_start
            if date > now or (start and date < start):
                raise UserError(
                    self.env._("A ballot is cast while the vote runs, not later.")
                )
        else:
            self.check_access("read")
            voter = self.env.user.partner_id
            if voter not in sudo.owner_ids and voter != sudo.proxy_id:
                raise AccessError(
                    self.env._(
                        "Only the owners of %(unit)s or their proxy vote for it.",
                        unit=sudo.unit_id.name,
                    )
                )
            if channel not in (None, "portal") or date:
                raise AccessError(
                    self.env._("Ballots cast on paper are recorded by the office.")
                )
            channel, date = "portal", now
        return {
            "ballot": sudo,
            "choice": choice,
            "channel": channel,
            "voter": voter.id,
            "proxy": voter == sudo.proxy_id and voter not in sudo.owner_ids,
            "date": date,
        }

    def _cast_batch(self, rows):
        """Cast ballots, each once, in one statement: the matters' rows are
        share-locked while they are voting (closing a vote waits for the ballots
        being cast, or they are retried and refused), and a ballot changes only
        from pending, in one conditional UPDATE (of two simultaneous ballots of
        a unit, one counts; the other is retried and refused).

        :param rows: dicts from ``_cast_values``
        :raise UserError: a vote is not open, or a unit already voted (then
            nothing is cast)
        """
        if not rows:
            return self
        ballots = self.browse([row["ballot"].id for row in rows])
        matters = ballots.deliberation_id
        matters.flush_recordset(["state"])
        ballots.flush_recordset()
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT id FROM community_deliberation "
                "WHERE id IN %s AND state = 'voting' FOR SHARE",
                tuple(matters.ids),
            ),
            # a concurrent close or ballot is retried by Odoo, not an error
            log_exceptions=False,
        )
        voting = {row[0] for row in cr.fetchall()}
        closed = matters.filtered(lambda m: m.id not in voting)
        if closed:
            raise UserError(
                self.env._(
                    "The vote on %(matter)s is not open: no ballot can be cast or "
                    "changed.",
                    matter=closed[0].title,
                )
            )
        values = SQL(", ").join(
            SQL(
                "(%s::int, %s, %s, %s::int, %s::bool, %s::timestamp)",
                row["ballot"].id,
                row["choice"],
                row["channel"],
                row["voter"] or None,
                row["proxy"],
                row["date"],
            )
            for row in rows
        )
        cr.execute(
            SQL(
                """
                UPDATE community_deliberation_ballot b
                   SET state = 'cast', choice = v.choice, channel = v.channel,
                       voter_id = v.voter, is_proxy = v.proxy, date_cast = v.date,
                       recorded_by_id = %(uid)s, write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM (VALUES %(values)s) AS v(id, choice, channel, voter, proxy,
                                                date)
                 WHERE b.id = v.id AND b.state = 'pending'
             RETURNING b.id
                """,
                uid=self.env.uid,
                now=fields.Datetime.now(),
                values=values,
            ),
            log_exceptions=False,
        )
        cast = {row[0] for row in cr.fetchall()}
        ballots.invalidate_recordset()
        refused = ballots.filtered(lambda b: b.id not in cast)
        if refused:
            raise UserError(refused[0]._already_cast_message())
        return ballots

    def _already_cast_message(self):
        ballot = self.sudo()
        channels = dict(self._fields["channel"]._description_selection(self.env))
        return self.env._(
            "Unit %(unit)s already voted (%(channel)s, %(date)s): a unit has one "
            "ballot, and a ballot cast is not changed.",
            unit=ballot.unit_id.name,
            channel=channels.get(ballot.channel, ""),
            date=format_datetime(self.env, ballot.date_cast),
        )
