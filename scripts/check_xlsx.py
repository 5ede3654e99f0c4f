#!/usr/bin/env python3
"""Reads an xlsx file that huifang exported with openpyxl (a real spreadsheet library) and
compares it with the JSON output of the same command.

    check_xlsx.py listing FILE.xlsx FILE.json   # project/visit/issue/improve list, due, project log
    check_xlsx.py report FILE.xlsx FILE.json    # report summary|department|project

Checks: every sheet's header row is bold and frozen (panes at A2); a listing's sheet has one
row per JSON item with each cell equal to the JSON value (numbers stored as numbers, dates as
dates, lists one per line); a report's data sheet and, for the summary, each department's
sheet hold the JSON's KPIs and counts, and its KPI table the same rates as shown (rounded).
Prints 'N cells, 0 problems' and exits 0, else lists the problems and exits 1.
Needs: python3 -m pip install openpyxl (bash .ci/run does it in a virtual environment).
"""
import datetime
import json
import sys

import openpyxl

problems = []
checked = 0


def problem(text):
    problems.append(text)


def same(where, cell, value):
    """A cell against a JSON value."""
    global checked
    checked += 1
    v = cell.value
    if value is None:
        if v is not None:
            problem(f"{where}: {v!r} where JSON has null")
    elif isinstance(value, bool):
        if v is not value:
            problem(f"{where}: {v!r} is not the boolean {value}")
    elif isinstance(value, (int, float)):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            problem(f"{where}: {v!r} is not a number (JSON {value})")
        elif abs(v - value) > 1e-9:
            problem(f"{where}: {v} != {value}")
        elif cell.number_format == "General":
            problem(f"{where}: the number {v} has no number format")
    elif isinstance(value, str):
        if isinstance(v, datetime.datetime):
            if v.date().isoformat() != value:
                problem(f"{where}: date {v.date()} != {value}")
            elif "yy" not in cell.number_format:
                problem(f"{where}: a date shown as {cell.number_format}")
        elif is_date(value):
            problem(f"{where}: {v!r} is not a date (JSON {value})")
        elif v != value and not (value == "" and v is None):
            problem(f"{where}: {v!r} != {value!r}")
    elif isinstance(value, list):
        if not value:
            if v is not None:
                problem(f"{where}: {v!r} where JSON has []")
        elif all(isinstance(x, str) for x in value):
            if v not in ("\n".join(value), " ".join(value)):
                problem(f"{where}: {v!r} does not list {value!r}")
        else:
            for x in value:
                name = x.get("name") if isinstance(x, dict) else None
                if name and (not isinstance(v, str) or name not in v):
                    problem(f"{where}: {name!r} missing from {v!r}")
    elif isinstance(value, dict) and all(isinstance(x, str) for x in value.values()):
        for x in value.values():
            if not isinstance(v, str) or x not in v:
                problem(f"{where}: {x!r} missing from {v!r}")
    else:
        problem(f"{where}: JSON value {value!r} not compared")


def is_date(s):
    try:
        datetime.date.fromisoformat(s)
        return len(s) == 10
    except ValueError:
        return False


def header(ws):
    if ws.max_row >= 1 and ws.max_column >= 1 and ws.cell(1, 1).value is not None:
        if ws.freeze_panes != "A2":
            problem(f"sheet {ws.title}: header not frozen ({ws.freeze_panes})")
        for c in ws[1]:
            if c.value is not None and not c.font.b:
                problem(f"sheet {ws.title}: header {c.value!r} not bold")


def listing(wb, data):
    items = data["items"] if isinstance(data, dict) else data
    warnings = data.get("warnings", []) if isinstance(data, dict) else []
    ws = wb.worksheets[-1]
    if warnings:
        texts = [r[0] for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)]
        if texts != warnings:
            problem(f"warnings sheet {texts!r} != {warnings!r}")
    if ws.max_row - 1 != len(items):
        problem(f"{ws.max_row - 1} rows for {len(items)} items")
    for i, item in enumerate(items):
        for c, (key, value) in enumerate(item.items()):
            same(f"row {i + 2} {key}", ws.cell(i + 2, c + 1), value)


def report(wb, data):
    sheets = {ws.title: ws for ws in wb.worksheets}
    data_sheet = wb.worksheets[[i for i, ws in enumerate(wb.worksheets) if ws.cell(1, 1).value in ("period", "date")][0]]
    keys = [c.value for c in data_sheet[1]]
    if "scope" in keys:
        whole = data["department"]["id"] if isinstance(data.get("department"), dict) else "total"
        scopes = [(whole, data)] + [(d["id"], d) for d in data.get("departments", data.get("projects", []))]
        rows = {r[keys.index("scope")].value: r for r in data_sheet.iter_rows(min_row=2)}
        for scope, d in scopes:
            row = rows.get(scope)
            if row is None:
                problem(f"data sheet: no row for {scope}")
                continue
            for k, v in list(d["kpis"].items()) + list(d["counts"].items()):
                same(f"data {scope} {k}", row[keys.index(k)], "n/a" if v is None else v)
            same(f"data {scope} mean_overall", row[keys.index("mean_overall")],
                 "n/a" if d["satisfaction"]["mean_overall"] is None else d["satisfaction"]["mean_overall"])
        for d in data.get("departments", []):
            ws = sheets.get(d["name"][:31])
            if ws is None:
                problem(f"no sheet for department {d['name']}")
                continue
            header(ws)
            values = list(d["kpis"].values()) + list(d["counts"].values()) + [d["satisfaction"]["mean_overall"]]
            for i, v in enumerate(values):
                same(f"sheet {d['name']} row {i + 2}", ws.cell(i + 2, 2), "n/a" if v is None else v)
        # The KPI table shows rates rounded to 0.1%: the same numbers, as percentages.
        kpi_sheet = wb.worksheets[1]
        for i, (k, v) in enumerate(data["kpis"].items()):
            cell = kpi_sheet.cell(i + 2, 2)
            global checked
            checked += 1
            if v is None:
                if cell.value not in ("n/a", "无数据"):
                    problem(f"KPI table {k}: {cell.value!r} for n/a")
            elif not isinstance(cell.value, (int, float)) or abs(cell.value - v) > (0.05 if k == "nps" else 0.0005):
                problem(f"KPI table {k}: {cell.value!r} vs {v}")
            elif k != "nps" and "%" not in cell.number_format:
                problem(f"KPI table {k}: shown as {cell.number_format}, not a percentage")
    else:
        # A project's report: one data row per visit of the period, found by id among the project's visits.
        visits = {v["id"]: v for v in data["project"]["visits"]}
        if data_sheet.max_row < 2:
            problem("data sheet: no visits")
        for row in data_sheet.iter_rows(min_row=2):
            v = visits.get(row[keys.index("id")].value)
            if v is None:
                problem(f"data sheet: visit {row[keys.index('id')].value!r} not in the JSON")
                continue
            for k in ("date", "kind", "method", "visitor", "nps", "summary"):
                same(f"visit {v['id']} {k}", row[keys.index(k)], v[k])
            same(f"visit {v['id']} overall", row[keys.index("overall")], round(v["overall_score"], 2))


def main():
    kind, path, json_path = sys.argv[1:4]
    wb = openpyxl.load_workbook(path)
    with open(json_path, encoding="utf-8") as f:
        data = json.load(f)
    for ws in wb.worksheets:
        header(ws)
    (listing if kind == "listing" else report)(wb, data)
    for p in problems:
        print(p)
    print(f"{checked} cells, {len(problems)} problems")
    sys.exit(1 if problems or checked == 0 else 0)


main()
