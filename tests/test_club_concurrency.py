"""Club memberships under real concurrent requests (issue 13): a resident
asking five times at once to join a club has one request."""

import pytest
from concurrency import at_once

pytestmark = pytest.mark.system


def test_one_request_to_join_sent_five_times(
    live_server, attack_world, portal_login, write_watch
):
    club = attack_world.fixtures["club_id"]
    login = attack_world.fixtures["logins"]["r09"]
    resident = portal_login(login)
    csrf = resident.csrf("/my")
    at_once(
        live_server,
        5,
        lambda _i: resident.post(f"/my/clubs/{club}/join", data={"csrf_token": csrf}),
    )
    assert (
        write_watch.sql(
            "SELECT count(*) FROM community_club_membership m"
            " JOIN res_users u ON u.partner_id = m.partner_id"
            " WHERE m.club_id = %s AND u.login = %s AND m.state != 'left'",
            (club, login),
        )[0][0]
        == 1
    )
