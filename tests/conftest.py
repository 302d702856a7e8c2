"""Fixtures for the top-level system tests.

These tests are run by ``make test`` (and ``make pytest``), which sets the
whole environment up first and writes ``.local/state.json``: the venv's
python, the Odoo tree, the generated ``.local/odoo.conf``, the PostgreSQL
parameters and the name of the template database (dependencies of the addon
installed with demo data). The helpers below reuse the tooling's package
(``tools/cgdev``, on the venv's path through a .pth file) so that the tests
drive Odoo exactly as the developer tooling does (``odoo-bin -c
.local/odoo.conf ...`` in a subprocess).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STATE_FILE = Path(os.environ.get("CG_STATE_FILE") or ROOT / ".local" / "state.json")

if str(ROOT / "tools") not in sys.path:  # the venv's cg_tools.pth adds it too
    sys.path.insert(0, str(ROOT / "tools"))

from cgdev import databases  # noqa: E402
from cgdev.common import LOG_DIR  # noqa: E402
from cgdev.config import Env  # noqa: E402
from cgdev.runner import LogScan  # noqa: E402


class OdooRunner:
    """Runs Odoo in subprocesses against the generated configuration."""

    def __init__(self, state):
        self.state = state
        self.env = Env(state["python"], state["odoo_dir"], state["pg"])
        self.addon = state["addon"]
        self.template = state.get("template_db")
        self.calls = 0

    def run(self, db, *args, stdin=None, timeout=1200):
        """Run ``odoo-bin -c <conf> -d db <args>``; return (rc, LogScan, log path).

        ``stdin`` feeds a script to ``odoo shell``.
        """
        self.calls += 1
        log = os.path.join(LOG_DIR, f"system-{db}-{self.calls}.log")
        os.makedirs(LOG_DIR, exist_ok=True)
        args = list(args)
        sub = [args.pop(0)] if args and not args[0].startswith("-") else []
        # --no-http: never collide with a running `make run` on port 8069
        cmd = self.env.odoo_cmd(
            *sub, "-d", db, "--db-filter", f"^{db}$", "--no-http", *args
        )
        with open(log, "w") as out:
            proc = subprocess.run(
                cmd,
                input=stdin,
                stdout=out,
                stderr=subprocess.STDOUT,
                text=True,
                env=self.env.subprocess_env(),
                cwd=ROOT,
                timeout=timeout,
                check=False,
            )
        scan = LogScan()
        with open(log, errors="replace") as f:
            for line in f:
                scan.feed(line)
        return proc.returncode, scan, log

    def run_clean(self, what, db, *args, **kwargs):
        """Like run(), asserting exit code 0 and no ERROR/CRITICAL log line."""
        return self._run_clean(what, db, *args, **kwargs)[0]

    def _run_clean(self, what, db, *args, **kwargs):
        rc, scan, log = self.run(db, *args, **kwargs)
        errors = "\n".join(scan.errors[:10])
        assert rc == 0, f"{what}: exit code {rc} (log: {log})\n{errors}"
        assert not scan.errors, f"{what}: ERROR/CRITICAL lines in {log}:\n{errors}"
        return scan, log

    def shell_json(self, what, db, script, *args):
        """Run ``script`` in ``odoo shell`` like run_clean(); return the JSON
        it printed on a line starting with ``CG_JSON ``."""
        _scan, log = self._run_clean(what, db, "shell", *args, stdin=script)
        with open(log, errors="replace") as f:
            found = [line[8:] for line in f if line.startswith("CG_JSON ")]
        assert found, f"{what}: the script printed no CG_JSON line (log: {log})"
        return json.loads(found[-1])

    def module_state(self, db, module=None):
        return databases.module_state(self.env, db, module or self.addon)

    def sql(self, db, query, params=()):
        return databases.db_sql(self.env, [[query, list(params)]], db=db)

    def db_exists(self, db):
        return databases.db_exists(self.env, db)

    def create_from_template(self, name):
        if not self.template or not self.db_exists(self.template):
            pytest.fail(
                f"template database {self.template} is missing: run the suite with "
                "`make test` (or `make pytest`), which builds it"
            )
        databases.copy_db(self.env, self.template, name)

    def create_empty(self, name):
        databases.create_empty_db(self.env, name)

    def drop(self, name):
        databases.drop_db(self.env, name)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Override pytest-odoo's fixture for this folder: the system tests drive
    Odoo in subprocesses and need no registry (nor a database) in-process, so
    ``.venv/bin/pytest tests/`` works without any --odoo-* option."""
    yield


@pytest.fixture(scope="session")
def cg_state():
    if not STATE_FILE.is_file():
        pytest.skip("no set-up (.local/state.json): run the suite with `make test`")
    return json.loads(STATE_FILE.read_text())


@pytest.fixture(scope="session")
def odoo(cg_state):
    return OdooRunner(cg_state)


@pytest.fixture
def throwaway_db(odoo, request):
    """The name of a database the test creates; dropped after the test (kept
    when the test failed and CG_KEEP_DB=1)."""
    name = f"cg_sys_{time.strftime('%H%M%S')}_{os.getpid()}"
    yield name
    failed = getattr(request.node, "rep_call", None) and request.node.rep_call.failed
    if failed and os.environ.get("CG_KEEP_DB") not in (None, "", "0"):
        print(f"CG_KEEP_DB: kept database {name}")
    else:
        odoo.drop(name)


@pytest.fixture
def fresh_db(odoo, throwaway_db):
    """A database copied from the template (dependencies installed, no addon)."""
    odoo.create_from_template(throwaway_db)
    return throwaway_db


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture(autouse=True)
def _live_server_log_mark(request):
    """Each test reads the live server's errors of its own requests only."""
    if "live_server" in request.fixturenames:
        request.getfixturevalue("live_server").mark()
    yield


@pytest.fixture(scope="session")
def live_server(odoo):
    """A threaded Odoo server on a free port, on a database with the addon and
    its demo data (see tests/live.py); stopped and dropped after the session
    (kept with CG_KEEP_DB=1 when a test failed)."""
    from live import LiveServer

    if os.environ.get("CG_LIVE_DB") and os.environ.get("CG_LIVE_PORT"):
        # a server already running (developing the suite): used as it is
        server = LiveServer(odoo, os.environ["CG_LIVE_DB"])
        server.port = int(os.environ["CG_LIVE_PORT"])
        server.url = f"http://127.0.0.1:{server.port}"
        server.log = os.environ.get("CG_LIVE_LOG") or os.devnull
        server._out = open(os.devnull, "w")  # noqa: SIM115 - test session long
        yield server
        return
    name = f"cg_live_{os.getpid()}"
    odoo.create_from_template(name)
    odoo.run_clean(
        "install of the addon for the live server",
        name,
        "-i",
        odoo.addon,
        "--stop-after-init",
    )
    server = LiveServer(odoo, name).start()
    try:
        yield server
    finally:
        server.stop()
        if os.environ.get("CG_KEEP_DB") in (None, "", "0"):
            odoo.drop(name)


@pytest.fixture(scope="session")
def attack_world(live_server):
    """What the attack suite knows of the running addon (tests/attack.py):
    its routes, models, methods, the portal roles' records, and the records
    of the concurrency and fault cases."""
    from attack import FIGURES_FILE, World

    FIGURES_FILE.unlink(missing_ok=True)  # this run's figures only
    return World.load(live_server)


@pytest.fixture(scope="session")
def role_sessions(live_server, attack_world):
    """A logged-in session per portal role, and an anonymous one."""
    from attack import PORTAL_ROLES

    sessions = {"public": live_server.browser()}
    for role in PORTAL_ROLES:
        sessions[role] = live_server.login(attack_world.roles[role]["login"])
    return sessions


@pytest.fixture(scope="session")
def write_watch(live_server, attack_world):
    """Tells whether a request wrote rows as a given user."""
    from attack import WriteWatch

    watch = WriteWatch(live_server, attack_world.tables)
    yield watch
    watch.close()


@pytest.fixture(scope="session")
def portal_login(live_server):
    """``portal_login(login)``: a logged-in session, one per login for the
    whole session (logging in costs a password hash)."""
    cache = {}

    def login(name):
        if name not in cache:
            cache[name] = live_server.login(name)
        return cache[name]

    return login
