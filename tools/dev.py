#!/usr/bin/env python3
"""Developer and CI tooling for the community_governance Odoo 18.0 addon.

Standard library only: this file runs with the machine's ``python3`` (any
3.6+), finds a Python 3.11, and drives everything else through the project's
virtualenv (``.venv``).

Commands (see ``python3 tools/dev.py --help`` and the Makefile):

    setup        Python 3.11, Odoo 18.0 source, .venv, PostgreSQL, odoo.conf
    run          setup + database ``community`` with the addon and demo data,
                 then serve http://localhost:8069
    test         setup + template DB + throwaway DB + Odoo's test runner +
                 pytest (addon tests and top-level system tests)
    test-update  run the addon's tests on an EXISTING database with ``-u``
    pytest       pytest (pytest-odoo) against an existing database
    shell        ``odoo shell`` on a database
    populate     a benchmark database: the addon without demo data, then the
                 populate code of its models (sizes small, medium, large)
    stop         stop the embedded PostgreSQL server
    status       print what the setup found

Every failure of the set-up ends with one sentence that says what is wrong
and what to do (set CG_DEBUG=1 to get a traceback instead).
"""

import argparse
import ast
import configparser
import contextlib
import getpass
import glob
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile

# --------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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
    "# build-time constraints (see tools/dev.py pip_env)\nsetuptools<81\n"
)
RUN_DB = "community"
DEFAULT_HTTP_PORT = 8069
DEFAULT_PG_PORT = 54329
PG_SUPERUSER = "odoo"
TEMPLATE_FORMAT = "2"  # bump to invalidate every template database

# Fallback when README.md has no parsable "## Demo logins" table.
DEMO_LOGINS = [
    ("Administrator", "admin", "admin"),
    ("Office manager", "manager", "manager"),
    ("Officer", "officer", "officer"),
    ("Stairwell steward", "steward", "steward"),
    ("Department liaison", "liaison", "liaison"),
    ("Resident", "resident", "resident"),
]

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


class SetupError(Exception):
    """A failure with a one-sentence explanation for the user."""


# --------------------------------------------------------------------------
# Output helpers
# --------------------------------------------------------------------------

_USE_COLOR = sys.stdout.isatty() and os.environ.get("NO_COLOR") is None


def _c(code, text):
    return "\033[%sm%s\033[0m" % (code, text) if _USE_COLOR else text


class Steps:
    def __init__(self, total):
        self.total = total
        self.n = 0

    def __call__(self, title):
        self.n += 1
        print(_c("1;34", "[%d/%d] %s" % (self.n, self.total, title)), flush=True)


def info(msg):
    print("      " + msg, flush=True)


def warn(msg):
    print(_c("33", "      WARNING: " + msg), flush=True)


def debug_enabled():
    return os.environ.get("CG_DEBUG") not in (None, "", "0")


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


def tail(path, n=25):
    text = read_text(path, "") or ""
    return "\n".join(text.splitlines()[-n:])


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


# --------------------------------------------------------------------------
# Step 1: Python 3.11
# --------------------------------------------------------------------------


def _python_version(exe):
    try:
        out = run(
            [exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture=True,
            check=False,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip().splitlines()[-1] if out and out.strip() else None


def find_python311():
    candidates = []
    if os.environ.get("CG_PYTHON"):
        candidates.append(os.environ["CG_PYTHON"])
    if sys.version_info[:2] == (3, 11):
        candidates.append(sys.executable)
    candidates += ["python3.11", "python3"]
    seen = []
    for cand in candidates:
        exe = shutil.which(cand) if os.sep not in cand else cand
        if not exe or exe in seen:
            continue
        seen.append(exe)
        if _python_version(exe) == "3.11":
            return exe
    raise SetupError(
        "Python 3.11 was not found (tried %s); install it (e.g. `apt-get install "
        "python3.11 python3.11-venv`) or point CG_PYTHON to a python3.11 executable."
        % ", ".join(candidates)
    )


# --------------------------------------------------------------------------
# Step 2: Odoo 18.0 source
# --------------------------------------------------------------------------


def odoo_major(path):
    text = read_text(os.path.join(path, "odoo", "release.py"))
    if text is None:
        return None
    m = re.search(r"^version_info\s*=\s*\(\s*(\d+)", text, re.M)
    return int(m.group(1)) if m else None


def odoo_addons_paths(path):
    paths = []
    for sub in ("addons", os.path.join("odoo", "addons")):
        p = os.path.join(path, sub)
        if os.path.isdir(p):
            paths.append(p)
    return paths


def check_odoo_tree(path, origin):
    major = odoo_major(path)
    if major is None:
        raise SetupError(
            "%s (%s) is not an Odoo source tree (no odoo/release.py); point it to an "
            "extracted Odoo 18.0 source or remove it." % (path, origin)
        )
    if major != ODOO_SERIES:
        raise SetupError(
            "%s (%s) holds Odoo %s, not 18.0; point CG_ODOO_DIR/ODOO_SRC to an Odoo "
            "18.0 source." % (path, origin, major)
        )
    if not any(os.path.isdir(os.path.join(p, "web")) for p in odoo_addons_paths(path)):
        raise SetupError(
            "The Odoo tree %s (%s) has no standard addons (no 'web' module); use a "
            "complete Odoo 18.0 source." % (path, origin)
        )
    return path


def _find_tree_root(base):
    """Directory under base (depth <= 2) that holds odoo/release.py."""
    for depth in range(3):
        pattern = os.path.join(base, *(["*"] * depth), "odoo", "release.py")
        hits = (
            sorted(glob.glob(pattern))
            if depth
            else (
                [os.path.join(base, "odoo", "release.py")]
                if os.path.isfile(os.path.join(base, "odoo", "release.py"))
                else []
            )
        )
        if hits:
            return os.path.dirname(os.path.dirname(hits[0]))
    return None


def extract_archive(archive, dest):
    """Extract an Odoo tar/zip archive so that dest is the Odoo tree."""
    parent = os.path.dirname(os.path.abspath(dest))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".odoo-extract-", dir=parent)
    try:
        info("extracting %s (this takes a minute) ..." % archive)
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(tmp)
        else:
            try:
                tf = tarfile.open(archive)
            except (tarfile.TarError, OSError) as exc:
                raise SetupError(
                    "%s is not a readable tar or zip archive (%s); download a proper "
                    "Odoo 18.0 source tarball." % (archive, exc)
                ) from exc
            with tf:
                if hasattr(tarfile, "data_filter"):
                    tf.extractall(tmp, filter="data")
                else:
                    tf.extractall(tmp)  # noqa: S202 - trusted Odoo archive
        root = _find_tree_root(tmp)
        if root is None:
            raise SetupError(
                "The archive %s does not contain an Odoo source tree (no "
                "odoo/release.py); use an Odoo 18.0 source tarball." % archive
            )
        check_odoo_tree(root, "archive %s" % archive)
        if os.path.exists(dest):
            shutil.rmtree(dest)
        os.rename(root, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def _save_stream(resp, path):
    total = int(resp.headers.get("Content-Length") or 0)
    done, next_report = 0, 50 * 2**20
    with open(path, "wb") as out:
        while True:
            chunk = resp.read(2**20)
            if not chunk:
                break
            out.write(chunk)
            done += len(chunk)
            if done >= next_report:
                pct = " (%d%%)" % (100 * done // total) if total else ""
                info("  %d MiB%s" % (done // 2**20, pct))
                next_report += 50 * 2**20


def download_odoo(dest):
    urls = os.environ.get("CG_ODOO_URLS", "").split() or ODOO_URLS
    parent = os.path.dirname(os.path.abspath(dest))
    os.makedirs(parent, exist_ok=True)
    errors = []
    for url in urls:
        info("downloading %s ..." % url)
        fd, tmp = tempfile.mkstemp(
            prefix=".odoo-download-", suffix=".tar.gz", dir=parent
        )
        os.close(fd)
        try:
            req = urllib.request.Request(url, headers={"User-Agent": "cg-dev/1.0"})
            with urllib.request.urlopen(req, timeout=60) as resp:
                _save_stream(resp, tmp)
            return extract_archive(tmp, dest)
        except (urllib.error.URLError, OSError, socket.timeout) as exc:
            errors.append("%s: %s" % (url, getattr(exc, "reason", exc)))
            warn("download failed: %s" % errors[-1])
        except SetupError as exc:
            errors.append("%s: %s" % (url, exc))
            warn("unusable download: %s" % exc)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    raise SetupError(
        "Odoo 18.0 could not be downloaded (%s); download an Odoo 18.0 source "
        "tarball yourself and run again with ODOO_SRC=/path/to/odoo_18.0.tar.gz "
        "(or extract it to %s)." % ("; ".join(errors), dest)
    )


def ensure_odoo():
    odoo_dir = os.path.abspath(
        os.path.expanduser(os.environ.get("CG_ODOO_DIR") or DEFAULT_ODOO_DIR)
    )
    src = os.environ.get("ODOO_SRC")
    if src:
        src = os.path.abspath(os.path.expanduser(src))
        if os.path.isdir(src):
            info("using the Odoo tree given by ODOO_SRC in place: %s" % src)
            return check_odoo_tree(src, "ODOO_SRC")
        if not os.path.isfile(src):
            raise SetupError(
                "ODOO_SRC=%s does not exist; point it to an Odoo 18.0 source tree or "
                "tarball, or unset it." % src
            )
        if odoo_major(odoo_dir) is not None:
            info(
                "%s already holds Odoo; ODOO_SRC archive not re-extracted (delete that "
                "folder to re-extract)" % odoo_dir
            )
            return check_odoo_tree(odoo_dir, "CG_ODOO_DIR")
        info("extracting ODOO_SRC archive into %s" % odoo_dir)
        return check_odoo_tree(extract_archive(src, odoo_dir), "ODOO_SRC")
    if os.path.isdir(odoo_dir) and os.listdir(odoo_dir):
        return check_odoo_tree(odoo_dir, "CG_ODOO_DIR")
    info("no Odoo tree at %s: downloading the official Odoo 18.0 source" % odoo_dir)
    return check_odoo_tree(download_odoo(odoo_dir), "download")


def odoo_launcher(odoo_dir):
    for name in ("odoo-bin", os.path.join("setup", "odoo")):
        path = os.path.join(odoo_dir, name)
        if os.path.isfile(path):
            return [path]
    return ["-m", "odoo"]


# --------------------------------------------------------------------------
# Step 3: virtualenv and requirements
# --------------------------------------------------------------------------


def venv_python():
    return os.path.join(VENV, "bin", "python")


def filtered_odoo_requirements(odoo_dir):
    text = read_text(os.path.join(odoo_dir, "requirements.txt"))
    if text is None:
        raise SetupError(
            "%s has no requirements.txt; use a complete Odoo 18.0 source tree."
            % odoo_dir
        )
    out = ["# Generated by tools/dev.py from %s/requirements.txt" % odoo_dir]
    for line in text.splitlines():
        m = re.match(r"\s*([A-Za-z0-9_.\-]+)", line)
        name = m.group(1).lower() if m else ""
        if name == "psycopg2":
            line = re.sub(r"^(\s*)psycopg2\b", r"\1psycopg2-binary", line)
        elif name == "python-ldap":
            line = "# dropped (needs LDAP headers, only for auth_ldap): " + line
        out.append(line)
    return "\n".join(out) + "\n"


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


def site_packages(py):
    return run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture=True,
    ).stdout.strip()


def ensure_venv(python311, odoo_dir):
    py = venv_python()
    if os.path.exists(VENV) and _python_version(py) != "3.11":
        info("existing .venv is broken or not Python 3.11: recreating it")
        shutil.rmtree(VENV)
    if not os.path.exists(py):
        info("creating .venv with %s" % python311)
        proc = run([python311, "-m", "venv", VENV], check=False, capture=True)
        if proc.returncode != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            print(proc.stdout)
            raise SetupError(
                "Creating the virtualenv failed; install the venv module "
                "(`apt-get install python3.11-venv`) and run again."
            )
    os.makedirs(LOCAL, exist_ok=True)
    req_odoo = os.path.join(LOCAL, "requirements-odoo.txt")
    write_text_if_changed(req_odoo, filtered_odoo_requirements(odoo_dir))
    dev_req = read_text(DEV_REQUIREMENTS, "")
    digest = sha256_text(read_text(req_odoo), dev_req, BUILD_CONSTRAINTS, "3.11", VENV)
    stamp = os.path.join(VENV, ".cg-requirements.sha256")
    if read_text(stamp, "").strip() == digest:
        info("requirements unchanged (hash %s): pip skipped" % digest[:12])
    else:
        info(
            "installing Python requirements with pip (a few minutes the first time) ..."
        )
        os.makedirs(LOG_DIR, exist_ok=True)
        log = os.path.join(LOG_DIR, "pip.log")
        cmd = [
            py,
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--prefer-binary",
            "-r",
            req_odoo,
        ]
        if dev_req:
            cmd += ["-r", DEV_REQUIREMENTS]
        with open(log, "w") as f:
            proc = subprocess.run(
                cmd, stdout=f, stderr=subprocess.STDOUT, env=pip_env()
            )
        if proc.returncode != 0:
            print(tail(log, 30))
            raise SetupError(
                "pip could not install the Python requirements (full log: %s); check "
                "network access to PyPI and the error above." % log
            )
        write_text_if_changed(stamp, digest + "\n")
        info("requirements installed (log: %s)" % os.path.relpath(log, ROOT))
    # .pth so that `import odoo` works in the venv (pytest-odoo needs it)
    pth = os.path.join(site_packages(py), "cg_odoo.pth")
    write_text_if_changed(pth, odoo_dir + "\n")
    return py


# --------------------------------------------------------------------------
# Step 4: PostgreSQL
# --------------------------------------------------------------------------

_PROBE = r"""
import json, sys
args = json.loads(sys.argv[1])
try:
    import psycopg2
    kw = {k: v for k, v in args.items() if v not in (None, "", False)}
    kw.setdefault("dbname", "postgres")
    kw["connect_timeout"] = 5
    cnx = psycopg2.connect(**kw)
    cr = cnx.cursor()
    cr.execute("SELECT current_user, rolsuper OR rolcreatedb, "
               "current_setting('server_version') "
               "FROM pg_roles WHERE rolname = current_user")
    user, can_create, version = cr.fetchone()
    cnx.close()
    print(json.dumps({"user": user, "createdb": can_create, "version": version}))
except Exception as exc:
    msg = str(exc).strip()
    print(json.dumps({"error": msg.splitlines()[0] if msg else repr(exc)}))
"""


def pg_probe(py, params):
    proc = run(
        [py, "-c", _PROBE, json.dumps(params)], capture=True, check=False, timeout=60
    )
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": (proc.stdout or "").strip()[-300:] or "probe failed"}


def _db_params_from(host, port, user, password):
    return {
        "host": host or None,
        "port": int(port) if port else None,
        "user": user or None,
        "password": password or None,
    }


def _check_usable(py, params, origin, fix):
    res = pg_probe(py, params)
    if "error" in res:
        raise SetupError(
            "The PostgreSQL server named by %s is unreachable (%s); %s."
            % (origin, res["error"], fix)
        )
    if res["user"] == "postgres":
        raise SetupError(
            "The PostgreSQL server named by %s is used as user 'postgres', which Odoo "
            "refuses; set PGUSER/db_user to another role with CREATEDB." % origin
        )
    if not res["createdb"]:
        raise SetupError(
            "The PostgreSQL role '%s' (from %s) may not create databases; grant it "
            'CREATEDB (ALTER ROLE "%s" CREATEDB) or use another role.'
            % (res["user"], origin, res["user"])
        )
    return res


def find_pg_bindir():
    def ok(d):
        return d and all(
            os.path.isfile(os.path.join(d, b)) for b in ("initdb", "pg_ctl", "postgres")
        )

    if os.environ.get("CG_PG_BINDIR"):
        d = os.environ["CG_PG_BINDIR"]
        if ok(d):
            return d
        raise SetupError(
            "CG_PG_BINDIR=%s does not contain initdb, pg_ctl and postgres; fix or "
            "unset it." % d
        )
    if os.environ.get("CG_PG_USE_PGSERVER"):
        return None
    cands = []
    if shutil.which("pg_config"):
        with contextlib.suppress(Exception):
            cands.append(run(["pg_config", "--bindir"], capture=True).stdout.strip())

    def ver(d):
        m = re.search(r"/(\d+)(?:\.\d+)?/bin$", d)
        return int(m.group(1)) if m else 0

    cands += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=ver, reverse=True)
    cands += sorted(glob.glob("/usr/pgsql-*/bin"), reverse=True)
    cands += ["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin", "/usr/bin"]
    for exe in ("initdb", "pg_ctl"):
        p = shutil.which(exe)
        if p:
            cands.append(os.path.dirname(os.path.realpath(p)))
    for d in cands:
        if ok(d):
            return d
    return None


def pgserver_bindir(py):
    code = (
        "import importlib.util, os, sys; s = importlib.util.find_spec('pgserver'); "
        "sys.exit(1) if s is None else "
        "print(os.path.join(list(s.submodule_search_locations)[0], 'pginstall', 'bin'))"
    )
    proc = run([py, "-c", code], capture=True, check=False)
    if proc.returncode != 0:
        info("no PostgreSQL binaries on this machine: installing the 'pgserver' wheel")
        pip = run(
            [py, "-m", "pip", "install", "--disable-pip-version-check", "pgserver"],
            capture=True,
            check=False,
            env=pip_env(),
        )
        if pip.returncode != 0:
            print(pip.stdout[-2000:])
            raise SetupError(
                "No PostgreSQL server binaries were found and the pgserver wheel could "
                "not be installed; install PostgreSQL (`apt-get install postgresql`) "
                "or "
                "set PGHOST/PGPORT/PGUSER/PGPASSWORD to a running server."
            )
        proc = run([py, "-c", code], capture=True)
    return proc.stdout.strip().splitlines()[-1]


def _is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _ensure_postgres_user():
    import pwd

    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        pass
    info("creating the system user 'postgres' (PostgreSQL refuses to run as root)")
    cmd = [
        "useradd",
        "--system",
        "--user-group",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        "postgres",
    ]
    if run(cmd, check=False, capture=True).returncode != 0:
        raise SetupError(
            "PostgreSQL cannot run as root and the system user 'postgres' could not be "
            "created; create it (`useradd --system postgres`) or run as a normal user."
        )
    return pwd.getpwnam("postgres")


_SETUID_PY = (
    "import os, pwd, sys; p = pwd.getpwnam('postgres'); os.setgroups([]); "
    "os.setgid(p.pw_gid); os.setuid(p.pw_uid); os.execvp(sys.argv[1], sys.argv[1:])"
)


def _which_sbin(name):
    return shutil.which(name) or shutil.which(
        name, path="/usr/sbin:/sbin:/usr/bin:/bin:/usr/local/sbin"
    )


def _as_pg_user(cmd):
    """Prefix a command so that it runs as 'postgres' when we are root."""
    if not _is_root():
        return cmd
    runuser = _which_sbin("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"] + cmd
    return [sys.executable, "-c", _SETUID_PY] + cmd


def _pg_user_can_use(path):
    """Can the 'postgres' user traverse to (and write in) path?"""
    probe = _as_pg_user(["sh", "-c", 'cd "$1" && test -w .', "sh", path])
    return run(probe, check=False, capture=True).returncode == 0


def _chown_pg(path):
    if _is_root():
        pw = _ensure_postgres_user()
        for dirpath, _dirnames, filenames in os.walk(path):
            os.chown(dirpath, pw.pw_uid, pw.pw_gid)
            for name in filenames:
                with contextlib.suppress(OSError):
                    os.chown(os.path.join(dirpath, name), pw.pw_uid, pw.pw_gid)


def _alt_embedded_base():
    return os.path.join("/var/tmp", "community_governance-pg-" + sha256_text(ROOT)[:10])


def embedded_base():
    base = os.path.join(LOCAL, "pg")
    os.makedirs(base, exist_ok=True)
    if _is_root():
        _ensure_postgres_user()
        if not os.path.isdir(os.path.join(base, "data")):
            _chown_pg(base)
        if not _pg_user_can_use(base):
            alt = _alt_embedded_base()
            os.makedirs(alt, exist_ok=True)
            _chown_pg(alt)
            info(
                "the 'postgres' user cannot reach %s (a parent folder is not "
                "world-traversable): embedded data kept in %s instead" % (base, alt)
            )
            base = alt
    return base


def _read_postmaster_pid(data):
    lines = (read_text(os.path.join(data, "postmaster.pid"), "") or "").splitlines()
    if len(lines) < 4:
        return None, None
    try:
        pid, port = int(lines[0]), int(lines[3])
    except ValueError:
        return None, None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None, None
    except PermissionError:
        pass
    return pid, port


def _pg_version_of_bindir(bindir):
    out = run([os.path.join(bindir, "pg_ctl"), "--version"], capture=True).stdout
    m = re.search(r"(\d+)", out)
    return m.group(1) if m else "?"


def ensure_embedded_pg(py):
    params = {"host": "127.0.0.1", "user": PG_SUPERUSER, "password": None}
    # reuse a running embedded server (fast path: no user/permission checks)
    for base in (os.path.join(LOCAL, "pg"), _alt_embedded_base()):
        data = os.path.join(base, "data")
        pid, port = _read_postmaster_pid(data)
        if not pid:
            continue
        params["port"] = port
        res = pg_probe(py, params)
        if "error" not in res:
            info(
                "embedded PostgreSQL %s already running (pid %d, port %d, data %s)"
                % (res["version"].split()[0], pid, port, data)
            )
            bindir = _read_state().get("pg_bindir") or find_pg_bindir()
            return dict(params, kind="embedded", data=data, bindir=bindir)

    base = embedded_base()
    data = os.path.join(base, "data")
    sock = os.path.join(base, "run")
    logfile = os.path.join(base, "postgresql.log")

    bindir = find_pg_bindir() or pgserver_bindir(py)
    version = _pg_version_of_bindir(bindir)
    if not os.path.isfile(os.path.join(data, "PG_VERSION")):
        info("initialising an embedded PostgreSQL %s cluster in %s" % (version, data))
        shutil.rmtree(data, ignore_errors=True)
        os.makedirs(data, mode=0o700, exist_ok=True)
        os.makedirs(sock, exist_ok=True)
        _chown_pg(base)
        locale_opt = "--locale=C.UTF-8"
        avail = (
            run(["locale", "-a"], capture=True, check=False).stdout
            if shutil.which("locale")
            else ""
        )
        if not re.search(r"^C\.utf-?8$", avail or "", re.M | re.I):
            locale_opt = "--locale=C"
        cmd = _as_pg_user(
            [
                os.path.join(bindir, "initdb"),
                "-D",
                data,
                "-U",
                PG_SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                locale_opt,
            ]
        )
        proc = run(cmd, capture=True, check=False)
        if proc.returncode != 0:
            print(proc.stdout[-3000:])
            shutil.rmtree(data, ignore_errors=True)
            raise SetupError(
                "initdb failed for the embedded PostgreSQL in %s (see above); fix the "
                "cause or point PGHOST/PGPORT/PGUSER/PGPASSWORD to a running server."
                % data
            )
        tuning = [
            "",
            "# --- added by tools/dev.py (embedded development server) ---",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = '%s'" % _socket_dir(sock),
            "max_connections = 200",
            "shared_buffers = 256MB",
            "synchronous_commit = off",
        ]
        if os.environ.get("CI"):
            tuning += ["fsync = off", "full_page_writes = off"]
        with open(os.path.join(data, "postgresql.conf"), "a") as f:
            f.write("\n".join(tuning) + "\n")
        _chown_pg(base)
    else:
        data_version = (read_text(os.path.join(data, "PG_VERSION"), "") or "").strip()
        if data_version != version:
            raise SetupError(
                "The embedded PostgreSQL data in %s was created by PostgreSQL %s but "
                "the binaries found are %s (%s); delete %s or set CG_PG_BINDIR to "
                "PostgreSQL "
                "%s binaries."
                % (data, data_version, version, bindir, data, data_version)
            )

    explicit = os.environ.get("CG_PGPORT")
    port = int(explicit or DEFAULT_PG_PORT)
    if not port_is_free(port, "127.0.0.1"):
        if explicit:
            raise SetupError(
                "Port %d (CG_PGPORT) is already in use by another program; stop it or "
                "choose another CG_PGPORT." % port
            )
        for cand in range(DEFAULT_PG_PORT + 1, DEFAULT_PG_PORT + 70):
            if port_is_free(cand, "127.0.0.1"):
                info("port %d is taken by another server: using %d" % (port, cand))
                port = cand
                break
        else:
            raise SetupError(
                "No free port near %d for the embedded PostgreSQL; set CG_PGPORT to a "
                "free port." % DEFAULT_PG_PORT
            )
    info(
        "starting the embedded PostgreSQL %s on 127.0.0.1:%d (data %s)"
        % (version, port, data)
    )
    os.makedirs(sock, exist_ok=True)
    _chown_pg(sock)
    if _is_root() and not os.path.exists(logfile):
        open(logfile, "a").close()
        _chown_pg(base)
    cmd = _as_pg_user(
        [
            os.path.join(bindir, "pg_ctl"),
            "-D",
            data,
            "-l",
            logfile,
            "-w",
            "-t",
            "90",
            "-o",
            "-p %d" % port,
            "start",
        ]
    )
    proc = subprocess.run(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
        start_new_session=True,
    )
    if proc.returncode != 0:
        print(proc.stdout[-2000:])
        print(tail(logfile, 20))
        raise SetupError(
            "The embedded PostgreSQL did not start (log: %s); read the log above, then "
            "fix the cause or delete %s to start from scratch." % (logfile, data)
        )
    params["port"] = port
    res = pg_probe(py, params)
    if "error" in res:
        raise SetupError(
            "The embedded PostgreSQL started but is unreachable on 127.0.0.1:%d (%s); "
            "check %s." % (port, res["error"], logfile)
        )
    return dict(params, kind="embedded", data=data, bindir=bindir)


def _socket_dir(sock):
    # unix socket paths are limited to ~107 bytes
    if len(os.path.join(sock, ".s.PGSQL.%d" % DEFAULT_PG_PORT)) < 100:
        return sock
    return "/tmp"


def ensure_postgres(py):
    env_keys = [
        k for k in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD") if os.environ.get(k)
    ]
    if env_keys:
        params = _db_params_from(
            os.environ.get("PGHOST"),
            os.environ.get("PGPORT"),
            os.environ.get("PGUSER"),
            os.environ.get("PGPASSWORD"),
        )
        res = _check_usable(
            py,
            params,
            "the environment (%s)" % ", ".join(env_keys),
            "fix those variables or unset them to use an embedded server",
        )
        info(
            "using the PostgreSQL %s named by %s (user %s)"
            % (res["version"], ", ".join(env_keys), res["user"])
        )
        return dict(params, kind="environment")

    rc = os.environ.get("ODOO_RC")
    if rc and os.path.isfile(rc):
        cp = configparser.ConfigParser(interpolation=None)
        with contextlib.suppress(configparser.Error):
            cp.read(rc)
        opts = dict(cp.items("options")) if cp.has_section("options") else {}

        def val(k):
            v = opts.get(k)
            return None if v in (None, "", "False", "false", "None") else v

        if any(val(k) for k in ("db_host", "db_port", "db_user", "db_password")):
            params = _db_params_from(
                val("db_host"), val("db_port"), val("db_user"), val("db_password")
            )
            res = _check_usable(
                py,
                params,
                "ODOO_RC=%s" % rc,
                "fix db_host/db_port/db_user/db_password there or unset ODOO_RC",
            )
            info(
                "using the PostgreSQL %s from ODOO_RC=%s (user %s)"
                % (res["version"], rc, res["user"])
            )
            return dict(params, kind="odoo_rc")

    if port_answers(5432, "127.0.0.1") and os.environ.get("CG_PG_EMBEDDED") in (
        None,
        "",
        "0",
    ):
        params = _db_params_from("localhost", 5432, None, None)
        res = pg_probe(py, params)
        user = getpass.getuser()
        if "error" not in res and res["user"] != "postgres" and res["createdb"]:
            info(
                "using the PostgreSQL %s on localhost:5432 (user %s)"
                % (res["version"], res["user"])
            )
            return dict(params, user=res["user"], kind="localhost")
        reason = res.get("error") or (
            "user 'postgres' is refused by Odoo"
            if res.get("user") == "postgres"
            else "role '%s' lacks CREATEDB" % res.get("user")
        )
        info(
            "a PostgreSQL answers on localhost:5432 but is not usable as '%s' (%s): "
            "using an embedded server" % (user, reason)
        )
    return ensure_embedded_pg(py)


def stop_embedded_pg():
    state = _read_state()
    pg = state.get("pg") or {}
    data = pg.get("data") or os.path.join(LOCAL, "pg", "data")
    pid, port = _read_postmaster_pid(data)
    if not pid:
        print("No embedded PostgreSQL is running for this project.")
        return
    bindir = state.get("pg_bindir") or pg.get("bindir") or find_pg_bindir()
    if not bindir:
        raise SetupError(
            "Cannot find pg_ctl to stop the embedded PostgreSQL; kill pid %d." % pid
        )
    run(
        _as_pg_user(
            [os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"]
        ),
        capture=True,
    )
    print("Embedded PostgreSQL (pid %d, port %d) stopped." % (pid, port))


# --------------------------------------------------------------------------
# Step 5: odoo.conf and state
# --------------------------------------------------------------------------


def write_odoo_conf(odoo_dir, pg):
    addons = odoo_addons_paths(odoo_dir) + [ROOT]
    lines = [
        "; Generated by tools/dev.py - do not edit, it is rewritten on every run.",
        "[options]",
        "addons_path = %s" % ",".join(addons),
        "data_dir = %s" % DATA_DIR,
        "db_host = %s" % (pg.get("host") or False),
        "db_port = %s" % (pg.get("port") or False),
        "db_user = %s" % (pg.get("user") or False),
        "db_password = %s" % (pg.get("password") or False),
        "db_name = %s" % RUN_DB,
        "dbfilter = ^%s$" % RUN_DB,
        "http_port = %d" % http_port(),
        "without_demo = False",
        "admin_passwd = admin",
        "max_cron_threads = 1",
        "limit_time_cpu = 600",
        "limit_time_real = 1200",
    ]
    if pg.get("bindir"):
        lines.append("pg_path = %s" % pg["bindir"])
    changed = write_text_if_changed(CONF, "\n".join(lines) + "\n")
    os.makedirs(DATA_DIR, exist_ok=True)
    return changed


def http_port():
    try:
        return int(os.environ.get("CG_HTTP_PORT") or DEFAULT_HTTP_PORT)
    except ValueError as exc:
        raise SetupError("CG_HTTP_PORT must be a port number.") from exc


def _read_state():
    try:
        return json.loads(read_text(STATE_FILE, "{}") or "{}")
    except ValueError:
        return {}


class Env:
    """Everything the set-up found; also saved to .local/state.json."""

    def __init__(self, python, odoo_dir, pg):
        self.python = python
        self.odoo_dir = odoo_dir
        self.pg = pg
        self.conf = CONF

    def odoo_cmd(self, *args):
        """odoo-bin command line; a leading sub-command (shell, ...) stays first."""
        args = list(args)
        sub = [args.pop(0)] if args and not args[0].startswith("-") else []
        base = [self.python] + odoo_launcher(self.odoo_dir)
        return base + sub + ["-c", self.conf] + args

    def subprocess_env(self):
        env = dict(os.environ)
        env.pop("ODOO_RC", None)
        env.pop("OPENERP_SERVER", None)
        env["TZ"] = "UTC"
        env["PYTHONUNBUFFERED"] = "1"
        env["CG_STATE_FILE"] = STATE_FILE
        return env

    def template_name(self):
        """Keyed by the addon's depends and the Odoo source (version, place and
        the date of its release.py, which changes when a new source is
        extracted)."""
        release_py = os.path.join(self.odoo_dir, "odoo", "release.py")
        release = read_text(release_py, "")
        mtime = str(int(os.stat(release_py).st_mtime)) if release else ""
        key = sha256_text(
            TEMPLATE_FORMAT, ",".join(addon_depends()), release, mtime, self.odoo_dir
        )
        return "cg_tmpl_" + key[:12]

    def save(self):
        state = {
            "python": self.python,
            "odoo_dir": self.odoo_dir,
            "odoo_cmd": [self.python] + odoo_launcher(self.odoo_dir),
            "conf": self.conf,
            "data_dir": DATA_DIR,
            "pg": self.pg,
            "pg_bindir": self.pg.get("bindir"),
            "template_db": self.template_name(),
            "addon": ADDON,
            "depends": addon_depends(),
        }
        write_text_if_changed(
            STATE_FILE, json.dumps(state, indent=2, sort_keys=True) + "\n"
        )


def setup_venv(steps):
    steps("Python 3.11")
    python311 = find_python311()
    info("found %s" % python311)

    steps("Odoo 18.0 source")
    odoo_dir = ensure_odoo()
    info("Odoo 18.0 at %s" % odoo_dir)

    steps("Virtualenv (.venv) and Python requirements")
    py = ensure_venv(python311, odoo_dir)
    return py, odoo_dir


def setup(steps):
    py, odoo_dir = setup_venv(steps)

    steps("PostgreSQL")
    pg = ensure_postgres(py)

    steps("Odoo configuration (.local/odoo.conf)")
    changed = write_odoo_conf(odoo_dir, pg)
    info(
        "%s %s" % ("written" if changed else "unchanged:", os.path.relpath(CONF, ROOT))
    )
    env = Env(py, odoo_dir, pg)
    env.save()
    return env


# --------------------------------------------------------------------------
# Database helpers (run inside the venv, which has psycopg2)
# --------------------------------------------------------------------------

_DB = r"""
import json, sys
import psycopg2
args = json.loads(sys.argv[1])
keys = ("host", "port", "user", "password")
kw = {k: v for k, v in args["pg"].items() if k in keys and v}
cnx = psycopg2.connect(dbname=args.get("db") or "postgres", connect_timeout=10, **kw)
cnx.autocommit = True
cr = cnx.cursor()
rows = []
for sql, params in args["queries"]:
    cr.execute(sql, params)
    rows = cr.fetchall() if cr.description else []
print(json.dumps(rows, default=str))
"""


def db_sql(env, queries, db=None, check=True):
    payload = json.dumps({"pg": env.pg, "db": db, "queries": queries})
    proc = run([env.python, "-c", _DB, payload], capture=True, check=False, timeout=600)
    if proc.returncode != 0:
        if not check:
            return None
        msg = (proc.stdout or "").strip().splitlines()
        raise SetupError(
            "A database command failed (%s); check that PostgreSQL is running "
            "(`make run` restarts the embedded one)."
            % (msg[-1] if msg else "no output")
        )
    return json.loads(proc.stdout.strip().splitlines()[-1])


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


def drop_db(env, name):
    db_sql(
        env,
        [
            [
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            ],
            ['DROP DATABASE IF EXISTS "%s"' % name.replace('"', '""'), []],
        ],
    )
    shutil.rmtree(os.path.join(DATA_DIR, "filestore", name), ignore_errors=True)


def create_empty_db(env, name):
    """CREATE DATABASE like Odoo does (UTF8, C collation, pg_trgm if available).

    Creating it here rather than letting Odoo do it avoids Odoo's ERROR log
    line on servers without the pg_trgm extension (e.g. the pgserver wheel).
    """
    db_sql(
        env,
        [
            [
                "CREATE DATABASE \"%s\" ENCODING 'unicode' LC_COLLATE 'C' "
                "TEMPLATE template0" % name,
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


def copy_db(env, template, name):
    db_sql(
        env,
        [
            [
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [template],
            ],
            ['CREATE DATABASE "%s" TEMPLATE "%s"' % (name, template), []],
        ],
    )
    src = os.path.join(DATA_DIR, "filestore", template)
    dst = os.path.join(DATA_DIR, "filestore", name)
    shutil.rmtree(dst, ignore_errors=True)
    if os.path.isdir(src):
        shutil.copytree(src, dst)


def rename_db(env, old, new):
    db_sql(env, [['ALTER DATABASE "%s" RENAME TO "%s"' % (old, new), []]])
    src = os.path.join(DATA_DIR, "filestore", old)
    if os.path.isdir(src):
        dst = os.path.join(DATA_DIR, "filestore", new)
        shutil.rmtree(dst, ignore_errors=True)
        os.rename(src, dst)


# --------------------------------------------------------------------------
# Running Odoo
# --------------------------------------------------------------------------


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


def run_odoo(env, args, log_name, echo="all", stdin_text=None):
    """Run Odoo (to completion), tee its output to .local/logs/<log_name>.

    echo: "all" prints every line, "important" only warnings/errors and
    module-loading progress.  Returns (returncode, LogScan, log path).
    """
    os.makedirs(LOG_DIR, exist_ok=True)
    log = os.path.join(LOG_DIR, log_name)
    cmd = env.odoo_cmd(*args)
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


def _fail_on_log(rc, scan, log, what):
    if rc != 0 or scan.errors:
        for line in scan.errors[-10:]:
            print(_c("31", "      " + line[:400]))
        raise SetupError(
            "%s failed (exit code %s, %d ERROR/CRITICAL log lines; full log: %s); "
            "fix the "
            "errors shown above."
            % (what, rc, len(scan.errors), os.path.relpath(log, ROOT))
        )


# --------------------------------------------------------------------------
# Template database (dependencies installed once)
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


def ensure_template(env, steps):
    deps = addon_depends()
    name = env.template_name()
    title = "Template database %s (dependencies: %s)" % (name, ", ".join(deps))
    if steps:
        steps(title)
    else:
        info(title)
    with file_lock("template"):
        if db_exists(env, name):
            info("reused (keyed by the manifest's depends and the Odoo version)")
            return name
        building = name + "_building"
        drop_db(env, building)
        create_empty_db(env, building)
        info(
            "installing %s with demo data (once; later runs reuse it) ..."
            % ", ".join(deps)
        )
        t0 = time.time()
        rc, scan, log = run_odoo(
            env,
            [
                "-d",
                building,
                "-i",
                ",".join(deps),
                "--stop-after-init",
                "--no-http",
                "--db-filter",
                "^%s$" % building,
                "--log-level",
                "info",
            ],
            "template-%s.log" % name,
            echo="important",
        )
        if rc != 0 or scan.errors:
            drop_db(env, building)
        _fail_on_log(rc, scan, log, "Building the template database")
        # Odoo pregenerates every asset bundle before HttpCase tests (~1 min);
        # doing it once here makes every copy of the template start with them.
        info("pregenerating the web asset bundles (saves a minute per test run) ...")
        rc, scan, log = run_odoo(
            env,
            ["shell", "-d", building, "--no-http", "--db-filter", "^%s$" % building],
            "template-%s-assets.log" % name,
            echo="important",
            stdin_text=PREGENERATE_ASSETS,
        )
        if rc != 0 or scan.errors:
            drop_db(env, building)
        _fail_on_log(rc, scan, log, "Pregenerating the asset bundles of the template")
        rename_db(env, building, name)
        info("template built in %.0fs" % (time.time() - t0))
        # drop templates of older manifests/Odoo versions
        old = db_sql(
            env,
            [
                [
                    "SELECT datname FROM pg_database "
                    "WHERE datname LIKE 'cg\\_tmpl\\_%%' "
                    "AND datname <> %s",
                    [name],
                ]
            ],
        )
        for (old_name,) in old or []:
            info("dropping outdated template %s" % old_name)
            drop_db(env, old_name)
    return name


PREGENERATE_ASSETS = """
env["ir.qweb"]._pregenerate_assets_bundles()
env.cr.commit()
"""


def new_throwaway_db(env, template, prefix="cg_test"):
    name = "%s_%s_%d" % (prefix, time.strftime("%Y%m%d_%H%M%S"), os.getpid())
    copy_db(env, template, name)
    return name


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def _addon_state_file(db):
    return os.path.join(STATE_DIR, "addon-%s.sha256" % db)


def cmd_venv(args):
    setup_venv(Steps(3))
    return 0


def cmd_setup(args):
    env = setup(Steps(5))
    print(
        _c("32", "Set-up complete. Odoo config: %s" % os.path.relpath(env.conf, ROOT))
    )
    return 0


def _check_http_port(port):
    if not port_is_free(port):
        raise SetupError(
            "Port %d is already in use (another Odoo or `make run`?); stop that "
            "process (see `ss -ltnp | grep %d`) or choose another port with "
            "CG_HTTP_PORT=8070 make run." % (port, port)
        )


def ensure_run_db(env, steps, db, update=True):
    steps("Database '%s' with %s and demo data" % (db, ADDON))
    addon_hash = tree_hash(ADDON_DIR)
    state = module_state(env, db) if db_exists(env, db) else "absent"
    if state == "installed":
        if update and read_text(_addon_state_file(db), "").strip() != addon_hash:
            info(
                "addon files changed since the last run: upgrading (-u %s) ..." % ADDON
            )
            rc, scan, log = run_odoo(
                env,
                [
                    "-d",
                    db,
                    "-u",
                    ADDON,
                    "--stop-after-init",
                    "--no-http",
                    "--db-filter",
                    "^%s$" % db,
                ],
                "upgrade-%s.log" % db,
                echo="important",
            )
            _fail_on_log(rc, scan, log, "Upgrading %s in database '%s'" % (ADDON, db))
        else:
            info("exists, %s installed: reused" % ADDON)
    else:
        t0 = time.time()
        if state == "absent":
            # start from the template (dependencies + demo data + web assets),
            # which `make test` then reuses
            template = ensure_template(env, None)
            copy_db(env, template, db)
            info(
                "database '%s' created from %s; installing %s with its demo data ..."
                % (db, template, ADDON)
            )
        else:
            info(
                "database exists but %s is %s: installing it ..."
                % (ADDON, state or "not initialised")
            )
        rc, scan, log = run_odoo(
            env,
            [
                "-d",
                db,
                "-i",
                ADDON,
                "--stop-after-init",
                "--no-http",
                "--db-filter",
                "^%s$" % db,
            ],
            "install-%s.log" % db,
            echo="important",
        )
        _fail_on_log(rc, scan, log, "Installing %s in database '%s'" % (ADDON, db))
        if module_state(env, db) != "installed":
            raise SetupError(
                "%s is not installed in database '%s' after -i (log: %s); read the log."
                % (ADDON, db, os.path.relpath(log, ROOT))
            )
        info("installed in %.0fs" % (time.time() - t0))
    write_text_if_changed(_addon_state_file(db), addon_hash + "\n")


def _banner(port, db):
    url = "http://localhost:%d" % port
    rows = demo_logins()
    w1 = max(len(r[0]) for r in rows + [("Role", "", "")])
    w2 = max(len(r[1]) for r in rows + [("", "Login", "")])
    lines = [
        "",
        "=" * 64,
        "  Odoo 18.0 is serving database '%s' at %s" % (db, url),
        "  Log in at %s/web/login with one of the demo logins:" % url,
        "",
        "    %-*s  %-*s  %s" % (w1, "Role", w2, "Login", "Password"),
    ]
    for role, login, pw in rows:
        lines.append("    %-*s  %-*s  %s" % (w1, role, w2, login, pw))
    lines += ["", "  Stop with Ctrl-C.", "=" * 64, ""]
    print(_c("1;32", "\n".join(lines)), flush=True)


def cmd_run(args):
    t_start = time.time()
    steps = Steps(7)
    port = http_port()
    _check_http_port(port)  # fail fast
    env = setup(steps)
    ensure_run_db(env, steps, RUN_DB, update=not args.no_update)
    steps("Starting Odoo on http://localhost:%d (db filter ^%s$)" % (port, RUN_DB))
    _check_http_port(port)
    cmd = env.odoo_cmd(
        "-d", RUN_DB, "--db-filter", "^%s$" % RUN_DB, "--http-port", str(port)
    )
    info("$ " + " ".join(shlex.quote(c) for c in cmd[1:]))
    proc = subprocess.Popen(cmd, env=env.subprocess_env(), cwd=ROOT)

    def announce():
        deadline = time.time() + 300
        url = "http://127.0.0.1:%d/web/login" % port
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while time.time() < deadline and proc.poll() is None:
            try:
                with opener.open(url, timeout=5) as resp:
                    if resp.status == 200:
                        _banner(port, RUN_DB)
                        info(
                            "ready %.1fs after `make run` started"
                            % (time.time() - t_start)
                        )
                        return
            except (urllib.error.URLError, OSError, socket.timeout):
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


def _odoo_test_args(db, tags=None):
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


def _report_odoo_tests(rc, scan, log, what):
    print(
        _c(
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
        if os.environ.get("CG_REQUIRE_BROWSER") not in (None, "", "0"):
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
            print(_c("31", "      " + line[:400]))
        return False
    return True


def _report_leftovers(env):
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
    if stale:
        info(
            "left over from earlier runs: %s (drop: python3 tools/dev.py dropdb %s)"
            % (", ".join(stale), " ".join(stale))
        )


def cmd_test(args):
    only_odoo = args.only_odoo
    total = 5 + 3 + (0 if only_odoo else 1) + 1
    steps = Steps(total)
    env = setup(steps)
    template = ensure_template(env, steps)

    steps("Throwaway database")
    _report_leftovers(env)
    db = new_throwaway_db(env, template)
    info("created %s from template %s" % (db, template))
    ok = odoo_ok = pytest_ok = False
    summary = None
    try:
        steps("Odoo test runner: -i %s --test-enable (log also in .local/logs)" % ADDON)
        t0 = time.time()
        rc, scan, log = run_odoo(
            env, ["-i", ADDON] + _odoo_test_args(db, args.tags), "test-odoo-%s.log" % db
        )
        odoo_ok = _report_odoo_tests(rc, scan, log, "Odoo's test runner")
        info("Odoo runner took %.0fs" % (time.time() - t0))
        if module_state(env, db) != "installed":
            odoo_ok = False
            warn("%s is not installed in %s after the test run" % (ADDON, db))
        pytest_ok = True
        if not only_odoo:
            steps("pytest (pytest-odoo): %s/tests and tests/" % ADDON)
            pytest_rc, summary = run_pytest(env, db, args.pytest_args)
            pytest_ok = pytest_rc == 0
        ok = odoo_ok and pytest_ok
    finally:
        steps("Cleanup")
        keep = os.environ.get("CG_KEEP_DB") not in (None, "", "0") and not ok
        if keep:
            info(
                "CG_KEEP_DB=1: kept database %s (inspect: tools/dev.py shell --db %s; "
                "drop: tools/dev.py dropdb %s)" % (db, db, db)
            )
        else:
            with contextlib.suppress(Exception):
                drop_db(env, db)
            info("dropped %s" % db)
    if not ok:
        print(
            _c(
                "31",
                "TESTS FAILED: %s"
                % ", ".join(
                    n
                    for n, o in (("Odoo runner", odoo_ok), ("pytest", pytest_ok))
                    if not o
                ),
            )
        )
    if summary:
        print(summary, flush=True)  # keep pytest's summary line last
    elif only_odoo:
        # plain closing line understood by generic CI parsers
        print(
            "odoo: %d passed, %d failed"
            % (
                max(scan.tests - scan.failed - scan.errored, 0),
                scan.failed + scan.errored,
            ),
            flush=True,
        )
    return 0 if ok else 1


def run_pytest(env, db, extra, http=True):
    paths = []
    if extra:
        paths = list(extra)
    else:
        if os.path.isdir(os.path.join(ADDON_DIR, "tests")):
            paths.append(os.path.join(ADDON, "tests"))
        paths.append("tests")
    cmd = [
        env.python,
        "-m",
        "pytest",
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
    ]
    if http:
        cmd.append("--odoo-http")
    cmd += paths
    info("$ pytest " + " ".join(shlex.quote(c) for c in cmd[3:]))
    penv = env.subprocess_env()
    penv["CG_TEST_DB"] = db
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
    with open(os.path.join(LOG_DIR, "pytest-%s.log" % db), "w") as f:
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


def _existing_db(env, db):
    if not db_exists(env, db):
        raise SetupError(
            "Database '%s' does not exist; create it with `make run` (for '%s') or "
            "pass "
            "an existing one with DB=name." % (db, RUN_DB)
        )
    if module_state(env, db) != "installed":
        raise SetupError(
            "%s is not installed in database '%s'; run `make run` or install it first."
            % (ADDON, db)
        )


def cmd_test_update(args):
    steps = Steps(6)
    env = setup(steps)
    steps(
        "Odoo test runner on existing database '%s': -u %s --test-enable"
        % (args.db, ADDON)
    )
    _existing_db(env, args.db)
    rc, scan, log = run_odoo(
        env,
        ["-u", ADDON] + _odoo_test_args(args.db, args.tags),
        "test-update-%s.log" % args.db,
    )
    write_text_if_changed(_addon_state_file(args.db), tree_hash(ADDON_DIR) + "\n")
    ok = _report_odoo_tests(rc, scan, log, "Odoo's test runner")
    print(
        "odoo: %d passed, %d failed"
        % (max(scan.tests - scan.failed - scan.errored, 0), scan.failed + scan.errored)
    )
    return 0 if ok else 1


def cmd_pytest(args):
    steps = Steps(7)
    env = setup(steps)
    ensure_template(env, steps)  # the system tests start from it
    steps("pytest on database '%s'" % args.db)
    if args.db == RUN_DB and not db_exists(env, RUN_DB):
        ensure_run_db(env, Steps(1), RUN_DB)
    _existing_db(env, args.db)
    if args.update:
        info("upgrading %s in '%s' first (-u)" % (ADDON, args.db))
        rc, scan, log = run_odoo(
            env,
            [
                "-d",
                args.db,
                "-u",
                ADDON,
                "--stop-after-init",
                "--no-http",
                "--db-filter",
                "^%s$" % args.db,
            ],
            "upgrade-%s.log" % args.db,
            echo="important",
        )
        _fail_on_log(rc, scan, log, "Upgrading %s" % ADDON)
        write_text_if_changed(_addon_state_file(args.db), tree_hash(ADDON_DIR) + "\n")
    rc, summary = run_pytest(env, args.db, args.pytest_args)
    return rc


def cmd_shell(args):
    env = setup(Steps(5))
    cmd = env.odoo_cmd(
        "shell", "-d", args.db, "--no-http", "--db-filter", "^%s$" % args.db
    )
    return subprocess.call(cmd, env=env.subprocess_env(), cwd=ROOT)


POPULATE_SCRIPT = """
from odoo.addons.community_governance.populate import populate
populate(env, %(size)r, %(models)r, commit=True)
"""


def cmd_populate(args):
    """Benchmark data on DB: created without demo data when it does not exist
    (not from the test template, whose modules were installed with demo), then
    the addon's populate code at SIZE, committed model by model."""
    t_start = time.time()
    steps = Steps(7)
    env = setup(steps)
    db_filter = "^%s$" % args.db
    steps("Database %s (without demo data)" % args.db)
    if not db_exists(env, args.db):
        create_empty_db(env, args.db)
        rc, scan, log = run_odoo(
            env,
            [
                "-d",
                args.db,
                "-i",
                ADDON,
                "--without-demo=all",
                "--stop-after-init",
                "--no-http",
                "--db-filter",
                db_filter,
            ],
            "populate-install-%s.log" % args.db,
            echo="important",
        )
        _fail_on_log(rc, scan, log, "Installing %s in %s" % (ADDON, args.db))
    elif module_state(env, args.db) != "installed":
        raise SetupError(
            "Database %s exists without %s installed; choose another DB=... or "
            "drop it (`python3 tools/dev.py dropdb %s`)." % (args.db, ADDON, args.db)
        )
    else:
        info("reused: the populated records are added to what it has")
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
            db_filter,
            "--log-level",
            "warn",
            "--log-handler",
            "odoo.addons.%s.populate:INFO" % ADDON,
        ],
        "populate-%s.log" % args.db,
        stdin_text=POPULATE_SCRIPT % {"size": args.size, "models": models},
    )
    _fail_on_log(rc, scan, log, "Populating %s" % args.db)
    info("populated %s in %.0fs" % (args.db, time.time() - t_start))
    return 0


def cmd_dropdb(args):
    state = _read_state()
    if not state.get("pg"):
        raise SetupError(
            "No set-up found (.local/state.json); run `make run` or `make test` first."
        )
    env = Env(state["python"], state["odoo_dir"], state["pg"])
    for name in args.names:
        drop_db(env, name)
        print("dropped %s" % name)
    return 0


def cmd_stop(args):
    stop_embedded_pg()
    return 0


def cmd_status(args):
    state = _read_state()
    print(json.dumps(state, indent=2, sort_keys=True) if state else "No set-up yet.")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="tools/dev.py",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command")
    sub.required = True

    sub.add_parser(
        "setup", help="prepare Python, Odoo, .venv, PostgreSQL and odoo.conf"
    )
    sub.add_parser("venv", help="only prepare Python, Odoo and .venv (for lint)")
    p = sub.add_parser("run", help="create/upgrade database 'community' and serve Odoo")
    p.add_argument(
        "--no-update",
        action="store_true",
        help="do not upgrade the addon even if its files changed",
    )

    p = sub.add_parser("test", help="full test suite on a throwaway database")
    p.add_argument("--only-odoo", action="store_true", help="skip pytest (faster)")
    p.add_argument("--tags", help="Odoo --test-tags, e.g. /%s:TestPetition" % ADDON)
    p.add_argument("pytest_args", nargs="*", help="pytest arguments (paths, -k ...)")

    p = sub.add_parser(
        "test-update", help="Odoo's runner with -u on an existing database"
    )
    p.add_argument("--db", default=RUN_DB)
    p.add_argument(
        "--tags", help="Odoo --test-tags, e.g. /%s:TestPetition.test_escalate" % ADDON
    )

    p = sub.add_parser("pytest", help="pytest-odoo on an existing database")
    p.add_argument("--db", default=RUN_DB)
    p.add_argument(
        "-u", "--update", action="store_true", help="upgrade the addon first"
    )
    p.add_argument("pytest_args", nargs=argparse.REMAINDER)

    p = sub.add_parser("shell", help="odoo shell")
    p.add_argument("--db", default=RUN_DB)
    p = sub.add_parser(
        "populate", help="benchmark database: no demo, then populated at a size"
    )
    p.add_argument("--db", default="cg_bench")
    p.add_argument("--size", default="small", choices=("small", "medium", "large"))
    p.add_argument("--models", help="comma-separated models (default: all)")
    p = sub.add_parser("dropdb", help="drop databases (and their filestore)")
    p.add_argument("names", nargs="+")
    sub.add_parser("stop", help="stop the embedded PostgreSQL")
    sub.add_parser("status", help="print the saved set-up state")

    args = parser.parse_args(argv)
    if getattr(args, "pytest_args", None) and args.pytest_args[:1] == ["--"]:
        args.pytest_args = args.pytest_args[1:]
    handler = {
        "setup": cmd_setup,
        "venv": cmd_venv,
        "run": cmd_run,
        "test": cmd_test,
        "test-update": cmd_test_update,
        "pytest": cmd_pytest,
        "shell": cmd_shell,
        "populate": cmd_populate,
        "dropdb": cmd_dropdb,
        "stop": cmd_stop,
        "status": cmd_status,
    }[args.command]
    try:
        return handler(args)
    except SetupError as exc:
        if debug_enabled():
            raise
        print(_c("1;31", "ERROR: %s" % exc), file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - one clean sentence instead of a traceback
        if debug_enabled():
            raise
        print(
            _c(
                "1;31",
                "ERROR: unexpected %s: %s; run again with CG_DEBUG=1 for the "
                "traceback." % (type(exc).__name__, exc),
            ),
            file=sys.stderr,
            flush=True,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
