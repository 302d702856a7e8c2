"""Paths, constants, output and small helpers shared by the bootstrap and cgdev.

Standard library only, Python 3.6 syntax: ``tools/dev.py`` imports this module
with the machine's ``python3`` before the virtualenv exists.
"""

import ast
import hashlib
import os
import re
import shlex
import socket
import subprocess
import sys

# --------------------------------------------------------------------------
# Paths and constants
# --------------------------------------------------------------------------

TOOLS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(TOOLS_DIR)
ADDON = "community_governance"
ADDON_DIR = os.path.join(ROOT, ADDON)
VENV = os.path.join(ROOT, ".venv")
LOCAL = os.path.join(ROOT, ".local")
LOG_DIR = os.path.join(LOCAL, "logs")
STATE_DIR = os.path.join(LOCAL, "state")
CONF = os.path.join(LOCAL, "odoo.conf")
DATA_DIR = os.path.join(LOCAL, "data")
STATE_FILE = os.path.join(LOCAL, "state.json")
DEV_REQUIREMENTS = os.path.join(ROOT, "requirements-dev.txt")
README = os.path.join(ROOT, "README.md")

ODOO_SERIES = 18
DEFAULT_ODOO_DIR = os.path.join(
    os.path.expanduser("~"), ".local", "share", "community_governance", "odoo-18.0"
)
ODOO_URLS = [
    "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz",
    "https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz",
]
BUILD_CONSTRAINTS = (
    "# build-time constraints (see tools/cgdev/common.py pip_env)\nsetuptools<81\n"
)
RUN_DB = "community"
DEFAULT_HTTP_PORT = 8069
DEFAULT_PG_PORT = 54329
PG_SUPERUSER = "odoo"

# Fallback when README.md has no parsable "## Demo logins" table.
DEMO_LOGINS = [
    ("Administrator", "admin", "admin"),
    ("Office manager", "manager", "manager"),
    ("Officer", "officer", "officer"),
    ("Stairwell steward", "steward", "steward"),
    ("Department liaison", "liaison", "liaison"),
    ("Resident", "resident", "resident"),
]

# Steps printed as [n/total]: the bootstrap prints the first BOOT_STEPS
# (Python 3.11, Odoo source, .venv) and cgdev continues the numbering.
BOOT_STEPS = 3
SETUP_STEPS = BOOT_STEPS + 3  # + PostgreSQL, system packages, odoo.conf
COMMAND_STEPS = {
    "venv": BOOT_STEPS,
    "setup": SETUP_STEPS,
    "run": SETUP_STEPS + 2,  # database, serve
    "createdb": SETUP_STEPS + 1,  # database
    "test": SETUP_STEPS + 5,  # template, throwaway, Odoo runner, pytest, cleanup
    "test-update": SETUP_STEPS + 1,
    "pytest": SETUP_STEPS + 2,  # template, pytest
    "shell": SETUP_STEPS,
    "populate": SETUP_STEPS + 2,  # database without demo, populate
    "bench": SETUP_STEPS + 3,  # database, copy, measure
}
# commands that need no set-up (they read .local/state.json)
LIGHT_COMMANDS = ("stop", "status", "dropdb")


def planned_steps(argv):
    """Number of [n/total] steps of the command line ``argv`` (0: no steps)."""
    command = next((a for a in argv if not a.startswith("-")), None)
    total = COMMAND_STEPS.get(command, 0)
    if command == "test" and "--only-odoo" in argv:
        total -= 1
    return total


class SetupError(Exception):
    """A failure with a one-sentence explanation for the user."""


# --------------------------------------------------------------------------
# Output helpers
# --------------------------------------------------------------------------

_USE_COLOR = sys.stdout.isatty() and os.environ.get("NO_COLOR") is None


def color(code, text):
    return "\033[%sm%s\033[0m" % (code, text) if _USE_COLOR else text


class Steps:
    """Prints "[n/total] title"; ``done`` steps were printed by the bootstrap."""

    def __init__(self, total, done=0):
        self.total = total
        self.n = done

    def __call__(self, title):
        self.n += 1
        print(color("1;34", "[%d/%d] %s" % (self.n, self.total, title)), flush=True)


def info(msg):
    print("      " + msg, flush=True)


def warn(msg):
    print(color("33", "      WARNING: " + msg), flush=True)


def debug_enabled():
    return os.environ.get("CG_DEBUG") not in (None, "", "0")


def flag(name):
    """True when the environment variable ``name`` is set to something but 0."""
    return os.environ.get(name) not in (None, "", "0")


def report_error(exc):
    """The one-sentence error line of a set-up failure (stderr)."""
    print(color("1;31", "ERROR: %s" % exc), file=sys.stderr, flush=True)


def guarded(call):
    """Run ``call()``; a set-up failure, an interruption or an unexpected
    error ends in one sentence and an exit code instead of a traceback
    (CG_DEBUG=1 shows it). Returns (exit code or None, call's result)."""
    try:
        return None, call()
    except SetupError as exc:
        if debug_enabled():
            raise
        report_error(exc)
        return 2, None
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130, None
    except Exception as exc:  # noqa: BLE001 - one clean sentence instead of a traceback
        if debug_enabled():
            raise
        report_error(
            "unexpected %s: %s; run again with CG_DEBUG=1 for the traceback."
            % (type(exc).__name__, exc)
        )
        return 2, None


# --------------------------------------------------------------------------
# Small utilities
# --------------------------------------------------------------------------


def run(
    cmd, check=True, capture=False, env=None, cwd=None, input_text=None, timeout=None
):
    """subprocess.run with sane defaults; returns CompletedProcess."""
    if debug_enabled():
        print("      $ " + " ".join(shlex.quote(str(c)) for c in cmd), flush=True)
    kwargs = {"env": env, "cwd": cwd, "timeout": timeout}
    if capture:
        kwargs["stdout"] = subprocess.PIPE
        kwargs["stderr"] = subprocess.STDOUT
        kwargs["universal_newlines"] = True
    if input_text is not None:
        kwargs["input"] = input_text
        kwargs["universal_newlines"] = True
    proc = subprocess.run([str(c) for c in cmd], **kwargs)
    if check and proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd, proc.stdout)
    return proc


def sha256_text(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def read_text(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return default


def write_text_if_changed(path, text):
    if read_text(path) == text:
        return False
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
    return True


def tail(path, n=25):
    text = read_text(path, "") or ""
    return "\n".join(text.splitlines()[-n:])


def port_is_free(port, host=""):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def port_answers(port, host="127.0.0.1", timeout=0.5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def tree_hash(path):
    """Content hash of a source tree (ignores caches)."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", ".git"))
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo", "~")):
                continue
            full = os.path.join(dirpath, name)
            h.update(os.path.relpath(full, path).encode())
            try:
                with open(full, "rb") as f:
                    h.update(f.read())
            except OSError:
                pass
    return h.hexdigest()


def pip_env():
    """Environment for pip.

    Some of Odoo's pinned requirements (cbor2 5.4.2, ...) have no wheel for
    Python 3.11 and their setup.py imports pkg_resources, which setuptools 81+
    no longer ships: constrain the isolated build environments.
    """
    os.makedirs(LOCAL, exist_ok=True)
    constraints = os.path.join(LOCAL, "pip-build-constraints.txt")
    write_text_if_changed(constraints, BUILD_CONSTRAINTS)
    env = dict(os.environ)
    env["PIP_CONSTRAINT"] = " ".join(
        filter(None, [env.get("PIP_CONSTRAINT"), constraints])
    )
    env.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    return env


# --------------------------------------------------------------------------
# The addon and the README
# --------------------------------------------------------------------------


def addon_manifest():
    path = os.path.join(ADDON_DIR, "__manifest__.py")
    text = read_text(path)
    if text is None:
        raise SetupError(
            "The addon manifest %s is missing; run this from a complete checkout "
            "of the project." % path
        )
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError) as exc:
        raise SetupError(
            "The addon manifest %s cannot be read (%s); fix its syntax." % (path, exc)
        ) from exc


def addon_depends():
    """The manifest's ``depends`` (read on every run: other branches change it)."""
    deps = addon_manifest().get("depends") or ["base"]
    return sorted(set(deps))


def demo_logins():
    """Rows (role, login, password) from README's "## Demo logins" table."""
    text = read_text(README, "") or ""
    m = re.search(r"^## Demo logins\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    rows = []
    if m:
        for line in m.group(1).splitlines():
            cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
            if len(cells) < 3 or not line.strip().startswith("|"):
                continue
            if set(cells[0]) <= set("-: ") or cells[1].lower() == "login":
                continue
            rows.append((cells[0], cells[1], cells[2]))
    return rows or DEMO_LOGINS
