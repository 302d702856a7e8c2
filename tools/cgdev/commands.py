"""The commands of ``python3 tools/dev.py`` (and of the Makefile)."""

import contextlib
import json
import os
import re
import shlex
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

from . import databases as dbs
from . import postgres
from .bench import CURVE as BENCH_CURVE
from .bench import SECTIONS as BENCH_SECTIONS
from .common import (
    ADDON,
    ADDON_DIR,
    ROOT,
    RUN_DB,
    STATE_DIR,
    SetupError,
    color,
    demo_logins,
    flag,
    info,
    port_is_free,
    read_text,
    tree_hash,
    warn,
    write_text_if_changed,
)
from .config import Env, http_port, setup
from .runner import (
    fail_on_log,
    needs_registry,
    odoo_test_args,
    report_odoo_tests,
    run_odoo,
    run_pytest,
    upgrade_addon,
)


def _addon_state_file(db):
    return os.path.join(STATE_DIR, "addon-%s.sha256" % db)


def cmd_setup(args, steps):
    env = setup(steps)
    print(
        color(
            "32", "Set-up complete. Odoo config: %s" % os.path.relpath(env.conf, ROOT)
        )
    )
    return 0


def _check_http_port(port):
    if not port_is_free(port):
        raise SetupError(
            "Port %d is already in use (another Odoo or `make run`?); stop that "
            "process (see `ss -ltnp | grep %d`) or choose another port with "
            "CG_HTTP_PORT=8070 make run." % (port, port)
        )


def ensure_run_db(env, steps, db, update=True, demo=True):
    """db with the addon installed: created from the template when absent
    (with or without demo data: that is decided once, at creation), the addon
    installed when missing, upgraded when its files changed."""
    steps(
        "Database '%s' with %s %s demo data" % (db, ADDON, "and" if demo else "without")
    )
    addon_hash = tree_hash(ADDON_DIR)
    state = dbs.module_state(env, db) if dbs.db_exists(env, db) else "absent"
    if state == "installed":
        if not demo and has_demo(env, db):
            warn(
                "database '%s' was created with demo data, which stays: DEMO=0 only "
                "applies when a database is created (drop it or choose another DB)" % db
            )
        if update and read_text(_addon_state_file(db), "").strip() != addon_hash:
            info(
                "addon files changed since the last run: upgrading (-u %s) ..." % ADDON
            )
            upgrade_addon(env, db)
        else:
            info("exists, %s installed: reused" % ADDON)
    else:
        if state == "absent":
            # start from the template (dependencies + demo data or not + web
            # assets), which `make test` then reuses. A copy of the demo
            # template keeps its demo data whatever --without-demo says: a
            # database without demo starts from the template without demo.
            template = dbs.ensure_template(env, None, demo=demo)
            dbs.copy_db(env, template, db)
            info(
                "database '%s' created from %s; installing %s %s its demo data ..."
                % (db, template, ADDON, "with" if demo else "without")
            )
        else:
            info(
                "database exists but %s is %s: installing it ..."
                % (ADDON, state or "not initialised")
            )
        t0 = time.time()
        args = ["-d", db, "-i", ADDON, "--stop-after-init", "--no-http"]
        args += ["--db-filter", "^%s$" % db]
        if not demo:
            args.append("--without-demo=all")
        rc, scan, log = run_odoo(env, args, "install-%s.log" % db, echo="important")
        fail_on_log(rc, scan, log, "Installing %s in database '%s'" % (ADDON, db))
        if dbs.module_state(env, db) != "installed":
            raise SetupError(
                "%s is not installed in database '%s' after -i (log: %s); read the log."
                % (ADDON, db, os.path.relpath(log, ROOT))
            )
        info("installed in %.0fs" % (time.time() - t0))
    write_text_if_changed(_addon_state_file(db), addon_hash + "\n")


def _banner(port, db, demo):
    url = "http://localhost:%d" % port
    rows = demo_logins() if demo else [("Administrator", "admin", "admin")]
    w1 = max(len(r[0]) for r in rows + [("Role", "", "")])
    w2 = max(len(r[1]) for r in rows + [("", "Login", "")])
    lines = [
        "",
        "=" * 64,
        "  Odoo 18.0 is serving database '%s' at %s" % (db, url),
        "  Log in at %s/web/login with one of the %s:"
        % (url, "demo logins" if demo else "logins (no demo data)"),
        "",
        "    %-*s  %-*s  %s" % (w1, "Role", w2, "Login", "Password"),
    ]
    for role, login, pw in rows:
        lines.append("    %-*s  %-*s  %s" % (w1, role, w2, login, pw))
    lines += ["", "  Stop with Ctrl-C.", "=" * 64, ""]
    print(color("1;32", "\n".join(lines)), flush=True)


def has_demo(env, db):
    """Was the addon installed with its demo data in db?"""
    rows = dbs.db_sql(
        env,
        [["SELECT demo FROM ir_module_module WHERE name = %s", [ADDON]]],
        db=db,
        check=False,
    )
    return bool(rows and rows[0][0])


def cmd_run(args, steps):
    t_start = time.time()
    db = args.db
    port = http_port()
    _check_http_port(port)  # fail fast
    env = setup(steps)
    ensure_run_db(env, steps, db, update=not args.no_update, demo=not args.without_demo)
    steps("Starting Odoo on http://localhost:%d (db filter ^%s$)" % (port, db))
    _check_http_port(port)
    cmd = env.odoo_cmd("-d", db, "--db-filter", "^%s$" % db, "--http-port", str(port))
    if args.workers:
        gevent_port = int(os.environ.get("CG_GEVENT_PORT") or 8072)
        _check_http_port(gevent_port)
        cmd += ["--workers", str(args.workers), "--gevent-port", str(gevent_port)]
        info(
            "%d HTTP workers on :%d, the gevent worker (/websocket) on :%d: a "
            "reverse proxy sends /websocket there in production (README)"
            % (args.workers, port, gevent_port)
        )
    info("$ " + " ".join(shlex.quote(c) for c in cmd[1:]))
    demo = has_demo(env, db)
    proc = subprocess.Popen(cmd, env=env.subprocess_env(), cwd=ROOT)

    def announce():
        deadline = time.time() + 300
        url = "http://127.0.0.1:%d/web/login" % port
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while time.time() < deadline and proc.poll() is None:
            try:
                with opener.open(url, timeout=5) as resp:
                    if resp.status == 200:
                        _banner(port, db, demo)
                        info(
                            "ready %.1fs after `make run` started"
                            % (time.time() - t_start)
                        )
                        return
            except (TimeoutError, urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)

    threading.Thread(target=announce, daemon=True).start()
    try:
        rc = proc.wait()
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            proc.wait(30)
        if proc.poll() is None:
            proc.kill()
        print(
            "\nOdoo stopped (the embedded PostgreSQL keeps running; "
            "`make stop` stops it)."
        )
        return 0
    if rc not in (0, -signal.SIGINT, -signal.SIGTERM):
        raise SetupError(
            "Odoo exited with code %s; read its log above (port %d busy? database "
            "unreachable?) and fix the cause." % (rc, port)
        )
    return 0


def cmd_createdb(args, steps):
    env = setup(steps)
    if dbs.db_exists(env, args.db) and not args.if_missing:
        raise SetupError(
            "Database '%s' already exists; drop it first (`python3 tools/dev.py "
            "dropdb %s`) or choose another name." % (args.db, args.db)
        )
    ensure_run_db(env, steps, args.db, demo=not args.without_demo)
    print(color("32", "Database '%s' is ready." % args.db))
    return 0


def _report_leftovers(env):
    stale = dbs.stale_throwaway_dbs(env)
    if stale:
        info(
            "left over from earlier runs: %s (drop: python3 tools/dev.py dropdb %s)"
            % (", ".join(stale), " ".join(stale))
        )


def cmd_test(args, steps):
    """Each test once: Odoo's runner runs the addon's tests (and fails on any
    ERROR/CRITICAL log line of the install), then pytest runs the system tests
    in tests/ (they copy the template themselves)."""
    only_odoo = args.only_odoo
    env = setup(steps)
    template = dbs.ensure_template(env, steps)

    steps("Throwaway database")
    _report_leftovers(env)
    db = dbs.new_throwaway_db(env, template)
    info("created %s from template %s" % (db, template))
    ok = odoo_ok = pytest_ok = False
    summary = None
    scan = None
    try:
        steps("Odoo test runner: -i %s --test-enable (log also in .local/logs)" % ADDON)
        t0 = time.time()
        rc, scan, log = run_odoo(
            env, ["-i", ADDON] + odoo_test_args(db, args.tags), "test-odoo-%s.log" % db
        )
        odoo_ok = report_odoo_tests(rc, scan, log, "Odoo's test runner")
        info("Odoo runner took %.0fs" % (time.time() - t0))
        if dbs.module_state(env, db) != "installed":
            odoo_ok = False
            warn("%s is not installed in %s after the test run" % (ADDON, db))
        pytest_ok = True
        if not only_odoo:
            steps("pytest: system tests (%s)" % " ".join(args.pytest_args or ["tests"]))
            pytest_rc, summary = run_pytest(env, args.pytest_args)
            pytest_ok = pytest_rc == 0
        ok = odoo_ok and pytest_ok
    finally:
        steps("Cleanup")
        if flag("CG_KEEP_DB") and not ok:
            info(
                "CG_KEEP_DB=1: kept database %s (inspect: tools/dev.py shell --db %s; "
                "drop: tools/dev.py dropdb %s)" % (db, db, db)
            )
        else:
            with contextlib.suppress(Exception):
                dbs.drop_db(env, db)
            info("dropped %s" % db)
    if not ok:
        failed = [
            n for n, o in (("Odoo runner", odoo_ok), ("pytest", pytest_ok)) if not o
        ]
        print(color("31", "TESTS FAILED: %s" % ", ".join(failed)))
    if summary:
        print(summary, flush=True)  # keep pytest's summary line last
    elif only_odoo and scan is not None:
        _print_odoo_counts(scan)
    return 0 if ok else 1


def _print_odoo_counts(scan):
    """Plain closing line understood by generic CI parsers."""
    print(
        "odoo: %d passed, %d failed"
        % (max(scan.tests - scan.failed - scan.errored, 0), scan.failed + scan.errored),
        flush=True,
    )


def _existing_db(env, db):
    if not dbs.db_exists(env, db):
        raise SetupError(
            "Database '%s' does not exist; create it with `make run` (for '%s') or "
            "pass an existing one with DB=name." % (db, RUN_DB)
        )
    if dbs.module_state(env, db) != "installed":
        raise SetupError(
            "%s is not installed in database '%s'; run `make run` or install it first."
            % (ADDON, db)
        )


def cmd_test_update(args, steps):
    env = setup(steps)
    steps(
        "Odoo test runner on existing database '%s': -u %s --test-enable"
        % (args.db, ADDON)
    )
    _existing_db(env, args.db)
    rc, scan, log = run_odoo(
        env,
        ["-u", ADDON] + odoo_test_args(args.db, args.tags),
        "test-update-%s.log" % args.db,
    )
    write_text_if_changed(_addon_state_file(args.db), tree_hash(ADDON_DIR) + "\n")
    ok = report_odoo_tests(rc, scan, log, "Odoo's test runner")
    _print_odoo_counts(scan)
    return 0 if ok else 1


def cmd_pytest(args, steps):
    """pytest on the system tests (default) or on the given paths; addon test
    files run with pytest-odoo in the existing database args.db."""
    env = setup(steps)
    dbs.ensure_template(env, steps)  # the system tests start from it
    registry = needs_registry(args.pytest_args)
    steps(
        "pytest on database '%s'" % args.db
        if registry
        else "pytest: %s" % " ".join(args.pytest_args or ["tests"])
    )
    if registry or args.update:
        if args.db == RUN_DB and not dbs.db_exists(env, RUN_DB):
            ensure_run_db(env, lambda title: info(title), RUN_DB)
        _existing_db(env, args.db)
    if args.update:
        info("upgrading %s in '%s' first (-u)" % (ADDON, args.db))
        upgrade_addon(env, args.db)
        write_text_if_changed(_addon_state_file(args.db), tree_hash(ADDON_DIR) + "\n")
    rc, _summary = run_pytest(env, args.pytest_args, db=args.db if registry else None)
    return rc


POPULATE_SCRIPT = """
from odoo.addons.community_governance.populate import populate
populate(env, %(size)r, %(models)r, commit=True)
"""


def cmd_populate(args, steps):
    """Benchmark data on DB: created without demo data when it does not exist
    (from the template without demo: a copy of the test template would keep
    its demo data), then the addon's populate code at SIZE, committed model by
    model (community_governance/populate)."""
    t_start = time.time()
    env = setup(steps)
    if dbs.db_exists(env, args.db) and has_demo(env, args.db):
        raise SetupError(
            "Database '%s' has demo data: benchmark data goes into a database "
            "without demo (choose another DB=... or drop it)." % args.db
        )
    ensure_run_db(env, steps, args.db, demo=False)
    steps("Populating %s at size %s" % (args.db, args.size))
    models = [m.strip() for m in (args.models or "").split(",") if m.strip()] or None
    rc, scan, log = run_odoo(
        env,
        [
            "shell",
            "-d",
            args.db,
            "--no-http",
            "--db-filter",
            "^%s$" % args.db,
            "--log-level",
            "warn",
            "--log-handler",
            "odoo.addons.%s.populate:INFO" % ADDON,
        ],
        "populate-%s.log" % args.db,
        stdin_text=POPULATE_SCRIPT % {"size": args.size, "models": models},
    )
    fail_on_log(rc, scan, log, "Populating %s" % args.db)
    info("populated %s in %.0fs" % (args.db, time.time() - t_start))
    return 0


BENCH_SCRIPT = """
from cgdev.bench import run
run(env, %(output)r, %(only)r, %(sizes)r, %(state)r)
"""


def cmd_bench(args, steps):
    """The benchmark table of a populated database (``make populate``, which
    creates it without demo data): measured on a copy, since the overdue job
    commits, dropped at the end."""
    t_start = time.time()
    env = setup(steps)
    if not dbs.db_exists(env, args.db):
        raise SetupError(
            "Database '%s' does not exist; build it first: make populate DB=%s "
            "SIZE=large (or medium to iterate)." % (args.db, args.db)
        )
    if has_demo(env, args.db):
        raise SetupError(
            "Database '%s' has demo data: the benchmark runs on a production-like "
            "database made by `make populate` (without demo)." % args.db
        )
    ensure_run_db(env, steps, args.db, demo=False)
    copy = "%s_benchrun" % args.db
    steps("Copy of %s for the run (%s)" % (args.db, copy))
    if dbs.db_exists(env, copy):
        dbs.drop_db(env, copy)
    dbs.copy_db(env, args.db, copy)
    only = [name.strip() for name in (args.only or "").split(",") if name.strip()]
    unknown = sorted(set(only) - set(BENCH_SECTIONS))
    if unknown:
        raise SetupError(
            "Unknown bench section(s) %s; the sections are %s."
            % (", ".join(unknown), ", ".join(BENCH_SECTIONS))
        )
    # a partial run does not replace the table of the last full run
    suffix = "-" + "-".join(only) if only else ""
    output = os.path.join(STATE_DIR, "bench-%s%s.txt" % (args.db, suffix))
    # the overdue job commits: each of its sizes on a fresh copy
    sections = only or list(BENCH_SECTIONS)
    runs = [([name for name in sections if name != "overdue"], None)]
    if "overdue" in sections:
        runs += [(["overdue"], [size]) for size in BENCH_CURVE]
    runs = [(names, sizes) for names, sizes in runs if names]
    state = output + ".json"
    with contextlib.suppress(FileNotFoundError):
        os.remove(state)
    log = None
    steps("Measuring (odoo shell on %s)" % copy)
    try:
        for index, (names, sizes) in enumerate(runs):
            if index:
                dbs.drop_db(env, copy)
                dbs.copy_db(env, args.db, copy)
            info(
                "%s%s"
                % (
                    ", ".join(names),
                    " %d items, on a fresh copy" % sizes[0] if sizes else "",
                )
            )
            rc, scan, log = run_odoo(
                env,
                [
                    "shell",
                    "-d",
                    copy,
                    "--no-http",
                    "--db-filter",
                    "^%s$" % copy,
                    "--log-level",
                    "warn",
                    "--max-cron-threads",
                    "0",
                ],
                "bench-%s-%d.log" % (args.db, index),
                echo="none",
                stdin_text=BENCH_SCRIPT
                % {"output": output, "only": names, "sizes": sizes, "state": state},
            )
            fail_on_log(rc, scan, log, "The benchmark on %s" % copy)
    finally:
        with contextlib.suppress(Exception):
            dbs.drop_db(env, copy)
        with contextlib.suppress(FileNotFoundError):
            os.remove(state)
    print(read_text(output, "(no table written: read %s)" % log), flush=True)
    info("make bench took %.0fs (table also in %s)" % (time.time() - t_start, output))
    return 0


CJK = re.compile("[\u4e00-\u9fff]")


def cmd_i18n(args, steps):
    """Regenerate the translation template and the Chinese catalogue from a
    database with the addon and its demo data (its translatable demo terms are
    part of the template): Odoo exports the template, zh_CN.po is merged with
    it keeping every translation it has; the messages still untranslated are
    listed (--check: and fail)."""
    import polib  # in the venv: one of Odoo's requirements

    env = setup(steps)
    # a new database each time: what it holds comes from the files alone
    if dbs.db_exists(env, args.db):
        dbs.drop_db(env, args.db)
    ensure_run_db(env, steps, args.db, demo=True)
    i18n = os.path.join(ADDON_DIR, "i18n")
    pot_path = os.path.join(i18n, "%s.pot" % ADDON)
    steps("Translation template exported from '%s'" % args.db)
    rc, scan, log = run_odoo(
        env,
        ["-d", args.db, "--no-http", "--db-filter", "^%s$" % args.db]
        + ["--i18n-export", pot_path, "--modules", ADDON],
        "i18n-export-%s.log" % args.db,
        echo="important",
    )
    fail_on_log(rc, scan, log, "Exporting the template")
    info("wrote %s" % os.path.relpath(pot_path, ROOT))
    # zh_CN.po merged like msgmerge without fuzzy matching: the template's
    # messages in its order, each with the translation it had
    template, old = polib.pofile(pot_path), polib.pofile(os.path.join(i18n, "zh_CN.po"))
    known = {(entry.msgctxt, entry.msgid): entry for entry in old}
    merged = polib.POFile(wrapwidth=78)
    merged.header, merged.metadata = old.header, dict(old.metadata)
    merged.metadata["POT-Creation-Date"] = template.metadata.get(
        "POT-Creation-Date", ""
    )
    for entry in template:
        previous = known.get((entry.msgctxt, entry.msgid))
        if previous is not None:
            entry.msgstr = previous.msgstr
        elif CJK.search(entry.msgid):  # the demo's Chinese texts are their own
            entry.msgstr = entry.msgid
        merged.append(entry)
    merged.save(os.path.join(i18n, "zh_CN.po"))
    catalogue = polib.pofile(os.path.join(i18n, "zh_CN.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    info(
        "zh_CN.po: %d messages, %d untranslated"
        % (len(catalogue.translated_entries()) + len(missing), len(missing))
    )
    for msgid in missing:
        print("      untranslated: %s" % msgid.replace("\n", " ")[:150])
    return 1 if missing and args.check else 0


def cmd_shell(args, steps):
    env = setup(steps)
    cmd = env.odoo_cmd(
        "shell", "-d", args.db, "--no-http", "--db-filter", "^%s$" % args.db
    )
    return subprocess.call(cmd, env=env.subprocess_env(), cwd=ROOT)


def cmd_dropdb(args, steps):
    env = Env.from_state()
    for name in args.names:
        dbs.drop_db(env, name)
        print("dropped %s" % name)
    return 0


def cmd_stop(args, steps):
    postgres.stop_embedded_pg()
    return 0


def cmd_status(args, steps):
    state = postgres.read_state()
    print(json.dumps(state, indent=2, sort_keys=True) if state else "No set-up yet.")
    return 0
