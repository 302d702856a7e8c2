# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Levels of the petition ladder served by a steward of the area of that type.
STEWARD_LEVELS = ("entrance", "grid", "alley")


class CommunityArea(models.Model):
    _inherit = "community.area"

    steward_ids = fields.One2many(
        "community.steward",
        "area_id",
        string="Steward Terms",
    )
    steward_count = fields.Integer(
        string="Serving Stewards", compute="_compute_steward_count"
    )
    has_steward = fields.Boolean(
        string="Has a Steward",
        compute="_compute_steward_count",
        search="_search_has_steward",
    )

    def _compute_steward_count(self):
        counts = dict(
            self.env["community.steward"]._read_group(
                [("state", "=", "active"), ("area_id", "in", self.ids)],
                ["area_id"],
                ["__count"],
            )
        )
        for area in self:
            area.steward_count = counts.get(area, 0)
            area.has_steward = bool(area.steward_count)

    def _search_has_steward(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on stewards."))
        serving = (
            self.env["community.steward"].sudo()._search([("state", "=", "active")])
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", serving.subselect("area_id"))]

    def _find_handler(self, level):
        """The serving steward of the entrance (stairwell steward) or of the grid
        (grid leader) handles the matter when there is one with a portal user."""
        self.ensure_one()
        if level in STEWARD_LEVELS:
            area = self._find_ancestor(level)
            if area:
                stewards = (
                    self.env["community.steward"]
                    .sudo()
                    .search(
                        [
                            ("state", "=", "active"),
                            ("area_id", "=", area.id),
                            ("role_id.area_type", "=", level),
                        ],
                        order="date_start, id",
                    )
                )
                user = stewards.user_id[:1]
                if user:
                    return user
        return super()._find_handler(level)

    def action_view_stewards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "community_governance.community_steward_action"
        )
        action["domain"] = [("area_id", "child_of", self.id)]
        action["context"] = {"default_area_id": self.id, "search_default_serving": 1}
        return action

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
