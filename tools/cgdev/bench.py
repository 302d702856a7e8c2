"""``make bench``: the figures of a populated district, measured inside Odoo.

Run by ``tools/dev.py bench`` in ``odoo shell`` on a *copy* of the populated
database (the copy is dropped afterwards: the overdue job commits). It prints
one table: each operation, its query count and median time, the raw-SQL
equivalent where there is one and the ratio, and for portal pages the same
figures at a second N (is the page constant in N?).

Everything here runs in the shell's process: the ORM calls on ``env`` (rolled
back to a savepoint after each run), the portal pages through
``werkzeug.test.Client`` against ``odoo.http.root`` (each request in its own
transaction, as a server serves it).
"""

import inspect
import json
import os
import re
import statistics
import threading
import time
from datetime import timedelta

REPEAT = 5
CURVE = (1_000, 5_000, 10_000)


class Table:
    def __init__(self):
        self.rows = []

    def add(self, what, n, queries, ms, raw_ms=None, note="", second=None, cpu_ms=None):
        raw_cpu = None
        if isinstance(raw_ms, tuple):
            raw_ms, raw_cpu = raw_ms
        ratio = (ms / raw_ms) if raw_ms else None
        cpu_ratio = (cpu_ms / raw_cpu) if cpu_ms and raw_cpu else None
        self.rows.append(
            (what, n, queries, ms, cpu_ms, raw_ms, raw_cpu, ratio, cpu_ratio)
            + (note, second)
        )
        print("BENCH", json.dumps(self.rows[-1], default=str), flush=True)

    def render(self):
        head = (
            "operation",
            "N",
            "queries",
            "median ms",
            "CPU ms",
            "raw SQL ms",
            "raw CPU ms",
            "ratio",
            "CPU ratio",
            "2nd N: N / queries / ms",
            "note",
        )
        lines = []
        for row in self.rows:
            what, n, queries, ms, cpu_ms, raw_ms, raw_cpu, ratio, cpu_ratio = row[:9]
            note, second = row[9:]
            lines.append(
                (
                    what,
                    "" if n is None else str(n),
                    "" if queries is None else str(queries),
                    "" if ms is None else f"{ms:.1f}",
                    "" if cpu_ms is None else f"{cpu_ms:.1f}",
                    "" if raw_ms is None else f"{raw_ms:.1f}",
                    "" if raw_cpu is None else f"{raw_cpu:.1f}",
                    "" if ratio is None else f"{ratio:.2f}x",
                    "" if cpu_ratio is None else f"{cpu_ratio:.2f}x",
                    "" if not second else "%s / %s / %.1f" % tuple(second),
                    note,
                )
            )
        widths = [max(len(r[i]) for r in [head, *lines]) for i in range(len(head))]

        def fmt(row):
            return " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))

        out = [fmt(head), "-+-".join("-" * w for w in widths)]
        out += [fmt(r) for r in lines]
        return "\n".join(out)


# ----------------------------------------------------------------------------
# measuring
# ----------------------------------------------------------------------------


def _pg_cpu(env):
    """CPU seconds used so far by the PostgreSQL backend of ``env``'s cursor
    (same machine: /proc of its process), or 0 when it cannot be read."""
    env.cr.execute("SELECT pg_backend_pid()")
    pid = env.cr.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime, the 14th and 15th fields of the line
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu(env):
    """CPU seconds of this process and of its PostgreSQL backend."""
    return time.process_time() + _pg_cpu(env)


def orm(env, call, repeat=REPEAT, rollback=True):
    """(queries, median ms, median CPU ms) of ``call()`` on ``env``
    (flushed), each run rolled back to a savepoint; one warm-up run first.
    The CPU time is Odoo's and its PostgreSQL backend's: on a shared machine
    it tells what the wall time hides (the time spent waiting for a CPU)."""
    cr = env.cr
    samples = []
    for index in range(repeat + 1):
        if rollback:
            cr.execute("SAVEPOINT cg_bench")
        env.invalidate_all()
        cpu = _cpu(env)
        queries = cr.sql_log_count
        started = time.perf_counter()
        call()
        env.flush_all()
        elapsed = (time.perf_counter() - started) * 1000
        queries = cr.sql_log_count - queries
        cpu = (_cpu(env) - cpu) * 1000
        if rollback:
            cr.execute("ROLLBACK TO SAVEPOINT cg_bench")
            env.invalidate_all()
        if index:
            samples.append((elapsed, queries, cpu))
    return (
        samples[-1][1],
        statistics.median(s[0] for s in samples),
        statistics.median(s[2] for s in samples),
    )


def raw(env, query, repeat=REPEAT):
    """(median ms, median CPU ms) of a raw SQL query (fetched), one warm-up
    run first."""
    cr = env.cr
    samples = []
    for index in range(repeat + 1):
        cpu = _cpu(env)
        started = time.perf_counter()
        cr.execute(query)
        cr.fetchall()
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (_cpu(env) - cpu) * 1000
        if index:
            samples.append((elapsed, cpu))
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
    )


class Portal:
    """Portal requests in this process: ``werkzeug.test.Client`` on Odoo's
    WSGI application, a session made for the user (no password needed)."""

    def __init__(self, env):
        from werkzeug.test import Client

        import odoo
        from odoo import http
        from odoo.service import security

        self.env = env
        self.http = http
        self.security = security
        self.client_class = Client
        self.odoo = odoo

    def client(self, user):
        http = self.http
        session = http.root.session_store.new()
        session.update(http.get_default_session(), db=self.env.cr.dbname)
        session._trace_disable = True
        env = self.env(user=user.id)
        session.uid = user.id
        session.login = user.login
        session.session_token = self.security.compute_session_token(session, env)
        session.context = dict(env["res.users"].context_get())
        http.root.session_store.save(session)
        client = self.client_class(http.root)
        if "server_name" in inspect.signature(client.set_cookie).parameters:
            # Werkzeug 2.2 (Odoo 18's requirements on Python 3.11)
            client.set_cookie("localhost", "session_id", session.sid)
        else:
            client.set_cookie("session_id", session.sid)
        return client

    def measure(self, client, method, url, repeat=REPEAT, **kwargs):
        thread = threading.current_thread()
        samples = []
        for index in range(repeat + 1):
            thread.query_count = 0
            started = time.perf_counter()
            response = getattr(client, method)(url, **kwargs)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code >= 400:
                raise AssertionError(f"{url}: HTTP {response.status_code}")
            if index:
                samples.append((elapsed, thread.query_count))
        return samples[-1][1], statistics.median(s[0] for s in samples)


# ----------------------------------------------------------------------------
# the operations
# ----------------------------------------------------------------------------


def _office_user(env):
    community = env["community.area"].search(
        [("area_type", "=", "community"), ("user_id", "!=", False)], limit=1
    )
    return community.user_id


def _resident_user(env, most=True):
    """A resident portal user (not a steward) of the community with the most
    (or fewest) petitions."""
    Users = env["res.users"].with_context(active_test=False)
    rows = env["community.petition"]._read_group(
        [], ["community_id"], ["__count"], order="__count desc" if most else "__count"
    )
    for community, _count in rows:
        user = Users.search(
            [
                ("share", "=", True),
                ("partner_id.is_resident", "=", True),
                ("partner_id.community_id", "=", community.id),
            ],
            limit=1,
        )
        if user:
            return user
    return Users.browse()


def bench_creates(env, table):
    Petition = env["community.petition"]
    resident = _resident_user(env)
    category = env["community.petition.category"].search([], limit=1)
    area = Petition.with_user(resident)._raise_areas()[:1]
    state = {"n": 0}

    def submit():
        state["n"] += 1
        Petition.with_user(resident).submit(
            {
                "title": f"Bench petition {state['n']}",
                "description": "The stairwell light is out.",
                "category_id": category.id,
                "area_id": area.id,
            }
        )

    queries, ms, cpu = orm(env, submit)
    table.add(
        "petition submit() as a resident",
        1,
        queries,
        ms,
        note="goal <= 40 q",
        cpu_ms=cpu,
    )

    officer = _office_user(env)
    residents = env["res.partner"].search(
        [
            ("is_resident", "=", True),
            ("area_id", "!=", False),
            ("community_id", "in", officer.officer_community_ids.ids),
        ],
        limit=1000,
    )
    categories = env["community.petition.category"].search([])
    office = Petition.with_user(officer)

    def values(count):
        return [
            {
                "title": f"Bulk {i}",
                "description": "Raised at the door-to-door survey.",
                "partner_id": residents[i % len(residents)].id,
                "category_id": categories[i % len(categories)].id,
            }
            for i in range(count)
        ]

    for count in (100, 1000):
        _bench_create(env, table, "petitions (office)", office, values(count))

    petitions = Petition.search(
        [
            ("state", "in", ("new", "in_progress")),
            ("community_id", "in", officer.officer_community_ids.ids),
        ],
        limit=1000,
    )
    departments = env["community.department"].search([])
    Dispatch = env["community.petition.dispatch"].with_user(officer)
    for count in (100, 1000):
        dispatch_values = [
            {
                "petition_id": petitions[i % len(petitions)].id,
                "department_id": departments[i % len(departments)].id,
            }
            for i in range(count)
        ]
        _bench_create(env, table, "dispatches", Dispatch, dispatch_values)


def _bench_create(env, table, label, model, values):
    """One ``model.create(values)`` in batch: its queries, time and rate
    (each run on fresh copies: a create() may fill in the dicts it gets)."""
    count = len(values)
    queries, ms, cpu = orm(
        env, lambda: model.create([dict(v) for v in values]), repeat=3
    )
    table.add(
        f"create() {count} {label}",
        count,
        queries,
        ms,
        note=f"{count / ms * 1000:.0f}/s ({count / cpu * 1000:.0f}/s of CPU); "
        "goal >= 200/s",
        cpu_ms=cpu,
    )


def _report(
    env, table, label, model, groupby, raw_sql, user, domain=(), note="", measure=None
):
    Model = env[model].with_user(user)
    aggregates = [measure or "__count"]

    def call():
        # what the pivot and the grouped list call (lazy=False: one level)
        Model.read_group(list(domain), aggregates, groupby, lazy=False)

    queries, ms, cpu = orm(env, call)
    groups = len(Model.read_group(list(domain), aggregates, groupby, lazy=False))
    table.add(label, groups, queries, ms, raw(env, raw_sql), note, cpu_ms=cpu)


def bench_reports(env, table):
    from odoo.tools import SQL

    manager = env.ref("base.user_admin")
    officer = _office_user(env)
    communities = officer.officer_community_ids.ids or [0]
    this_year = f"{time.strftime('%Y')}-01-01"
    month = "date_trunc('month', p.date_raised)"
    for label, groupby, select, join, group in (
        (
            "petition analysis community x grid (default)",
            ["community_id", "grid_id"],
            "c.complete_name, g.complete_name, count(*)",
            "JOIN community_area c ON c.id = p.community_id "
            "JOIN community_area a ON a.id = p.area_id "
            "LEFT JOIN community_area g ON g.area_type = 'grid' "
            "AND g.id = NULLIF(split_part(a.parent_path, '/', 2), '')::int",
            "c.complete_name, g.complete_name",
        ),
        (
            "petition analysis area x month",
            ["area_id", "date_raised:month"],
            f"a.complete_name, {month}, count(*)",
            "JOIN community_area a ON a.id = p.area_id",
            f"a.complete_name, {month}",
        ),
        (
            "petition analysis category x settled level",
            ["category_id", "settled_level"],
            "p.category_id, p.settled_level, count(*)",
            "",
            "p.category_id, p.settled_level",
        ),
    ):
        raw_sql = SQL(
            f"SELECT {select} FROM community_petition p {join} "
            f"WHERE p.state != 'duplicate' GROUP BY {group} ORDER BY {group}"
        )
        if "grid_id" in groupby and "grid_id" not in env["community.petition.report"]:
            continue
        _report(
            env, table, label, "community.petition.report", groupby, raw_sql, manager
        )

    raw_sql = SQL(
        "SELECT l.name, s.month, s.hours FROM ("
        " SELECT line_id, date_trunc('month', date) AS month, sum(hours) AS hours"
        " FROM community_volunteer_hour WHERE community_id IN %s GROUP BY 1, 2"
        ") s LEFT JOIN community_line l ON l.id = s.line_id "
        "ORDER BY l.sequence, l.id, s.month",
        tuple(communities),
    )
    _report(
        env,
        table,
        "volunteer hours pivot line x month (officer)",
        "community.volunteer.hour",
        ["line_id", "date:month"],
        raw_sql,
        officer,
        note="goal <= 1.5x",
        measure="hours:sum",
    )
    for label, domain, where in (
        ("volunteer ranking this year", [("month", ">=", this_year)], this_year),
        ("volunteer ranking all years", [], None),
    ):
        raw_sql = SQL(
            "SELECT p.complete_name, sum(h.hours) FROM community_volunteer_hour h "
            "JOIN res_partner p ON p.id = h.volunteer_id WHERE h.state = 'approved' "
            + ("AND h.date >= %s " if where else "")
            + "GROUP BY h.volunteer_id, p.complete_name ORDER BY 2 DESC",
            *([where] if where else []),
        )
        _report(
            env,
            table,
            label,
            "community.volunteer.report",
            ["volunteer_id"],
            raw_sql,
            manager,
            domain,
            note="goal <= 2x",
            measure="hours:sum",
        )


def list_spec(model):
    """The ``web_search_read`` specification the web client sends for the
    model's list view: every field of the list, a many2one with its display
    name."""
    from lxml import etree

    arch = model.get_views([(False, "list")])["views"]["list"]["arch"]
    spec = {}
    for node in etree.fromstring(arch).iterchildren("field"):
        name = node.get("name")
        many2one = model._fields[name].type == "many2one"
        spec[name] = {"fields": {"display_name": {}}} if many2one else {}
    return spec


def bench_coverage(env, table):
    """The steward coverage list as the web client reads it: its first page
    (with the count the pager shows) and all its rows."""
    from odoo.tools import SQL

    manager = env.ref("base.user_admin")
    Coverage = env["community.steward.coverage"].with_user(manager)
    spec = list_spec(Coverage)
    raw_sql = """
        SELECT a.complete_name, r.name, c.complete_name, COALESCE(s.n, 0),
               r.max_per_area, s.n > 0
          FROM community_area a
          JOIN community_steward_role r ON r.area_type = a.area_type AND r.active
          LEFT JOIN community_area c ON c.id = a.community_id
          LEFT JOIN (SELECT area_id, role_id, COUNT(*) AS n FROM community_steward
                      WHERE state = 'active' GROUP BY area_id, role_id) s
            ON s.area_id = a.id AND s.role_id = r.id
         WHERE a.active
         ORDER BY c.complete_name, a.complete_name, r.name
    """
    total = Coverage.search_count([])
    for label, limit in (("first page, 80 rows", 80), ("all rows", None)):
        queries, ms, cpu = orm(
            env, lambda limit=limit: Coverage.web_search_read([], spec, limit=limit)
        )
        # the page: its rows and the count the list shows
        page = SQL(raw_sql + (" LIMIT %s" % limit if limit else ""))
        raw_ms, raw_cpu = raw(env, page)
        if limit:
            count_ms, count_cpu = raw(
                env, SQL("SELECT count(*) FROM (%s) AS counted", SQL(raw_sql))
            )
            raw_ms, raw_cpu = raw_ms + count_ms, raw_cpu + count_cpu
        table.add(
            f"steward coverage list, {label}",
            total,
            queries,
            ms,
            (raw_ms, raw_cpu),
            "goal <= 2x",
            cpu_ms=cpu,
        )


def bench_portal(env, table):
    env.cr.commit()  # the requests run in transactions of their own
    portal = Portal(env)
    pages = (
        ("/my/counters", "post", {"json": {"params": {"counters": COUNTERS}}}),
        ("/my/petitions", "get", {}),
        ("/my/volunteer", "get", {}),
        ("/my/clubs", "get", {}),
        ("/my/activities", "get", {}),
    )
    few, many = _resident_user(env, most=False), _resident_user(env, most=True)
    seen = {}
    for user in (few, many):
        Petition = env["community.petition"].with_user(user)
        seen[user] = Petition.sudo().search_count(Petition._portal_domain())
    for url, method, kwargs in pages:
        results = []
        for user in (few, many):
            client = portal.client(user)
            queries, ms = portal.measure(client, method, url, **kwargs)
            results.append((seen[user], queries, ms))
        (n1, q1, ms1), second = results[0], results[1]
        note = "goal: one grouped query per model" if "counters" in url else ""
        table.add(f"portal {url}", n1, q1, ms1, note=note, second=second)
    bench_portal_submit(env, portal, many, table)


def bench_portal_submit(env, portal, user, table):
    """The portal form's POST (/my/petitions/new): the whole request, from the
    session to the redirect."""
    client = portal.client(user)
    Petition = env["community.petition"].with_user(user)
    category = env["community.petition.category"].search([], limit=1)
    area = Petition._raise_areas()[:1]
    thread = threading.current_thread()
    samples = []
    for index in range(REPEAT + 1):
        form = client.get("/my/petitions/new").get_data(as_text=True)
        tokens = {
            name: re.search(rf'name="{name}"\s+value="([^"]+)"', form).group(1)
            for name in ("csrf_token", "form_token")
        }
        thread.query_count = 0
        started = time.perf_counter()
        response = client.post(
            "/my/petitions/new",
            data=dict(
                tokens,
                title=f"Portal bench {index}",
                description="The lift is out of order.",
                category_id=str(category.id),
                area_id=str(area.id),
            ),
        )
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 303:
            raise AssertionError(f"portal submit: HTTP {response.status_code}")
        if index:
            samples.append((elapsed, thread.query_count))
    table.add(
        "portal POST /my/petitions/new (whole request)",
        1,
        samples[-1][1],
        statistics.median(s[0] for s in samples),
        note="goal <= 40 q",
    )


COUNTERS = [
    "petition_count",
    "dispatch_count",
    "club_count",
    "activity_count",
    "slot_count",
    "volunteer_hour_count",
    "volunteer_approval_count",
]


def prepare_overdue(env, count):
    """``count`` open items (half petitions, half dispatches when there are
    enough) past due and not yet marked; every other open item due later."""
    cr = env.cr
    now = "(now() at time zone 'UTC')"
    cr.execute(
        f"UPDATE community_petition SET date_deadline = {now} + interval '30 days' "
        "WHERE state IN ('new', 'in_progress', 'dispatched')"
    )
    cr.execute(
        f"UPDATE community_petition_dispatch SET date_deadline = {now} + interval "
        "'30 days' WHERE state IN ('summoned', 'acknowledged')"
    )
    cr.execute(
        "SELECT count(*) FROM community_petition_dispatch "
        "WHERE state IN ('summoned', 'acknowledged')"
    )
    dispatches = min(cr.fetchone()[0], count // 2)
    cr.execute(
        f"UPDATE community_petition_dispatch SET is_overdue = false, "
        f"date_deadline = {now} - interval '1 hour' WHERE id IN ("
        "SELECT id FROM community_petition_dispatch "
        "WHERE state IN ('summoned', 'acknowledged') ORDER BY id LIMIT %s)",
        [dispatches],
    )
    cr.execute(
        f"UPDATE community_petition SET is_overdue = false, "
        f"date_deadline = {now} - interval '1 hour' WHERE id IN ("
        "SELECT id FROM community_petition "
        "WHERE state IN ('new', 'in_progress', 'dispatched') ORDER BY id LIMIT %s)",
        [count - dispatches],
    )
    petitions = cr.rowcount
    env.invalidate_all()
    cr.commit()
    return petitions, dispatches


def bench_overdue(env, table, sizes=CURVE):
    """The overdue job as the cron worker runs it (committing its batches and
    reporting its progress) on 1k, 5k and 10k overdue items. ``make bench``
    runs each size on a fresh copy of the database: on one database the
    larger runs would take the items of the smaller ones again, already
    escalated once (cheaper: the 10k run was then 3.1 ms an item against
    4.7 for the 5k one)."""
    cron = env.ref("community_governance.ir_cron_petition_overdue")
    for count in sizes:
        petitions, dispatches = prepare_overdue(env, count)
        if petitions + dispatches < count:
            table.add(
                f"overdue job {count} items",
                petitions + dispatches,
                None,
                None,
                note="not enough open items in this database",
            )
            break
        cron_env, progress = cron._add_progress()
        env.cr.commit()
        cpu = _cpu(env)
        queries = env.cr.sql_log_count
        started = time.perf_counter()
        done = cron_env.env["community.petition"]._cron_check_overdue()
        env.cr.commit()
        ms = (time.perf_counter() - started) * 1000
        queries = env.cr.sql_log_count - queries
        cpu = (_cpu(env) - cpu) * 1000
        table.add(
            f"overdue job {count} items "
            f"({petitions} petitions, {dispatches} dispatches)",
            done,
            queries,
            ms,
            note=f"{ms / max(done, 1):.2f} ms/item ({cpu / max(done, 1):.2f} of "
            f"CPU), progress {progress.done}/{progress.done + progress.remaining}; "
            "goal 10k < 60 s, linear",
            cpu_ms=cpu,
        )


SECTIONS = ("reports", "coverage", "portal", "creates", "overdue")


def run(env, output=None, only=None, sizes=None, state=None):
    """The table of every section, or of the sections named in ``only`` (the
    overdue job at ``sizes``). ``state``: a JSON file that carries the rows,
    start time and load of the runs of one table over several processes
    (``make bench`` measures each size of the overdue job on its own copy
    of the database)."""
    started = time.time()
    load_before = os.getloadavg()[0]
    env = env(user=env.ref("base.user_root").id)
    table = Table()
    if state and os.path.exists(state):
        with open(state) as f:
            saved = json.load(f)
        table.rows = [tuple(row) for row in saved["rows"]]
        started, load_before = saved["started"], saved["load"]
    sections = [name for name in SECTIONS if not only or name in only]
    print("bench on", env.cr.dbname, ", ".join(sections), flush=True)
    for name in sections:
        if name == "overdue":
            bench_overdue(env, table, sizes or CURVE)
        else:
            globals()[f"bench_{name}"](env, table)
        # The portal requests ran in their own transactions and committed (a
        # submit locks the resident's row): a fresh snapshot, or the creates
        # after them fail to serialize against them.
        env.cr.rollback()
    if state:
        with open(state, "w") as f:
            json.dump(
                {"rows": table.rows, "started": started, "load": load_before},
                f,
                default=str,
            )
    text = table.render()
    text += (
        "\n\nCPU ms: Odoo's process and its PostgreSQL backend (their sum on an "
        "idle machine is about the wall time); CPU ratio: the ORM's CPU over the "
        "raw query's, the ratio that the machine's load does not blur."
        "\nmeasured in %.0f s (medians of %d runs after a warm-up) on %d CPUs, "
        "load average %.1f at the start, %.1f at the end"
        % (
            time.time() - started,
            REPEAT,
            os.cpu_count(),
            load_before,
            os.getloadavg()[0],
        )
    )
    print(text, flush=True)
    if output:
        with open(output, "w") as f:
            f.write(text + "\n")
    return table


__all__ = ["run", "timedelta"]
