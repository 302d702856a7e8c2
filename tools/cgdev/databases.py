"""Databases: SQL helpers, copy and drop, and the template databases.

Copying and dropping use click-odoo-contrib (``click-odoo-copydb`` copies the
filestore and gives the copy its own database.uuid/secret,
``click-odoo-dropdb`` drops the filestore too); building a template uses
``click-odoo-initdb`` and its cache key, see :func:`ensure_template`.
"""

import contextlib
import json
import os
import shutil
import time

from . import config
from .common import (
    ADDON,
    DATA_DIR,
    STATE_DIR,
    SetupError,
    addon_depends,
    info,
    read_text,
    run,
    sha256_text,
    warn,
)
from .runner import fail_on_log, run_logged, run_odoo

TEMPLATE_FORMAT = "3"  # bump to invalidate every template database
TEMPLATE_PREFIX = "cg_tmpl_"


# --------------------------------------------------------------------------
# SQL (psycopg2 of the venv, in this process)
# --------------------------------------------------------------------------


def db_sql(env, queries, db=None, check=True):
    """Run [[sql, params], ...] with autocommit; the rows of the last one.

    With check=False a failure returns None instead of raising SetupError.
    """
    import psycopg2

    keys = ("host", "port", "user", "password")
    kw = {k: v for k, v in env.pg.items() if k in keys and v}
    try:
        cnx = psycopg2.connect(dbname=db or "postgres", connect_timeout=10, **kw)
    except psycopg2.Error as exc:
        if not check:
            return None
        raise SetupError(
            "Connecting to PostgreSQL failed (%s); check that it is running "
            "(`make run` restarts the embedded one)." % _first_line(exc)
        ) from exc
    try:
        cnx.autocommit = True
        cr = cnx.cursor()
        rows = []
        for sql, params in queries:
            cr.execute(sql, params)
            rows = cr.fetchall() if cr.description else []
    except psycopg2.Error as exc:
        if not check:
            return None
        raise SetupError(
            "A database command failed (%s); check that PostgreSQL is running "
            "(`make run` restarts the embedded one)." % _first_line(exc)
        ) from exc
    finally:
        cnx.close()
    return json.loads(json.dumps(rows, default=str))


def _first_line(exc):
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else repr(exc)


def _ident(name):
    return '"%s"' % name.replace('"', '""')


def db_exists(env, name):
    return bool(db_sql(env, [["SELECT 1 FROM pg_database WHERE datname = %s", [name]]]))


def module_state(env, db, module=ADDON):
    rows = db_sql(
        env,
        [
            [
                "SELECT state FROM ir_module_module WHERE name = %s "
                "AND EXISTS (SELECT 1 FROM pg_class "
                "WHERE relname = 'ir_module_module')",
                [module],
            ]
        ],
        db=db,
        check=False,
    )
    if rows is None:  # no ir_module_module table: not an Odoo database (yet)
        return None
    return rows[0][0] if rows else "uninstalled"


# --------------------------------------------------------------------------
# Create, copy, rename, drop
# --------------------------------------------------------------------------


def _click_odoo(env, script, *args):
    """Run a click-odoo-contrib script on .local/odoo.conf; SetupError on failure."""
    cmd = [env.venv_tool(script), "-c", env.conf, *args]
    proc = run(cmd, capture=True, check=False, env=env.subprocess_env(), timeout=900)
    if proc.returncode != 0:
        lines = [line for line in (proc.stdout or "").splitlines() if line.strip()]
        raise SetupError(
            "%s %s failed (%s); check that PostgreSQL is running (`make run` "
            "restarts the embedded one)."
            % (script, " ".join(args), lines[-1][-300:] if lines else "no output")
        )
    return proc.stdout


def drop_db(env, name):
    """Drop a database and its filestore (click-odoo-dropdb ends its sessions)."""
    _click_odoo(env, "click-odoo-dropdb", "--if-exists", name)
    shutil.rmtree(os.path.join(DATA_DIR, "filestore", name), ignore_errors=True)


def copy_db(env, template, name):
    """CREATE DATABASE name TEMPLATE template, with its filestore
    (click-odoo-copydb; --force-disconnect ends sessions on the template)."""
    shutil.rmtree(os.path.join(DATA_DIR, "filestore", name), ignore_errors=True)
    _click_odoo(env, "click-odoo-copydb", "--force-disconnect", template, name)


def create_empty_db(env, name):
    """CREATE DATABASE like Odoo does (UTF8, C collation, pg_trgm if available).

    Our own rather than Odoo's (which click-odoo-initdb calls): Odoo logs an
    ERROR line when the server has no pg_trgm extension (e.g. the pgserver
    wheel), and any ERROR line fails the template build.
    """
    db_sql(
        env,
        [
            [
                "CREATE DATABASE %s ENCODING 'unicode' LC_COLLATE 'C' "
                "TEMPLATE template0" % _ident(name),
                [],
            ]
        ],
    )
    if (
        db_sql(
            env, [["CREATE EXTENSION IF NOT EXISTS pg_trgm", []]], db=name, check=False
        )
        is None
    ):
        warn("the PostgreSQL server has no pg_trgm extension (Odoo works without it)")


def rename_db(env, old, new):
    """ALTER DATABASE ... RENAME with the filestore (click-odoo-contrib has none)."""
    db_sql(env, [["ALTER DATABASE %s RENAME TO %s" % (_ident(old), _ident(new)), []]])
    src = os.path.join(DATA_DIR, "filestore", old)
    if os.path.isdir(src):
        dst = os.path.join(DATA_DIR, "filestore", new)
        shutil.rmtree(dst, ignore_errors=True)
        os.rename(src, dst)


def new_throwaway_db(env, template, prefix="cg_test"):
    name = "%s_%s_%d" % (prefix, time.strftime("%Y%m%d_%H%M%S"), os.getpid())
    copy_db(env, template, name)
    return name


def stale_throwaway_dbs(env):
    """cg_test_*/cg_sys_* databases whose process (the pid suffix) is gone."""
    rows = db_sql(
        env,
        [
            [
                "SELECT datname FROM pg_database "
                "WHERE datname ~ '^cg_(test|sys)_.*_[0-9]+$' ORDER BY 1",
                [],
            ]
        ],
    )
    stale = []
    for (name,) in rows or []:
        pid = int(name.rsplit("_", 1)[1])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            stale.append(name)
        except PermissionError:
            pass
    return stale


# --------------------------------------------------------------------------
# Template databases (the addon's dependencies installed once)
# --------------------------------------------------------------------------


@contextlib.contextmanager
def file_lock(name):
    import fcntl

    os.makedirs(STATE_DIR, exist_ok=True)
    with open(os.path.join(STATE_DIR, name + ".lock"), "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


# click-odoo-initdb's cache key: the demo flag and the files of every module
# installed with the dependencies (the closure of `depends` plus the
# auto_install modules it triggers).
_ADDONS_HASH = r"""
import json, sys
import odoo
odoo.tools.config.parse_config(["-c", sys.argv[1]])
from click_odoo_contrib.initdb import addons_hash
print(addons_hash(json.loads(sys.argv[2]), sys.argv[3] == "1"))
"""


def template_name(env, demo=True):
    """cg_tmpl_demo_<key> / cg_tmpl_nodemo_<key>.

    The key is click-odoo-initdb's addons hash (demo flag + the installed
    modules' files) plus what it ignores: Odoo's core outside the addons (the
    place of the tree and its release.py, whose date changes when a new source
    is extracted), and our build format (TEMPLATE_FORMAT: assets pregenerated).
    """
    deps = addon_depends()
    proc = run(
        [env.python, "-c", _ADDONS_HASH, env.conf, json.dumps(deps), str(int(demo))],
        capture=True,
        check=False,
        env=env.subprocess_env(),
        timeout=300,
    )
    lines = (proc.stdout or "").strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise SetupError(
            "The addons hash of %s could not be computed (%s); check that these "
            "modules exist in the Odoo tree %s."
            % (", ".join(deps), lines[-1] if lines else "no output", env.odoo_dir)
        )
    release_py = os.path.join(env.odoo_dir, "odoo", "release.py")
    release = read_text(release_py, "")
    mtime = str(int(os.stat(release_py).st_mtime)) if release else ""
    key = sha256_text(TEMPLATE_FORMAT, lines[-1], release, mtime, env.odoo_dir)
    return "%s%s_%s" % (TEMPLATE_PREFIX, "demo" if demo else "nodemo", key[:12])


PREGENERATE_ASSETS = """
env["ir.qweb"]._pregenerate_assets_bundles()
env.cr.commit()
"""


def ensure_template(env, steps, demo=True):
    """The template database: the addon's dependencies with (or without) demo
    data and pregenerated asset bundles; built once, then reused.

    Why not click-odoo-initdb's own cache (``--cache``): it stores the
    database right after the install, before we pregenerate the asset bundles
    (~20 s that every test run would pay again), and it relies on attachments
    kept in the database, while the bundles go to the filestore. So initdb
    only installs (``--no-cache``), and the template is named by our key.
    """
    deps = addon_depends()
    name = template_name(env, demo)
    title = "Template database %s (dependencies: %s%s)" % (
        name,
        ", ".join(deps),
        "" if demo else "; without demo data",
    )
    if steps:
        steps(title)
    else:
        info(title)
    with file_lock("template"):
        if db_exists(env, name):
            info("reused (keyed by the dependencies' files, demo and Odoo version)")
            config.save_state(**{_state_key(demo): name})
            return name
        building = name + "_building"
        drop_db(env, building)
        create_empty_db(env, building)
        info(
            "installing %s %s demo data (once; later runs reuse it) ..."
            % (", ".join(deps), "with" if demo else "without")
        )
        t0 = time.time()
        rc, scan, log = run_logged(
            env,
            [
                env.venv_tool("click-odoo-initdb"),
                "-c",
                env.conf,
                "--new-database",
                building,
                "--modules",
                ",".join(deps),
                "--demo" if demo else "--no-demo",
                "--no-cache",
                "--unless-initialized",  # it exists: create_empty_db()
                "--log-level",
                "info",
            ],
            "template-%s.log" % name,
            echo="important",
        )
        if rc != 0 or scan.errors:
            drop_db(env, building)
        fail_on_log(rc, scan, log, "Building the template database")
        # Odoo pregenerates every asset bundle before HttpCase tests; doing it
        # once here makes every copy of the template start with them.
        info("pregenerating the web asset bundles (saves time on every test run) ...")
        rc, scan, log = run_odoo(
            env,
            ["shell", "-d", building, "--no-http", "--db-filter", "^%s$" % building],
            "template-%s-assets.log" % name,
            echo="important",
            stdin_text=PREGENERATE_ASSETS,
        )
        if rc != 0 or scan.errors:
            drop_db(env, building)
        fail_on_log(rc, scan, log, "Pregenerating the asset bundles of the template")
        rename_db(env, building, name)
        info("template built in %.0fs" % (time.time() - t0))
        _drop_outdated_templates(env, name, demo)
    config.save_state(**{_state_key(demo): name})
    return name


def _state_key(demo):
    return "template_db" if demo else "template_db_nodemo"


def _drop_outdated_templates(env, current, demo):
    """Templates of older manifests/Odoo versions of the same kind (demo or
    not), those named before the kind was in the name, and failed builds."""
    other = TEMPLATE_PREFIX + ("nodemo_" if demo else "demo_")
    old = db_sql(
        env,
        [
            [
                "SELECT datname FROM pg_database WHERE datname LIKE %s "
                "AND datname NOT LIKE %s AND datname <> %s",
                [
                    TEMPLATE_PREFIX.replace("_", "\\_") + "%",
                    other.replace("_", "\\_") + "%",
                    current,
                ],
            ]
        ],
    )
    for (old_name,) in old or []:
        info("dropping outdated template %s" % old_name)
        drop_db(env, old_name)
