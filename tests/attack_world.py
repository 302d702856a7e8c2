"""Run in ``odoo shell`` on the live server's database (see attack.py): what
the standing attack suite needs to know about the addon, read from the
running code and data, and the records its concurrency and fault cases work
on. Prints one ``CG_JSON`` line.

Nothing here lists the addon's routes or models by hand: routes come from
the routing map, models from ir.model, methods from the model classes, so a
feature added tomorrow is attacked the day it lands.
"""
# ruff: noqa: F821  (``env`` is the shell's)

import inspect
import json
from datetime import date, datetime, timedelta

from passlib.context import CryptContext

from odoo import fields

ADDON = "community_governance"
PACKAGE = f"odoo.addons.{ADDON}"
ROLE_LOGINS = {
    "resident": "resident",
    "steward": "steward",
    "liaison": "liaison",
    "alley": "alley",
    "volunteer": "volunteer",
}
# Methods every model has: attacked as CRUD, not as the addon's methods.
SKIPPED_METHODS = {"create", "write", "unlink", "read", "copy", "init"}
SYS_PREFIX = "cgsys_"
QUICK_HASH = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=1000)
# Route arguments whose model is not named after them.
ARG_ALIASES = {"activity_id": "event.event", "matter_id": "community.deliberation"}

env = env(context=dict(env.context, tracking_disable=True, no_reset_password=True))


def addon_function(function):
    return (getattr(function, "__module__", "") or "").startswith(PACKAGE)


def parameters(function):
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return []
    return [
        {
            "name": p.name,
            "kind": p.kind.name,
            "required": p.default is inspect.Parameter.empty,
        }
        for p in signature.parameters.values()
        if p.name not in ("self", "cls")
    ]


# --------------------------------------------------------------------- routes
routes = []
for rule in env["ir.http"].routing_map().iter_rules():
    endpoint = rule.endpoint
    function = getattr(endpoint, "original_endpoint", None) or endpoint
    if not addon_function(function):
        continue
    routes.append(
        {
            "rule": rule.rule,
            "methods": sorted(m for m in (rule.methods or ()) if m != "OPTIONS"),
            "auth": endpoint.routing.get("auth"),
            "type": endpoint.routing.get("type"),
            "csrf": endpoint.routing.get("csrf", True),
            "args": [
                {
                    "name": name,
                    "converter": type(converter).__name__,
                    "items": sorted(getattr(converter, "items", ()) or ()),
                }
                for name, converter in rule._converters.items()
            ],
            "params": parameters(function),
            "endpoint": f"{function.__module__}.{function.__qualname__}",
        }
    )

# --------------------------------------------------------------------- models
IrModel = env["ir.model"].sudo()
models = []
for record in IrModel.search([]):
    if ADDON not in (record.modules or "").split(", "):
        continue
    Model = env.get(record.model)
    if Model is None or Model._abstract:
        continue
    methods = []
    for name in dir(type(Model)):
        if name.startswith("_") or name in SKIPPED_METHODS:
            continue
        function = getattr(type(Model), name, None)
        if not callable(function) or not addon_function(function):
            continue
        if isinstance(inspect.getattr_static(type(Model), name), property):
            continue
        methods.append(
            {
                "name": name,
                "params": parameters(function),
                "model_level": getattr(function, "_api", None) == "model",
            }
        )
    simple = [
        name
        for name, field in Model._fields.items()
        if field.store
        and field.type in ("char", "text", "integer", "boolean")
        and not field.compute
        and not field.related
        and not field.readonly
        and name not in ("id", "display_name")
    ]
    models.append(
        {
            "model": record.model,
            "table": Model._table,
            "transient": Model._transient,
            "auto": Model._auto,
            "log_access": Model._log_access,
            "methods": methods,
            "writable_field": simple[0] if simple else None,
            "has_community": "community_id" in Model._fields,
        }
    )

# ---------------------------------------------------------------------- roles
public = env.ref("base.public_user")
roles = {
    "public": {"login": None, "uid": public.id, "partner_id": public.partner_id.id}
}
for role, login in ROLE_LOGINS.items():
    user = env["res.users"].search([("login", "=", login)])
    assert user, f"demo login {login} missing"
    roles[role] = {
        "login": login,
        "uid": user.id,
        "partner_id": user.partner_id.id,
        "community_id": user.partner_id.community_id.id,
    }


def visible_and_hidden(model, user, limit=3):
    """Ids the user reaches (their record rules, and the portal's own
    domain where the model has one), and ids they must not reach."""
    Model = env[model]
    if not Model._auto:
        as_user = Model.with_user(user)
        try:
            visible = as_user.search([], limit=limit).ids
        except Exception:  # noqa: BLE001 - no read right: nothing visible
            visible = []
        try:
            hidden = Model.sudo().search([], limit=limit * 5).ids
            readable = set(as_user.search([("id", "in", hidden)]).ids)
        except Exception:  # noqa: BLE001
            readable = set()
        return visible, [i for i in hidden if i not in readable][:limit]
    as_user = Model.with_user(user)
    try:
        reachable = as_user._search([])
        if hasattr(Model, "_portal_domain"):
            reachable = Model.sudo()._search(as_user._portal_domain())
        visible = Model.sudo().search([("id", "in", reachable)], limit=limit).ids
        hidden = (
            Model.sudo()
            .with_context(active_test=False)
            .search([("id", "not in", reachable)], limit=limit, order="id desc")
            .ids
        )
    except Exception:  # noqa: BLE001 - no read right at all
        visible = []
        hidden = Model.sudo().search([], limit=limit, order="id desc").ids
    return visible, hidden


def user_communities(user):
    """The communities a portal user belongs to: where they live, and by
    design (owners' deliberation) where they own a unit or sit on an owners'
    body, wherever they live."""
    partner = user.partner_id.sudo()
    communities = {partner.community_id.id or False}
    if "property_unit_ids" in partner._fields:
        communities |= set(partner.property_unit_ids.community_id.ids)
    if "owner_body_member_ids" in partner._fields:
        communities |= set(partner.owner_body_member_ids.community_id.ids)
    if "community.deliberation.ballot" in env:
        proxied = (
            env["community.deliberation.ballot"]
            .sudo()
            .search([("proxy_id", "=", partner.id)])
        )
        communities |= set(proxied.community_id.ids)
    return list(communities)


def foreign(model, user):
    """Records of a community the user does not belong to that the user
    reads."""
    Model = env[model].with_user(user)
    if "community_id" not in Model._fields or not user.share:
        return []
    try:
        return Model.search(
            [("community_id", "not in", user_communities(user))], limit=5
        ).ids
    except Exception:  # noqa: BLE001 - no read right
        return []


records = {}
for role, info in roles.items():
    user = env["res.users"].browse(info["uid"])
    records[role] = {}
    for model in models:
        visible, hidden = visible_and_hidden(model["model"], user)
        records[role][model["model"]] = {
            "visible": visible,
            "hidden": hidden,
            "foreign": foreign(model["model"], user),
        }

# Texts no portal page of the role may show: secrets of everybody, and the
# petitions, clubs and activities of communities the role has nothing to do
# with.
secrets = [
    token
    for token in env["community.petition"].sudo().search([]).mapped("access_token")
    if token
] + [
    code for code in env["event.event"].sudo().search([]).mapped("checkin_code") if code
]
markers = {}
# The check-in codes a role shows on site (the QR code on the activity's page
# of its coordinators and club leaders): no secret to them.
leader_codes = {}
events = env["event.event"].sudo().search([("checkin_code", "!=", False)])
for role, info in roles.items():
    user = env["res.users"].browse(info["uid"])
    leader_codes[role] = sorted(
        event.checkin_code for event in events if event._is_portal_leader(user)
    )
    Petition = env["community.petition"].with_user(user)
    try:
        portal = set(
            env["community.petition"].sudo()._search(Petition._portal_domain())
        )
    except Exception:  # noqa: BLE001 - visitors see no petition
        portal = set()
    dispatched = set()
    try:
        dispatched = set(
            env["community.petition.dispatch"]
            .with_user(user)
            .search([])
            .petition_id.ids
        )
    except Exception:  # noqa: BLE001
        pass
    Sudo = env["community.petition"].sudo()
    reachable = list(portal | dispatched)
    seen = set(Sudo.search([("id", "in", reachable)]).mapped("title"))
    foreign = Sudo.search([("id", "not in", reachable)], limit=60)
    markers[role] = sorted(
        {t for t in foreign.mapped("title") if len(t) >= 6 and t not in seen}
    )

# ------------------------------------------------------------------ fixtures
today = fields.Date.context_today(env.user)
resident_partner = env["res.users"].search([("login", "=", "resident")]).partner_id
community = resident_partner.community_id
home = resident_partner.area_id
portal_group = env.ref("base.group_portal")
Users = env["res.users"].with_context(no_reset_password=True)


def sys_resident(index):
    login = f"{SYS_PREFIX}r{index:02d}"
    user = Users.search([("login", "=", login)])
    if not user:
        partner = env["res.partner"].create(
            {
                "name": f"CG Sys Resident {index:02d}",
                "is_resident": True,
                "area_id": home.id,
                "email": f"{login}@example.com",
            }
        )
        user = Users.create(
            {
                "name": partner.name,
                "login": login,
                "partner_id": partner.id,
                "groups_id": [fields.Command.set(portal_group.ids)],
            }
        )
        # password = login, hashed cheaply (Odoo rehashes it at the first
        # login): 600,000 rounds per user would cost seconds each here
        env.cr.execute(
            "UPDATE res_users SET password = %s WHERE id = %s",
            (QUICK_HASH.hash(login), user.id),
        )
        partner.write(
            {"is_volunteer": True, "volunteer_since": today - timedelta(days=800)}
        )
    return user


residents = [sys_resident(i) for i in range(1, 13)]
R = {f"r{i:02d}": u for i, u in enumerate(residents, 1)}
stamp = datetime.now().strftime("%H%M%S")
private_category = env["community.petition.category"].search(
    [("is_public", "=", False)], limit=1
)
public_category = env["community.petition.category"].create(
    {
        "name": f"CG sys public {stamp}",
        "is_public": True,
        "cosign_threshold": 3,
        "cosign_answer_hours": 48,
    }
)
now = fields.Datetime.now().replace(microsecond=0)
fixtures = {"logins": {key: user.login for key, user in R.items()}}


# petitions: one for the co-signature races, one resolved for the rating race,
# one at the office for the dispatch race
def sys_petition(title, raiser, category, description):
    return env["community.petition"].create(
        {
            "title": f"{title} {stamp}",
            "description": description,
            "partner_id": R[raiser].partner_id.id,
            "category_id": category.id,
            "area_id": home.id,
        }
    )


cosigned = sys_petition("Sys cosign", "r01", public_category, "Co-signed by many.")
cosigned_once = sys_petition(
    "Sys cosign once", "r01", public_category, "Co-signed twice by one resident."
)
rated = sys_petition("Sys rated", "r02", private_category, "Rated twice at once.")
rated.resolve("Fixed for the rating race")
dispatched = sys_petition(
    "Sys dispatch", "r03", private_category, "Summoned by two officers at once."
)
dispatched.write({"level": "office", "user_id": community.user_id.id or False})
department = env["community.department"].search([], limit=1)
fixtures["petitions"] = {
    "cosigned": cosigned.id,
    "cosigned_once": cosigned_once.id,
    "rated": rated.id,
    "dispatched": dispatched.id,
}
fixtures["department_id"] = department.id
fixtures["home_area_id"] = home.id
fixtures["private_category_id"] = private_category.id

# rota: five pairs of overlapping slots, and one slot five residents race for
alley_role = env.ref(f"{ADDON}.steward_role_alley")
Slot = env["community.steward.slot"]
# (a day of their own on each run: the suite may run again on the database)
runs = Slot.search_count([("name", "=like", "Sys gate raced %")])
base = now + timedelta(days=5 + 2 * runs)
pairs = []
for i in range(5):
    start = base + timedelta(hours=3 * i)
    first = Slot.create(
        {
            "name": f"Sys gate A {stamp}",
            "role_id": alley_role.id,
            "area_id": community.id,
            "date_start": start,
            "date_end": start + timedelta(hours=1),
        }
    )
    second = Slot.create(
        {
            "name": f"Sys gate B {stamp}",
            "role_id": alley_role.id,
            "area_id": community.id,
            "date_start": start + timedelta(minutes=30),
            "date_end": start + timedelta(minutes=90),
        }
    )
    pairs.append([first.id, second.id])
raced = Slot.create(
    {
        "name": f"Sys gate raced {stamp}",
        "role_id": alley_role.id,
        "area_id": community.id,
        "date_start": base + timedelta(days=1),
        "date_end": base + timedelta(days=1, hours=1),
    }
)
fixtures["slot_pairs"] = pairs
fixtures["slot_raced"] = raced.id

# club requests, activity seats and check-in
club = env["community.club"].create(
    {"name": f"Sys club {stamp}", "area_id": community.id}
)
announced = env.ref("event.event_stage_announced")
Event = env["event.event"]
one_seat = Event.create(
    {
        "name": f"Sys one seat {stamp}",
        "area_id": community.id,
        "date_begin": now + timedelta(days=3),
        "date_end": now + timedelta(days=3, hours=2),
        "portal_published": True,
        "stage_id": announced.id,
        "seats_limited": True,
        "seats_max": 1,
    }
)
open_event = Event.create(
    {
        "name": f"Sys open {stamp}",
        "area_id": community.id,
        "date_begin": now - timedelta(minutes=10),
        "date_end": now + timedelta(hours=3),
        "portal_published": True,
        "stage_id": announced.id,
    }
)
env["event.registration"].create(
    [
        {"event_id": open_event.id, "partner_id": R[key].partner_id.id}
        for key in ("r04", "r10")
    ]
)
fixtures.update(
    club_id=club.id,
    one_seat_event_id=one_seat.id,
    open_event_id=open_event.id,
    open_event_code=open_event.checkin_code,
)

# certificates and milestones: approved hours last year (r05); hours waiting
# for approval that cross a milestone together (r06); the day of the 24-hour
# race (r07)
Hour = env["community.volunteer.hour"]
last_year = date(today.year - 1, 1, 1)
# (days of their own on each run: the suite may run again on the database)
first = Hour.search_count([("volunteer_id", "=", R["r05"].partner_id.id)])
Hour.create(
    [
        {
            "volunteer_id": R["r05"].partner_id.id,
            "date": last_year + timedelta(days=first + i),
            "hours": 3,
            "state": "approved",
        }
        for i in range(3)
    ]
)
offset = Hour.search_count([("volunteer_id", "=", R["r06"].partner_id.id)])
approved = sum(
    Hour.search(
        [("volunteer_id", "=", R["r06"].partner_id.id), ("state", "=", "approved")]
    ).mapped("hours")
)
milestone = next(m for m in (25, 100, 250, 500, 1000) if m > approved)
needed = milestone - approved + 1  # together they cross the milestone
entries = max(5, -(-int(needed) // 20))
milestone_hours = Hour.create(
    [
        {
            "volunteer_id": R["r06"].partner_id.id,
            "date": today - timedelta(days=10 + offset + i),
            "hours": -(-int(needed) // entries),
            "state": "submitted",
        }
        for i in range(entries)
    ]
)
fixtures.update(
    certificate_year=last_year.year,
    milestone_hour_ids=milestone_hours.ids,
    hours_day=fields.Date.to_string(today - timedelta(days=1)),
)

# steward terms: two candidates for one stairwell (one steward at most)
stairwell_role = env.ref(f"{ADDON}.steward_role_stairwell")
building = env["community.area"].search(
    [("community_id", "=", community.id), ("area_type", "=", "building")], limit=1
)
stairwell = env["community.area"].create(
    {"name": f"Sys unit {stamp}", "area_type": "entrance", "parent_id": building.id}
)
terms = env["community.steward"].create(
    [
        {
            "partner_id": R[key].partner_id.id,
            "role_id": stairwell_role.id,
            "area_id": stairwell.id,
            "state": "candidate",
        }
        for key in ("r11", "r12")
    ]
)
fixtures["candidate_term_ids"] = terms.ids

# arguments of routes: the model behind each <int:…_id>
arg_models = {}
addon_models = [m["model"] for m in models]
for route in routes:
    for arg in route["args"]:
        name = arg["name"]
        if arg["converter"] != "AsciiIntConverter" or not name.endswith("_id"):
            continue
        stem = name[: -len("_id")]
        candidates = [m for m in addon_models if m.split(".")[-1] == stem]
        if name in ARG_ALIASES:
            candidates = [ARG_ALIASES[name]]
        arg_models.setdefault(name, candidates)

tables = sorted(
    {m["table"] for m in models if m["auto"] and m["log_access"]}
    | {"mail_message", "mail_followers", "rating_rating", "ir_attachment"}
)

env.cr.commit()
print(
    "CG_JSON "
    + json.dumps(
        {
            "routes": routes,
            "models": models,
            "roles": roles,
            "records": records,
            "markers": markers,
            "secrets": secrets,
            "leader_codes": leader_codes,
            "fixtures": fixtures,
            "arg_models": arg_models,
            "tables": tables,
        },
        default=str,
    )
)
