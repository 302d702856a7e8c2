"""What the concurrency cases share: releasing requests at one instant
(live.concurrently), telling their answers apart, and the server's error
lines they must not add."""

from live import concurrently

FAILED = "failed"


def status(result):
    """The HTTP status of a response (200 for a JSON-RPC result), or FAILED
    for an exception (a refused connection, a timeout)."""
    if isinstance(result, Exception):
        return FAILED
    return getattr(result, "status_code", 200)


def at_once(live_server, count, call):
    """``call(i)`` for i < count released together; the results, after
    checking that none crashed (HTTP 5xx, an exception, an error line in the
    server's log)."""
    errors_before = len(live_server.error_lines())
    results = concurrently(count, call)
    statuses = [status(r) for r in results]
    assert all(s != FAILED and s < 500 for s in statuses), results
    new_errors = live_server.error_lines()[errors_before:]
    assert not new_errors, "\n".join(new_errors[:5])
    return results


def rpc_error(result):
    return isinstance(result, dict) and "error" in result


def rpc_message(result):
    return result["error"]["data"]["message"] if rpc_error(result) else ""


def residents(world, portal_login, numbers):
    """(logins, sessions, CSRF tokens) of the suite's residents r<number>."""
    logins = [world.fixtures["logins"][f"r{n:02d}"] for n in numbers]
    sessions = [portal_login(login) for login in logins]
    return logins, sessions, [s.csrf("/my") for s in sessions]
