"""The standing attack suite's tools (tests/test_attack_*.py and the
concurrency and fault cases): what the running server says about the addon
(attack_world.py, run once per session), the portal roles' sessions, a
detector of rows a role wrote, the forms found on the pages, and the bad
inputs each kind of field is fed.

Verdicts are collected, not asserted one by one: a test runs its whole
matrix, then fails with every finding (a leak, an HTTP 500, a rule broken)
listed, and says how many cases it checked.
"""

import html.parser
import json
import re
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import psycopg2
from cgdev.common import LOG_DIR

FIGURES_FILE = Path(LOG_DIR) / "attack-figures.txt"
WORLD_SCRIPT = Path(__file__).with_name("attack_world.py")
PORTAL_ROLES = ("resident", "steward", "liaison", "alley", "volunteer")
ROLES = ("public", *PORTAL_ROLES)
MAX_ID = 2**31 - 1

# Ids in URLs and id fields: none may answer 500 or reach a record.
BAD_IDS = {
    "zero": "0",
    "negative": "-1",
    "int32": str(2**31),
    "superscript": "²",
    "arabic_digits": "١٢",
    "text": "1 OR 1=1",
}
# Values for text fields, numbers, dates and search terms. ``refused`` are
# the ones a form must refuse (the form or page back with a message, nothing
# written); the others are valid text that must merely not break anything.
BAD_TEXT = {
    "nul": ("a\x00b", True),
    "control": ("a\x1bb", True),
    "long": ("x" * 30000, True),
    "superscript": ("²", False),
    "html": ("<script>alert('cg')</script>", False),
    "sql": ("1' OR '1'='1", False),
}
BAD_NUMBERS = {
    "nul": "1\x00",
    "superscript": "²",
    "arabic_digits": "١٢",
    "negative": "-1",
    "huge": "9" * 30,
    "exponent": "1e3",
    "nan": "NaN",
}
BAD_DATES = {
    "nul": "2026-01-01\x00",
    "fullwidth": "２０２６-０１-０１",
    "impossible": "2026-13-45",
    "text": "abc",
}
BAD_SEARCH = {
    "nul": "a\x00b",
    "control": "\x1b[31m",
    "long": "x" * 30000,
    "superscript": "²",
    "sql": "' OR 1=1 --",
    "percent": "%_%\\",
}
# Fields every form of the addon sends the same way, not attacked here:
# CSRF has its own matrix.
SKIP_FIELDS = {"csrf_token", "redirect"}

# What portal roles may do over JSON-RPC by design (the rules inside the
# methods decide for which records): on records they reach, these may write.
# Anything else that writes when a portal role calls it is a rule broken.
# A method added to the addon lands in neither set and is attacked.
PORTAL_METHODS = {
    ("community.petition", "submit"),
    ("community.petition", "cosign"),
    ("community.petition", "rate"),
    ("community.petition", "reopen"),
    ("community.petition", "action_take"),
    ("community.petition", "escalate"),
    ("community.petition", "resolve"),
    ("community.petition", "action_close"),
    ("community.petition", "message_post"),
    ("community.petition.dispatch", "action_acknowledge"),
    ("community.petition.dispatch", "report_back"),
    ("community.petition.dispatch", "decline"),
    ("community.club", "action_request_membership"),
    ("community.club", "action_leave"),
    ("community.club.membership", "action_approve"),
    ("community.club.membership", "action_decline"),
    ("community.club.membership", "action_leave"),
    ("event.event", "action_register"),
    ("event.event", "check_in"),
    ("event.registration", "action_cancel_registration"),
    ("event.registration", "action_mark_attended"),
    ("community.steward.slot", "action_take_slot"),
    ("community.steward.slot", "action_release_slot"),
    ("community.volunteer.hour", "action_submit"),
    ("community.volunteer.hour", "action_approve"),
    ("community.volunteer.hour", "reject"),
    ("community.volunteer.certificate", "issue"),
    ("community.volunteer.certificate", "issue_for_year"),
    ("res.partner", "register_volunteer"),
    # owners' deliberation and door-to-door surveys
    ("community.deliberation", "give_opinion"),
    ("community.survey.visit", "add_need"),
}
# Arguments of the addon's methods, by parameter name.
METHOD_ARGS = {
    "reason": "attack",
    "resolution": "attack",
    "text": "attack",
    "comment": "attack",
    "rating": 5,
    "anonymous": False,
    "code": "AAAAAA",
    "year": 2025,
    "values": {"title": "attack", "description": "attack"},
    "attachments": [],
    "line_ids": [],
    "skill_ids": [],
    "availability": False,
    "date_from": "2025-01-01",
    "date_to": "2025-12-31",
}
# Base models the addon extends with fields and methods: Odoo's own rules
# let users write parts of their own records (preferences, their contact).
BASE_WRITES = {"res.users", "res.partner"}


def figure(line):
    """Print one of the suite's figures and add it to
    ``.local/logs/attack-figures.txt`` (for the closing note and CI logs:
    pytest hides the output of tests that pass)."""
    print(line)
    FIGURES_FILE.parent.mkdir(parents=True, exist_ok=True)
    with FIGURES_FILE.open("a") as out:
        out.write(line + "\n")


class Findings:
    """Counts the cases checked and collects what went wrong."""

    def __init__(self, what):
        self.what = what
        self.cases = 0
        self.problems = []
        self.lock = threading.Lock()

    def check(self, ok, message):
        with self.lock:
            self.cases += 1
            if not ok:
                self.problems.append(message)
        return ok

    def assert_clean(self):
        summary = f"{self.what}: {self.cases} cases, {len(self.problems)} findings"
        figure(summary)
        assert not self.problems, summary + "\n" + "\n".join(self.problems[:60])


class World:
    """What attack_world.py found on the running server."""

    def __init__(self, data):
        self.__dict__.update(data)
        self.models_by_name = {m["model"]: m for m in self.models}

    @classmethod
    def load(cls, live_server):
        data = live_server.shell(WORLD_SCRIPT.read_text(), "attack world set-up")
        assert data, "the world set-up printed nothing"
        return cls(data)

    def uid(self, role):
        return self.roles[role]["uid"]

    def ids(self, role, model, kind):
        return self.records[role].get(model, {}).get(kind, [])


class WriteWatch:
    """Tells whether a request wrote rows as a given user: triggers on the
    addon's tables (and on messages, followers, ratings, attachments, the
    contacts) note every insert and every update that sets a new write date,
    with the user who did it, in a table of the test database. A no-op
    UPDATE (the rows locked by community.mixin._lock_rows) is no write.
    Deletes are checked by the matrices themselves (the rows still exist).
    One connection per thread (the matrices run a thread per role)."""

    LOG = "cg_attack_writes"

    def __init__(self, live_server, tables):
        keys = ("host", "port", "user", "password")
        pg = live_server.odoo.env.pg
        self.params = dict(
            dbname=live_server.db, **{k: v for k, v in pg.items() if k in keys and v}
        )
        self.local = threading.local()
        self.connections = []
        self.tables = [
            row[0]
            for row in self.sql(
                """
                SELECT table_name FROM information_schema.columns
                 WHERE table_schema = 'public' AND column_name = 'write_uid'
                   AND table_name = ANY(%s)
                 ORDER BY table_name
                """,
                [list(tables)],
            )
        ]
        self.sql(
            f"""
            CREATE UNLOGGED TABLE IF NOT EXISTS {self.LOG}
                (id bigserial PRIMARY KEY, uid integer, tbl text, op text);
            CREATE INDEX IF NOT EXISTS {self.LOG}_uid ON {self.LOG} (uid, id);
            CREATE OR REPLACE FUNCTION {self.LOG}_note() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'UPDATE'
                   AND NEW.write_date IS NOT DISTINCT FROM OLD.write_date THEN
                    RETURN NEW;
                END IF;
                INSERT INTO {self.LOG} (uid, tbl, op)
                VALUES (COALESCE(NEW.write_uid, NEW.create_uid), TG_TABLE_NAME, TG_OP);
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            """
        )
        for table in self.tables:
            self.sql(
                f'DROP TRIGGER IF EXISTS {self.LOG} ON "{table}";'
                f'CREATE TRIGGER {self.LOG} AFTER INSERT OR UPDATE ON "{table}"'
                f" FOR EACH ROW EXECUTE FUNCTION {self.LOG}_note()"
            )

    def cursor(self):
        cnx = getattr(self.local, "cnx", None)
        if cnx is None or cnx.closed:
            cnx = self.local.cnx = psycopg2.connect(**self.params)
            cnx.autocommit = True
            self.connections.append(cnx)
        return cnx.cursor()

    def sql(self, query, params=()):
        for attempt in (1, 2):
            try:
                with self.cursor() as cr:
                    cr.execute(query, params)
                    return cr.fetchall() if cr.description else []
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                # PostgreSQL was restarted (tests/test_faults.py): reconnect
                self.local.cnx = None
                if attempt == 2:
                    raise
        return []

    def snapshot(self, uid):
        """A mark of the user's writes so far."""
        return (uid, self.sql(f"SELECT COALESCE(MAX(id), 0) FROM {self.LOG}")[0][0])

    def changed(self, before):
        """The tables the user wrote since ``before``."""
        uid, mark = before
        rows = self.sql(
            f"SELECT DISTINCT tbl FROM {self.LOG} WHERE uid = %s AND id > %s",
            (uid, mark),
        )
        return sorted(row[0] for row in rows)

    def exists(self, table, ids):
        rows = self.sql(f'SELECT id FROM "{table}" WHERE id = ANY(%s)', [list(ids)])
        return {row[0] for row in rows}

    def close(self):
        for table in self.tables:
            self.sql(f'DROP TRIGGER IF EXISTS {self.LOG} ON "{table}"')
        for cnx in self.connections:
            cnx.close()


def server_error(response, outage=False):
    """An HTTP 5xx (a 503 is the outage page: expected only while PostgreSQL
    is down), or a traceback shown to the user."""
    status = response.status_code
    if status >= 500 and not (outage and status == 503):
        return True
    return "Traceback (most recent call last)" in response.text


def refused(response, public=False):
    """A record the user may not see: a 404 (403), or for a visitor the
    login page."""
    if response.status_code in (403, 404):
        return True
    location = response.headers.get("Location", "")
    if public and response.status_code in (302, 303) and "/web/login" in location:
        return True
    return public and "/web/login" in response.url


def flash_kind(response):
    match = re.search(r'class="alert alert-(\w+) o_cg_flash"', response.text)
    return match and match.group(1)


def told_why(response):
    """The page says what went wrong: a 4xx, or a message on the page."""
    return response.status_code in (400, 404, 403, 405, 429) or bool(
        re.search(r"alert-(danger|warning)", response.text)
    )


# ---------------------------------------------------------------------------
# Forms found on pages
# ---------------------------------------------------------------------------
class _FormParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "enctype": attrs.get("enctype") or "",
                "fields": [],
            }
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                if attrs.get("value") is not None:
                    self.form["fields"].append(
                        {
                            "name": attrs["name"],
                            "type": "submit",
                            "value": attrs["value"],
                        }
                    )
                return
            self.form["fields"].append(
                {
                    "name": attrs["name"],
                    "type": kind,
                    "value": attrs.get("value") or "",
                    "checked": "checked" in attrs,
                }
            )
        elif tag == "button" and attrs.get("name"):
            self.form["fields"].append(
                {
                    "name": attrs["name"],
                    "type": "submit",
                    "value": attrs.get("value", ""),
                }
            )
        elif tag == "select" and attrs.get("name"):
            self.select = {
                "name": attrs["name"],
                "type": "select",
                "value": "",
                "options": [],
            }
            self.form["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select["options"].append(value)
            if "selected" in attrs or not self.select["value"]:
                self.select["value"] = value
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = {"name": attrs["name"], "type": "textarea", "value": ""}
            self.form["fields"].append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def post_forms(page_url, text):
    """The POST forms of a page: action (absolute path), fields."""
    parser = _FormParser()
    parser.feed(text)
    forms = []
    for form in parser.forms:
        if form["method"] != "post":
            continue
        action = urlsplit(urljoin(page_url, form["action"] or page_url))
        form["action"] = action.path
        forms.append(form)
    return forms


def field_kind(field):
    """How a form field is attacked: id, number, date, boolean, file, text."""
    name = field["name"]
    if field["type"] == "file":
        return "file"
    if field["type"] in ("checkbox", "radio") and not name.endswith(("_id", "_ids")):
        return "boolean"
    if field["type"] == "submit":
        return "choice"
    if field["type"] == "date" or name == "date" or name.startswith("date_"):
        return "date"
    if field["type"] == "number" or name in ("hours", "rating", "year", "page"):
        return "number"
    if name.endswith(("_id", "_ids")) or (
        field["type"] == "select"
        and field["options"]
        and all(o.isdigit() for o in field["options"] if o)
    ):
        return "id"
    if field["type"] == "select":
        return "choice"
    return "text"


def form_data(fields, override=None):
    """The form as a browser sends it (checked boxes only), with
    ``override`` {name: value} (a list for several values)."""
    data = []
    for field in fields:
        if field["name"] in (override or {}):
            continue
        if field["type"] in ("checkbox", "radio") and not field.get("checked"):
            continue
        if field["type"] in ("submit", "file"):
            continue
        data.append((field["name"], field["value"]))
    for name, value in (override or {}).items():
        for item in value if isinstance(value, list) else [value]:
            data.append((name, item))
    return data


def dump(obj):
    return json.dumps(obj, ensure_ascii=False, default=str)[:300]
