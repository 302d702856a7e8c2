"""A real Odoo server for system tests that need real concurrent requests.

``live_server`` (see conftest.py) installs the addon with its demo data on a
fresh database copied from the template, serves it with Odoo's threaded HTTP
server on a free port (each request in its own thread and transaction, as in
production without workers), and stops it and drops the database at the end
of the session.

    def test_something(live_server):
        resident = live_server.login("resident")      # password = login
        page = resident.get("/my/petitions")
        token = resident.csrf("/my/petitions/new")
        results = concurrently(5, lambda i: resident.post(url, data={...}))
        live_server.rpc(resident, "community.petition", "search_count", [[]])
        live_server.shell("env['res.partner'].search([], limit=1)")  # setup

Everything a test writes through the server is committed: tests create their
own records (or use the demo's) and do not rely on being alone.
"""

import json
import os
import re
import socket
import subprocess
import threading
import time

import requests

CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"|csrf_token: "([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def concurrently(count, call, timeout=120):
    """Run ``call(i)`` for i in range(count) in threads released at the same
    instant (a barrier); return the results (or exceptions) in order."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait(timeout)
            results[i] = call(i)
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


class Browser(requests.Session):
    """A logged-in (or anonymous) HTTP session on the live server."""

    def __init__(self, server, login=None):
        super().__init__()
        self.server = server
        self.login_name = login

    def request(self, method, url, *args, **kwargs):
        if url.startswith("/"):
            url = self.server.url + url
        kwargs.setdefault("timeout", 60)
        kwargs.setdefault("allow_redirects", True)
        return super().request(method, url, *args, **kwargs)

    def csrf(self, url="/my"):
        """The CSRF token of this session, read from the page ``url``."""
        page = self.get(url)
        match = CSRF_RE.search(page.text)
        assert match, f"no CSRF token on {url} (status {page.status_code})"
        return match.group(1) or match.group(2)

    def post_form(self, url, data=None, files=None, csrf=True, form_url="/my"):
        data = dict(data or {})
        if csrf and "csrf_token" not in data:
            data["csrf_token"] = self.csrf(form_url)
        return self.post(url, data=data, files=files)


class LiveServer:
    def __init__(self, odoo, db, log_name=None):
        self.odoo = odoo
        self.db = db
        self.log_name = log_name or f"live-{db}.log"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.log = None

    # ------------------------------------------------------------------ life
    def start(self, timeout=180, extra_args=()):
        from cgdev.common import LOG_DIR

        os.makedirs(LOG_DIR, exist_ok=True)
        self.log = os.path.join(LOG_DIR, self.log_name)
        cmd = self.odoo.env.odoo_cmd(
            "-d",
            self.db,
            "--db-filter",
            f"^{self.db}$",
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(self.port),
            "--max-cron-threads",
            "0",
            *extra_args,
        )
        self._out = open(self.log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            cmd,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            env=self.odoo.env.subprocess_env(),
        )
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"the server stopped at start (log: {self.log})")
            try:
                if requests.get(self.url + "/web/login", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise AssertionError(f"the server did not answer in {timeout}s ({self.log})")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.log:
            self._out.close()

    def mark(self):
        """From now on error_lines() reads what the server logs after this
        point: one server serves the whole session, and some tests make it
        log errors on purpose (conftest marks it before each test)."""
        self._out.flush()
        self._mark = os.path.getsize(self.log)

    def error_lines(self):
        """ERROR/CRITICAL lines the server logged since the current test
        started (tracebacks of 500s)."""
        from cgdev.runner import LogScan

        scan = LogScan()
        self._out.flush()
        with open(self.log, errors="replace") as f:
            f.seek(getattr(self, "_mark", 0))
            for line in f:
                scan.feed(line)
        return scan.errors

    # -------------------------------------------------------------- sessions
    def browser(self):
        return Browser(self)

    def login(self, login, password=None):
        """A session logged in as ``login`` (demo passwords equal logins)."""
        browser = Browser(self, login)
        response = browser.post(
            "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "db": self.db,
                    "login": login,
                    "password": password or login,
                },
            },
        )
        result = response.json()
        assert result.get("result", {}).get("uid"), f"login {login} refused: {result}"
        return browser

    def rpc(self, browser, model, method, args=(), kwargs=None):
        """``model.method(*args, **kwargs)`` over JSON-RPC as the browser's
        user; returns the result, or the error dict (``{'error': ...}``)."""
        response = browser.post(
            "/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs or {},
                },
            },
        )
        body = response.json()
        if "error" in body:
            return {"error": body["error"]}
        return body["result"]

    def shell(self, script, what="shell script"):
        """Run ``script`` in ``odoo shell`` on the server's database (it is
        committed at the end); return what it printed with ``print(json)`` on a
        line starting with ``CG_JSON `` (or None)."""
        script = script + "\nenv.cr.commit()\n"
        scan, log = self.odoo._run_clean(what, self.db, "shell", stdin=script)
        with open(log, errors="replace") as f:
            found = [line[8:] for line in f if line.startswith("CG_JSON ")]
        return json.loads(found[-1]) if found else None
