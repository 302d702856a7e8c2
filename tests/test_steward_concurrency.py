"""Steward terms under real concurrent requests (issue 13): two officers
appointing a stairwell steward each for the same stairwell at the same
instant leave one serving (at most one per stairwell)."""

import pytest
from concurrency import at_once, rpc_error

pytestmark = pytest.mark.system


def test_two_stewards_appointed_at_once_for_one_stairwell(
    live_server, attack_world, portal_login, write_watch
):
    terms = attack_world.fixtures["candidate_term_ids"]
    offices = [portal_login("officer"), portal_login("manager")]
    results = at_once(
        live_server,
        2,
        lambda i: live_server.rpc(
            offices[i], "community.steward", "action_appoint", [[terms[i]]]
        ),
    )
    assert sum(1 for r in results if not rpc_error(r)) == 1, results
    assert (
        write_watch.sql(
            "SELECT count(*) FROM community_steward WHERE id = ANY(%s)"
            " AND state = 'active'",
            (terms,),
        )[0][0]
        == 1
    )
