"""Command line of the tooling: ``python3 tools/dev.py <command>`` (the
bootstrap) runs ``.venv/bin/python -m cgdev <command>``.

Commands (see the Makefile and README.md, "Development"):

    setup        PostgreSQL, wkhtmltopdf, .local/odoo.conf (after the bootstrap's
                 Python 3.11, Odoo 18.0 source and .venv)
    run          setup + database `community` (DB) with the addon and demo data
                 (or without: --without-demo), then serve http://localhost:8069
    createdb     setup + a database with the addon, with or without demo data
    test         setup + template DB + throwaway DB + Odoo's test runner (the
                 addon's tests) + pytest (the system tests in tests/)
    test-update  run the addon's tests on an EXISTING database with ``-u``
    pytest       pytest: the system tests, or the given paths (addon test files
                 run with pytest-odoo in an existing database)
    shell        ``odoo shell`` on a database
    dropdb       drop databases and their filestore
    stop         stop the embedded PostgreSQL server
    status       print what the setup found

Every failure of the set-up ends with one sentence that says what is wrong
and what to do (set CG_DEBUG=1 to get a traceback instead).
"""

import argparse
import os
import sys

from .common import (
    ADDON,
    BOOT_STEPS,
    RUN_DB,
    Steps,
    guarded,
    planned_steps,
)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="tools/dev.py",
        description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command")
    sub.required = True

    sub.add_parser(
        "setup", help="prepare Python, Odoo, .venv, PostgreSQL and odoo.conf"
    )
    sub.add_parser("venv", help="only prepare Python, Odoo and .venv (for lint)")
    p = sub.add_parser("run", help="create/upgrade database 'community' and serve Odoo")
    p.add_argument("--db", default=RUN_DB, help="database (default: %(default)s)")
    p.add_argument(
        "--without-demo",
        action="store_true",
        help="create the database without demo data (only when it does not exist)",
    )
    p.add_argument(
        "--no-update",
        action="store_true",
        help="do not upgrade the addon even if its files changed",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=0,
        help="prefork HTTP workers (and the gevent worker for /websocket on "
        "CG_GEVENT_PORT, default 8072); 0: the threaded server",
    )

    p = sub.add_parser(
        "createdb", help="create a database with the addon (demo data or not)"
    )
    p.add_argument("--db", required=True)
    p.add_argument(
        "--without-demo",
        action="store_true",
        help="no demo data (from a template built without demo)",
    )
    p.add_argument(
        "--if-missing",
        action="store_true",
        help="reuse the database if it exists (install/upgrade the addon)",
    )

    p = sub.add_parser("test", help="full test suite on a throwaway database")
    p.add_argument("--only-odoo", action="store_true", help="skip pytest (faster)")
    p.add_argument("--tags", help="Odoo --test-tags, e.g. /%s:TestPetition" % ADDON)
    p.add_argument("pytest_args", nargs="*", help="pytest arguments (default: tests)")

    p = sub.add_parser(
        "test-update", help="Odoo's runner with -u on an existing database"
    )
    p.add_argument("--db", default=RUN_DB)
    p.add_argument(
        "--tags", help="Odoo --test-tags, e.g. /%s:TestPetition.test_escalate" % ADDON
    )

    p = sub.add_parser(
        "pytest", help="pytest: system tests, or the given paths (pytest-odoo)"
    )
    p.add_argument("--db", default=RUN_DB)
    p.add_argument(
        "-u", "--update", action="store_true", help="upgrade the addon first"
    )
    p.add_argument("pytest_args", nargs=argparse.REMAINDER)

    p = sub.add_parser(
        "populate", help="benchmark data in a database without demo data"
    )
    p.add_argument("--db", default="cg_bench")
    p.add_argument("--size", choices=("small", "medium", "large"), default="small")
    p.add_argument("--models", help="comma-separated models (their dependencies too)")

    p = sub.add_parser(
        "bench", help="the benchmark table of a populated database (on a copy)"
    )
    p.add_argument("--db", default="cg_bench")
    p.add_argument(
        "--only",
        help="comma-separated sections to measure (reports, coverage, portal, "
        "creates, overdue); default: all",
    )

    p = sub.add_parser(
        "i18n", help="export the .pot and zh_CN.po (existing translations kept)"
    )
    p.add_argument("--db", default="cg_i18n")
    p.add_argument(
        "--check", action="store_true", help="fail when a message is untranslated"
    )

    p = sub.add_parser("shell", help="odoo shell")
    p.add_argument("--db", default=RUN_DB)
    p = sub.add_parser("dropdb", help="drop databases (and their filestore)")
    p.add_argument("names", nargs="+")
    sub.add_parser("stop", help="stop the embedded PostgreSQL")
    sub.add_parser("status", help="print the saved set-up state")
    return parser


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if getattr(args, "pytest_args", None) and args.pytest_args[:1] == ["--"]:
        args.pytest_args = args.pytest_args[1:]
    # steps [1..BOOT_STEPS] were printed by the bootstrap (tools/dev.py)
    total = planned_steps(argv)
    done = int(os.environ.pop("CG_STEPS_DONE", "0") or 0)
    steps = Steps(total if done else max(total - BOOT_STEPS, 0), done)

    def call():
        from . import commands  # the venv's packages (psycopg2, ...)

        handler = {
            "setup": commands.cmd_setup,
            "venv": lambda args, steps: 0,
            "run": commands.cmd_run,
            "createdb": commands.cmd_createdb,
            "test": commands.cmd_test,
            "test-update": commands.cmd_test_update,
            "pytest": commands.cmd_pytest,
            "i18n": commands.cmd_i18n,
            "shell": commands.cmd_shell,
            "populate": commands.cmd_populate,
            "bench": commands.cmd_bench,
            "dropdb": commands.cmd_dropdb,
            "stop": commands.cmd_stop,
            "status": commands.cmd_status,
        }[args.command]
        return handler(args, steps)

    failed, result = guarded(call)
    return failed if failed is not None else result
