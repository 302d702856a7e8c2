"""Screenshots of the main screens, in a real browser, for the README.

Serves an existing database with the addon and its demo data on a free port
(the same threaded server as the live-server tests, ``tests/live.py``), logs
in as the demo users and saves PNGs under ``docs/screenshots/``: desktop
(1280 px) and phone (400 px), English and 简体中文 where useful.

    make createdb DB=cg_shots          # once: a database with the demo data
    .venv/bin/python tools/screenshots.py --db cg_shots

Needs Playwright for Python in the venv (``.venv/bin/pip install
playwright``; no ``playwright install``: it drives the machine's Chromium,
``--chromium /usr/bin/chromium``). ``--url`` takes screenshots of a server
already running instead (e.g. ``make run`` on http://127.0.0.1:8069).
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 400, "height": 860}

# (file name, login, path or backend action xml id, viewport, language)
SHOTS = [
    (
        "resident_form",
        "manager",
        "record:community_governance.res_partner_resident_action:res.partner:王秀英",
        DESKTOP,
        "en_US",
    ),
    (
        "scoreboard",
        "manager",
        "action:community_governance.community_petition_department_report_action",
        DESKTOP,
        "en_US",
    ),
    (
        "scoreboard_zh",
        "manager",
        "action:community_governance.community_petition_department_report_action",
        DESKTOP,
        "zh_CN",
    ),
    ("dashboard", "manager", "dashboard:/odoo/dashboards", DESKTOP, "en_US"),
    (
        "petition_kanban",
        "manager",
        "action:community_governance.community_petition_action",
        DESKTOP,
        "en_US",
    ),
    ("portal_home_phone", "resident", "/my", PHONE, "en_US"),
    ("portal_home_phone_zh", "resident", "/my", PHONE, "zh_CN"),
    ("petitions_phone", "resident", "/my/petitions", PHONE, "en_US"),
    (
        "petition_phone",
        "resident",
        "first:/my/petitions:a.o_petition_row",
        PHONE,
        "en_US",
    ),
    ("approvals_phone", "volunteer", "/my/volunteer/approvals", PHONE, "en_US"),
    ("volunteer_phone", "volunteer", "/my/volunteer", PHONE, "en_US"),
    ("rota_phone", "alley", "/my/rota", PHONE, "zh_CN"),
    ("dispatches_phone", "liaison", "/my/dispatches", PHONE, "en_US"),
    (
        "dispatch_phone",
        "liaison",
        'first:/my/dispatches:a[href^="/my/dispatches/"]',
        PHONE,
        "en_US",
    ),
    (
        "volunteer_certificate",
        "manager",
        "report:community_governance.report_volunteer_certificate:"
        "community.volunteer.certificate",
        {"width": 900, "height": 1200},
        "zh_CN",
    ),
    (
        "area_hierarchy",
        "manager",
        "action:community_governance.community_area_action?view_type=hierarchy",
        DESKTOP,
        "en_US",
    ),
    (
        "petition_calendar",
        "manager",
        "action:community_governance.community_petition_action?view_type=calendar",
        DESKTOP,
        "zh_CN",
    ),
]


def start_server(db, update=False):
    """The live server of the system tests on ``db`` (not dropped after);
    ``update``: upgrade the addon first (the screens of the code checked out)."""
    sys.path.insert(0, str(ROOT / "tools"))
    sys.path.insert(0, str(ROOT / "tests"))
    from cgdev.config import Env
    from live import LiveServer

    state = json.loads((ROOT / ".local" / "state.json").read_text())

    class Runner:  # what LiveServer needs of the tests' OdooRunner
        env = Env(state["python"], state["odoo_dir"], state["pg"])

    # the Chinese shots need the language (loaded once, then kept)
    extra = ("--load-language", "zh_CN")
    if update:  # and the dashboard bridge (it installs spreadsheet_dashboard)
        extra += ("-u", "community_governance", "-i", "community_governance_dashboard")
    return LiveServer(Runner(), db).start(timeout=900, extra_args=extra)


def jsonrpc(page, url, path, params):
    """A JSON-RPC call in the page's session; its result (None on an error)."""
    response = page.request.post(
        url + path,
        data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
        headers={"Content-Type": "application/json"},
    )
    return response.json().get("result")


def login(context, url, db, user):
    page = context.new_page()
    params = {"db": db, "login": user, "password": user}
    result = jsonrpc(page, url, "/web/session/authenticate", params) or {}
    if not result.get("uid"):
        raise SystemExit(f"login {user} refused")
    return page, result["uid"]


def call(page, url, model, method, args, kwargs=None):
    params = {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
    return jsonrpc(page, url, "/web/dataset/call_kw", params)


def set_lang(page, url, uid, lang):
    call(page, url, "res.users", "write", [[uid], {"lang": lang}])


def target_url(page, url, target):
    if target.startswith("dashboard:"):
        return url + target[len("dashboard:") :]
    if target.startswith("record:"):  # a record (by its name) in an action
        _, action, model, name = target.split(":")
        [record_id] = call(page, url, model, "search", [[["name", "=", name]]])
        return f"{url}/odoo/action-{action}/{record_id}"
    if target.startswith("action:"):
        return f"{url}/odoo/action-{target[len('action:') :]}"
    if target.startswith("report:"):  # a QWeb report of the newest record
        _, report, model = target.split(":")
        [record_id] = call(page, url, model, "search", [[]], {"limit": 1})
        return f"{url}/report/html/{report}/{record_id}"
    if target.startswith("first:"):
        _, path, selector = target.split(":", 2)
        page.goto(url + path)
        return url + page.locator(selector).first.get_attribute("href")
    return url + target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="cg_shots")
    parser.add_argument("--url", help="a running server (else one is started)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--only", nargs="*", help="names of the shots to take")
    parser.add_argument(
        "-u",
        "--update",
        action="store_true",
        help="upgrade the addon on the database first",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    server = None if args.url else start_server(args.db, args.update)
    url = args.url or server.url
    started = time.time()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=args.chromium, args=["--no-sandbox"]
            )
            for name, user, target, viewport, lang in SHOTS:
                if args.only and name not in args.only:
                    continue
                context = browser.new_context(
                    viewport=viewport,
                    device_scale_factor=1,
                    is_mobile=viewport is PHONE,
                    has_touch=viewport is PHONE,
                )
                context.set_default_timeout(180_000)  # the first assets build
                page, uid = login(context, url, args.db, user)
                set_lang(page, url, uid, lang)
                # the portal takes its language from this cookie first
                context.add_cookies(
                    [{"name": "frontend_lang", "value": lang, "url": url}]
                )
                try:
                    page.goto(target_url(page, url, target))
                    page.wait_for_load_state("load")
                    if target.startswith(("action:", "record:")):
                        page.wait_for_selector(".o_action_manager .o_view_controller")
                    if target.startswith("dashboard:"):
                        page.wait_for_selector(".o-spreadsheet canvas, .o-grid canvas")
                        page.wait_for_timeout(3000)  # the pivots and lists load
                    # fonts, images, the last renders (the portal home counts
                    # its documents after the page loaded)
                    page.wait_for_timeout(4000 if target == "/my" else 1200)
                    path = out / f"{name}.png"
                    # the first screen, as a phone shows it
                    page.screenshot(path=str(path))
                    print(
                        f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} kB",
                        flush=True,
                    )
                finally:
                    set_lang(page, url, uid, "en_US")
                    context.close()
            browser.close()
    finally:
        if server:
            server.stop()
    print(f"took {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
