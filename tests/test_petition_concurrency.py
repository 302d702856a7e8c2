"""Petitions' "only once" rules under real concurrent requests (issue 13):
one form raises one petition, a resident co-signs once, the co-signature
threshold is reached once, a petition is rated once, a department is
summoned once at a time."""

import re

import pytest
from concurrency import at_once, residents, rpc_error

pytestmark = pytest.mark.system


def _count(watch, query, *params):
    return watch.sql(query, params)[0][0]


def test_one_form_sent_five_times_raises_one_petition(
    live_server, attack_world, portal_login, write_watch
):
    resident = portal_login(attack_world.fixtures["logins"]["r08"])
    page = resident.get("/my/petitions/new")
    token = re.search(r'name="form_token" value="([^"]+)"', page.text).group(1)
    title = f"Five at once {token[:6]}"
    data = {
        "csrf_token": resident.csrf("/my/petitions/new"),
        "form_token": token,
        "title": title,
        "description": "The same form sent five times at the same instant.",
        "category_id": attack_world.fixtures["private_category_id"],
        "area_id": attack_world.fixtures["home_area_id"],
    }
    results = at_once(
        live_server,
        5,
        lambda _i: resident.post("/my/petitions/new", data=data, allow_redirects=False),
    )
    assert all(r.status_code == 303 for r in results), [r.status_code for r in results]
    # every answer leads to the one petition
    assert len({r.headers["Location"] for r in results}) == 1
    assert (
        _count(
            write_watch,
            "SELECT count(*) FROM community_petition WHERE title = %s",
            title,
        )
        == 1
    )


def test_a_resident_cosigns_once(live_server, attack_world, portal_login, write_watch):
    petition = attack_world.fixtures["petitions"]["cosigned_once"]
    resident = portal_login(attack_world.fixtures["logins"]["r02"])
    csrf = resident.csrf("/my")
    at_once(
        live_server,
        5,
        lambda _i: resident.post(
            f"/my/petitions/{petition}/cosign", data={"csrf_token": csrf}
        ),
    )
    assert (
        _count(
            write_watch,
            "SELECT count(*) FROM community_petition_signature s"
            " JOIN res_users u ON u.partner_id = s.partner_id"
            " WHERE s.petition_id = %s AND u.login = %s",
            petition,
            attack_world.fixtures["logins"]["r02"],
        )
        == 1
    )


def test_the_cosign_threshold_is_reached_once(
    live_server, attack_world, portal_login, write_watch
):
    """Five neighbours co-sign at once a petition whose category obliges the
    office to answer from three: five signatures, the threshold reached
    once (one timeline step, one date)."""
    petition = attack_world.fixtures["petitions"]["cosigned"]
    logins, sessions, tokens = residents(attack_world, portal_login, range(3, 8))
    at_once(
        live_server,
        5,
        lambda i: sessions[i].post(
            f"/my/petitions/{petition}/cosign", data={"csrf_token": tokens[i]}
        ),
    )
    count = "SELECT count(*) FROM community_petition_signature WHERE petition_id = %s"
    assert _count(write_watch, count, petition) == 5
    assert (
        _count(
            write_watch,
            "SELECT signature_count FROM community_petition WHERE id = %s",
            petition,
        )
        == 5
    )
    assert (
        _count(
            write_watch,
            "SELECT count(*) FROM community_petition_log WHERE petition_id = %s"
            " AND event = 'cosign'",
            petition,
        )
        == 1
    )
    assert (
        _count(
            write_watch,
            "SELECT count(*) FROM community_petition WHERE id = %s"
            " AND date_cosign_reached IS NOT NULL AND level = 'office'",
            petition,
        )
        == 1
    )


def test_a_petition_is_rated_once(live_server, attack_world, portal_login, write_watch):
    petition = attack_world.fixtures["petitions"]["rated"]
    raiser = portal_login(attack_world.fixtures["logins"]["r02"])
    csrf = raiser.csrf("/my")
    at_once(
        live_server,
        5,
        lambda i: raiser.post(
            f"/my/petitions/{petition}/rate",
            data={"csrf_token": csrf, "rating": str(i + 1), "comment": f"take {i}"},
        ),
    )
    assert (
        _count(
            write_watch,
            "SELECT count(*) FROM rating_rating WHERE res_model = 'community.petition'"
            " AND res_id = %s AND consumed",
            petition,
        )
        == 1
    )


def test_a_department_is_summoned_once_at_a_time(
    live_server, attack_world, portal_login, write_watch
):
    """The community officer and the manager blow the whistle for the same
    department at the same instant (JSON-RPC): one dispatch."""
    petition = attack_world.fixtures["petitions"]["dispatched"]
    department = attack_world.fixtures["department_id"]
    offices = [portal_login("officer"), portal_login("manager")]
    results = at_once(
        live_server,
        4,
        lambda i: live_server.rpc(
            offices[i % 2], "community.petition", "dispatch", [[petition], [department]]
        ),
    )
    assert sum(1 for r in results if not rpc_error(r)) == 1, results
    assert (
        _count(
            write_watch,
            "SELECT count(*) FROM community_petition_dispatch WHERE petition_id = %s"
            " AND department_id = %s AND state IN ('summoned', 'acknowledged')",
            petition,
            department,
        )
        == 1
    )
