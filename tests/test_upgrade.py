"""System test: a database of the previous release keeps its data on upgrade.

Issue 8, section 7. The previous release of the addon is exported from git and
installed with its demo data in a throwaway database (plus a few volunteer
certificates, which the demo has none of); the test records its figures, then
upgrades the database to the addon of this checkout (``-u``, no ERROR line
allowed) and reads the same figures from the new data model:

- every record of the datasets below is compared by its key fields (names,
  references, states, dates, hours, area complete names, partner names ...),
  not only counted: the demo is small (under 2,000 records);
- activities and their registrations, and petition ratings, are read from
  whichever model holds them (``community.activity`` or ``event.event``; the
  petition's ``rating`` field or ``rating.rating``), as the registry's own
  tables say (``ir_model``, ``ir_model_fields``): a removed model or field
  leaves its table or column behind, so their presence proves nothing;
- certificate codes must still verify on ``/volunteer/verify/<code>`` (the URL
  printed on the certificates), asked through Odoo's WSGI application;
- the XML ids of the noupdate records must survive (a demo record whose XML
  id is lost is created a second time by the next upgrade, which reloads the
  demo files), and the petition sequence must go on where it was.

The figures table (old -> new) is printed and written to
``.local/logs/upgrade-figures.txt`` for the closing note of the issue.
"""

import ast
import io
import json
import os
import subprocess
import tarfile
import time
from pathlib import Path

import pytest
from cgdev.common import LOG_DIR, addon_manifest
from cgdev.odoo_src import odoo_addons_paths

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parent.parent

# 18.0.1.0.0 release: the last commit of main before the consolidation (issue 8).
PREVIOUS_RELEASE = "0fc6cca"
PREVIOUS_VERSION = "18.0.1.0.0"

# volunteers given a certificate in the old database before the upgrade
CERTIFICATES = 5

# What only Odoo answers (odoo shell): do the certificate codes still verify
# on their public page, and which reference does the next petition get?
ODOO_CHECKS = r"""
import json
import re

from werkzeug.test import Client

import odoo.http

Certificate = env["community.volunteer.certificate"]
if not EXPECTED:  # the old release: issue certificates first, as an office does
    Hour = env["community.volunteer.hour"]
    groups = Hour._read_group(
        [("state", "=", "approved")],
        ["volunteer_id"],
        ["date:min", "date:max"],
        order="volunteer_id",
        limit=CERTIFICATES,
    )
    for partner, date_from, date_to in groups:
        Certificate._issue(partner, date_from, date_to)
    env.cr.commit()
    EXPECTED = {c.code: c.hours for c in Certificate.search([])}

client = Client(odoo.http.root)


def verify(code, hours):
    response = client.get("/volunteer/verify/" + code)
    text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    text = re.sub(r"\d{4}-\d\d-\d\d", " ", text)  # dates are not the hours
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]
    return [response.status_code, any(abs(n - hours) < 0.005 for n in numbers)]


Petition = env["community.petition"].with_context(active_test=False)
reference = env["ir.sequence"].next_by_code("community.petition")
print("CG_JSON " + json.dumps({
    "expected": EXPECTED,
    "verified": {code: verify(code, hours) for code, hours in EXPECTED.items()},
    "unknown code": verify("no-such-certificate-code", -1)[0],
    "next petition": [reference, bool(Petition.search([("name", "=", reference)]))],
}))
"""


# --------------------------------------------------------------------------
# The database's schema as the registry sees it
# --------------------------------------------------------------------------


class Db:
    """SQL on one database, with what its registry says about models/fields."""

    def __init__(self, odoo, name):
        self.odoo = odoo
        self.name = name
        self._fields = {}
        self._columns = {}

    def rows(self, query, params=()):
        return self.odoo.sql(self.name, query, params)

    def has_model(self, model):
        return bool(self.rows("SELECT 1 FROM ir_model WHERE model = %s", [model]))

    def fields(self, model):
        """{field: (type, comodel)} of the model's fields in ir_model_fields."""
        if model not in self._fields:
            rows = self.rows(
                "SELECT name, ttype, relation FROM ir_model_fields WHERE model = %s",
                [model],
            )
            self._fields[model] = {name: (ttype, rel) for name, ttype, rel in rows}
        return self._fields[model]

    def columns(self, table):
        """{column: data type} of a table (empty: no such table)."""
        if table not in self._columns:
            rows = self.rows(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'public' AND table_name = %s",
                [table],
            )
            self._columns[table] = dict(rows)
        return self._columns[table]

    def text(self, table, alias, column):
        """SQL of a Char column; translated ones (jsonb) in English."""
        if self.columns(table).get(column) == "jsonb":
            return f"{alias}.{column}->>'en_US'"
        return f"{alias}.{column}"

    def link(self, model, alias, comodel, prefer=()):
        """(join, name) of the record of ``comodel`` a many2one of ``model``
        points to, ``NULL`` when the model has no such field."""
        candidates = [
            name
            for name, (ttype, relation) in self.fields(model).items()
            if ttype == "many2one" and relation == comodel
        ]
        candidates.sort(key=lambda name: (name not in prefer, name))
        if not candidates or not comodel:
            return "", "NULL"
        table = comodel.replace(".", "_")
        join = f"LEFT JOIN {table} lnk ON lnk.id = {alias}.{candidates[0]}"
        return join, self.text(table, "lnk", "name")


# --------------------------------------------------------------------------
# Figures: per dataset, its records {key: key fields}; and a few totals
# --------------------------------------------------------------------------

T = "->>'en_US'"  # translated names (jsonb) in English

# (dataset, SQL returning the key then the compared fields)
DATASETS = [
    (
        "residents",
        """SELECT r.id, r.name, a.complete_name, h.name, r.unit_number,
                  r.is_volunteer, r.active
             FROM res_partner r
             LEFT JOIN community_area a ON a.id = r.area_id
             LEFT JOIN community_household h ON h.id = r.household_id
            WHERE r.is_resident""",
    ),
    (
        "households",
        """SELECT h.id, h.name, h.unit_number, a.complete_name, p.name, h.active
             FROM community_household h
             LEFT JOIN community_area a ON a.id = h.area_id
             LEFT JOIN res_partner p ON p.id = h.head_id""",
    ),
    (
        "areas",
        """SELECT a.id, a.complete_name, a.code, a.area_type, c.name, a.active
             FROM community_area a
             LEFT JOIN community_area c ON c.id = a.community_id""",
    ),
    (
        "steward terms",
        f"""SELECT s.id, p.name, r.name{T}, a.complete_name, s.state,
                   s.date_start, s.date_end
              FROM community_steward s
              LEFT JOIN res_partner p ON p.id = s.partner_id
              LEFT JOIN community_steward_role r ON r.id = s.role_id
              LEFT JOIN community_area a ON a.id = s.area_id""",
    ),
    (
        "duty slots",
        """SELECT s.id, s.name, s.date_start, s.date_end, a.complete_name, p.name
             FROM community_steward_slot s
             LEFT JOIN community_area a ON a.id = s.area_id
             LEFT JOIN res_partner p ON p.id = s.partner_id""",
    ),
    (
        "clubs",
        f"""SELECT c.id, c.complete_name, k.name{T}, a.complete_name, c.is_open,
                   c.active
              FROM community_club c
              LEFT JOIN community_club_category k ON k.id = c.category_id
              LEFT JOIN community_area a ON a.id = c.area_id""",
    ),
    (
        "memberships",
        """SELECT m.id, c.complete_name, p.name, m.role, m.state, m.date_join,
                  m.date_left
             FROM community_club_membership m
             LEFT JOIN community_club c ON c.id = m.club_id
             LEFT JOIN res_partner p ON p.id = m.partner_id""",
    ),
    (
        "awards",
        """SELECT w.id, w.name, w.date, c.complete_name
             FROM community_club_award w
             LEFT JOIN community_club c ON c.id = w.club_id""",
    ),
    (
        "volunteer hours",
        f"""SELECT v.id, p.name, v.date, round(v.hours::numeric, 2), v.state,
                   l.name{T}, {{activity}}
              FROM community_volunteer_hour v
              LEFT JOIN res_partner p ON p.id = v.volunteer_id
              LEFT JOIN community_line l ON l.id = v.line_id
              {{activity_join}}""",
    ),
    (
        "hours per volunteer",
        """SELECT v.volunteer_id, p.name, count(*),
                  round(sum(v.hours)::numeric, 2),
                  round(coalesce(sum(v.hours) FILTER (WHERE v.state = 'approved'),
                                 0)::numeric, 2)
             FROM community_volunteer_hour v
             LEFT JOIN res_partner p ON p.id = v.volunteer_id
            GROUP BY v.volunteer_id, p.name""",
    ),
    (
        "certificates",
        """SELECT c.id, p.name, c.date_from, c.date_to, round(c.hours::numeric, 2),
                  c.issue_date
             FROM community_volunteer_certificate c
             LEFT JOIN res_partner p ON p.id = c.partner_id""",
    ),
    (
        "petitions",
        """SELECT t.id, t.name, t.title, t.state, t.level, t.settled_level,
                  p.name, a.complete_name, t.date_raised, t.is_anonymous,
                  t.access_token
             FROM community_petition t
             LEFT JOIN res_partner p ON p.id = t.partner_id
             LEFT JOIN community_area a ON a.id = t.area_id""",
    ),
    (
        "dispatches",
        f"""SELECT d.id, t.name, g.name{T}, d.state, d.date_summoned,
                   d.date_reported
              FROM community_petition_dispatch d
              LEFT JOIN community_petition t ON t.id = d.petition_id
              LEFT JOIN community_department g ON g.id = d.department_id""",
    ),
    (
        "signatures",
        """SELECT s.id, t.name, p.name, s.is_anonymous
             FROM community_petition_signature s
             LEFT JOIN community_petition t ON t.id = s.petition_id
             LEFT JOIN res_partner p ON p.id = s.partner_id""",
    ),
    (
        "timeline entries",
        """SELECT g.id, t.name, g.date, g.event, g.level, g.state
             FROM community_petition_log g
             LEFT JOIN community_petition t ON t.id = g.petition_id""",
    ),
]

EVENT_STATES = {"open": "registered", "done": "attended", "cancel": "cancelled"}


def activity_model(db):
    """The model holding the activities: community.activity (18.0.1), else
    event.event with a community (issue 8); None when neither does."""
    if db.has_model("community.activity"):
        return "community.activity"
    if db.has_model("event.event") and "community_id" in db.fields("event.event"):
        return "event.event"
    return None


def activity_figures(db, model):
    """Activities keyed by (name, start), registrations by (activity name,
    start, partner id), whichever model holds them."""
    if model is None:
        return [], []
    table = model.replace(".", "_")
    name = db.text(table, "x", "name")
    club, club_join = "NULL", ""  # no club on the events: lost if an activity had one
    if "club_id" in db.fields(model):
        club = "club.complete_name"
        club_join = "LEFT JOIN community_club club ON club.id = x.club_id"
    community = "x.community_id IS NOT NULL" if model == "event.event" else "true"
    activities = db.rows(
        f"""SELECT json_build_array({name}, x.date_begin), x.date_end, c.name, {club}
              FROM {table} x
              LEFT JOIN community_area c ON c.id = x.community_id
              {club_join}
             WHERE {community}"""
    )
    if model == "community.activity":
        registrations = db.rows(
            f"""SELECT json_build_array({name}, x.date_begin, r.partner_id),
                       r.state, r.date_attended
                  FROM community_activity_registration r
                  JOIN community_activity x ON x.id = r.activity_id"""
        )
    else:
        registrations = [
            [key, EVENT_STATES.get(state, state), attended]
            for key, state, attended in db.rows(
                f"""SELECT json_build_array({name}, x.date_begin, r.partner_id),
                           r.state, r.date_closed
                      FROM event_registration r
                      JOIN event_event x ON x.id = r.event_id
                     WHERE {community}"""
            )
        ]
    return activities, registrations


def rating_figures(db):
    """(where, {petition id: [rating, comment]}): the old integer field, else
    the consumed rating.rating records of the petitions (rating.mixin)."""
    if "rating" in db.fields("community.petition"):
        rows = db.rows(
            """SELECT id, rating, NULLIF(rating_comment, '') FROM community_petition
                WHERE rating >= 1"""
        )
        return "community.petition's rating field", rows
    if not db.columns("rating_rating"):
        return "nowhere (no rating.rating)", []
    rows = db.rows(
        """SELECT DISTINCT ON (r.res_id) r.res_id, round(r.rating)::int,
                  NULLIF(r.feedback, '')
             FROM rating_rating r
             JOIN ir_model m ON m.id = r.res_model_id
            WHERE m.model = 'community.petition' AND r.res_model = m.model
              AND r.consumed AND r.rating >= 1
            ORDER BY r.res_id, r.id DESC"""
    )
    return "rating.rating", rows


def keyed(rows):
    """{json of the key: the other values} of SQL rows."""
    return {json.dumps(row[0], ensure_ascii=False): row[1:] for row in rows}


def collect(db):
    """Every figure of the database: {dataset: {key: values}}, the holders of
    activities and ratings, and totals."""
    data = {}
    act_model = activity_model(db)
    act_join, act_name = db.link(
        "community.volunteer.hour",
        "v",
        act_model,
        prefer=("activity_id", "event_id"),
    )
    for label, sql in DATASETS:
        sql = sql.replace("{activity_join}", act_join).replace("{activity}", act_name)
        try:
            data[label] = keyed(db.rows(sql))
        except Exception as exc:
            pytest.fail(f"{label}: the query failed in {db.name}: {exc}\n{sql}")
    activities, registrations = activity_figures(db, act_model)
    data["activities"] = keyed(activities)
    data["registrations"] = keyed(registrations)
    rated_in, ratings = rating_figures(db)
    data["rated petitions"] = keyed(ratings)
    hours = data["volunteer hours"].values()
    totals = {
        "attended registrations": sum(
            1 for values in data["registrations"].values() if values[0] == "attended"
        ),
        "approved volunteer hours": round(
            sum(float(v[2]) for v in hours if v[3] == "approved"), 2
        ),
        "average rating": round(sum(r[1] for r in ratings) / len(ratings), 2)
        if ratings
        else None,
    }
    holders = {"activities": act_model or "nowhere", "ratings": rated_in}
    return {"data": data, "totals": totals, "holders": holders}


def record_keys(db, model, ids):
    """{id: [name, start]} of the existing records of ``model`` among ids:
    what identifies a record that moved to another model (and id); None when
    the model's table is not named after it (ir.actions.server ...)."""
    table = model.replace(".", "_")
    columns = db.columns(table)
    if not columns:
        return None
    name = db.text(table, "x", "name") if "name" in columns else "NULL"
    start = "x.date_begin" if "date_begin" in columns else "NULL"
    rows = db.rows(
        f"SELECT x.id, {name}, {start} FROM {table} x WHERE x.id = ANY(%s)", [ids]
    )
    return {res_id: [label, begin] for res_id, label, begin in rows}


def xmlids(db, module):
    """{xml id: (model, res_id, key)} of the module's noupdate records (demo
    records, sequences, mail templates ...: Odoo never reloads them, so their
    XML id is all that links them to the module's files); key None when the
    record is gone."""
    rows = db.rows(
        "SELECT name, model, res_id FROM ir_model_data "
        "WHERE module = %s AND noupdate AND res_id IS NOT NULL",
        [module],
    )
    by_model = {}
    for _name, model, res_id in rows:
        by_model.setdefault(model, []).append(res_id)
    keys = {model: record_keys(db, model, ids) for model, ids in by_model.items()}
    return {
        name: (model, res_id, ["?"] if keys[model] is None else keys[model].get(res_id))
        for name, model, res_id in rows
    }


def xmlid_problems(old, new):
    """XML ids lost, or pointing to no record / to another record."""
    problems = []
    for name, (model, res_id, key) in sorted(old.items()):
        target = new.get(name)
        if target is None:
            problems.append(f"{name} ({model} {res_id}): XML id lost")
        elif target[2] is None:
            problems.append(f"{name}: points to {target[0]} {target[1]}, which is gone")
        elif target[0] == model and target[1] != res_id:
            problems.append(f"{name}: {model} {res_id} became {target[1]}")
        elif target[0] != model and target[2] != key:
            problems.append(f"{name}: {key} became {target[0]} {target[2]}")
    return problems


# --------------------------------------------------------------------------
# Comparison and the figures table
# --------------------------------------------------------------------------


# The model of each dataset keyed by record id, to recognise the records of
# the new release's demo files (loaded by -u) by their new XML ids.
DATASET_MODELS = {
    "residents": "res.partner",
    "households": "community.household",
    "areas": "community.area",
    "steward terms": "community.steward",
    "duty slots": "community.steward.slot",
    "clubs": "community.club",
    "memberships": "community.club.membership",
    "awards": "community.club.award",
    "volunteer hours": "community.volunteer.hour",
    "certificates": "community.volunteer.certificate",
    "petitions": "community.petition",
    "dispatches": "community.petition.dispatch",
    "signatures": "community.petition.signature",
}


def compare(old, new, new_demo=frozenset()):
    """{dataset: (old count, new count, records with the same values)} and
    the problems found.

    :param new_demo: (model, id) of the records whose XML id is new in this
        release (its new demo files): more records, but no duplicates; the
        timeline entries of such petitions are new too
    """
    rows, problems = {}, []
    new_petitions = {
        values[0]
        for key, values in new["data"]["petitions"].items()
        if ("community.petition", json.loads(key)) in new_demo
    }

    def added_by_new_demo(label, key, values):
        if label == "timeline entries":
            return values[0] in new_petitions
        return (DATASET_MODELS.get(label), json.loads(key)) in new_demo

    for label, before in old["data"].items():
        after = new["data"][label]
        lost = [key for key in before if key not in after]
        extra = [
            key
            for key in after
            if key not in before and not added_by_new_demo(label, key, after[key])
        ]
        changed = [key for key in before if key in after and before[key] != after[key]]
        rows[label] = (len(before), len(after), len(before) - len(lost) - len(changed))
        if lost:
            key = lost[0]
            problems.append(f"{label}: {len(lost)} lost, e.g. {key}: {before[key]}")
        if extra:
            problems.append(
                f"{label}: {len(extra)} more than before (duplicated demo records? "
                f"lost XML ids?), e.g. {extra[0]}: {after[extra[0]]}"
            )
        if changed:
            key = changed[0]
            problems.append(
                f"{label}: {len(changed)} changed, e.g. {key}: {before[key]} -> "
                f"{after[key]}"
            )
    for label, value in old["totals"].items():
        if new["totals"][label] != value:
            problems.append(f"{label}: {value} -> {new['totals'][label]}")
    return rows, problems


def figures_table(header, rows, totals, extra, footer):
    pairs = list(totals.items()) + list(extra.items())
    width = max(len(label) for label in list(rows) + [label for label, _ in pairs])
    w = max(len(str(value)) for _label, pair in pairs for value in pair)
    lines = header + [f"{'':{width}}   {'old':>{w}}    {'new':>{w}}   same values"]
    for label, (before, after, same) in rows.items():
        lines.append(f"{label:{width}}   {before:>{w}} -> {after:>{w}}   {same:>6}")
    for label, (before, after) in pairs:
        lines.append(f"{label:{width}}   {before!s:>{w}} -> {after!s:>{w}}")
    return "\n".join(lines + [footer])


# --------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------


def export_previous_release(addon, dest):
    """``git archive PREVIOUS_RELEASE <addon>`` extracted into dest."""
    check = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{PREVIOUS_RELEASE}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if check.returncode != 0:
        pytest.fail(
            f"commit {PREVIOUS_RELEASE} (the {PREVIOUS_VERSION} release) is not in "
            f"the clone {ROOT}: the upgrade test installs it from git; fetch the "
            "history (git fetch --unshallow) and re-run"
        )
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", PREVIOUS_RELEASE, addon],
        capture_output=True,
        check=True,
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        # the "data" filter (Python 3.11.4+) refuses links and paths out of dest
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(dest, **safe)
    manifest = ast.literal_eval((dest / addon / "__manifest__.py").read_text())
    assert manifest["version"] == PREVIOUS_VERSION, manifest["version"]
    return manifest


def create_old_db(odoo, name, old_depends, new_depends):
    """A copy of the template when its modules are the old release's (its
    dependencies, none of the new ones: the upgrade must install those
    itself), else an empty database the old install initialises."""
    added = set(new_depends) - set(old_depends)
    if odoo.template and odoo.db_exists(odoo.template):
        installed = {
            module
            for (module,) in odoo.sql(
                odoo.template,
                "SELECT name FROM ir_module_module WHERE state = 'installed'",
            )
        }
        if set(old_depends) <= installed and not added & installed:
            odoo.create_from_template(name)
            return f"copy of the template {odoo.template}"
        reason = "it has " + ", ".join(sorted(added & installed))
    else:
        reason = "none built"
    odoo.create_empty(name)
    return f"new database (template not used: {reason})"


def odoo_checks(odoo, db, expected, *args):
    """ODOO_CHECKS' answers: {"expected": {code: hours}, "verified": {code:
    [HTTP status, hours shown]}, "unknown code": status, "next petition":
    [reference, already used]}; with no ``expected``, issue certificates first
    (old release)."""
    script = (
        f"EXPECTED = {json.dumps(expected)}\nCERTIFICATES = {CERTIFICATES}\n"
        + ODOO_CHECKS
    )
    return odoo.shell_json(f"checks through Odoo in {db}", db, script, *args)


def module_row(odoo, db, module):
    rows = odoo.sql(
        db,
        "SELECT state, latest_version, demo FROM ir_module_module WHERE name = %s",
        [module],
    )
    return rows[0] if rows else (None, None, None)


def test_upgrade_keeps_data(odoo, throwaway_db, tmp_path, capsys):
    t0 = time.time()
    addon, db = odoo.addon, throwaway_db
    old_manifest = export_previous_release(addon, tmp_path)
    new_manifest = addon_manifest()
    old_path = ",".join(odoo_addons_paths(odoo.state["odoo_dir"]) + [str(tmp_path)])

    # 1. the previous release with its demo data, and a few certificates
    how = create_old_db(odoo, db, old_manifest["depends"], new_manifest["depends"])
    odoo.run_clean(
        f"install of {addon} {PREVIOUS_VERSION} ({PREVIOUS_RELEASE})",
        db,
        "--addons-path",
        old_path,
        "-i",
        addon,
        "--stop-after-init",
    )
    assert module_row(odoo, db, addon) == ["installed", PREVIOUS_VERSION, True]
    before = odoo_checks(odoo, db, {}, "--addons-path", old_path)
    codes = before["expected"]
    assert len(codes) == CERTIFICATES and before["unknown code"] == 404, before
    assert all(ok == [200, True] for ok in before["verified"].values()), before
    assert before["next petition"][0] and not before["next petition"][1], before
    old = collect(Db(odoo, db))
    old_xmlids = xmlids(Db(odoo, db), addon)
    t_install = time.time() - t0

    # 2. the upgrade to this checkout's addon
    t1 = time.time()
    odoo.run_clean(f"upgrade of {addon}", db, "-u", addon, "--stop-after-init")
    t_upgrade = time.time() - t1
    state, version, _demo = module_row(odoo, db, addon)
    assert (state, version) == ("installed", new_manifest["version"])
    missing = [
        dep
        for dep in new_manifest["depends"]
        if module_row(odoo, db, dep)[0] != "installed"
    ]
    added = sorted(set(new_manifest["depends"]) - set(old_manifest["depends"]))

    # 3. the same figures from the new data model
    new = collect(Db(odoo, db))
    new_xmlids = xmlids(Db(odoo, db), addon)
    after = odoo_checks(odoo, db, codes)
    verified_after, unknown_after = after["verified"], after["unknown code"]
    new_demo = {
        (model, res_id)
        for name, (model, res_id, _key) in new_xmlids.items()
        if name not in old_xmlids
    }
    rows, problems = compare(old, new, new_demo)
    if missing:
        problems.insert(0, f"new dependencies not installed by -u: {missing}")
    lost_codes = [code for code, ok in verified_after.items() if ok != [200, True]]
    if lost_codes or unknown_after != 404:
        problems.append(
            f"certificate codes: {len(lost_codes)} of {len(codes)} no longer verify "
            f"on /volunteer/verify/<code> (e.g. {lost_codes[:1]}: "
            f"{verified_after.get(lost_codes[0]) if lost_codes else ''}); "
            f"an unknown code answers {unknown_after}"
        )
    reference, used = after["next petition"]
    if used or not reference or reference == before["next petition"][0]:
        problems.append(
            f"the next petition gets {reference} (already used: {used}); before "
            f"the upgrade it got {before['next petition'][0]}"
        )
    problems += xmlid_problems(old_xmlids, new_xmlids)[:10]

    scripts = ROOT / addon / "migrations" / new_manifest["version"]
    migrations = sorted(p.name for p in scripts.glob("*.py"))
    verified_count = len(codes) - len(lost_codes)
    surviving = len(old_xmlids) - len(xmlid_problems(old_xmlids, new_xmlids))
    table = figures_table(
        [
            f"Upgrade of a {PREVIOUS_VERSION} demo database ({PREVIOUS_RELEASE}) to "
            f"{new_manifest['version']}: old -> new",
            f"old database: {how}; -u installed: {', '.join(added) or 'nothing'}",
            f"migration scripts: {', '.join(migrations) or 'none'}",
            "activities in: {} -> {}; ratings in: {} -> {}".format(
                old["holders"]["activities"],
                new["holders"]["activities"],
                old["holders"]["ratings"],
                new["holders"]["ratings"],
            ),
        ],
        rows,
        {
            label: (value, new["totals"][label])
            for label, value in old["totals"].items()
        },
        {
            "certificate codes verifying": (len(codes), verified_count),
            "next petition reference": (before["next petition"][0], reference),
            "XML ids of noupdate records": (len(old_xmlids), surviving),
        },
        f"seconds: {t_install:.0f} old release (install, certificates, figures), "
        f"{t_upgrade:.0f} upgrade, {time.time() - t0:.0f} in all",
    )
    os.makedirs(LOG_DIR, exist_ok=True)
    with open(os.path.join(LOG_DIR, "upgrade-figures.txt"), "w") as f:
        f.write(table + "\n")
    with capsys.disabled():
        print("\n" + table)
    assert not problems, "the upgrade lost or changed data:\n" + "\n".join(
        ["  " + p for p in problems] + ["", table]
    )
