"""Scale-out: the portal's GET pages and the reports run on read-only cursors
(``readonly=True`` routes, ``@api.readonly`` methods), which Odoo 18 sends to
``db_replica_host``/``db_replica_port``. The test starts a streaming replica of
the embedded PostgreSQL (``pg_basebackup -R`` from it, then ``pg_ctl start``
of a hot standby), serves the live database with the replica configured, and
checks that a read-only page is read from the replica while a form post
writes on the primary."""

import os
import shutil
import subprocess
import time

import psycopg2
import pytest
from live import LiveServer, free_port

pytestmark = pytest.mark.system

# The GET routes of the addon that run on a read-only cursor (the replica).
READONLY_PAGES = (
    "/my/petitions",
    "/my/petitions/new",
    "/my/clubs",
    "/my/activities",
    "/my/rota",
    "/my/volunteer",
)


def _pg(odoo):
    pg = odoo.state["pg"]
    if pg.get("kind") != "embedded" or not pg.get("bindir"):
        pytest.skip("needs the embedded PostgreSQL (its binaries start a replica)")
    return pg


@pytest.fixture(scope="module")
def replica(odoo):
    """A hot standby of the embedded server on a port of its own."""
    from cgdev.common import LOCAL
    from cgdev.postgres import _as_pg_user, _chown_pg

    pg = _pg(odoo)
    port = free_port()
    base = os.path.join(LOCAL, f"pg-replica-{os.getpid()}")
    data, log = os.path.join(base, "data"), os.path.join(base, "replica.log")
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    open(log, "a").close()
    _chown_pg(base)
    bindir = pg["bindir"]
    subprocess.run(
        _as_pg_user(
            [
                os.path.join(bindir, "pg_basebackup"),
                "-h",
                pg["host"],
                "-p",
                str(pg["port"]),
                "-U",
                pg["user"],
                "-D",
                data,
                "-R",  # standby.signal + primary_conninfo: a streaming replica
                "-X",
                "stream",
                "-c",
                "fast",
            ]
        ),
        check=True,
        timeout=600,
    )
    subprocess.run(
        _as_pg_user(
            [
                os.path.join(bindir, "pg_ctl"),
                "-D",
                data,
                "-l",
                log,
                "-w",
                "-t",
                "120",
                "-o",
                f"-p {port}",
                "start",
            ]
        ),
        check=True,
        timeout=180,
    )
    try:
        yield {"host": pg["host"], "port": port, "user": pg["user"]}
    finally:
        subprocess.run(
            _as_pg_user(
                [os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "fast", "stop"]
            ),
            check=False,
            timeout=120,
        )
        shutil.rmtree(base, ignore_errors=True)


def _sql(params, db, query, args=()):
    conn = psycopg2.connect(dbname=db, **params)
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute(query, args)
            return cr.fetchall()
    finally:
        conn.close()


@pytest.fixture
def replica_server(live_server, replica):
    server = LiveServer(
        live_server.odoo, live_server.db, log_name=f"replica-{live_server.db}.log"
    )
    server.start(
        extra_args=(
            "--db_replica_host",
            replica["host"],
            "--db_replica_port",
            str(replica["port"]),
        )
    )
    try:
        yield server
    finally:
        server.stop()


def _replica_reads(replica, db):
    """Rows of the database read on the replica so far (its statistics count
    what the standby itself served)."""
    params = {k: replica[k] for k in ("host", "port", "user")}
    return _sql(
        params,
        db,
        "SELECT tup_returned + tup_fetched FROM pg_stat_database WHERE datname = %s",
        (db,),
    )[0][0]


def test_readonly_pages_are_served_by_the_replica(replica_server, replica):
    params = {k: replica[k] for k in ("host", "port", "user")}
    assert _sql(params, "postgres", "SELECT pg_is_in_recovery()")[0][0]
    resident = replica_server.login("resident")
    before = _replica_reads(replica, replica_server.db)
    for url in READONLY_PAGES:
        page = resident.get(url)
        assert page.status_code == 200, url
    time.sleep(1)  # statistics are flushed by the backends at transaction end
    assert _replica_reads(replica, replica_server.db) > before, "read on the replica"

    # a form post writes on the primary; the replica-served list shows it
    title = f"Replica check {time.time():.0f}"
    token = resident.csrf("/my/petitions/new")
    form = resident.get("/my/petitions/new").text
    assert token and "category_id" in form
    created = replica_server.shell(
        "import json\n"
        "u = env.ref('community_governance.user_resident_demo')\n"
        "P = env['community.petition'].with_user(u)\n"
        f"p = P.submit({{'title': {title!r}, 'description': 'Lift broken',"
        " 'category_id': env['community.petition.category'].search([], limit=1).id,"
        " 'area_id': P._raise_areas()[:1].id})\n"
        "print('CG_JSON ' + json.dumps(p.id))\n",
        "a petition raised on the primary",
    )
    assert created
    deadline = time.time() + 30
    while title not in resident.get("/my/petitions").text:
        assert time.time() < deadline, "the replica never showed the new petition"
        time.sleep(1)
    assert not replica_server.error_lines()
