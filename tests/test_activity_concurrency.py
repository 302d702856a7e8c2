"""Activities under real concurrent requests (issue 13): five residents
racing for the last seat leave one registered, a resident registering five
times at once is registered once, checking in five times at once checks in
once."""

import pytest
from concurrency import at_once, residents

pytestmark = pytest.mark.system


def _registrations(watch, event, login=None, states=("open", "done")):
    query = (
        "SELECT count(*) FROM event_registration r"
        " JOIN res_users u ON u.partner_id = r.partner_id"
        " WHERE r.event_id = %s AND r.state = ANY(%s) AND r.active"
    )
    params = [event, list(states)]
    if login:
        query += " AND u.login = %s"
        params.append(login)
    return watch.sql(query, params)[0][0]


def test_five_residents_for_the_last_seat(
    live_server, attack_world, portal_login, write_watch
):
    event = attack_world.fixtures["one_seat_event_id"]
    logins, sessions, tokens = residents(attack_world, portal_login, range(1, 6))
    at_once(
        live_server,
        5,
        lambda i: sessions[i].post(
            f"/my/activities/{event}/register", data={"csrf_token": tokens[i]}
        ),
    )
    assert _registrations(write_watch, event) == 1


def test_one_resident_registers_five_times_at_once(
    live_server, attack_world, portal_login, write_watch
):
    event = attack_world.fixtures["open_event_id"]
    login = attack_world.fixtures["logins"]["r06"]
    resident = portal_login(login)
    csrf = resident.csrf("/my")
    at_once(
        live_server,
        5,
        lambda _i: resident.post(
            f"/my/activities/{event}/register", data={"csrf_token": csrf}
        ),
    )
    assert _registrations(write_watch, event, login, ("open", "done", "draft")) == 1


def test_checking_in_five_times_at_once(
    live_server, attack_world, portal_login, write_watch
):
    event = attack_world.fixtures["open_event_id"]
    login = attack_world.fixtures["logins"]["r04"]
    resident = portal_login(login)
    csrf = resident.csrf("/my")
    code = attack_world.fixtures["open_event_code"]
    at_once(
        live_server,
        5,
        lambda _i: resident.post(
            f"/my/activities/{event}/checkin", data={"csrf_token": csrf, "code": code}
        ),
    )
    assert _registrations(write_watch, event, login, ("done",)) == 1
