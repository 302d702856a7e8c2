"""Production serving: Odoo with ``--workers`` (``make run WORKERS=N``), prefork
HTTP workers and the gevent worker that serves ``/websocket``. The venv once
killed the gevent worker at import (pkg_resources could not resolve
``zope.interface``), respawning it twice a second: the portal answered, the
bus never did."""

import json
import time

import pytest
import requests
import websocket
from live import LiveServer, free_port

pytestmark = pytest.mark.system

GEVENT_STARTED = "Evented Service (longpolling) running on"


@pytest.fixture
def workers_server(live_server):
    """The live server's database served with two HTTP workers and the
    gevent worker, on ports of their own."""
    server = LiveServer(
        live_server.odoo, live_server.db, log_name=f"workers-{live_server.db}.log"
    )
    server.gevent_port = free_port()
    server.start(
        extra_args=("--workers", "2", "--gevent-port", str(server.gevent_port))
    )
    health = f"http://127.0.0.1:{server.gevent_port}/websocket/health"
    deadline = time.time() + 120
    while True:  # the gevent worker is a process of its own, started after
        try:
            if requests.get(health, timeout=5).status_code == 200:
                break
        except requests.RequestException:
            pass
        if time.time() > deadline:
            server.stop()
            raise AssertionError(f"no gevent worker on {health} ({server.log})")
        time.sleep(0.5)
    try:
        yield server
    finally:
        server.stop()


def _log(server):
    server._out.flush()
    with open(server.log, errors="replace") as f:
        return f.read()


def test_workers_serve_the_portal_and_the_websocket(workers_server):
    resident = workers_server.login("resident")
    page = resident.get("/my/petitions")
    assert page.status_code == 200
    assert "/my/petitions/" in page.text

    origin = f"http://127.0.0.1:{workers_server.gevent_port}"
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{workers_server.gevent_port}/websocket",
        cookie=f"session_id={resident.cookies['session_id']}",
        origin=origin,
        timeout=15,
    )
    try:
        assert ws.getstatus() == 101, "the /websocket upgrade"
        ws.send(
            json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
        )
        ws.ping()
        assert ws.connected
    finally:
        ws.close()

    time.sleep(2)  # a dying gevent worker would have been respawned by now
    log = _log(workers_server)
    assert "DistributionNotFound" not in log
    assert log.count(GEVENT_STARTED) == 1, "the gevent worker started once"
    assert not workers_server.error_lines()
