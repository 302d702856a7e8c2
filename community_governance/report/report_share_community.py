# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.tools import SQL


class ReportShareCommunity(models.AbstractModel):
    """Figures of the shared community report of each community over a
    period: needs against offers per category, the match rate, the median
    hours from posting to match and to done, the services rendered as hours
    and the most helpful neighbours."""

    _name = "report.community_governance.report_share_community"
    _description = "Shared Community Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        communities = self.env["community.area"].browse(docids)
        communities.check_access("read")
        data = data or {}
        today = fields.Date.context_today(self)
        date_to = fields.Date.to_date(data.get("date_to")) or today
        date_from = fields.Date.to_date(data.get("date_from")) or date_to - timedelta(
            days=365
        )
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        return {
            "doc_ids": docids,
            "doc_model": "community.area",
            "docs": communities,
            "date_from": date_from,
            "date_to": date_to,
            "figures": self._figures(communities, start, end),
            "categories": self._category_figures(communities, start, end),
            "helpers": self._helper_figures(communities, start, end),
        }

    @api.model
    def _figures(self, communities, start, end):
        """Per community: listings posted in the period, the needs matched,
        the median hours from posting to the match being accepted and to it
        being done, and the services rendered."""
        result = {c.id: {} for c in communities}
        if not communities:
            return result
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH posted AS (
                    SELECT l.* FROM community_share_listing l
                     WHERE l.community_id IN %(ids)s
                       AND l.date_published >= %(start)s
                       AND l.date_published < %(end)s
                ),
                matched AS (
                    SELECT m.id, m.state, m.what, m.hours, m.volunteer_hour_id,
                           p.community_id,
                           EXTRACT(EPOCH FROM m.date_accepted - p.date_published)
                               / 3600.0 AS to_match,
                           EXTRACT(EPOCH FROM m.date_done - p.date_published)
                               / 3600.0 AS to_done
                      FROM community_share_match m
                      JOIN posted p ON p.id = COALESCE(m.need_id, m.offer_id)
                     WHERE m.date_accepted IS NOT NULL
                )
                SELECT c.id,
                       (SELECT COUNT(*) FROM posted p
                         WHERE p.community_id = c.id AND p.kind = 'need') AS needs,
                       (SELECT COUNT(*) FROM posted p
                         WHERE p.community_id = c.id AND p.kind = 'offer') AS offers,
                       (SELECT COUNT(*) FROM posted p
                         WHERE p.community_id = c.id AND p.kind = 'need'
                           AND p.date_matched IS NOT NULL) AS needs_matched,
                       (SELECT COUNT(*) FROM posted p
                         WHERE p.community_id = c.id AND p.kind = 'need'
                           AND p.is_unanswered) AS needs_unanswered,
                       (SELECT percentile_cont(0.5)
                               WITHIN GROUP (ORDER BY to_match::float)
                          FROM matched WHERE community_id = c.id) AS median_to_match,
                       (SELECT percentile_cont(0.5)
                               WITHIN GROUP (ORDER BY to_done::float)
                          FROM matched WHERE community_id = c.id AND state = 'done')
                           AS median_to_done,
                       (SELECT COUNT(*) FROM matched
                         WHERE community_id = c.id AND state = 'done') AS done,
                       (SELECT COUNT(*) FROM matched
                         WHERE community_id = c.id AND state = 'done'
                           AND what = 'skill') AS services,
                       (SELECT COALESCE(SUM(hours), 0) FROM matched
                         WHERE community_id = c.id AND state = 'done'
                           AND what = 'skill') AS service_hours,
                       (SELECT COALESCE(SUM(h.hours), 0) FROM matched mt
                          JOIN community_volunteer_hour h ON h.id = mt.volunteer_hour_id
                         WHERE mt.community_id = c.id AND h.state = 'approved')
                           AS approved_hours
                  FROM community_area c
                 WHERE c.id IN %(ids)s
                """,
                ids=tuple(communities.ids),
                start=start,
                end=end,
            )
        )
        for row in self.env.cr.dictfetchall():
            needs = row["needs"]
            row["match_rate"] = 100.0 * row["needs_matched"] / needs if needs else 0.0
            result[row["id"]] = row
        return result

    @api.model
    def _category_figures(self, communities, start, end):
        """Per community, needs against offers per category (the categories
        with the most unanswered needs first)."""
        result = {c.id: [] for c in communities}
        if not communities:
            return result
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT l.community_id, l.category_id,
                       COUNT(*) FILTER (WHERE l.kind = 'need') AS needs,
                       COUNT(*) FILTER (WHERE l.kind = 'offer') AS offers,
                       COUNT(*) FILTER (WHERE l.kind = 'need'
                                          AND l.date_matched IS NOT NULL)
                           AS needs_matched,
                       COUNT(*) FILTER (WHERE l.kind = 'need' AND l.is_unanswered)
                           AS needs_unanswered
                  FROM community_share_listing l
                 WHERE l.community_id IN %(ids)s
                   AND l.date_published >= %(start)s
                   AND l.date_published < %(end)s
                 GROUP BY l.community_id, l.category_id
                 ORDER BY COUNT(*) FILTER (WHERE l.kind = 'need' AND l.is_unanswered)
                          DESC, COUNT(*) DESC
                """,
                ids=tuple(communities.ids),
                start=start,
                end=end,
            )
        )
        return self._named_rows(result, "community.share.category", "category_id")

    @api.model
    def _helper_figures(self, communities, start, end, limit=10):
        """Per community, the neighbours who helped most: done matches as the
        provider in the period, their hours and the ratings they received."""
        result = {c.id: [] for c in communities}
        if not communities:
            return result
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT community_id, provider_id, done, hours, rating FROM (
                    SELECT m.community_id, m.provider_id,
                           COUNT(*) AS done,
                           SUM(m.hours) FILTER (WHERE m.what = 'skill') AS hours,
                           AVG(m.rating_by_receiver::int)::float AS rating,
                           ROW_NUMBER() OVER (
                               PARTITION BY m.community_id
                               ORDER BY COUNT(*) DESC,
                                        AVG(m.rating_by_receiver::int) DESC NULLS LAST,
                                        m.provider_id
                           ) AS rank
                      FROM community_share_match m
                     WHERE m.community_id IN %(ids)s
                       AND m.state = 'done'
                       AND m.date_done >= %(start)s AND m.date_done < %(end)s
                     GROUP BY m.community_id, m.provider_id
                ) ranked
                 WHERE rank <= %(limit)s
                 ORDER BY community_id, rank
                """,
                ids=tuple(communities.ids),
                start=start,
                end=end,
                limit=limit,
            )
        )
        return self._named_rows(result, "res.partner", "provider_id")

    @api.model
    def _named_rows(self, result, model, key):
        """The rows of the last query in ``result`` by community, each with
        the ``name`` of its ``key`` record (read as superuser: the caller
        checked the communities)."""
        rows = self.env.cr.dictfetchall()
        records = self.env[model].sudo().browse({row[key] for row in rows})
        names = {record.id: record.name for record in records}
        for row in rows:
            row["name"] = names.get(row[key], "")
            result[row["community_id"]].append(row)
        return result
