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
        return {
            "doc_ids": communities.ids,
            "doc_model": "community.area",
            "docs": communities,
            "month": month,
            "figures": self._figures(communities, month, end),
            "departments": self._department_figures(communities, month, end),
            "level_labels": dict(LEVELS),
        }

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
            row["settled_low_share"] = 100.0 * low / settled if settled else 0.0
            figures[row["id"]] = row
        return figures

    @api.model
    def _department_figures(self, communities, start, end):
        """Per community, the dispatches of the month per department, with the
        median hours to report back."""
        result = {c.id: [] for c in communities}
        if not communities:
            return result
        self.env.cr.execute(
            SQL(
                """
                SELECT d.community_id,
                       d.department_id,
                       COUNT(*) AS dispatches,
                       COUNT(*) FILTER (WHERE d.acknowledged_on_time) AS on_time,
                       COUNT(*) FILTER (WHERE d.state = 'declined') AS declined,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY d.report_hours)
                           FILTER (WHERE d.state = 'reported') AS median_report
                  FROM community_petition_dispatch d
                 WHERE d.community_id IN %(ids)s
                   AND d.date_summoned >= %(start)s AND d.date_summoned < %(end)s
                 GROUP BY d.community_id, d.department_id
                 ORDER BY COUNT(*) DESC
                """,
                start=start,
                end=end,
                ids=tuple(communities.ids),
            )
        )
        rows = self.env.cr.dictfetchall()
        departments = self.env["community.department"].browse(
            {r["department_id"] for r in rows}
        )
        names = {d.id: d.name for d in departments}
        for row in rows:
            row["name"] = names.get(row["department_id"], "")
            result[row["community_id"]].append(row)
        return result
