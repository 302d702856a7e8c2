"""Door-to-door surveys under real simultaneous requests (a threaded server,
tests/live.py): a visit recorded at once from two phones ends as one visit
with one interview; a campaign opened twice at once makes one visit per
household; the same new household registered from two phones is one
household; a need added while the office closes the campaign is never left
new in a closed campaign."""

import re

import pytest
from live import concurrently

pytestmark = pytest.mark.system

SETUP = """
import json
env = env(context=dict(env.context, tracking_disable=True))
ref = env.ref
officer = ref("community_governance.user_officer_demo")
campaign = env["community.survey.campaign"].create({
    "name": "Concurrency %(tag)s",
    "community_id": ref("community_governance.area_yjm_demo").id,
    "area_ids": [(6, 0, ref("community_governance.area_yjm_g1_b1_u1_demo").ids)],
    "survey_id": ref("community_governance.survey_stairwell_demo").id,
    "user_id": officer.id,
})
if %(open)s:
    campaign.with_user(officer).action_open()
survey = campaign.survey_id
print("CG_JSON " + json.dumps({
    "campaign": campaign.id,
    "visits": {v.unit_number: v.id for v in campaign.visit_ids},
    "entrance": ref("community_governance.area_yjm_g1_b1_u1_demo").id,
    "meeting": ref("community_governance.survey_stairwell_q_meeting_demo").id,
    "yes": ref("community_governance.survey_stairwell_a_yes_demo").id,
    "problem": ref("community_governance.survey_stairwell_q_problem_demo").id,
    "clutter": ref("community_governance.survey_stairwell_a_clutter_demo").id,
}))
"""


def _setup(live_server, tag, open_it=True):
    return live_server.shell(
        SETUP % {"tag": tag, "open": open_it}, what=f"survey campaign {tag}"
    )


def _counts(live_server, **queries):
    """{name: count} of ``queries`` ({name: (model, domain)}), in one shell."""
    return live_server.shell(
        "import json\n"
        f"queries = {queries!r}\n"
        "print('CG_JSON ' + json.dumps({name: env[model].search_count(domain) "
        "for name, (model, domain) in queries.items()}))",
        what="counts",
    )


def test_a_visit_recorded_from_two_phones_ends_as_one_visit(live_server):
    data = _setup(live_server, "two phones")
    visit_id = data["visits"]["302"]
    phones = [live_server.login("steward") for _ in range(4)]
    url = f"/my/surveys/visits/{visit_id}/interview"
    tokens = [phone.csrf(f"/my/surveys/visits/{visit_id}") for phone in phones]
    form = {
        f"q{data['meeting']}": str(data["yes"]),
        f"q{data['problem']}": str(data["clutter"]),
        "channel": "door",
    }
    results = concurrently(
        len(phones),
        lambda i: phones[i].post(url, data=dict(form, csrf_token=tokens[i])),
    )
    for response in results:
        assert not isinstance(response, Exception), response
        assert response.status_code == 200, response.status_code
        assert "are saved" in response.text
    counts = _counts(
        live_server,
        answers=("survey.user_input", [("community_visit_id", "=", visit_id)]),
        interviews=(
            "community.survey.attempt",
            [("visit_id", "=", visit_id), ("outcome", "=", "interviewed")],
        ),
        interviewed=(
            "community.survey.visit",
            [("id", "=", visit_id), ("state", "=", "interviewed")],
        ),
    )
    assert counts == {"answers": 1, "interviews": 1, "interviewed": 1}
    assert not live_server.error_lines()


def test_a_door_tapped_not_home_from_two_phones_is_one_try(live_server):
    data = _setup(live_server, "not home")
    visit_id = data["visits"]["501"]
    phones = [live_server.login("steward") for _ in range(3)]
    url = f"/my/surveys/visits/{visit_id}/attempt"
    tokens = [phone.csrf(f"/my/surveys/visits/{visit_id}") for phone in phones]
    results = concurrently(
        len(phones),
        lambda i: phones[i].post(
            url, data={"outcome": "not_home", "csrf_token": tokens[i]}
        ),
    )
    texts = [r.text for r in results if not isinstance(r, Exception)]
    assert len(texts) == len(phones)
    assert sum("counted once" in text for text in texts) == len(phones) - 1
    counts = _counts(
        live_server, tries=("community.survey.attempt", [("visit_id", "=", visit_id)])
    )
    assert counts == {"tries": 1}
    assert not live_server.error_lines()


def test_a_campaign_opened_twice_at_once_visits_each_household_once(live_server):
    data = _setup(live_server, "open twice", open_it=False)
    offices = [live_server.login("officer") for _ in range(3)]
    results = concurrently(
        len(offices),
        lambda i: live_server.rpc(
            offices[i], "community.survey.campaign", "action_open", [[data["campaign"]]]
        ),
    )
    opened = [r for r in results if r is True]
    refused = [r for r in results if isinstance(r, dict) and "error" in r]
    assert len(opened) == 1, results
    assert len(refused) == len(offices) - 1
    assert all("is open" in str(r["error"]) for r in refused)
    counts = _counts(
        live_server,
        visits=("community.survey.visit", [("campaign_id", "=", data["campaign"])]),
        households=(
            "community.household",
            [("area_id", "=", data["entrance"]), ("registry_state", "=", "confirmed")],
        ),
    )
    assert counts == {"visits": 5, "households": 5}
    assert not live_server.error_lines()


def test_the_same_new_household_from_two_phones_is_one_household(live_server):
    data = _setup(live_server, "found twice")
    phones = [live_server.login("steward") for _ in range(3)]
    url = f"/my/surveys/{data['campaign']}/households"
    tokens = [phone.csrf(f"/my/surveys/{data['campaign']}") for phone in phones]
    results = concurrently(
        len(phones),
        lambda i: phones[i].post(
            url,
            data={
                "entrance_id": str(data["entrance"]),
                "unit_number": "701",
                "head_name": "新住户",
                "csrf_token": tokens[i],
            },
        ),
    )
    texts = [r.text for r in results if not isinstance(r, Exception)]
    assert sum("registered for the office to confirm" in t for t in texts) == 1
    assert sum("already registered" in t for t in texts) == len(phones) - 1
    counts = _counts(
        live_server,
        households=(
            "community.household",
            [("area_id", "=", data["entrance"]), ("unit_number", "=", "701")],
        ),
        visits=(
            "community.survey.visit",
            [("campaign_id", "=", data["campaign"]), ("is_found", "=", True)],
        ),
    )
    assert counts == {"households": 1, "visits": 1}
    assert not live_server.error_lines()


def test_a_need_added_while_the_office_closes_is_never_left_new(live_server):
    data = _setup(live_server, "close vs need")
    visit_id = data["visits"]["101"]
    steward = live_server.login("steward")
    office = live_server.login("officer")
    token = steward.csrf(f"/my/surveys/visits/{visit_id}")

    def act(i):
        if i == 0:
            return live_server.rpc(
                office,
                "community.survey.campaign",
                "action_close",
                [[data["campaign"]]],
            )
        return steward.post(
            f"/my/surveys/visits/{visit_id}/needs",
            data={"description": "楼道灯坏了", "csrf_token": token},
        )

    closed, added = concurrently(2, act)
    assert not isinstance(added, Exception), added
    state = live_server.shell(
        "import json\n"
        f"c = env['community.survey.campaign'].browse({data['campaign']})\n"
        "print('CG_JSON ' + json.dumps([c.state, "
        "c.need_ids.filtered(lambda n: n.state == 'new').ids]))",
        what="campaign state",
    )
    campaign_state, new_needs = state
    if closed is True:
        # the closing came first: the need was refused
        assert campaign_state == "closed" and not new_needs
        assert re.search("not open", added.text)
    else:
        # the need came first: the closing was refused
        assert campaign_state == "open" and len(new_needs) == 1
        assert "still new" in str(closed["error"])
    assert not live_server.error_lines()
