"""Running Odoo (odoo-bin, click-odoo-*) and pytest; reading their output."""

import os
import re
import shlex
import signal
import subprocess
import sys

from .common import (
    ADDON,
    LOG_DIR,
    ROOT,
    SetupError,
    color,
    debug_enabled,
    flag,
    free_port,
    info,
    warn,
)

LOG_LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (DEBUG|INFO|WARNING|ERROR|CRITICAL|TEST) "
)
ERROR_LINE_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) ")
RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
BROWSER_MISSING_RE = re.compile(
    r"Chrome executable not found|Failed to detect chrome devtools port|"
    r"websocket-client module is not installed|Error during Chrome headless connection|"
    r"Cannot connect to chrome dev tools|never found 'page' target"
)
PYTEST_SUMMARY_RE = re.compile(
    r"^=+ .*\b(passed|failed|error|errors|skipped|deselected|no tests ran)\b"
    r".* in [\d.]+s.* =+$"
)


class LogScan:
    """Scans Odoo output: ERROR/CRITICAL lines, test results, browser skips."""

    def __init__(self):
        self.errors = []
        self.warnings = 0
        self.results = []
        self.browser = []

    def feed(self, line):
        if ERROR_LINE_RE.match(line):
            self.errors.append(line.rstrip())
        elif " WARNING " in line[:60] and LOG_LINE_RE.match(line):
            self.warnings += 1
        m = RESULT_RE.search(line)
        if m and "when loading database" in line:
            self.results.append(tuple(int(x) for x in m.groups()))
        if BROWSER_MISSING_RE.search(line):
            self.browser.append(line.rstrip())

    @property
    def failed(self):
        return sum(r[0] for r in self.results)

    @property
    def errored(self):
        return sum(r[1] for r in self.results)

    @property
    def tests(self):
        return sum(r[2] for r in self.results)


LOADING_RE = re.compile(
    r"odoo\.modules\.loading: (Loading module \S+ \(\d+/\d+\)|.*modules loaded in .*)"
)


DOCUTILS_NOISE_RE = re.compile(r"^<string>:\d+: \((INFO|WARNING|ERROR|SEVERE)/\d\)")


def _echo_important(line):
    """Condensed Odoo output: module progress, warnings, errors, tracebacks."""
    if "Running as user 'root'" in line or not line.strip():
        return
    if DOCUTILS_NOISE_RE.match(line):
        return  # reST warnings of Odoo's own module descriptions
    m = LOADING_RE.search(line)
    if m:
        sys.stdout.write("      | %s\n" % m.group(1).strip())
    elif (
        not LOG_LINE_RE.match(line)
        or ERROR_LINE_RE.match(line)
        or " WARNING " in line[:60]
    ):
        sys.stdout.write("      | " + line)


def run_logged(env, cmd, log_name, echo="all", stdin_text=None):
    """Run cmd (to completion), tee its output to .local/logs/<log_name>.

    echo: "all" prints every line, "important" only warnings/errors and
    module-loading progress, "none" nothing.  Returns (returncode, LogScan,
    log path).
    """
    os.makedirs(LOG_DIR, exist_ok=True)
    log = os.path.join(LOG_DIR, log_name)
    if debug_enabled() or echo == "all":
        info("$ " + " ".join(shlex.quote(c) for c in cmd[1:]))
    scan = LogScan()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env.subprocess_env(),
        cwd=ROOT,
        universal_newlines=True,
        errors="replace",
        bufsize=1,
    )
    if stdin_text is not None:
        proc.stdin.write(stdin_text)
        proc.stdin.close()
    try:
        with open(log, "w") as f:
            for line in proc.stdout:
                f.write(line)
                scan.feed(line)
                if echo == "all":
                    sys.stdout.write(line)
                elif echo == "important":
                    _echo_important(line)
            proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        raise
    sys.stdout.flush()
    return proc.returncode, scan, log


def run_odoo(env, args, log_name, echo="all", stdin_text=None):
    """Run odoo-bin -c .local/odoo.conf <args>; see run_logged()."""
    return run_logged(env, env.odoo_cmd(*args), log_name, echo, stdin_text)


def upgrade_addon(env, db):
    """-u the addon in db, failing on any ERROR/CRITICAL log line."""
    rc, scan, log = run_odoo(
        env,
        ["-d", db, "-u", ADDON, "--stop-after-init", "--no-http"]
        + ["--db-filter", "^%s$" % db],
        "upgrade-%s.log" % db,
        echo="important",
    )
    fail_on_log(rc, scan, log, "Upgrading %s in database '%s'" % (ADDON, db))


def fail_on_log(rc, scan, log, what):
    if rc != 0 or scan.errors:
        for line in scan.errors[-10:]:
            print(color("31", "      " + line[:400]))
        raise SetupError(
            "%s failed (exit code %s, %d ERROR/CRITICAL log lines; full log: %s); "
            "fix the "
            "errors shown above."
            % (what, rc, len(scan.errors), os.path.relpath(log, ROOT))
        )


def odoo_test_args(db, tags=None):
    args = [
        "-d",
        db,
        "--test-enable",
        "--stop-after-init",
        "--log-level=test",
        "--http-port",
        str(free_port()),
        "--db-filter",
        "^%s$" % db,
        "--max-cron-threads",
        "0",
    ]
    if tags:
        args += ["--test-tags", tags]
    return args


def report_odoo_tests(rc, scan, log, what):
    print(
        color(
            "1",
            "      Odoo runner: %d tests, %d failed, %d error(s); %d ERROR/CRITICAL "
            "log lines, %d warnings (log: %s)"
            % (
                scan.tests,
                scan.failed,
                scan.errored,
                len(scan.errors),
                scan.warnings,
                os.path.relpath(log, ROOT),
            ),
        )
    )
    if scan.browser:
        msg = (
            "browser (tour) tests were skipped because Chrome could not be used: %s"
            % scan.browser[0].split(": ", 1)[-1][:200]
        )
        if flag("CG_REQUIRE_BROWSER"):
            raise SetupError(msg + "; install chromium (`apt-get install chromium`).")
        warn(msg + " (install chromium to run them)")
    if not scan.results and rc == 0 and not scan.errors:
        raise SetupError(
            "%s printed no test result line; read %s."
            % (what, os.path.relpath(log, ROOT))
        )
    if scan.tests == 0:
        warn("the Odoo runner found no tests in %s" % ADDON)
    if rc != 0 or scan.errors or scan.failed or scan.errored:
        for line in scan.errors[-15:]:
            print(color("31", "      " + line[:400]))
        return False
    return True


def needs_registry(pytest_args):
    """pytest-odoo needs a database (and loads a registry) only for tests of
    the addon; the system tests in tests/ drive Odoo in subprocesses."""
    return any(ADDON in arg for arg in pytest_args if not arg.startswith("-"))


def run_pytest(env, pytest_args=(), db=None):
    """pytest on pytest_args (default: the system tests in tests/).

    With db (``make pytest`` on addon test files), pytest-odoo runs them in
    that database with an HTTP server (so HttpCase works). Returns
    (returncode, summary line).
    """
    cmd = [env.python, "-m", "pytest"]
    penv = env.subprocess_env()
    if db:
        cmd += [
            "--odoo-config",
            env.conf,
            "--odoo-database",
            db,
            "--odoo-log-level",
            "warn",
            "--odoo-extra",
            "db-filter=^%s$" % db,
            "--odoo-extra",
            "http-port=%d" % free_port(),
            "--odoo-http",
        ]
        penv["CG_TEST_DB"] = db
    cmd += list(pytest_args) or ["tests"]
    info("$ pytest " + " ".join(shlex.quote(c) for c in cmd[3:]))
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=penv,
        cwd=ROOT,
        universal_newlines=True,
        errors="replace",
        bufsize=1,
    )
    summary = None
    os.makedirs(LOG_DIR, exist_ok=True)
    with open(os.path.join(LOG_DIR, "pytest-%s.log" % (db or "system")), "w") as f:
        try:
            for line in proc.stdout:
                f.write(line)
                sys.stdout.write(line)
                if PYTEST_SUMMARY_RE.match(line.strip()):
                    summary = line.rstrip()
            proc.wait()
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGINT)
            proc.wait()
            raise
    sys.stdout.flush()
    rc = proc.returncode
    if rc == 5:
        warn("pytest collected no tests")
    return rc, summary
