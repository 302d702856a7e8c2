"""PostgreSQL: the server named by PG*/ODOO_RC, one on localhost, or an
embedded one under .local/pg started with the machine's binaries."""

import configparser
import contextlib
import getpass
import glob
import json
import os
import re
import shutil
import subprocess
import sys

from .common import (
    DEFAULT_PG_PORT,
    LOCAL,
    PG_SUPERUSER,
    ROOT,
    STATE_FILE,
    SetupError,
    info,
    is_root,
    pip_env,
    port_answers,
    port_is_free,
    read_text,
    run,
    sha256_text,
    tail,
)


def read_state():
    """The saved set-up (.local/state.json), {} when there is none."""
    try:
        return json.loads(read_text(STATE_FILE, "{}") or "{}")
    except ValueError:
        return {}


def pg_probe(params):
    """Connect to the server named by params: user, CREATEDB right, version."""
    import psycopg2  # the venv's (cgdev runs there)

    kw = {k: v for k, v in params.items() if v not in (None, "", False)}
    kw.setdefault("dbname", "postgres")
    kw["connect_timeout"] = 5
    try:
        cnx = psycopg2.connect(**kw)
        try:
            cr = cnx.cursor()
            cr.execute(
                "SELECT current_user, rolsuper OR rolcreatedb, "
                "current_setting('server_version') "
                "FROM pg_roles WHERE rolname = current_user"
            )
            user, can_create, version = cr.fetchone()
        finally:
            cnx.close()
    except psycopg2.Error as exc:
        msg = str(exc).strip()
        return {"error": msg.splitlines()[0] if msg else repr(exc)}
    return {"user": user, "createdb": can_create, "version": version}


def _db_params_from(host, port, user, password):
    return {
        "host": host or None,
        "port": int(port) if port else None,
        "user": user or None,
        "password": password or None,
    }


def _check_usable(params, origin, fix):
    res = pg_probe(params)
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


def pgserver_bindir():
    py = sys.executable
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
    if not is_root():
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
    if is_root():
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
    if is_root():
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


def ensure_embedded_pg():
    params = {"host": "127.0.0.1", "user": PG_SUPERUSER, "password": None}
    # reuse a running embedded server (fast path: no user/permission checks)
    for base in (os.path.join(LOCAL, "pg"), _alt_embedded_base()):
        data = os.path.join(base, "data")
        pid, port = _read_postmaster_pid(data)
        if not pid:
            continue
        params["port"] = port
        res = pg_probe(params)
        if "error" not in res:
            info(
                "embedded PostgreSQL %s already running (pid %d, port %d, data %s)"
                % (res["version"].split()[0], pid, port, data)
            )
            bindir = read_state().get("pg_bindir") or find_pg_bindir()
            return dict(params, kind="embedded", data=data, bindir=bindir)

    base = embedded_base()
    data = os.path.join(base, "data")
    sock = os.path.join(base, "run")
    logfile = os.path.join(base, "postgresql.log")

    bindir = find_pg_bindir() or pgserver_bindir()
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
            "# --- added by tools/cgdev (embedded development server) ---",
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
    if is_root() and not os.path.exists(logfile):
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
        text=True,
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
    res = pg_probe(params)
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


def ensure_postgres():
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
        res = pg_probe(params)
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
    return ensure_embedded_pg()


def stop_embedded_pg():
    state = read_state()
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
