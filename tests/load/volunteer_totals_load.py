# ruff: noqa: F821, E501  (run in odoo shell: env is given)
"""Load check of the volunteer totals with 500,000 hour entries.

Run in an Odoo shell on a database with community_governance installed
(demo data or not); it inserts the rows in a transaction it rolls back:

    odoo-bin shell -c <conf> -d <db> --no-http < tests/load/volunteer_totals_load.py
"""

import time

from odoo.tools import SQL

ROWS = 500_000
VOLUNTEERS = 2_000  # Angong: "over 2,000 registered volunteers"

Partner = env["res.partner"]  # noqa: F821 (odoo shell)
Hour = env["community.volunteer.hour"]  # noqa: F821
area = env["community.area"].search([("area_type", "=", "entrance")], limit=1)  # noqa: F821
partners = Partner.create(
    [
        {
            "name": f"Load volunteer {i}",
            "is_resident": True,
            "area_id": area.id,
            "is_volunteer": True,
            "volunteer_since": "2015-01-01",
        }
        for i in range(VOLUNTEERS)
    ]
)
env.flush_all()  # noqa: F821
start = time.perf_counter()
env.cr.execute(  # noqa: F821
    SQL(
        """
        INSERT INTO community_volunteer_hour
            (volunteer_id, date, hours, state, community_id, area_id, line_id,
             create_uid, write_uid, create_date, write_date)
        SELECT (%(ids)s)[1 + MOD(n, %(count)s)],
               CURRENT_DATE - MOD(n * 7, 3650),
               1 + MOD(n, 4), CASE WHEN MOD(n, 10) = 0 THEN 'submitted' ELSE 'approved' END,
               %(community)s, %(area)s, NULL, 1, 1, NOW(), NOW()
          FROM generate_series(0, %(rows)s - 1) AS n
        """,
        ids=partners.ids,
        count=len(partners),
        community=area.community_id.id,
        area=area.id,
        rows=ROWS,
    )
)
env.cr.execute("ANALYZE community_volunteer_hour")  # noqa: F821
print(f"inserted {ROWS} rows in {time.perf_counter() - start:.1f}s")
total_rows = Hour.search_count([])
print(f"entries in table: {total_rows}")


def timed(label, func, repeat=5):
    best = None
    for _ in range(repeat):
        env.invalidate_all()  # noqa: F821
        start = time.perf_counter()
        queries = env.cr.sql_log_count  # noqa: F821
        result = func()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(
        f"{label}: best of {repeat} {best * 1000:.1f} ms, "
        f"{env.cr.sql_log_count - queries} queries"
    )  # noqa: F821
    return result


one = partners[1:2]  # partners[0] only has submitted entries
timed("totals of 1 volunteer", lambda: Hour._get_volunteer_totals(one.ids))
timed(
    "totals of 100 volunteers", lambda: Hour._get_volunteer_totals(partners[:100].ids)
)
totals = timed(
    f"totals of {VOLUNTEERS} volunteers",
    lambda: Hour._get_volunteer_totals(partners.ids),
)
timed(
    "partner form fields of 1 volunteer",
    lambda: one.read(["volunteer_hours_total", "volunteer_streak_years"]),
)
timed(
    "ranking this year (report read_group)",
    lambda: env["community.volunteer.report"]._read_group(  # noqa: F821
        [("month", ">=", "2026-01-01")],
        ["volunteer_id"],
        ["hours:sum"],
        order="hours:sum desc",
        limit=20,
    ),
)
timed(
    "participation report",
    lambda: env["community.volunteer.participation.report"].search_read([]),
)  # noqa: F821
print("sample:", totals[one.id])
env.cr.rollback()  # noqa: F821
