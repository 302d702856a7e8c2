"""The duty rota under real concurrent requests (issue 13): five residents
each taking two overlapping slots at the same instant keep one each (the
person's row is locked before the overlap check), and five residents racing
for one slot leave it to one."""

import pytest
from concurrency import at_once, residents

pytestmark = pytest.mark.system


def test_overlapping_slots_taken_at_once(
    live_server, attack_world, portal_login, write_watch
):
    pairs = attack_world.fixtures["slot_pairs"]
    logins, sessions, tokens = residents(attack_world, portal_login, range(1, 6))

    def take(i):
        person, slot = divmod(i, 2)
        return sessions[person].post(
            f"/my/rota/{pairs[person][slot]}/take",
            data={"csrf_token": tokens[person]},
        )

    at_once(live_server, 10, take)
    for person, pair in enumerate(pairs):
        taken = write_watch.sql(
            "SELECT count(*) FROM community_steward_slot s"
            " JOIN res_users u ON u.partner_id = s.partner_id"
            " WHERE s.id = ANY(%s) AND u.login = %s",
            (pair, logins[person]),
        )[0][0]
        assert taken == 1, f"{logins[person]} holds {taken} of two overlapping slots"


def test_one_slot_raced_for_by_five(
    live_server, attack_world, portal_login, write_watch
):
    slot = attack_world.fixtures["slot_raced"]
    logins, sessions, tokens = residents(attack_world, portal_login, range(6, 11))
    results = at_once(
        live_server,
        5,
        lambda i: sessions[i].post(
            f"/my/rota/{slot}/take", data={"csrf_token": tokens[i]}
        ),
    )
    won = sum("The slot is yours" in r.text for r in results)
    assert won == 1, [r.status_code for r in results]
    assert (
        write_watch.sql(
            "SELECT count(*) FROM community_steward_slot WHERE id = %s"
            " AND partner_id IS NOT NULL",
            (slot,),
        )[0][0]
        == 1
    )
