"""The shared community's "at most" and "only once" rules under real
simultaneous requests (live server, threads released at one instant):

- a listing for one neighbour accepted for two matches at once: one match;
- both sides confirming "done" at once: one done match, one volunteer-hour
  entry;
- the same post form sent twice at once: one listing;
- the same listing answered twice at once: one match;
- the same side rating twice at once: one rating.

Residents are made over JSON-RPC as the administrator, in the demo's Foshan
community (塔坡社区), and act through their own sessions.
"""

import itertools
import re
import time

import pytest
from live import concurrently

pytestmark = pytest.mark.system

FLASH_RE = re.compile(r'class="alert alert-(\w+) o_cg_flash"[^>]*>([^<]*)<')
# What a concurrent request may log before Odoo retries it or the model
# turns it into a message: nothing else.
EXPECTED_ERRORS = (
    "could not serialize access",
    "duplicate key value violates unique constraint",
    "bad query",
)
_counter = itertools.count()


def _flash(response):
    match = FLASH_RE.search(response.text)
    return match and (match.group(1), match.group(2).strip())


def _ok(result):
    return not isinstance(result, dict) or "error" not in result


class Community:
    """Fresh residents of the demo's Foshan community, over JSON-RPC."""

    def __init__(self, server):
        self.server = server
        self.admin = server.login("admin")
        self.area_id = self.xmlid("community_governance", "area_tp_g1_b1_u1_demo")
        self.portal_id = self.xmlid("base", "group_portal")
        self.tag = f"{time.strftime('%H%M%S')}{next(_counter)}"

    def rpc(self, model, method, *args, **kwargs):
        result = self.server.rpc(self.admin, model, method, args, kwargs)
        assert _ok(result), result
        return result

    def xmlid(self, module, name):
        [row] = self.rpc(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        return row["res_id"]

    def resident(self, name, volunteer=False):
        """(partner id, logged-in session) of a new resident (``.again()`` on
        the session logs the same resident in another session: each keeps
        its own feedback message, as two phones of the same resident)."""
        login = f"share_{name}_{self.tag}_{next(_counter)}"
        partner_id = self.rpc(
            "res.partner",
            "create",
            {
                "name": f"{name} {self.tag}",
                "is_resident": True,
                "area_id": self.area_id,
                "email": f"{login}@example.com",
                "phone": "13900000000",
            },
        )
        self.rpc(
            "res.users",
            "create",
            {
                "name": f"{name} {self.tag}",
                "login": login,
                "password": login,
                "partner_id": partner_id,
                "groups_id": [(6, 0, [self.portal_id])],
            },
            context={"no_reset_password": True},
        )
        if volunteer:
            self.rpc("res.partner", "action_register_volunteer", [partner_id])
        session = self.server.login(login)
        session.again = lambda: self.server.login(login)
        return partner_id, session

    def call(self, session, model, method, *args):
        result = self.server.rpc(session, model, method, args)
        assert _ok(result), result
        return result

    def post(self, session, **values):
        vals = {
            "kind": "offer",
            "what": "lend",
            "name": f"Ladder {self.tag}",
            "category_id": self.xmlid("community_governance", "share_category_tools"),
            "visibility": "community",
        }
        vals.update(values)
        return self.call(session, "community.share.listing", "post", vals)

    def read(self, model, ids, fields):
        return self.rpc(model, "read", ids, fields)


def _no_unexpected_errors(server):
    unexpected = [
        line
        for line in server.error_lines()
        if not any(text in line for text in EXPECTED_ERRORS)
    ]
    assert not unexpected, "\n".join(unexpected[:10])


@pytest.fixture
def community(live_server):
    return Community(live_server)


def test_a_listing_for_one_is_accepted_once(live_server, community):
    owner_id, owner = community.resident("owner")
    _a_id, first = community.resident("first")
    _b_id, second = community.resident("second")
    listing_id = community.post(owner)
    match_ids = [
        community.call(
            session, "community.share.listing", "action_answer", [listing_id]
        )
        for session in (first, second)
    ]
    owners = [owner, owner.again()]
    tokens = [s.csrf("/my/share") for s in owners]
    responses = concurrently(
        2,
        lambda i: owners[i].post(
            f"/my/share/matches/{match_ids[i]}/accept", data={"csrf_token": tokens[i]}
        ),
    )
    assert all(r.status_code == 200 for r in responses), responses
    flashes = sorted(_flash(r)[0] for r in responses)
    assert flashes == ["danger", "success"], [_flash(r) for r in responses]
    matches = community.read("community.share.match", match_ids, ["state"])
    assert sorted(m["state"] for m in matches) == ["accepted", "proposed"]
    [listing] = community.read(
        "community.share.listing", [listing_id], ["state", "taken_count"]
    )
    assert (listing["state"], listing["taken_count"]) == ("matched", 1)
    _no_unexpected_errors(live_server)


def test_two_confirmations_at_once_are_one_done_match(live_server, community):
    for _round in range(3):
        receiver_id, receiver = community.resident("receiver")
        provider_id, provider = community.resident("provider", volunteer=True)
        need_id = community.post(
            receiver,
            kind="need",
            what="skill",
            name=f"Haircut at home {community.tag}",
            category_id=community.xmlid(
                "community_governance", "share_category_elderly"
            ),
            service_hours=1.5,
        )
        match_id = community.call(
            provider, "community.share.listing", "action_answer", [need_id]
        )
        community.call(receiver, "community.share.match", "action_accept", [match_id])
        sessions = (receiver, provider)
        tokens = [s.csrf("/my/share") for s in sessions]
        responses = concurrently(
            2,
            lambda i, s=sessions, t=tokens, m=match_id: s[i].post(
                f"/my/share/matches/{m}/done", data={"csrf_token": t[i]}
            ),
        )
        assert all(_flash(r)[0] == "success" for r in responses), [
            _flash(r) for r in responses
        ]
        [match] = community.read(
            "community.share.match",
            [match_id],
            ["state", "provider_done", "receiver_done", "volunteer_hour_id"],
        )
        assert match["state"] == "done"
        assert match["provider_done"] and match["receiver_done"]
        hours = community.rpc(
            "community.volunteer.hour",
            "search_read",
            [("volunteer_id", "=", provider_id)],
            ["hours", "state", "line_id"],
        )
        notes = community.rpc(
            "mail.message",
            "search_read",
            [("model", "=", "community.share.match"), ("res_id", "=", match_id)],
            ["body"],
        )
        assert len(hours) == 1, (hours, notes)
        assert hours[0]["state"] == "submitted"
        assert hours[0]["hours"] == 1.5
        assert match["volunteer_hour_id"][0] == hours[0]["id"]
        [need] = community.read(
            "community.share.listing", [need_id], ["state", "done_count"]
        )
        assert (need["state"], need["done_count"]) == ("fulfilled", 1)
        assert receiver_id
    _no_unexpected_errors(live_server)


def test_the_same_form_twice_at_once_is_one_listing(live_server, community):
    resident_id, resident = community.resident("poster")
    sessions = [resident, resident.again(), resident.again()]
    tokens = [s.csrf("/my/share/new") for s in sessions]
    form = resident.get("/my/share/new?kind=need").text
    form_token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    data = {
        "form_token": form_token,
        "kind": "need",
        "what": "lend",
        "category_id": str(
            community.xmlid("community_governance", "share_category_tools")
        ),
        "visibility": "community",
        "name": f"A drill for Sunday {community.tag}",
    }
    responses = concurrently(
        3,
        lambda i: sessions[i].post(
            "/my/share/new", data=dict(data, csrf_token=tokens[i])
        ),
    )
    assert all(r.status_code in (200, 400) for r in responses), responses
    listings = community.rpc(
        "community.share.listing",
        "search_read",
        [("partner_id", "=", resident_id)],
        ["name"],
    )
    assert len(listings) == 1, listings
    landed = [
        r
        for r in responses
        if r.url.endswith(f"/my/share/listings/{listings[0]['id']}")
    ]
    assert landed, [r.url for r in responses]
    _no_unexpected_errors(live_server)


def test_the_same_answer_twice_at_once_is_one_match(live_server, community):
    _owner_id, owner = community.resident("lender")
    neighbour_id, neighbour = community.resident("borrower")
    listing_id = community.post(owner)
    sessions = [neighbour, neighbour.again(), neighbour.again()]
    tokens = [s.csrf("/my/share") for s in sessions]
    responses = concurrently(
        3,
        lambda i: sessions[i].post(
            f"/my/share/listings/{listing_id}/answer", data={"csrf_token": tokens[i]}
        ),
    )
    assert all(r.status_code == 200 for r in responses), responses
    matches = community.rpc(
        "community.share.match",
        "search_read",
        [("offer_id", "=", listing_id), ("receiver_id", "=", neighbour_id)],
        ["state"],
    )
    assert len(matches) == 1, matches
    assert sorted(_flash(r)[0] for r in responses) == ["danger", "danger", "success"]
    assert (
        sum(r.url.endswith(f"/my/share/matches/{matches[0]['id']}") for r in responses)
        == 1
    )
    _no_unexpected_errors(live_server)


def test_one_rating_each_at_once(live_server, community):
    _owner_id, owner = community.resident("giver")
    _neighbour_id, neighbour = community.resident("taker")
    listing_id = community.post(
        owner, what="give", name=f"Baby clothes {community.tag}"
    )
    match_id = community.call(
        neighbour, "community.share.listing", "action_answer", [listing_id]
    )
    community.call(owner, "community.share.match", "action_accept", [match_id])
    for session in (owner, neighbour):
        community.call(
            session, "community.share.match", "action_confirm_done", [match_id]
        )
    sessions = [neighbour, neighbour.again()]
    tokens = [s.csrf("/my/share") for s in sessions]
    responses = concurrently(
        2,
        lambda i: sessions[i].post(
            f"/my/share/matches/{match_id}/rate",
            data={"csrf_token": tokens[i], "rating": str(4 + i), "comment": f"try {i}"},
        ),
    )
    flashes = sorted(_flash(r)[0] for r in responses)
    assert flashes == ["danger", "success"], [_flash(r) for r in responses]
    [match] = community.read(
        "community.share.match",
        [match_id],
        ["rating_by_receiver", "comment_by_receiver"],
    )
    assert (match["rating_by_receiver"], match["comment_by_receiver"]) in (
        ("4", "try 0"),
        ("5", "try 1"),
    )
    _no_unexpected_errors(live_server)
