# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

AREA_TYPES = [
    ("community", "Community"),
    ("grid", "Grid"),
    ("building", "Building"),
    ("entrance", "Stairwell entrance"),
    ("alley", "Alley"),
]

# The area types an area of a given type may sit in (False: no parent).
ALLOWED_PARENT_TYPES = {
    "community": (False,),
    "grid": ("community",),
    "building": ("grid",),
    "entrance": ("building",),
    "alley": ("community", "grid"),
}

# Levels of the petition ladder served by a steward of the area of that type.
STEWARD_LEVELS = ("entrance", "grid", "alley")


class CommunityArea(models.Model):
    _name = "community.area"
    _description = "Community Area"
    _inherit = ["mail.thread", "community.mixin"]
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "code"]
    _order = "complete_name"

    name = fields.Char(required=True, tracking=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True, index=True
    )
    code = fields.Char(index=True, tracking=True)
    area_type = fields.Selection(
        AREA_TYPES,
        string="Type",
        required=True,
        default="grid",
        index=True,
        tracking=True,
    )
    parent_id = fields.Many2one(
        "community.area",
        string="Parent Area",
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("community.area", "parent_id", string="Sub-areas")
    community_id = fields.Many2one(
        "community.area",
        compute="_compute_community_id",
        recursive=True,
        store=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        domain=[("share", "=", False)],
        tracking=True,
        help="Community office user responsible for this area.",
    )
    officer_ids = fields.Many2many(
        "res.users",
        "community_area_officer_rel",
        "area_id",
        "user_id",
        string="Office Staff",
        domain=[("share", "=", False)],
        help="Community office staff who work on this community: they see its areas, "
        "households and residents.",
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    note = fields.Html()
    resident_ids = fields.One2many("res.partner", "area_id", string="Residents")
    resident_count = fields.Integer(compute="_compute_counts")
    household_count = fields.Integer(compute="_compute_counts")
    child_count = fields.Integer(compute="_compute_counts")
    steward_ids = fields.One2many(
        "community.steward",
        "area_id",
        string="Steward Terms",
    )
    steward_count = fields.Integer(
        string="Serving Stewards",
        compute="_compute_steward_count",
        help="Stewards serving this area or one of its sub-areas.",
    )
    has_steward = fields.Boolean(
        string="Has a Steward",
        compute="_compute_steward_count",
        search="_search_has_steward",
    )
    # Printed on the community's papers (the volunteer certificate): the
    # office sets it on the community's form, the company logo stands in.
    seal = fields.Image(
        max_width=512,
        max_height=512,
        help="The community's seal or logo, printed on the certificates it "
        "issues. Without one, the company's logo is printed.",
    )
    # The hierarchy's cards: who serves the area itself.
    steward_partner_ids = fields.Many2many(
        "res.partner",
        string="Stewards",
        compute="_compute_steward_partner_ids",
        help="Residents serving this area itself as its steward now.",
    )
    # Shared community (community.share.listing): a setting of the community.
    share_volunteer_hours = fields.Boolean(
        string="Shared Services Count as Volunteer Hours",
        help="A service a resident rendered to a neighbour through the shared "
        "community is submitted as volunteer hours of the service line, for the "
        "office to approve.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The area code must be unique."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for area in self:
            if area.parent_id:
                area.complete_name = f"{area.parent_id.complete_name} / {area.name}"
            else:
                area.complete_name = area.name

    @api.depends("area_type", "parent_id.community_id")
    def _compute_community_id(self):
        for area in self:
            if area.area_type == "community":
                area.community_id = area
            else:
                area.community_id = area.parent_id.community_id

    def _compute_counts(self):
        """Residents and households living in each area or below it, in three
        grouped queries whatever the number of areas."""
        self.resident_count = self.household_count = self.child_count = 0
        areas = self.filtered("id")
        if not areas:
            return
        domain = [("area_id", "child_of", areas.ids)]
        residents = dict(
            self.env["res.partner"]._read_group(
                domain + [("is_resident", "=", True)], ["area_id"], ["__count"]
            )
        )
        households = dict(
            self.env["community.household"]._read_group(
                domain, ["area_id"], ["__count"]
            )
        )
        children = dict(
            self._read_group(
                [("parent_id", "in", areas.ids)], ["parent_id"], ["__count"]
            )
        )
        for area in areas:
            prefix = area.parent_path
            area.resident_count = sum(
                n for a, n in residents.items() if a.parent_path.startswith(prefix)
            )
            area.household_count = sum(
                n for a, n in households.items() if a.parent_path.startswith(prefix)
            )
            area.child_count = children.get(area, 0)

    def _compute_steward_count(self):
        """Serving stewards of the area and of its sub-areas (a community's
        Stewards button counts those of its grids and stairwells, as it opens
        them); ``has_steward``: the area itself has one. One grouped query."""
        self.steward_count = 0
        self.has_steward = False
        areas = self.filtered("id")
        if not areas:
            return
        counts = dict(
            self.env["community.steward"]._read_group(
                [("state", "=", "active"), ("area_id", "child_of", areas.ids)],
                ["area_id"],
                ["__count"],
            )
        )
        for area in areas:
            prefix = area.parent_path
            area.steward_count = sum(
                n for a, n in counts.items() if a.parent_path.startswith(prefix)
            )
            area.has_steward = bool(counts.get(area._origin))

    def _compute_steward_partner_ids(self):
        """One grouped query for all the areas shown."""
        serving = dict(
            self.env["community.steward"]._read_group(
                [("state", "=", "active"), ("area_id", "in", self._origin.ids)],
                ["area_id"],
                ["partner_id:recordset"],
            )
        )
        for area in self:
            area.steward_partner_ids = serving.get(
                area._origin, self.env["res.partner"]
            )

    def _search_has_steward(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on stewards."))
        serving = (
            self.env["community.steward"].sudo()._search([("state", "=", "active")])
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", serving.subselect("area_id"))]

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("An area cannot be placed inside itself or its sub-areas.")
            )

    @api.constrains("parent_id", "area_type")
    def _check_parent_type(self):
        labels = dict(self._fields["area_type"]._description_selection(self.env))
        for area in self:
            allowed = ALLOWED_PARENT_TYPES[area.area_type]
            if (area.parent_id.area_type or False) in allowed:
                continue
            expected = [labels[t] for t in allowed if t] or [self.env._("no parent")]
            raise ValidationError(
                self.env._(
                    "%(area)s is a %(type)s: it must be placed in %(expected)s.",
                    area=area.name,
                    type=labels[area.area_type].lower(),
                    expected=self.env._(" or ").join(e.lower() for e in expected),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        areas = super().create(vals_list)
        areas._link_responsible_officer()
        if any(vals.get("officer_ids") for vals in vals_list):
            self.env.registry.clear_cache()
        return areas

    def write(self, vals):
        if vals.get("parent_id"):
            # Refuse a move below itself with a clear message before the
            # parent-path update would fail with a generic one.
            parent = self.browse(vals["parent_id"])
            for area in self:
                if area.id and (parent.parent_path or "").startswith(
                    area.parent_path or "-"
                ):
                    raise ValidationError(
                        self.env._(
                            "%(area)s cannot be placed inside itself or one of its "
                            "sub-areas.",
                            area=area.display_name,
                        )
                    )
        res = super().write(vals)
        if "user_id" in vals:
            self._link_responsible_officer()
        if {"officer_ids", "user_id", "area_type"} & vals.keys():
            # officers' record rules read res.users.officer_community_ids
            self.env.registry.clear_cache()
        return res

    def _link_responsible_officer(self):
        """The responsible office user of a community is one of its office
        staff, so that the officers' record rules need only one list."""
        for area in self.filtered(
            lambda a: (
                a.area_type == "community"
                and a.user_id
                and not a.user_id.share
                and a.user_id not in a.officer_ids
            )
        ):
            area.officer_ids = [fields.Command.link(area.user_id.id)]

    def action_view_residents(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.res_partner_resident_action",
            domain=[
                ("is_resident", "=", True),
                ("area_id", "child_of", self.id),
            ],
            context={"default_area_id": self.id, "default_is_resident": True},
        )

    def action_view_households(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_household_action",
            domain=[("area_id", "child_of", self.id)],
            context={"default_area_id": self.id},
        )

    def action_view_children(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_area_action",
            domain=[("parent_id", "=", self.id)],
            context={"default_parent_id": self.id},
        )

    def action_view_stewards(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_steward_action",
            domain=[("area_id", "child_of", self.id)],
            context={"default_area_id": self.id, "search_default_serving": 1},
        )

    def _find_handler(self, level):
        """The user who handles a matter raised in this area at ``level``:
        ``entrance`` (stairwell steward), ``grid`` (grid leader), ``alley``
        (alley steward) or ``office`` (community office).
        At a steward level, the serving steward of the nearest area of that
        level up the tree when there is one with a portal user (longest serving
        first). Otherwise the responsible office user of that area, else of the
        community."""
        self.ensure_one()
        return self._find_handlers([(self, level)])[self, level]

    @api.model
    def _find_handlers(self, pairs):
        """:meth:`_find_handler` for many ``(area, level)`` pairs at once, with
        one query for the serving stewards of them all.

        :return: ``{(area, level): res.users}``
        """
        pairs = set(pairs)
        # the areas and all their ancestors in one read (parent paths)
        areas = self.union(*(area for area, _level in pairs))
        ancestor_ids = {
            int(part)
            for path in areas.mapped("parent_path")
            for part in (path or "").split("/")
            if part
        }
        self.browse(ancestor_ids).mapped("area_type")
        targets = {(area, level): area._find_ancestor(level) for area, level in pairs}
        wanted = {
            (target.id, level)
            for (_area, level), target in targets.items()
            if target and level in STEWARD_LEVELS
        }
        first = {}  # (area id, level) -> user of the longest serving steward
        if wanted:
            stewards = (
                self.env["community.steward"]
                .sudo()
                .search(
                    [
                        ("state", "=", "active"),
                        ("area_id", "in", list({a for a, _level in wanted})),
                        ("role_id.area_type", "in", list({lv for _a, lv in wanted})),
                    ],
                    order="date_start, id",
                )
            )
            for steward in stewards:
                key = (steward.area_id.id, steward.role_id.area_type)
                if key in wanted and steward.user_id:
                    first.setdefault(key, steward.user_id)
        return {
            (area, level): first.get((target.id, level))
            or target.user_id
            or area.community_id.user_id
            for (area, level), target in targets.items()
        }

    def _find_ancestor(self, level):
        """This area or the nearest area above it that serves ``level``
        (an area type, or ``office`` for the community)."""
        self.ensure_one()
        wanted = "community" if level == "office" else level
        area = self
        while area and area.area_type != wanted:
            area = area.parent_id
        return area

    def _steward_roster(self):
        """Serving stewards of this area and below, for the roster PDF."""
        self.ensure_one()
        return self.env["community.steward"].search(
            [("state", "=", "active"), ("area_id", "child_of", self.id)],
            order="area_id, role_id, date_start",
        )

    def _steward_gaps(self):
        """Areas of this area and below that wait for a steward of their role."""
        self.ensure_one()
        return self.env["community.steward.coverage"].search(
            [("is_covered", "=", False), ("area_id", "child_of", self.id)]
        )
