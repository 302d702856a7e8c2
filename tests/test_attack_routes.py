"""The IDOR / CSRF matrix over every portal route of the addon, for every
portal role and a visitor (issue 13). The routes are read from the running
server's routing map (attack_world.py): a route added by a feature is
attacked the day it lands, and a route argument whose model the suite cannot
tell fails the matrix until it is named in attack_world.ARG_ALIASES.

For each route and role: the records the role may not see (and ids that do
not exist, or that PostgreSQL cannot store) answer 404 (a visitor: the
login page) and write nothing; a POST without or with a wrong CSRF token is
a 400 that writes nothing; a GET on a POST route (and the reverse) is a 405;
no answer is a 500 or a traceback; no page shows a secret (access tokens,
check-in codes) or a petition of a community the role has nothing to do
with."""

import re

import pytest
from attack import BAD_IDS, MAX_ID, ROLES, Findings, figure, refused, server_error
from live import concurrently

pytestmark = pytest.mark.system

ARG_RE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


# Pages that are public notices by design, for any record they show.
PUBLIC_NOTICES = {
    # a lottery's result: closed rounds only, names masked, the seed and keys
    # to recompute it (community.resource.round._public_draw)
    "/resources/draws/<int:round_id>",
}


def _url(rule, values):
    return ARG_RE.sub(lambda m: str(values[m.group(2)]), rule)


def _id_args(route):
    return [a["name"] for a in route["args"] if a["converter"] == "AsciiIntConverter"]


def _posts(route):
    return not route["methods"] or "POST" in route["methods"]


def _gets(route):
    return not route["methods"] or "GET" in route["methods"]


class RouteMatrix:
    def __init__(self, world, sessions, watch):
        self.world = world
        self.sessions = sessions
        self.watch = watch
        self.findings = Findings("routes x roles")
        self.cells = set()
        self.csrf = {}
        # the methods of every route on a URL (None: any method)
        self.url_methods = {}
        for route in world.routes:
            known = self.url_methods.get(route["rule"], set())
            if known is None or not route["methods"]:
                self.url_methods[route["rule"]] = None
            else:
                self.url_methods[route["rule"]] = known | set(route["methods"])

    # ------------------------------------------------------------- values
    def model_of(self, route, arg):
        if arg == "page":
            return None
        models = self.world.arg_models.get(arg) or []
        self.findings.check(
            len(models) == 1,
            f"{route['rule']}: cannot tell the model of <{arg}> "
            f"(candidates {models}): name it in attack_world.ARG_ALIASES",
        )
        return models[0] if models else None

    def valid_values(self, route, role):
        """A value per argument: a record the role reaches when there is one
        (else any record), page 1, a code."""
        values = {}
        for arg in route["args"]:
            name = arg["name"]
            if arg.get("items"):  # <any(a, b):x>: one of its words
                values[name] = arg["items"][0]
            elif arg["converter"] != "AsciiIntConverter":
                values[name] = "AAAAAAAAAAAAAAAA"
            elif name == "page":
                values[name] = 1
            else:
                model = self.model_of(route, name)
                ids = self.world.ids(role, model, "visible") or self.world.ids(
                    "resident", model, "visible"
                )
                values[name] = ids[0] if ids else MAX_ID
        return values

    def hidden_cases(self, route, role):
        """(label, values, model, ids) with one argument set to a record the
        role may not reach, or to an id that exists nowhere."""
        base = self.valid_values(route, role)
        cases = []
        for name in _id_args(route):
            if name == "page":
                continue
            model = self.model_of(route, name)
            # two records for pages, one for actions (the same check)
            count = 1 if route["methods"] == ["POST"] else 2
            for record_id in self.world.ids(role, model, "hidden")[:count]:
                cases.append(
                    (f"hidden {model}({record_id})", dict(base, **{name: record_id}))
                )
            if role not in ("resident", "public"):
                continue  # ids that exist for nobody: the same for every role
            for label, value in (("absent", MAX_ID), ("int32", 2**31), ("zero", 0)):
                cases.append((f"{label} id", dict(base, **{name: value})))
            for label in ("superscript", "arabic_digits"):  # refused by the routing
                cases.append((f"{label} id", dict(base, **{name: BAD_IDS[label]})))
        return cases

    # ------------------------------------------------------------ requests
    def token(self, role):
        if role not in self.csrf:
            page = "/web/login" if role == "public" else "/my"
            self.csrf[role] = self.sessions[role].csrf(page)
        return self.csrf[role]

    def request(self, role, method, url, csrf=True, token=None):
        session = self.sessions[role]
        if method == "GET":
            return session.get(url, allow_redirects=False)
        data = {"attack": "1"}
        if csrf:
            data["csrf_token"] = token or self.token(role)
        return session.post(url, data=data, allow_redirects=False)

    def watched(self, role, method, url, **kwargs):
        uid = self.world.uid(role)
        before = self.watch.snapshot(uid)
        response = self.request(role, method, url, **kwargs)
        return response, self.watch.changed(before)

    def no_error(self, response, where):
        return self.findings.check(
            not server_error(response), f"HTTP {response.status_code}: {where}"
        )

    def no_leak(self, role, response, where):
        if response.status_code != 200:
            return
        text = response.text
        shown = set(self.world.leader_codes.get(role, ()))
        leaked = [s for s in self.world.secrets if s in text and s not in shown]
        leaked += [m for m in self.world.markers[role] if m in text]
        self.findings.check(not leaked, f"LEAK {where}: shows {leaked[:3]}")

    # ---------------------------------------------------------------- run
    def run_role(self, role):
        for route in self.world.routes:
            self.cells.add((route["rule"], role))
            self.run_cell(route, role)
        for url in ("/my", "/my/home"):
            response = self.request(role, "GET", url)
            self.no_error(response, f"{role} GET {url}")
            self.no_leak(role, response, f"{role} GET {url}")

    def run_cell(self, route, role):
        rule = route["rule"]
        if rule in PUBLIC_NOTICES:
            # anybody reads them: no record is "hidden" from a role, but
            # they answer without error or leak
            response = self.request(
                role, "GET", _url(rule, self.valid_values(route, role))
            )
            self.no_error(response, f"{role} GET {rule}")
            self.no_leak(role, response, f"{role} GET {rule}")
            return
        public = role == "public"
        valid = _url(rule, self.valid_values(route, role))
        methods = [
            m for m in ("GET", "POST") if (_gets if m == "GET" else _posts)(route)
        ]
        # a record the role reaches: it answers, without error or leak
        for method in methods:
            response = self.request(role, method, valid)
            where = f"{role} {method} {valid}"
            self.no_error(response, where)
            self.no_leak(role, response, where)
        # records the role may not reach, ids that exist nowhere
        # (a route for any method is a page: attacked with GET, its POST by
        # the CSRF part)
        attacked = ["GET"] if not route["methods"] else methods
        for label, values in self.hidden_cases(route, role):
            url = _url(rule, values)
            for method in attacked:
                response, wrote = self.watched(role, method, url)
                where = f"{role} {method} {url} ({label})"
                self.no_error(response, where)
                self.findings.check(
                    refused(response, public),
                    f"IDOR {where}: HTTP {response.status_code} "
                    f"{response.headers.get('Location', '')}",
                )
                self.findings.check(not wrote, f"WROTE {where}: {wrote}")
        # CSRF: without the token, or with another session's
        if _posts(route) and route["csrf"] and not public:
            attempts = [("no CSRF token", {"csrf": False})]
            if role == "resident":
                attempts.append(("wrong CSRF token", {"token": "0" * 40 + "o1" * 5}))
            for label, kwargs in attempts:
                response, wrote = self.watched(role, "POST", valid, **kwargs)
                where = f"{role} POST {valid} ({label})"
                self.no_error(response, where)
                self.findings.check(
                    response.status_code == 400,
                    f"CSRF {where}: HTTP {response.status_code}",
                )
                self.findings.check(not wrote, f"WROTE {where}: {wrote}")
        # the other method (of every route on this URL)
        methods = self.url_methods[rule]
        if methods and not public:
            other = "POST" if "GET" in methods else "GET"
            if other not in methods:
                response = self.request(role, other, valid)
                where = f"{role} {other} {valid}"
                self.no_error(response, where)
                self.findings.check(
                    response.status_code == 405,
                    f"METHOD {where}: HTTP {response.status_code}",
                )


def test_every_route_for_every_role(
    live_server, attack_world, role_sessions, write_watch
):
    matrix = RouteMatrix(attack_world, role_sessions, write_watch)
    assert attack_world.routes, "no route of the addon in the routing map"
    results = concurrently(len(ROLES), lambda i: matrix.run_role(ROLES[i]), timeout=600)
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    figure(
        f"routes x roles: {len(attack_world.routes)} routes x {len(ROLES)} roles = "
        f"{len(matrix.cells)} cells"
    )
    matrix.findings.assert_clean()
