# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Exclusive floor areas in square metres, two decimals: a PostgreSQL numeric
# column (Float with digits), so that sums are exact (see the tally).
AREA_DIGITS = (10, 2)


class CommunityPropertyUnit(models.Model):
    """A dwelling (exclusive part) of a compound, as the owners' registry
    knows it: its room in a stairwell entrance, its registered exclusive floor
    area and its owners. Owners need not live there (the households say who
    does). Units are imported from the housing registry's spreadsheet with
    Odoo's standard import."""

    _name = "community.property.unit"
    _description = "Property Unit"
    _inherit = ["mail.thread", "community.mixin"]
    _order = "building_id, area_id, room"
    _rec_names_search = ["name", "room"]

    name = fields.Char(compute="_compute_name", store=True, index="trigram")
    area_id = fields.Many2one(
        "community.area",
        string="Entrance",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("area_type", "=", "entrance")],
        help="The stairwell entrance of the unit. In an import, its code or its "
        "full name.",
    )
    room = fields.Char(required=True, tracking=True, help="e.g. 1201")
    building_id = fields.Many2one(
        "community.area",
        compute="_compute_building_id",
        store=True,
        index=True,
    )
    community_id = fields.Many2one(
        related="area_id.community_id", store=True, index=True, string="Community"
    )
    floor_area = fields.Float(
        string="Exclusive Area (m²)",
        digits=AREA_DIGITS,
        required=True,
        tracking=True,
        help="Registered exclusive floor area, in square metres with two "
        "decimals, as in the property register. It weighs the unit's vote.",
    )
    owner_ids = fields.Many2many(
        "res.partner",
        "community_property_unit_owner_rel",
        "unit_id",
        "partner_id",
        string="Owners",
        tracking=True,
        help="The registered owners (co-owners count as one owner). They need "
        "not live here. In an import, their names separated by commas.",
    )
    owner_count = fields.Integer(compute="_compute_owner_count")
    is_developer_unsold = fields.Boolean(
        string="Developer's Unsold Unit",
        tracking=True,
        help="Still owned by the developer: all its unsold units together count "
        "as one owner by number.",
    )
    household_id = fields.Many2one(
        "community.household",
        string="Household Living Here",
        compute="_compute_household_id",
        help="The household registered in this room, if any.",
    )
    ballot_ids = fields.One2many(
        "community.deliberation.ballot", "unit_id", string="Ballots"
    )
    ballot_count = fields.Integer(compute="_compute_ballot_count")
    note = fields.Text()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "room_uniq",
            "unique(area_id, room)",
            "This room of this entrance is already registered.",
        ),
        (
            "floor_area_check",
            "CHECK(floor_area > 0 AND floor_area = ROUND(floor_area, 2))",
            "The exclusive floor area must be positive, in square metres with at "
            "most two decimals.",
        ),
    ]

    @api.depends("area_id.name", "area_id.parent_id.name", "room")
    def _compute_name(self):
        for unit in self:
            parts = [unit.area_id.parent_id.name, unit.area_id.name, unit.room]
            unit.name = " / ".join(part for part in parts if part)

    @api.depends("area_id.parent_id.area_type")
    def _compute_building_id(self):
        for unit in self:
            parent = unit.area_id.parent_id
            unit.building_id = parent if parent.area_type == "building" else False

    @api.depends("owner_ids")
    def _compute_owner_count(self):
        for unit in self:
            unit.owner_count = len(unit.owner_ids)

    def _compute_household_id(self):
        """The household of the same room, in one query for all the units."""
        self.household_id = False
        units = self.filtered("area_id")
        if not units:
            return
        households = self.env["community.household"].search(
            [
                ("area_id", "in", units.area_id.ids),
                ("unit_number", "in", list(set(units.mapped("room")))),
            ]
        )
        by_room = {(h.area_id.id, h.unit_number): h for h in households}
        for unit in units:
            unit.household_id = by_room.get((unit.area_id.id, unit.room), False)

    def _compute_ballot_count(self):
        counts = dict(
            self.env["community.deliberation.ballot"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.ballot_count = counts.get(unit, 0)

    @api.constrains("area_id")
    def _check_area_id(self):
        for unit in self:
            if unit.area_id.area_type != "entrance":
                raise ValidationError(
                    self.env._(
                        "A unit is in a stairwell entrance, not in %(area)s.",
                        area=unit.area_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        units = super().create(vals_list)
        # Who owns what is read by the record rules (cached per user).
        self.env.registry.clear_cache()
        return units

    def write(self, vals):
        res = super().write(vals)
        if {"owner_ids", "area_id", "active"} & vals.keys():
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def action_view_ballots(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_deliberation_ballot_action",
            domain=[("unit_id", "=", self.id)],
            context={},
        )
