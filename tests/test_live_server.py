"""The live server used by the concurrency and attack suites answers as the
portal does: logins, CSRF tokens, JSON-RPC, and really concurrent requests."""

import pytest
from live import concurrently

pytestmark = pytest.mark.system


def test_live_server_serves_the_portal(live_server):
    resident = live_server.login("resident")
    page = resident.get("/my/petitions")
    assert page.status_code == 200
    assert resident.csrf("/my/petitions")
    count = live_server.rpc(resident, "community.petition", "search_count", [[]])
    assert isinstance(count, int) and count > 0
    refused = live_server.rpc(resident, "community.petition", "unlink", [[1]])
    assert "error" in refused


def test_simultaneous_requests_all_answer(live_server):
    """Ten requests released at the same instant (threads behind a barrier)
    each get their page: the threaded server serves them side by side."""
    resident = live_server.login("resident")
    # the server is shared by the session: the fault and attack suites log
    # errors on purpose (PostgreSQL stopped, bad JSON-RPC arguments)
    errors_before = len(live_server.error_lines())
    results = concurrently(10, lambda _i: resident.get("/my/petitions").status_code)
    assert results == [200] * 10, results
    assert not live_server.error_lines()[errors_before:]
