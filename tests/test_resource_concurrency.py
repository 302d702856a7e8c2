"""Shared resources under real simultaneous requests (issue 10): two
households accepting the same freed plot at once end with exactly one
allocation, the other is told and keeps its offer; two members of one
household applying at once make one application; two households applying
at once for the last free item of a first-come round get one offer, and the
other waits."""

import re

import pytest
from live import concurrently

pytestmark = pytest.mark.system

SETUP = """
import json
env = env(context=dict(env.context, tracking_disable=True, no_reset_password=True))
ref = env.ref
shuyuan = ref("community_governance.area_sy_demo")
portal = ref("base.group_portal")
resource_type = env["community.resource.type"].create({
    "name": "Race plots %(tag)s",
    "community_id": shuyuan.id,
    "allocation_method": "first_come",
    "max_per_household": 1,
    "rules": "<p>Share the water.</p>",
})
items = env["community.resource"].create([
    {"code": "%(tag)s-%%d" %% i, "type_id": resource_type.id} for i in range(%(items)d)
])
today = __import__("datetime").date.today()
resource_round = env["community.resource.round"].create({
    "name": "Race %(tag)s",
    "type_id": resource_type.id,
    "resource_ids": [(6, 0, items.ids)],
    "date_open": today,
    "date_close": today,
})
resource_round.action_open()
taken = env["res.users"].search([("partner_id", "!=", False)]).partner_id
residents = env["res.partner"].search([
    ("community_id", "=", shuyuan.id),
    ("household_id", "!=", False),
    ("id", "not in", taken.ids),
], order="id")
households = []
for partner in residents:
    if partner.household_id not in households:
        households.append(partner.household_id)
    if len(households) == %(households)d:
        break
users = []
for index, household in enumerate(households):
    partner = household.member_ids.filtered(lambda p: p.id not in taken.ids)[:1]
    members = [partner]
    if %(second_member)s and index == 0:
        members.append(env["res.partner"].create({
            "name": "Second member %(tag)s",
            "is_resident": True,
            "household_id": household.id,
        }))
    for member in members:
        login = "%(tag)s-%%d-%%d" %% (index, len(users))
        users.append(env["res.users"].create({
            "name": member.name,
            "login": login,
            "password": login,
            "partner_id": member.id,
            "groups_id": [(6, 0, portal.ids)],
        }))
applications = []
if %(apply)s:
    for user in users:
        applications.append(resource_round.with_user(user).apply(True, 1).id)
print("CG_JSON " + json.dumps({
    "round": resource_round.id,
    "items": items.ids,
    "logins": [user.login for user in users],
    "applications": applications,
}))
"""

STATE = """
import json
resource_round = env["community.resource.round"].browse(%(round)d)
applications = resource_round.application_ids
allocations = env["community.resource.allocation"].search(
    [("round_id", "=", resource_round.id), ("state", "=", "active")]
)
print("CG_JSON " + json.dumps({
    "applications": {str(a.id): a.state for a in applications},
    "allocations": [[a.resource_id.id, a.household_id.id] for a in allocations],
    "count": len(applications),
}))
"""


def setup_round(live_server, tag, items, households, apply, second_member=False):
    return live_server.shell(
        SETUP
        % {
            "tag": tag,
            "items": items,
            "households": households,
            "apply": apply,
            "second_member": second_member,
        },
        what=f"set-up of the resource race {tag}",
    )


def state_of(live_server, round_id):
    return live_server.shell(STATE % {"round": round_id}, what="state of the round")


def flash(response):
    match = re.search(
        r'class="alert alert-(\w+) o_cg_flash"[^>]*>([^<]*)<', response.text
    )
    return match and (match.group(1), match.group(2).strip())


def test_two_households_accept_the_same_item_at_once(live_server):
    """Two free plots, two offers; both households choose the first plot at
    the same instant: one allocation, the other household is told and keeps
    its offer (and can take the other plot)."""
    setup = setup_round(live_server, "ACC", items=2, households=2, apply=True)
    sessions = [live_server.login(login) for login in setup["logins"]]
    tokens = [s.csrf("/my/resources") for s in sessions]
    item = setup["items"][0]

    def accept(i):
        return sessions[i].post(
            f"/my/resources/applications/{setup['applications'][i]}/accept",
            data={"resource_id": item, "csrf_token": tokens[i]},
        )

    responses = concurrently(2, accept)
    assert [r.status_code for r in responses] == [200, 200], responses
    outcomes = sorted(flash(r) for r in responses)
    assert outcomes[0][0] == "danger" and "no longer free" in outcomes[0][1], outcomes
    assert outcomes[1][0] == "success" and "is allocated" in outcomes[1][1], outcomes
    state = state_of(live_server, setup["round"])
    assert [a[0] for a in state["allocations"]] == [item], "exactly one allocation"
    assert sorted(state["applications"].values()) == ["accepted", "offered"]
    loser = next(i for i, r in enumerate(responses) if flash(r)[0] == "danger")
    again = sessions[loser].post(
        f"/my/resources/applications/{setup['applications'][loser]}/accept",
        data={"resource_id": setup["items"][1], "csrf_token": tokens[loser]},
    )
    assert flash(again)[0] == "success", flash(again)
    state = state_of(live_server, setup["round"])
    assert sorted(a[0] for a in state["allocations"]) == sorted(setup["items"])
    assert not live_server.error_lines()


def test_two_members_of_a_household_apply_at_once(live_server):
    """One application per household and round, whatever arrives together."""
    setup = setup_round(
        live_server, "APP", items=1, households=1, apply=False, second_member=True
    )
    assert len(setup["logins"]) == 2
    sessions = [live_server.login(login) for login in setup["logins"]]
    tokens = [s.csrf("/my/resources") for s in sessions]
    url = f"/my/resources/rounds/{setup['round']}/apply"

    def apply(i):
        return sessions[i].post(
            url,
            data={"accept_rules": "1", "rules_version": "1", "csrf_token": tokens[i]},
        )

    responses = concurrently(2, apply)
    assert [r.status_code for r in responses] == [200, 200]
    outcomes = sorted(flash(r)[0] for r in responses)
    assert outcomes == ["danger", "success"], [flash(r) for r in responses]
    assert any("already applied" in flash(r)[1] for r in responses)
    assert state_of(live_server, setup["round"])["count"] == 1
    assert not live_server.error_lines()


def test_two_households_apply_for_the_last_free_item_at_once(live_server):
    """First come, one free item: two households applying at the same
    instant get one offer between them; the other is on the waiting list."""
    setup = setup_round(live_server, "LAST", items=1, households=2, apply=False)
    sessions = [live_server.login(login) for login in setup["logins"]]
    tokens = [s.csrf("/my/resources") for s in sessions]
    url = f"/my/resources/rounds/{setup['round']}/apply"
    responses = concurrently(
        2,
        lambda i: sessions[i].post(
            url,
            data={"accept_rules": "1", "rules_version": "1", "csrf_token": tokens[i]},
        ),
    )
    assert [flash(r)[0] for r in responses] == ["success", "success"]
    state = state_of(live_server, setup["round"])
    assert sorted(state["applications"].values()) == ["offered", "waiting"]
    assert not live_server.error_lines()
