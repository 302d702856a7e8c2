"""Owners' deliberation under real concurrent requests (live server, demo
data): a unit's ballots sent at the same instant from the portal and by the
office count once; a double-submitted opinion or supervision report is one
record."""

import re

import pytest
from live import concurrently

pytestmark = pytest.mark.system

FLASH_RE = re.compile(r'class="alert alert-(\w+) o_cg_flash"[^>]*>([^<]*)<')


def _flash(response):
    match = FLASH_RE.search(response.text)
    return match and (match.group(1), match.group(2).strip())


def _shell_json(live_server, expression):
    return live_server.shell(
        f"import json\nprint('CG_JSON ' + json.dumps({expression}))"
    )


def test_simultaneous_ballots_for_one_unit_count_once(live_server):
    """王秀英 (resident) votes for her unit of Oucheng Garden in four browser
    sessions at once, while the office records a paper ballot for the same
    unit twice over JSON-RPC: exactly one ballot is cast, the others are
    refused with the message that the unit already voted."""
    sessions = [live_server.login("resident") for _i in range(4)]
    ballots = live_server.rpc(
        sessions[0],
        "community.deliberation.ballot",
        "search_read",
        [[["state", "=", "pending"], ["deliberation_id.state", "=", "voting"]]],
        {"fields": ["deliberation_id", "unit_id"]},
    )
    assert len(ballots) == 1, ballots
    ballot = ballots[0]
    matter_id, unit_id = ballot["deliberation_id"][0], ballot["unit_id"][0]
    url = f"/my/deliberations/{matter_id}"
    tokens = [session.csrf(url) for session in sessions]
    manager = live_server.login("manager")
    choices = ["yes", "no", "abstain", "yes"]

    def vote(i):
        if i < 4:
            return sessions[i].post(
                f"{url}/vote",
                data={
                    "csrf_token": tokens[i],
                    "ballot_id": ballot["id"],
                    "choice": choices[i],
                },
            )
        return live_server.rpc(
            manager,
            "community.deliberation",
            "record_ballots",
            [[matter_id], [{"unit_id": unit_id, "choice": "no", "channel": "paper"}]],
        )

    results = concurrently(6, vote)
    portal, office = results[:4], results[4:]
    assert all(r.status_code == 200 for r in portal), portal
    flashes = [_flash(r) for r in portal]
    recorded = [f for f in flashes if f and f[0] == "success"]
    office_ok = [r for r in office if r is True]
    refused_office = [r for r in office if isinstance(r, dict) and "error" in r]
    assert len(recorded) + len(office_ok) == 1, (flashes, office)
    for kind, message in (f for f in flashes if f not in recorded):
        assert kind == "danger" and "already voted" in message, message
    for error in refused_office:
        assert "already voted" in error["error"]["data"]["message"], error
    state = _shell_json(
        live_server,
        f"env['community.deliberation.ballot'].search_read("
        f"[('deliberation_id', '=', {matter_id}), ('unit_id', '=', {unit_id})], "
        f"['state', 'choice', 'channel'])",
    )
    assert len(state) == 1 and state[0]["state"] == "cast", state
    expected_channel = "portal" if recorded else "paper"
    assert state[0]["channel"] == expected_channel, state
    assert not live_server.error_lines()


def test_double_submitted_opinion_is_one(live_server):
    matter_id = _shell_json(
        live_server,
        "env.ref('community_governance.deliberation_oc_dogs_demo').id",
    )
    url = f"/my/deliberations/{matter_id}"
    sessions = [live_server.login("resident") for _i in range(3)]
    tokens = [session.csrf(url) for session in sessions]
    results = concurrently(
        3,
        lambda i: sessions[i].post(
            f"{url}/opinion",
            data={
                "csrf_token": tokens[i],
                "text": "请规定遛狗时间，电梯内必须牵绳。",
                "stance": "suggest",
            },
        ),
    )
    assert all(r.status_code == 200 for r in results), results
    count = _shell_json(
        live_server,
        f"env['community.deliberation.opinion'].search_count(["
        f"('deliberation_id', '=', {matter_id}), ('partner_id', '=', "
        f"env.ref('community_governance.partner_wang_xiuying_demo').id)])",
    )
    assert count == 1
    assert not live_server.error_lines()


def test_double_submitted_supervision_report_is_one(live_server):
    matter_id = _shell_json(
        live_server,
        "env.ref('community_governance.deliberation_oc_lifts_demo').id",
    )
    url = f"/my/deliberations/{matter_id}"
    sessions = [live_server.login("supervisor") for _i in range(3)]
    page = sessions[0].get(url)
    key = re.search(r'name="form_key" value="([^"]+)"', page.text).group(1)
    tokens = [session.csrf(url) for session in sessions]
    before = _shell_json(
        live_server,
        f"env['community.deliberation.supervision'].search_count("
        f"[('deliberation_id', '=', {matter_id})])",
    )
    results = concurrently(
        3,
        lambda i: sessions[i].post(
            f"{url}/report",
            data={
                "csrf_token": tokens[i],
                "text": "投票箱已封存，民警在场。",
                "finding": "in_order",
                "form_key": key,
            },
        ),
    )
    assert all(r.status_code == 200 for r in results), results
    after = _shell_json(
        live_server,
        f"env['community.deliberation.supervision'].search_count("
        f"[('deliberation_id', '=', {matter_id})])",
    )
    assert after == before + 1
    assert not live_server.error_lines()
