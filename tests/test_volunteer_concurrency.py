"""Volunteer hours under real concurrent requests (issue 13): ten 5-hour
entries for one day sent at once never exceed 24 hours (the volunteer's row
is locked before the count), a certificate is issued once, a milestone is
celebrated once."""

from datetime import date

import pytest
from concurrency import at_once, rpc_error

pytestmark = pytest.mark.system
MILESTONES = (25, 100, 250, 500, 1000)


def _total(watch, login, day=None, states=("draft", "submitted", "approved")):
    query = (
        "SELECT COALESCE(SUM(h.hours), 0), count(*) FROM community_volunteer_hour h"
        " JOIN res_users u ON u.partner_id = h.volunteer_id"
        " WHERE u.login = %s AND h.state = ANY(%s)"
    )
    params = [login, list(states)]
    if day:
        query += " AND h.date = %s"
        params.append(day)
    return watch.sql(query, params)[0]


def test_ten_five_hour_entries_at_once(
    live_server, attack_world, portal_login, write_watch
):
    login = attack_world.fixtures["logins"]["r07"]
    day = attack_world.fixtures["hours_day"]
    volunteer = portal_login(login)
    csrf = volunteer.csrf("/my/volunteer")
    before, _count = _total(write_watch, login, day)
    results = at_once(
        live_server,
        10,
        lambda i: volunteer.post(
            "/my/volunteer/log",
            data={
                "csrf_token": csrf,
                "date": day,
                "hours": "5",
                "description": f"Gate duty {i}",
                "save": "submit",
            },
            allow_redirects=False,
        ),
    )
    after, _count = _total(write_watch, login, day)
    assert after <= 24, f"{after} hours logged for {day}"
    # saved: back to the list; refused: the form again, with the reason
    saved = sum(r.status_code == 303 for r in results)
    assert all(
        "no more than 24 hours" in r.text for r in results if r.status_code != 303
    )
    assert after - before == 5 * saved, (after, before, saved)
    assert saved == (24 - before) // 5


def test_a_certificate_is_issued_once(
    live_server, attack_world, portal_login, write_watch
):
    login = attack_world.fixtures["logins"]["r05"]
    year = attack_world.fixtures["certificate_year"]
    volunteer = portal_login(login)
    certificates = (
        "SELECT count(*) FROM community_volunteer_certificate c"
        " JOIN res_users u ON u.partner_id = c.partner_id"
        " WHERE u.login = %s AND c.date_from = %s"
    )
    before = write_watch.sql(certificates, (login, date(year, 1, 1)))[0][0]
    results = at_once(
        live_server,
        5,
        lambda _i: live_server.rpc(
            volunteer, "community.volunteer.certificate", "issue_for_year", [year]
        ),
    )
    assert not any(rpc_error(r) for r in results), results
    assert len(set(map(str, results))) == 1, "the same certificate for all five"
    after = write_watch.sql(certificates, (login, date(year, 1, 1)))[0][0]
    assert after - before == 1


def test_a_milestone_is_celebrated_once(
    live_server, attack_world, portal_login, write_watch
):
    """The office approves entries of one volunteer at the same instant,
    together crossing a milestone: celebrated once."""
    login = attack_world.fixtures["logins"]["r06"]
    hours = attack_world.fixtures["milestone_hour_ids"]
    officer = portal_login("officer")
    total, _count = _total(write_watch, login, states=("approved",))
    messages = (
        "SELECT count(*) FROM mail_message m JOIN res_users u"
        " ON u.partner_id = m.res_id AND m.model = 'res.partner'"
        " WHERE u.login = %s AND m.body LIKE '%%hours of volunteer service%%'"
    )
    celebrated = write_watch.sql(messages, (login,))[0][0]
    submitted = write_watch.sql(
        "SELECT SUM(hours) FROM community_volunteer_hour WHERE id = ANY(%s)", (hours,)
    )[0][0]
    at_once(
        live_server,
        len(hours),
        lambda i: live_server.rpc(
            officer, "community.volunteer.hour", "action_approve", [[hours[i]]]
        ),
    )
    after, _count = _total(write_watch, login, states=("approved",))
    assert after == total + submitted
    crossed = sum(1 for m in MILESTONES if total < m <= after)
    assert crossed == 1, "the entries together cross one milestone"
    assert write_watch.sql(messages, (login,))[0][0] - celebrated == 1
