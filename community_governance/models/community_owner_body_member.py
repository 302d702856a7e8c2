# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROLES = [
    ("chair", "Chair"),
    ("vice_chair", "Vice-chair"),
    ("secretary", "Secretary"),
    ("member", "Member"),
]
KINDS = [
    ("owner", "Owner"),
    ("party", "Party Member"),
    ("office", "Sub-district / Office Staff"),
    ("police", "Police Liaison"),
]


class CommunityOwnerBodyMember(models.Model):
    """A term of a person in an owners' body. Representatives represent
    buildings (they see the opinions of their buildings); members of the
    supervisory committee file supervision reports. A term that ended is
    archived by the scheduled job, so that only serving members act."""

    _name = "community.owner.body.member"
    _description = "Owners' Body Member"
    _order = "body_id, role, date_start, id"
    _rec_name = "partner_id"

    body_id = fields.Many2one(
        "community.owner.body", required=True, index=True, ondelete="cascade"
    )
    body_type = fields.Selection(related="body_id.body_type", store=True, index=True)
    community_id = fields.Many2one(
        related="body_id.community_id", store=True, index=True, string="Community"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="cascade"
    )
    role = fields.Selection(ROLES, required=True, default="member")
    kind = fields.Selection(
        KINDS,
        string="Seat",
        required=True,
        default="owner",
        help="Whom the member sits for: the owners, the party members, the "
        "sub-district office or the police.",
    )
    building_ids = fields.Many2many(
        "community.area",
        "community_owner_body_member_building_rel",
        "member_id",
        "area_id",
        string="Buildings Represented",
        domain=[("area_type", "=", "building")],
        help="For owners' representatives: the buildings whose owners they "
        "represent; they see the opinions given in these buildings.",
    )
    date_start = fields.Date(
        string="Term Start", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="Term End")
    active = fields.Boolean(default=True)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for member in self:
            if member.date_end and member.date_end < member.date_start:
                raise ValidationError(
                    self.env._(
                        "The term of %(person)s cannot end before it starts.",
                        person=member.partner_id.name,
                    )
                )

    @api.constrains("building_ids", "body_id")
    def _check_building_ids(self):
        for member in self.filtered("building_ids"):
            if member.body_id.body_type != "representatives":
                raise ValidationError(
                    self.env._(
                        "Only owners' representatives represent buildings "
                        "(%(person)s).",
                        person=member.partner_id.name,
                    )
                )
            compound = member.body_id.area_id
            outside = member.building_ids.filtered(
                lambda b, compound=compound: (
                    not b.parent_path.startswith(compound.parent_path)
                )
            )
            if outside:
                raise ValidationError(
                    self.env._(
                        "%(building)s is not in %(compound)s.",
                        building=outside[0].display_name,
                        compound=compound.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        # record rules read the members' bodies and buildings
        self.env.registry.clear_cache()
        return members

    def write(self, vals):
        res = super().write(vals)
        if {"partner_id", "body_id", "building_ids", "active"} & vals.keys():
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    @api.model
    def _archive_ended_terms(self):
        """Archive the terms that ended before today; return them."""
        ended = self.search(
            [("date_end", "!=", False), ("date_end", "<", fields.Date.today())]
        )
        if ended:
            ended.write({"active": False})
        return ended
