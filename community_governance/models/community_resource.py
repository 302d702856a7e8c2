# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

RESOURCE_STATES = [
    ("available", "Available"),
    ("allocated", "Allocated"),
    ("maintenance", "Maintenance"),
    ("retired", "Retired"),
]


class CommunityResource(models.Model):
    """One shared item: a vegetable plot, a room, a tool."""

    _name = "community.resource"
    _description = "Shared Resource"
    _inherit = ["mail.thread", "image.mixin", "community.mixin"]
    _order = "type_id, code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True, tracking=True)
    name = fields.Char(tracking=True)
    type_id = fields.Many2one(
        "community.resource.type",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    community_id = fields.Many2one(
        related="type_id.community_id", store=True, index=True, string="Community"
    )
    area_id = fields.Many2one(
        "community.area",
        string="Location",
        index=True,
        domain="[('community_id', '=', community_id)]",
        tracking=True,
        help="Where the item is (a grid, a building...).",
    )
    capacity = fields.Float(string="Size / Capacity", digits=(10, 1))
    capacity_unit = fields.Char(string="Unit", help="e.g. m², seats, pieces")
    description = fields.Text()
    state = fields.Selection(
        RESOURCE_STATES,
        default="available",
        required=True,
        index=True,
        tracking=True,
        readonly=True,
        help="Allocated while a household holds it; maintenance and retired items "
        "are not offered.",
    )
    color = fields.Integer(compute="_compute_color")
    active = fields.Boolean(default=True)
    allocation_ids = fields.One2many(
        "community.resource.allocation", "resource_id", string="Allocations"
    )
    current_allocation_id = fields.Many2one(
        "community.resource.allocation",
        compute="_compute_current_allocation_id",
    )
    holder_id = fields.Many2one(
        "community.household",
        string="Held By",
        compute="_compute_current_allocation_id",
    )
    allocation_count = fields.Integer(compute="_compute_current_allocation_id")

    _sql_constraints = [
        (
            "code_uniq",
            "unique(type_id, code)",
            "Each item of a type has its own code.",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for resource in self:
            resource.display_name = (
                f"{resource.code} {resource.name}" if resource.name else resource.code
            )

    @api.depends("state")
    def _compute_color(self):
        colors = {"available": 10, "allocated": 4, "maintenance": 2, "retired": 1}
        for resource in self:
            resource.color = colors.get(resource.state, 0)

    def _compute_current_allocation_id(self):
        Allocation = self.env["community.resource.allocation"]
        active = {
            allocation.resource_id.id: allocation
            for allocation in Allocation.search(
                [("resource_id", "in", self.ids), ("state", "=", "active")]
            )
        }
        counts = dict(
            Allocation._read_group(
                [("resource_id", "in", self.ids)], ["resource_id"], ["__count"]
            )
        )
        for resource in self:
            allocation = active.get(resource.id, Allocation)
            resource.current_allocation_id = allocation
            resource.holder_id = allocation.household_id
            resource.allocation_count = counts.get(resource, 0)

    @api.constrains("area_id", "type_id")
    def _check_area_community(self):
        for resource in self:
            if resource.area_id and resource.area_id.community_id != (
                resource.community_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(item)s is an item of %(community)s: place it in an area "
                        "of that community.",
                        item=resource.display_name,
                        community=resource.community_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_maintenance(self):
        """Office: the items are out of use for a while (not offered)."""
        self._set_state("maintenance", ("available",))
        return True

    def action_retire(self):
        """Office: the items are no longer shared."""
        self._set_state("retired", ("available", "maintenance"))
        return True

    def action_make_available(self):
        """Office: the items can be offered again; the waiting lists offer
        them at the next run of their job."""
        self._set_state("available", ("maintenance", "retired"))
        self._trigger_waiting_lists()
        return True

    def action_view_allocations(self):
        self.ensure_one()
        return self._action_open(
            "community_governance.community_resource_allocation_action",
            domain=[("resource_id", "=", self.id)],
            context={"default_resource_id": self.id},
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _set_state(self, state, from_states):
        self._check_office(
            self.env._("Only the community office changes the state of an item.")
        )
        self.check_access("write")
        wrong = self.filtered(lambda r: r.state not in from_states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(item)s is %(state)s and cannot become %(new_state)s.",
                    item=wrong[0].display_name,
                    state=labels[wrong[0].state].lower(),
                    new_state=labels[state].lower(),
                )
            )
        self.write({"state": state})

    def _take(self):
        """Mark one available item allocated, unless another request did it
        first: one conditional UPDATE, so two households accepting the same
        item at once cannot both have it (under REPEATABLE READ the later
        transaction fails to serialize and its request is retried, then it
        finds the item taken). Private: the caller checked the offer.

        :return: True when this transaction took the item
        """
        self.ensure_one()
        self.flush_recordset(["state"])
        self.env.cr.execute(
            SQL(
                "UPDATE community_resource SET state = 'allocated', "
                "write_date = now() AT TIME ZONE 'UTC', write_uid = %s "
                "WHERE id = %s AND state = 'available' RETURNING id",
                self.env.uid,
                self.id,
            ),
            log_exceptions=False,
        )
        taken = bool(self.env.cr.fetchone())
        self.invalidate_recordset(["state", "write_date", "write_uid"])
        return taken

    def _free(self):
        """The items are free again (their allocation ended): available,
        unless the office put them in maintenance or retired them. Private."""
        self.sudo().filtered(lambda r: r.state == "allocated").write(
            {"state": "available"}
        )
        self._trigger_waiting_lists()

    def _trigger_waiting_lists(self):
        """Run the waiting-list job soon: it offers the freed items."""
        cron = self.env.ref(
            "community_governance.ir_cron_resource_waiting_lists",
            raise_if_not_found=False,
        )
        if cron:
            cron.sudo()._trigger()
