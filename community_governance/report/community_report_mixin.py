# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CommunityReportMixin(models.AbstractModel):
    """What the addon's reports share: their pivots and graphs stay near raw
    SQL at any grouping. ``read_group`` formats every group on its own (a
    babel date label, a display name and a domain per cell): an area × month
    pivot of 30,000 cells formats the same 18 months 30,000 times and spends
    ten times the SQL's time doing it. Here each distinct value of a grouping
    is formatted once and copied to its groups."""

    _name = "community.report.mixin"
    _description = "Community Governance Report Helpers"

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        # Odoo's method formats rows_dict in place and returns nothing
        # pylint: disable=missing-return
        for group in lazy_groupby:
            by_value = {}
            for row in rows_dict:
                value = row[group]
                key = value.id if isinstance(value, models.BaseModel) else value
                by_value.setdefault(key, []).append(row)
            for rows in by_value.values():
                # Odoo's own formatting of one group with this value
                sample = {group: rows[0][group], "__domain": []}
                super()._read_group_format_result([sample], [group])
                for row in rows:
                    row[group] = sample[group]
                    if "__range" in sample:
                        row.setdefault("__range", {}).update(sample["__range"])
                    # a domain is the AND of its terms: appending is AND-ing
                    row["__domain"] = [*row["__domain"], *sample["__domain"]]
