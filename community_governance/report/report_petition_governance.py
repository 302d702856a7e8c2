# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.community_petition import LEVELS


class ReportPetitionGovernance(models.AbstractModel):
    """Figures of the monthly governance report of each community."""

    _name = "report.community_governance.report_petition_governance"
    _description = "Monthly Governance Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        communities = self.env["community.report.access"]._docs(
            "community.area", docids
        )
        try:
            # data comes from the wizard, or from the URL's options
            month = fields.Date.to_date((data or {}).get("month"))
        except (TypeError, ValueError):
            month = None
        month = (month or fields.Date.context_today(self)).replace(day=1)
        end = month + relativedelta(months=1)
        figures = self._figures(communities, month, end)
        # the trend: the same figures for the month before
        previous = self._figures(communities, month - relativedelta(months=1), month)
        return {
            "doc_ids": communities.ids,
            "doc_model": "community.area",
            "docs": communities,
            "month": month,
            "figures": figures,
            "figure_rows": {
                community.id: self._figure_rows(
                    figures.get(community.id, {}), previous.get(community.id, {})
                )
                for community in communities
            },
            "departments": self._department_figures(communities, month, end),
            "level_labels": dict(LEVELS),
        }

    def _figure_labels(self):
        """(key, label, kind) of each figure of the report, in its order."""
        _ = self.env._
        return [
            ("petitions", _("Petitions raised"), "count"),
            ("residents", _("Residents"), "count"),
            ("rate", _("Petitions per 1,000 residents"), "decimal"),
            ("resolved", _("Resolved"), "count"),
            ("settled_entrance", _("Settled in the stairwell"), "count"),
            ("settled_grid", _("Settled in the grid"), "count"),
            ("settled_office", _("Settled by the community office"), "count"),
            ("settled_department", _("Settled with departments"), "count"),
            (
                "settled_low_share",
                _("Share settled in the stairwell or the grid (%)"),
                "share",
            ),
            ("median_response", _("Median hours to first response"), "decimal"),
            ("median_resolution", _("Median hours to resolution"), "decimal"),
            ("overdue", _("Went overdue"), "count"),
            ("rated", _("Rated by the residents"), "count"),
            ("rating", _("Average satisfaction (1-5)"), "decimal"),
        ]

    def _figure_rows(self, now, last):
        """The rows of the figures table: this month, last month and the
        change, formatted; "-" where there is nothing to measure (no median of
        no petition, no average of no rating)."""

        def fmt(value, kind):
            if value is None:
                return "-"
            if kind == "count":
                return str(value)
            return ("%.0f" if kind == "share" else "%.1f") % value

        rows = []
        for key, label, kind in self._figure_labels():
            value, before = now.get(key), last.get(key)
            if value is None or before is None:
                change = "-"
            elif kind == "count":
                change = "%+d" % (value - before)
            else:
                change = ("%+.0f" if kind == "share" else "%+.1f") % (value - before)
            rows.append(
                {
                    "label": label,
                    "now": fmt(value, kind),
                    "last": fmt(before, kind),
                    "change": change,
                }
            )
        return rows

    @api.model
    def _figures(self, communities, start, end):
        if not communities:
            return {}
        self.env.cr.execute(
            SQL(
                """
                WITH satisfaction AS (%(satisfaction)s)
                SELECT c.id,
                       COUNT(p.id) AS petitions,
                       COUNT(p.id) FILTER (WHERE p.date_resolved IS NOT NULL)
                           AS resolved,
                       COUNT(p.id) FILTER (WHERE p.settled_level = 'entrance')
                           AS settled_entrance,
                       COUNT(p.id) FILTER (WHERE p.settled_level = 'grid')
                           AS settled_grid,
                       COUNT(p.id) FILTER (WHERE p.settled_level = 'office')
                           AS settled_office,
                       COUNT(p.id) FILTER (WHERE p.settled_level = 'department')
                           AS settled_department,
                       COUNT(p.id) FILTER (WHERE p.was_overdue) AS overdue,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY p.response_hours)
                           FILTER (WHERE p.date_first_response IS NOT NULL)
                           AS median_response,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY p.resolution_hours)
                           FILTER (WHERE p.date_resolved IS NOT NULL)
                           AS median_resolution,
                       AVG(s.rating) AS rating,
                       COUNT(s.rating) AS rated,
                       (SELECT COUNT(*) FROM res_partner r
                         WHERE r.community_id = c.id AND r.is_resident AND r.active)
                           AS residents
                  FROM community_area c
                  LEFT JOIN community_petition p
                         ON p.community_id = c.id
                        AND p.state != 'duplicate'
                        AND p.date_raised >= %(start)s AND p.date_raised < %(end)s
                  LEFT JOIN satisfaction s ON s.petition_id = p.id
                 WHERE c.id IN %(ids)s
                 GROUP BY c.id
                """,
                satisfaction=self.env["community.petition"]._satisfaction_query(),
                start=start,
                end=end,
                ids=tuple(communities.ids),
            )
        )
        figures = {}
        for row in self.env.cr.dictfetchall():
            row["rate"] = (
                1000.0 * row["petitions"] / row["residents"]
                if row["residents"]
                else 0.0
            )
            settled = row["resolved"] or 0
            low = row["settled_entrance"] + row["settled_grid"]
            row["settled_low_share"] = 100.0 * low / settled if settled else None
            figures[row["id"]] = row
        return figures

    @api.model
    def _department_figures(self, communities, start, end):
        """Per community, the scoreboard of the departments summoned in the
        month (the scoreboard's definitions: response, resolution and
        satisfaction rates, on-time acknowledgement, median hours)."""
        result = {c.id: [] for c in communities}
        if not communities:
            return result
        query = self.env["community.petition.department.report"]._figures_query(
            where=SQL(
                "d.community_id IN %(ids)s"
                " AND d.date_summoned >= %(start)s AND d.date_summoned < %(end)s",
                ids=tuple(communities.ids),
                start=start,
                end=end,
            ),
            by_community=True,
        )
        self.env.cr.execute(SQL("%s ORDER BY dispatch_count DESC, id", query))
        rows = self.env.cr.dictfetchall()
        departments = self.env["community.department"].browse(
            {r["department_id"] for r in rows}
        )
        names = {d.id: d.name for d in departments}
        for row in rows:
            row["name"] = names.get(row["department_id"], "")
            result[row["community_id"]].append(row)
        return result
