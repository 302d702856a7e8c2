"""The bad-input generator over every POST form of the addon (issue 13).

Every portal role crawls its pages (the addon's GET routes read from the
routing map, with a record it reaches for each id argument) and collects
the POST forms found on them; POST routes no page shows a form for are fed
the parameters of their controller's signature instead. Each field is then
sent the bad values of its kind (attack.py: NUL and control characters,
digits int() accepts and PostgreSQL does not, ids of 0 and 2^31, text sent
as a file part, over-long text, impossible dates ...), and each GET page's
query parameters the bad search terms. No answer may be a 500 or show a
traceback; a value a form must refuse gets the form or the page back with a
message, and nothing written.
"""

import re
import threading
from datetime import date, timedelta
from urllib.parse import quote

import pytest
from attack import (
    BAD_DATES,
    BAD_IDS,
    BAD_NUMBERS,
    BAD_SEARCH,
    BAD_TEXT,
    PORTAL_ROLES,
    SKIP_FIELDS,
    Findings,
    field_kind,
    figure,
    form_data,
    post_forms,
    server_error,
    told_why,
)
from live import concurrently

pytestmark = pytest.mark.system

ARG_RE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
# Valid values of the fields by name, so that only the attacked field is bad.
VALID = {
    "title": "Attack form",
    "description": "A matter sent by the bad-input generator.",
    "reason": "attack",
    "resolution": "attack",
    "comment": "attack",
    "report": "attack",
    "code": "AAAAAA",
    "rating": "4",
    "hours": "0.5",
    "date": (date.today() - timedelta(days=2)).isoformat(),
}
# Query parameters of the GET pages (the controllers' signatures name them).
QUERY_SKIP = {"kw", "post", "page"}


def _rule_pattern(rule):
    out, last = "", 0
    for match in ARG_RE.finditer(rule):
        out += re.escape(rule[last : match.start()]) + "[^/]+"
        last = match.end()
    return re.compile("^" + out + re.escape(rule[last:]) + "$")


def _values(kind, name):
    """(label, value, must be refused) for a field of ``kind``."""
    if kind == "text":
        return [(label, value, refuse) for label, (value, refuse) in BAD_TEXT.items()]
    if kind == "id":
        optional = not name.endswith("_ids") and name not in ("category_id", "area_id")
        return [
            (label, value, True)
            for label, value in BAD_IDS.items()
            if not (optional and label == "zero")
        ]
    if kind == "number":
        return [(label, value, True) for label, value in BAD_NUMBERS.items()]
    if kind == "date":
        return [(label, value, True) for label, value in BAD_DATES.items()]
    # booleans and choices are read leniently: bad values must not crash
    return [(label, value, False) for label, value in BAD_SEARCH.items()][:3]


class InputMatrix:
    def __init__(self, world, sessions, watch):
        self.world = world
        self.sessions = sessions
        self.watch = watch
        self.findings = Findings("bad inputs")
        self.patterns = [(_rule_pattern(r["rule"]), r) for r in world.routes]
        self.found = {}  # (rule, fields) -> [(role, page, form, route)]
        self.forms = {}  # (rule, fields) -> (role, page, form, route)
        self.lock = threading.Lock()
        self.tried = 0
        self.from_signature = 0

    def route_of(self, path):
        for pattern, route in self.patterns:
            if pattern.match(path) and (
                not route["methods"] or "POST" in route["methods"]
            ):
                return route
        return None

    # ------------------------------------------------------------- pages
    def pages(self, role):
        """The GET pages of the addon for ``role``, with a record it reaches
        for each id argument."""
        urls = ["/my"]
        for route in self.world.routes:
            if route["methods"] and "GET" not in route["methods"]:
                continue
            values = {}
            for arg in route["args"]:
                if arg["name"] == "page":
                    values["page"] = 1
                elif arg["converter"] == "AsciiIntConverter":
                    models = self.world.arg_models.get(arg["name"]) or [None]
                    ids = self.world.ids(role, models[0], "visible")
                    values[arg["name"]] = ids[0] if ids else None
                else:
                    values[arg["name"]] = None
            if any(v is None for v in values.values()):
                continue
            urls.append(
                ARG_RE.sub(lambda m, v=values: str(v[m.group(2)]), route["rule"])
            )
        return urls

    def crawl(self, role):
        session = self.sessions[role]
        for url in self.pages(role):
            response = session.get(url)
            self.findings.check(
                not server_error(response),
                f"HTTP {response.status_code}: {role} GET {url}",
            )
            if response.status_code != 200:
                continue
            for form in post_forms(response.url, response.text):
                route = self.route_of(form["action"])
                if not route:
                    continue
                names = tuple(
                    sorted(
                        f["name"]
                        for f in form["fields"]
                        if f["name"] not in SKIP_FIELDS
                    )
                )
                with self.lock:
                    self.found.setdefault((route["rule"], names), []).append(
                        (role, response.url, form, route)
                    )

    def assign(self):
        """Each form to one of the roles that found it, the least busy."""
        load = dict.fromkeys(PORTAL_ROLES, 0)
        for key, found in sorted(self.found.items(), key=lambda kv: len(kv[1])):
            choice = min(found, key=lambda f: load[f[0]])
            load[choice[0]] += len(choice[2]["fields"])
            self.forms[key] = choice

    def signature_forms(self):
        """POST routes no page showed a form for: their controller's
        parameters are the fields."""
        seen = {rule for rule, _names in self.forms}
        for route in self.world.routes:
            if route["rule"] in seen or "POST" not in route["methods"]:
                continue
            ids = {a["name"] for a in route["args"]}
            fields = [
                {"name": p["name"], "type": "text", "value": VALID.get(p["name"], "")}
                for p in route["params"]
                if p["kind"] == "POSITIONAL_OR_KEYWORD" and p["name"] not in ids
            ]
            role = "resident"
            values = {}
            for arg in route["args"]:
                models = self.world.arg_models.get(arg["name"]) or [None]
                ids_ = self.world.ids(role, models[0], "visible") or [1]
                values[arg["name"]] = 1 if arg["name"] == "page" else ids_[0]
            action = ARG_RE.sub(lambda m, v=values: str(v[m.group(2)]), route["rule"])
            form = {"action": action, "fields": fields, "enctype": ""}
            self.from_signature += 1
            self.forms[(route["rule"], tuple(f["name"] for f in fields))] = (
                role,
                "/my",
                form,
                route,
            )

    # ------------------------------------------------------------- attack
    def fresh(self, role, page, form):
        """The form as the page shows it now (new one-time tokens)."""
        if not any(f["name"] == "form_token" for f in form["fields"]):
            return form
        response = self.sessions[role].get(page)
        for candidate in post_forms(response.url, response.text):
            if candidate["action"] == form["action"]:
                return candidate
        return form

    def send(self, role, page, form, name, value, as_file=False):
        session = self.sessions[role]
        form = self.fresh(role, page, form)
        override = {
            f["name"]: VALID[f["name"]]
            for f in form["fields"]
            if f["name"] in VALID and f["name"] != name
        }
        files = None
        if as_file:
            data = form_data(form["fields"], dict(override, **{name: []}))
            files = [(name, ("attack.png", PNG, "image/png"))]
        else:
            data = form_data(form["fields"], dict(override, **{name: value}))
        if "csrf_token" not in dict(data):
            data.append(("csrf_token", session.csrf("/my")))
        uid = self.world.uid(role)
        before = self.watch.snapshot(uid)
        response = session.post(form["action"], data=data, files=files)
        self.tried += 1
        return response, self.watch.changed(before)

    def attack_form(self, role, page, form, route):
        for field in form["fields"]:
            name = field["name"]
            if name in SKIP_FIELDS or field["type"] == "submit":
                continue
            kind = field_kind(field)
            cases = _values(kind, name)
            if kind in ("text", "id", "number", "date"):
                cases.append(("file part", None, True))
            for label, value, refuse in cases:
                response, wrote = self.send(
                    role, page, form, name, value, as_file=value is None
                )
                where = f"{role} POST {form['action']} {name}={label} ({kind})"
                self.findings.check(
                    not server_error(response), f"HTTP {response.status_code}: {where}"
                )
                if refuse:
                    self.findings.check(
                        told_why(response),
                        f"SILENT {where}: HTTP {response.status_code}",
                    )
                    self.findings.check(not wrote, f"WROTE {where}: {wrote}")
        if any(f["type"] == "file" for f in form["fields"]):
            self.attack_files(role, page, form)

    def attack_files(self, role, page, form):
        session = self.sessions[role]
        name = next(f["name"] for f in form["fields"] if f["type"] == "file")
        for label, filename in (
            ("NUL", "a\x00b.png"),
            ("control", "a\x1b.png"),
            ("long", "x" * 5000 + ".png"),
            ("empty", ""),
        ):
            form_now = self.fresh(role, page, form)
            override = {
                f["name"]: VALID[f["name"]]
                for f in form_now["fields"]
                if f["name"] in VALID
            }
            data = form_data(form_now["fields"], override)
            response = session.post(
                form_now["action"],
                data=data,
                files=[(name, (filename, PNG, "image/png"))],
            )
            self.tried += 1
            self.findings.check(
                not server_error(response),
                f"HTTP {response.status_code}: {role} POST {form['action']} "
                f"file name {label}",
            )

    def attack_queries(self, role):
        session = self.sessions[role]
        for route in self.world.routes:
            if route["methods"] and "GET" not in route["methods"]:
                continue
            params = [
                p["name"]
                for p in route["params"]
                if p["kind"] == "POSITIONAL_OR_KEYWORD"
                and p["name"] not in QUERY_SKIP
                and p["name"] not in {a["name"] for a in route["args"]}
            ]
            for url in self.pages(role):
                if _rule_pattern(route["rule"]).match(url):
                    break
            else:
                continue
            for param in params:
                for label, value in BAD_SEARCH.items():
                    response = session.get(url, params={param: value})
                    self.tried += 1
                    self.findings.check(
                        not server_error(response),
                        f"HTTP {response.status_code}: {role} GET {url}"
                        f"?{param}={label}",
                    )
        # path arguments that are text (a verification code)
        for route in self.world.routes:
            texts = [a for a in route["args"] if a["converter"] != "AsciiIntConverter"]
            for arg in texts[:1]:
                for label, value in BAD_SEARCH.items():
                    url = ARG_RE.sub(
                        lambda m, v=value: quote(v[:2000], safe=""), route["rule"]
                    )
                    response = session.get(url)
                    self.tried += 1
                    self.findings.check(
                        not server_error(response),
                        f"HTTP {response.status_code}: {role} GET {route['rule']} "
                        f"{arg['name']}={label}",
                    )

    def run_role(self, role):
        mine = [v for v in self.forms.values() if v[0] == role]
        for _role, page, form, route in mine:
            self.attack_form(role, page, form, route)
        if role == "resident":
            self.attack_queries(role)


def test_every_form_field_gets_bad_input(
    live_server, attack_world, role_sessions, write_watch
):
    # the certificate page is attacked too: no rate limit while it is
    admin = live_server.login("admin")
    key = "community_governance.rate_limit_verify"
    live_server.rpc(admin, "ir.config_parameter", "set_param", [key, "0"])
    matrix = InputMatrix(attack_world, role_sessions, write_watch)
    results = concurrently(len(PORTAL_ROLES), lambda i: matrix.crawl(PORTAL_ROLES[i]))
    assert not [r for r in results if isinstance(r, Exception)], results
    matrix.assign()
    matrix.signature_forms()
    results = concurrently(
        len(PORTAL_ROLES), lambda i: matrix.run_role(PORTAL_ROLES[i]), timeout=900
    )
    errors = [r for r in results if isinstance(r, Exception)]
    live_server.rpc(admin, "ir.config_parameter", "set_param", [key, "30"])
    assert not errors, errors
    rules = {rule for rule, _names in matrix.forms}
    posts = {r["rule"] for r in attack_world.routes if "POST" in r["methods"]}
    figure(
        f"bad inputs: {len(matrix.forms)} forms, every one of the {len(posts)} POST "
        f"routes ({matrix.from_signature} fed their signature), {matrix.tried} bad "
        f"inputs tried"
    )
    matrix.findings.check(
        not posts - rules, f"POST routes not attacked: {posts - rules}"
    )
    matrix.findings.assert_clean()
