# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The bodies of "1+211": the party organisation (1) that reviews every matter
# first, the owners' general meeting and the owners' representatives' meeting
# (2), the owners' committee (1) and the supervisory committee (1).
BODY_TYPES = [
    ("party", "Party Organisation (review)"),
    ("general_meeting", "Owners' General Meeting"),
    ("representatives", "Owners' Representatives' Meeting"),
    ("committee", "Owners' Committee"),
    ("supervisory", "Supervisory Committee"),
]
# The bodies that vote on a matter.
DECIDING_TYPES = ("general_meeting", "representatives")
# Areas a compound may be: a community, or a grid of one.
COMPOUND_TYPES = ("community", "grid")


class CommunityOwnerBody(models.Model):
    _name = "community.owner.body"
    _description = "Owners' Body"
    _inherit = ["mail.thread", "community.mixin"]
    _order = "area_id, sequence, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    body_type = fields.Selection(
        BODY_TYPES, string="Type", required=True, index=True, tracking=True
    )
    area_id = fields.Many2one(
        "community.area",
        string="Compound",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("area_type", "in", COMPOUND_TYPES)],
        help="The residential compound (a community or one of its grids) whose "
        "owners this body serves.",
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    date_start = fields.Date(
        string="Since",
        tracking=True,
        help="When the body was set up. For the party organisation's review "
        "group, the date the compound started deciding its matters the "
        '"1+211" way (the before/after of the petitions report).',
    )
    member_ids = fields.One2many(
        "community.owner.body.member", "body_id", string="Members"
    )
    member_count = fields.Integer(compute="_compute_member_count")
    description = fields.Text()
    active = fields.Boolean(default=True)

    @api.depends("member_ids")
    def _compute_member_count(self):
        counts = dict(
            self.env["community.owner.body.member"]._read_group(
                [("body_id", "in", self.ids)], ["body_id"], ["__count"]
            )
        )
        for body in self:
            body.member_count = counts.get(body, 0)

    @api.constrains("area_id")
    def _check_area_id(self):
        for body in self:
            if body.area_id.area_type not in COMPOUND_TYPES:
                raise ValidationError(
                    self.env._(
                        "%(body)s serves a compound (a community or a grid), not "
                        "%(area)s.",
                        body=body.name,
                        area=body.area_id.display_name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {"area_id", "active"} & vals.keys():
            # members' record rules read the bodies' compounds
            self.env.registry.clear_cache()
        return res
