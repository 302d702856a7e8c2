"""The JSON-RPC matrix over every model of the addon (ir.model rows the
addon defines or extends), for every portal role and a visitor (issue 13).
What the portal refuses, JSON-RPC refuses too:

- no secret field comes back (access tokens, form tokens, check-in codes),
  no record of another community (but a liaison's dispatches), no record the
  role may not reach (``read`` of hidden ids fails or returns nothing);
- write, create, unlink and copy fail (but a volunteer's own drafts);
- every public method of the addon on the model (read from the classes: a
  new method is attacked the day it lands) either fails or writes nothing,
  on records the role may not reach, and on the ones it reaches unless the
  method is one of the portal's actions (attack.PORTAL_METHODS: the methods'
  own rules decide, and their suites test them).
"""

import pytest
from attack import (
    BASE_WRITES,
    METHOD_ARGS,
    PORTAL_METHODS,
    ROLES,
    Findings,
    dump,
    figure,
)
from live import concurrently

pytestmark = pytest.mark.system

SECRET_FIELDS = {"access_token", "form_token", "checkin_code"}
# (role, model): records of other communities the role reads by design.
FOREIGN_OK = {("liaison", "community.petition.dispatch")}


def _is_error(result):
    return isinstance(result, dict) and "error" in result


def _error_name(result):
    return result["error"].get("data", {}).get("name", "") if _is_error(result) else ""


def _args(method, world, role, model):
    values = dict(
        METHOD_ARGS,
        departments=[world.fixtures["department_id"]],
        original=world.fixtures["petitions"]["rated"],
        partner_id=world.roles[role]["partner_id"],
        rate=5,
    )
    args = []
    for param in method["params"]:
        if param["kind"] in ("VAR_POSITIONAL", "VAR_KEYWORD"):
            continue
        if param["name"] in values:
            args.append(values[param["name"]])
        elif param["required"]:
            args.append(False)
    return args


class RpcMatrix:
    def __init__(self, live_server, world, sessions, watch):
        self.server = live_server
        self.world = world
        self.sessions = sessions
        self.watch = watch
        self.findings = Findings("models x roles")
        self.cells = set()
        self.calls = 0

    def call(self, role, model, method, args=(), kwargs=None):
        self.calls += 1
        return self.server.rpc(self.sessions[role], model, method, args, kwargs)

    def watched(self, role, model, method, args=(), kwargs=None):
        uid = self.world.uid(role)
        before = self.watch.snapshot(uid)
        result = self.call(role, model, method, args, kwargs)
        return result, self.watch.changed(before)

    def no_server_error(self, result, where):
        # a refusal is an AccessError/UserError/ValidationError..., a crash
        # of the addon's code is another exception class
        name = _error_name(result)
        self.findings.check(
            not name
            # Odoo's survey prepares the questions before its access check: a
            # portal user's create({}) fails there (ValueError), writes nothing
            or where.endswith("survey.user_input.create")
            or name.startswith(("odoo.exceptions.", "odoo.http.SessionExpired"))
            or name in ("werkzeug.exceptions.NotFound", "builtins.TypeError"),
            f"CRASH {where}: {name} {dump(result)}",
        )

    def own_draft(self, model, record_id, role):
        if model != "community.volunteer.hour":
            return False
        rows = self.watch.sql(
            "SELECT 1 FROM community_volunteer_hour WHERE id = %s AND state = 'draft'"
            " AND volunteer_id = %s",
            (record_id, self.world.roles[role]["partner_id"]),
        )
        return bool(rows)

    # ------------------------------------------------------------------ run
    def run_role(self, role):
        for model in self.world.models:
            self.cells.add((model["model"], role))
            self.run_cell(model, role)

    def run_cell(self, model, role):
        name = model["model"]
        visible = self.world.ids(role, name, "visible")
        hidden = self.world.ids(role, name, "hidden")
        where = f"{role} {name}"
        # reading: no secret, no other community, nothing hidden
        result = self.call(role, name, "search_read", [[]], {"limit": 20})
        self.no_server_error(result, f"{where}.search_read")
        if isinstance(result, list):
            secrets = {f for row in result for f in row} & SECRET_FIELDS
            self.findings.check(
                not secrets, f"LEAK {where}.search_read returns {sorted(secrets)}"
            )
            self.findings.check(
                not ({row["id"] for row in result} & set(hidden)),
                f"LEAK {where}.search_read returns hidden records {hidden}",
            )
        foreign = self.world.ids(role, name, "foreign")
        self.findings.check(
            not foreign or (role, name) in FOREIGN_OK,
            f"LEAK {where}: reads records of another community {foreign}",
        )
        if hidden:
            result = self.call(role, name, "read", [hidden, ["display_name"]])
            self.no_server_error(result, f"{where}.read(hidden)")
            self.findings.check(
                _is_error(result) or not result,
                f"LEAK {where}.read({hidden}) -> {dump(result)}",
            )
        if role == "public":
            result = self.call(role, name, "create", [{}])
            self.findings.check(_is_error(result), f"RULE {where}.create -> {result}")
            return
        # writing
        field = model["writable_field"]
        if visible and field and name not in BASE_WRITES:
            current = self.call(role, name, "read", [visible[:1], [field]])
            if isinstance(current, list) and current:
                result, wrote = self.watched(
                    role, name, "write", [visible[:1], {field: current[0][field]}]
                )
                self.no_server_error(result, f"{where}.write")
                self.findings.check(
                    _is_error(result) or self.own_draft(name, visible[0], role),
                    f"RULE {where}.write({visible[0]}) succeeded",
                )
        result, wrote = self.watched(role, name, "create", [{}])
        self.no_server_error(result, f"{where}.create")
        self.findings.check(
            _is_error(result) and not wrote, f"RULE {where}.create({{}}) -> {result}"
        )
        targets = [i for i in visible[:1] if not self.own_draft(name, i, role)]
        targets += hidden[:1]
        table = model["table"] if model["auto"] else None
        existing = self.watch.exists(table, targets) if table and targets else set()
        for method in ("unlink", "copy"):
            if name in BASE_WRITES and method == "unlink":
                continue
            for record_id in targets:
                result, wrote = self.watched(role, name, method, [[record_id]])
                self.no_server_error(result, f"{where}.{method}({record_id})")
                self.findings.check(
                    _is_error(result) and not wrote,
                    f"RULE {where}.{method}({record_id}) -> {dump(result)} {wrote}",
                )
        if existing:
            gone = existing - self.watch.exists(table, existing)
            self.findings.check(not gone, f"RULE {where}: unlinked {gone}")
        # the addon's public methods
        for method in model["methods"]:
            portal = (name, method["name"]) in PORTAL_METHODS
            args = _args(method, self.world, role, name)
            if method["model_level"]:
                if portal:
                    continue
                cases = [("model", args)]
            else:
                cases = [(f"hidden {i}", [[i], *args]) for i in hidden[:1]]
                if not portal:
                    cases += [(f"visible {i}", [[i], *args]) for i in visible[:1]]
            for label, call_args in cases:
                result, wrote = self.watched(role, name, method["name"], call_args)
                call = f"{where}.{method['name']}({label})"
                self.no_server_error(result, call)
                self.findings.check(
                    not wrote, f"RULE {call} wrote {wrote}: {dump(result)}"
                )


def test_every_model_for_every_role(
    live_server, attack_world, role_sessions, write_watch
):
    matrix = RpcMatrix(live_server, attack_world, role_sessions, write_watch)
    assert attack_world.models, "no model of the addon in ir.model"
    results = concurrently(len(ROLES), lambda i: matrix.run_role(ROLES[i]), timeout=600)
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    figure(
        f"models x roles: {len(attack_world.models)} models x {len(ROLES)} roles = "
        f"{len(matrix.cells)} cells, {matrix.calls} JSON-RPC calls"
    )
    matrix.findings.assert_clean()
