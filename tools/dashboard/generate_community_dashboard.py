"""Writes the spreadsheet of the Community dashboard (Odoo's Dashboards app)
of the bridge addon ``community_governance_dashboard``:
``community_governance_dashboard/data/files/community_dashboard.json``.

    python3 tools/dashboard/generate_community_dashboard.py

The headline figures, each a live Odoo pivot or list of the addon's reports
(the figures follow the data, filtered on the month of the "Month" filter
where they are dated), and under each a link to the report it comes from.
Edit this script, not the JSON.

Every text a user reads is translatable the way Odoo's own
``spreadsheet_dashboard_*`` dashboards are: the file's name ends in
``_dashboard.json`` under ``data/``, so Odoo's export extracts its texts
(``odoo.tools.translate.extract_spreadsheet_terms``: ``=_t("...")`` formulas,
the labels of markdown links, chart titles, global filter labels) as
JavaScript terms of the bridge, and the web client translates them when it
shows the dashboard (the ``_t`` spreadsheet function, the menu links' labels,
the filters' labels). Their Chinese is in the bridge's ``i18n/zh_CN.po``:
after a change here, add the new texts there.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "community_governance_dashboard" / "data" / "files"
MONTH = "5b0e6b4a-1d3c-4d52-9a41-7c1f8e0c2a11"  # the global filter's id
COMMUNITIES = 6  # rows shown per community table
DEPARTMENTS = 8


def menu_link(label, xmlid):
    return f"[{label}](odoo://ir_menu_xml_id/community_governance.{xmlid})"


def text(label):
    """A title cell the web client translates (Odoo's ``_t`` function)."""
    if '"' in label:
        raise ValueError(f"no double quote in a title: {label}")
    return f'=_t("{label}")'


def pivot(pid, name, model, measure, rows="community_id", domain=(), date=None):
    return {
        "type": "ODOO",
        "id": pid,
        "formulaId": pid,
        "name": name,
        "model": model,
        "domain": list(domain),
        "context": {},
        "measures": [{"id": measure, "fieldName": measure}],
        "rows": [{"fieldName": rows}],
        "columns": [],
        "sortedColumn": None,
        "fieldMatching": {MONTH: {"chain": date, "type": "datetime", "offset": 0}}
        if date
        else {},
    }


PIVOTS = {
    "1": pivot(
        "1",
        "Petitions this month",
        "community.petition",
        "__count",
        domain=[["state", "!=", "duplicate"]],
        date="date_raised",
    ),
    "2": pivot(
        "2",
        "Share settled in the stairwell or the grid",
        "community.petition.report",
        "settled_below_office_rate",
        date="date_raised",
    ),
    "3": pivot(
        "3",
        "Overdue petitions",
        "community.petition",
        "__count",
        domain=[["is_overdue", "=", True]],
    ),
    "4": pivot("4", "Steward coverage", "community.steward.coverage", "coverage_rate"),
    "5": pivot(
        "5",
        "Volunteer hours this month",
        "community.volunteer.hour",
        "hours",
        domain=[["state", "=", "approved"]],
        date="date",
    ),
    "6": pivot("6", "Residents in clubs", "community.club.bond.report", "club_share"),
}

SCOREBOARD_COLUMNS = [
    "department_id",
    "dispatch_count",
    "response_rate",
    "resolution_rate",
    "satisfaction_rate",
    "overdue_count",
]
LISTS = {
    "1": {
        "id": "1",
        "name": "Department Scoreboard",
        "model": "community.petition.department.report",
        "columns": SCOREBOARD_COLUMNS,
        "domain": [],
        "context": {},
        "orderBy": [{"name": "dispatch_count", "asc": False}],
        "fieldMatching": {},
    }
}

# (pivot id, title, value format, report menu, its label)
BLOCKS = [
    (
        "1",
        "Petitions this month",
        "0",
        "community_petition_report_menu",
        "Petition Analysis",
    ),
    (
        "2",
        "Settled in the stairwell or the grid (%)",
        "0.0",
        "community_petition_report_menu",
        "Petition Analysis",
    ),
    (
        "3",
        "Overdue petitions now",
        "0",
        "community_petition_report_menu",
        "Petition Analysis",
    ),
    (
        "4",
        "Steward coverage (%)",
        "0.0",
        "community_steward_coverage_report_menu",
        "Steward Coverage",
    ),
    (
        "5",
        "Volunteer hours this month",
        "0.0",
        "community_volunteer_hour_analysis_menu",
        "Volunteer Hours",
    ),
    (
        "6",
        "Residents in clubs (%)",
        "0.0",
        "community_club_bond_report_menu",
        "Residents in Clubs",
    ),
]


def col(index):
    return "ABCDEFGHIJ"[index]


def build():
    cells, styles, formats = {}, {}, {}
    # a plain text cell would stay English: titles are _t() formulas or links
    cells["A1"] = {"content": text("Community overview")}
    styles["A1"] = 1
    row = 3
    # two blocks side by side: names in A (over B, left empty) and values in
    # C; names in E (over F) and values in G. Equal columns, so that the
    # scoreboard list below fits them too.
    for number, (pid, title, fmt, menu, _label) in enumerate(BLOCKS):
        left = 0 if number % 2 == 0 else 4
        top = row
        name, value = col(left), col(left + 2)
        cells[f"{name}{top}"] = {"content": menu_link(title, menu)}
        styles[f"{name}{top}"] = 2
        cells[f"{value}{top}"] = {
            "content": f'=PIVOT.VALUE({pid},"{PIVOTS[pid]["measures"][0]["id"]}")'
        }
        styles[f"{value}{top}"] = 2
        formats[f"{value}{top}"] = 1 if fmt == "0" else 2
        for i in range(1, COMMUNITIES + 1):
            cells[f"{name}{top + i}"] = {
                "content": f'=PIVOT.HEADER({pid},"#community_id",{i})'
            }
            cells[f"{value}{top + i}"] = {
                "content": f'=PIVOT.VALUE({pid},"{PIVOTS[pid]["measures"][0]["id"]}",'
                f'"#community_id",{i})'
            }
            formats[f"{value}{top + i}"] = 1 if fmt == "0" else 2
        if number % 2 == 1:
            row += COMMUNITIES + 2
    # the three rates per department (the 12345 hotline's figures)
    top = row
    cells[f"A{top}"] = {
        "content": menu_link(
            "Departments: response, resolution and satisfaction rates",
            "community_petition_department_report_menu",
        )
    }
    styles[f"A{top}"] = 2
    for c, field in enumerate(SCOREBOARD_COLUMNS):
        cells[f"{col(c)}{top + 1}"] = {"content": f'=ODOO.LIST.HEADER(1,"{field}")'}
        styles[f"{col(c)}{top + 1}"] = 3
        for i in range(1, DEPARTMENTS + 1):
            cells[f"{col(c)}{top + 1 + i}"] = {
                "content": f'=ODOO.LIST(1,{i},"{field}")'
            }
            if field.endswith("_rate"):
                formats[f"{col(c)}{top + 1 + i}"] = 2
    cells[f"A{top + DEPARTMENTS + 3}"] = {
        "content": menu_link(
            "Monthly Governance Report (PDF)", "community_petition_governance_menu"
        )
    }
    return {
        "version": 21,
        "sheets": [
            {
                "id": "sheet1",
                "name": "Community",
                "colNumber": 8,
                "rowNumber": top + DEPARTMENTS + 6,
                "rows": {},
                "cols": {str(c): {"size": 150} for c in range(7)},
                "merges": [],
                "cells": cells,
                "styles": styles,
                "formats": formats,
                "borders": {},
                "conditionalFormats": [],
                "figures": [],
                "tables": [],
                "areGridLinesVisible": False,
                "isVisible": True,
                "headerGroups": {"ROW": [], "COL": []},
                "dataValidationRules": [],
                "comments": {},
            }
        ],
        "styles": {
            "1": {"bold": True, "fontSize": 18},
            "2": {"bold": True, "fontSize": 12},
            "3": {"bold": True, "fillColor": "#f2f2f2"},
        },
        "formats": {"1": "0", "2": "0.0"},
        "borders": {},
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {},
        "pivots": PIVOTS,
        "pivotNextId": len(PIVOTS) + 1,
        "lists": LISTS,
        "listNextId": len(LISTS) + 1,
        "customTableStyles": {},
        "odooVersion": 12,
        "globalFilters": [
            {
                "id": MONTH,
                "type": "date",
                "label": "Month",
                "rangeType": "fixedPeriod",
                "defaultValue": "this_month",
            }
        ],
        "chartOdooMenusReferences": {},
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "community_dashboard.json"
    path.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n")
    print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
