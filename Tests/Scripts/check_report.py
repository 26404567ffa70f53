#!/usr/bin/env python3
"""End-to-end checks of the recon command from outside: runs it on the sample pipeline, reads the workbook
with openpyxl (an independent XLSX reader) and compares it with the gzipped CSVs and the manifest, then
checks exit codes and all-or-nothing outputs. Ends with 'N passed, N failed'."""
import csv
import datetime as dt
import gzip
import hashlib
import json
import re
import subprocess
import tempfile
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl

from harness import ROOT, check, finish, recon_from_arguments
from openpyxl.utils import get_column_letter

SHEETS = ["Summary", "Overdue", "Watchlist", "Changes", "Exceptions", "Cases", "Refunds", "Rejected"]
DETAIL = {"Exceptions": "exceptions", "Cases": "cases", "Refunds": "refunds", "Rejected": "rejected",
          "Watchlist": "watchlist"}
DATE_COLUMNS = {"approved_on", "due_on", "settled_on", "created_on", "payment_date", "first_flagged_on", "closes_on",
                "dispute_by"}
# SPEC's columns of each CSV, in order; columns added since are at the end, after them.
SPEC_COLUMNS = {
    "exceptions": "flag,order_id,payment_id,original_payment_id,currency,amount,approved_on,due_on,settled_on,"
                  "business_days,detail".split(","),
    "cases": "order_id,kind,approved_on,due_on,currency,expected,settled,outstanding,settled_on,state,"
             "business_days_elapsed".split(","),
    "refunds": "payment_id,status,created_on,currency,amount,payment_method,order_id,original_payment_id,"
               "original_method,match,flags".split(","),
    "rejected": "source,file,line,column,reason,raw".split(","),
    "watchlist": "order_id,kind,closes_on,days_left,currency,amount,payment_method,status,detail".split(","),
}
# Whom to chase and the refunds' dates and words, appended after SPEC's columns.
CHASE_COLUMNS = {"exceptions": ["payment_date", "description"],
                 "cases": ["counterparty", "original_payment_id", "original_file", "dispute_by"], "refunds": ["description"]}
MONEY_COLUMNS = {"amount", "expected", "settled", "outstanding"}
INT_COLUMNS = {"business_days", "business_days_elapsed", "line", "days_left"}
# The sheets' headers in plain words: these by their own words, any other column by its name's words.
PLAIN = {"kind": "Case kind", "expected": "Expected refund", "settled": "Refunded so far", "state": "Case state",
         "business_days_elapsed": "Business days since approval", "match": "Matched by", "flags": "Flags raised",
         "status": "Refund status", "raw": "Row as read", "column": "Column at fault", "link": "Order link",
         "converted_amount": "Converted to case currency", "rate": "Exchange rate"}
# Columns a sheet names otherwise than its CSV: the Watchlist's deadline kind and order status.
SHEET_NAMES = {"watchlist": {"kind": "deadline", "status": "order_status"}}
# Columns whose long text wraps at 60 characters; other text columns are as wide as their longest value up to 100.
WRAPPED = {"Detail", "Reason", "Row as read"}


def plain(name):
    if name in PLAIN:
        return PLAIN[name]
    words = ["ID" if w == "id" else w for w in name.split("_")]
    return " ".join([words[0][:1].upper() + words[0][1:]] + words[1:])


def sheet_columns(csv_header, table=None):
    """Each sheet column as (title, CSV column, which rows show the value): the Exceptions sheet splits
    business_days into the days late of late rows and the days overdue of overdue rows; the Watchlist names
    two columns otherwise (SHEET_NAMES)."""
    columns = []
    renamed = SHEET_NAMES.get(table, {})
    for name in csv_header:
        if name == "business_days":
            columns += [("Business days late", name, "late"), ("Business days overdue", name, "overdue")]
        else:
            columns.append((plain(renamed.get(name, name)), name, None))
    return columns




def run(recon, *args, cwd=ROOT):
    return subprocess.run([str(recon), *args], cwd=cwd, capture_output=True, text=True)


def read_csv(folder, name):
    with gzip.open(folder / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def check_workbook(folder):
    wb = openpyxl.load_workbook(folder / "reconciliation.xlsx")
    check("sheet names", wb.sheetnames == SHEETS, str(wb.sheetnames))
    for sheet_name, table in DETAIL.items():
        rows = read_csv(folder, table)
        ws = wb[sheet_name]
        values = list(ws.iter_rows(values_only=True))
        header = list(values[0])
        if header[-1] == "Order link":  # the workbook adds a link to each order when the pipeline has order_url
            header = header[:-1]
            links = [c.hyperlink.target for c in ws[get_column_letter(len(header) + 1)][1:] if c.hyperlink]
            check(f"{sheet_name} order links", len(links) > 0 and all(l.startswith("https://") for l in links))
        columns = sheet_columns(rows[0], table)
        check(f"{sheet_name} header in plain words", header == [t for t, _, _ in columns], f"{header} vs {rows[0]}")
        check(f"{sheet_name} row count", len(values) - 1 == len(rows) - 1, f"{len(values) - 1} vs {len(rows) - 1}")
        check(f"{sheet_name} frozen header", ws.freeze_panes == "A2", str(ws.freeze_panes))
        check(f"{sheet_name} filter", bool(ws.auto_filter.ref), str(ws.auto_filter.ref))
        check(f"{sheet_name} is hidden exactly when empty", (ws.sheet_state == "hidden") == (len(rows) == 1), ws.sheet_state)
        for r, (csv_row, cells) in enumerate(zip(rows[1:], ws.iter_rows(min_row=2)), start=2):
            by_name = dict(zip(rows[0], csv_row))
            for (title, name, shown_on), cell in zip(columns, cells):
                text = by_name[name] if shown_on in (None, by_name.get("flag")) else ""
                where = f"{sheet_name}!{cell.coordinate}"
                if cell.data_type == "f":
                    check(f"{where} is not a formula", False, str(cell.value))
                if text == "":
                    check(f"{where} empty", cell.value in (None, ""), repr(cell.value))
                elif name in DATE_COLUMNS:
                    ok = isinstance(cell.value, dt.datetime) and cell.value.date().isoformat() == text
                    check(f"{where} typed date", ok, f"{cell.value!r} vs {text}")
                elif name in MONEY_COLUMNS or name == "converted_amount":
                    ok = isinstance(cell.value, (int, float)) and abs(Decimal(str(cell.value)) - Decimal(text)) < Decimal("0.0005")
                    check(f"{where} number", ok, f"{cell.value!r} vs {text}")
                    decimals = len(text.split(".")[1]) if "." in text else 0
                    fmt = cell.number_format
                    # A converted amount is in its case's currency, which the refund's row does not name.
                    currency = by_name["currency"] if name in MONEY_COLUMNS else re.search(r"\[\$([A-Z]{3})\]", fmt)
                    ok = (currency is not None and (not isinstance(currency, str) or currency in fmt)
                          and (fmt.endswith("0." + "0" * decimals) if decimals else fmt.endswith("#,##0")))
                    check(f"{where} currency format", ok, fmt)
                elif name == "rate":
                    ok = isinstance(cell.value, (int, float)) and Decimal(str(cell.value)) == Decimal(text)
                    check(f"{where} rate is a number", ok, f"{cell.value!r} vs {text}")
                elif name in INT_COLUMNS:
                    check(f"{where} integer", cell.value == int(text), f"{cell.value!r} vs {text}")
                else:
                    # CSV neutralises formula-like text with a leading quote; the workbook keeps it as a string.
                    expected = text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text
                    check(f"{where} text", cell.value == expected, f"{cell.value!r} vs {expected!r}")
                    check(f"{where} text is indented off the number before it", cell.alignment.indent >= 1)
                    if title in WRAPPED:
                        check(f"{where} long text wraps", cell.alignment.wrap_text)
                        if len(expected) > 60:  # a spreadsheet does not grow the row by itself
                            height = ws.row_dimensions[cell.row].height or 15
                            check(f"{where} row is tall enough for its wrapped lines", height >= 30, str(height))
    check_printing(wb)
    check_widths(wb)
    if wb["Overdue"].max_row > 1:
        rules = [r for cf in wb["Overdue"].conditional_formatting for r in cf.rules]
        check("Overdue has a colour scale by days overdue", any(r.type == "colorScale" for r in rules), str(rules))
    rules = [r for cf in wb["Cases"].conditional_formatting for r in cf.rules]
    check("Cases highlights overdue rows", any(r.type == "expression" and "overdue" in r.formula[0] for r in rules))
    links = {c.hyperlink.location.split("!")[0].strip("'") for row in wb["Summary"].iter_rows() for c in row
             if c.hyperlink is not None}
    shown = {n for n in SHEETS[1:] if wb[n].sheet_state == "visible"}
    check("Summary links to every sheet with rows", links >= shown, str(links))
    for c in (c for row in wb["Summary"].iter_rows() for c in row if c.hyperlink is not None):
        sheet, _, target = c.hyperlink.location.partition("!")
        if target != "A1":  # a largest overdue amount: its order id's row on the Overdue sheet
            check(f"Summary {c.coordinate} links to the row of {c.value}", wb[sheet.strip("'")][target].value == c.value,
                  f"{c.hyperlink.location} holds {wb[sheet.strip(chr(39))][target].value}")
    check_overdue_totals(wb, folder)
    check_summary_money(wb, folder)
    with zipfile.ZipFile(folder / "reconciliation.xlsx") as z:
        check("Summary has the aging chart", any(n.startswith("xl/charts/chart") for n in z.namelist()))
    overdue = [r for r in read_csv(folder, "exceptions")[1:] if r[0] == "overdue"]
    currencies = {r[4] for r in overdue}
    shown_rows = wb["Overdue"].max_row - 1 - (len(currencies) + 1 if overdue else 0)  # less the totals
    check("Overdue sheet rows", shown_rows == len(overdue), f"{shown_rows} vs {len(overdue)}")
    summary = [c for row in wb["Summary"].iter_rows(values_only=True) for c in row if c is not None]
    check("Summary has the as-of date", dt.datetime(2026, 6, 30) in summary)


def changes_between(before, after):
    """What the Changes sheet should list, worked out from two nights' CSVs: exceptions by (flag, order,
    payment); cases by (order, kind), resolved when open before and closed after or gone, new when not there
    before or open again."""
    open_states = {"pending", "overdue"}
    e1 = {(r[0], r[1], r[2]) for r in read_csv(before, "exceptions")[1:]}
    e2 = {(r[0], r[1], r[2]) for r in read_csv(after, "exceptions")[1:]}
    c1 = {(r[0], r[1]): r[9] for r in read_csv(before, "cases")[1:]}
    c2 = {(r[0], r[1]): r[9] for r in read_csv(after, "cases")[1:]}
    both = c1.keys() & c2.keys()
    new_cases = (c2.keys() - c1.keys()) | {k for k in both if c1[k] not in open_states and c2[k] in open_states}
    resolved_cases = (c1.keys() - c2.keys()) | {k for k in both if c1[k] in open_states and c2[k] not in open_states}
    listed = ({("new", "exception", o, p) for _, o, p in e2 - e1} | {("resolved", "exception", o, p) for _, o, p in e1 - e2}
              | {("new", "case", o, "") for o, _ in new_cases} | {("resolved", "case", o, "") for o, _ in resolved_cases})
    counts = {"exceptions": {"new": len(e2 - e1), "unchanged": len(e1 & e2), "resolved": len(e1 - e2)},
              "cases": {"new": len(new_cases), "unchanged": len(both) - len(new_cases & both) - len(resolved_cases & both),
                        "resolved": len(resolved_cases)}}
    return counts, listed


def check_changes(recon, tmp):
    """Two nights one business day apart into one folder: the Changes sheet and the manifest say exactly what
    differs between the two nights' exceptions and cases, and first_flagged_on is carried forward."""
    out, before = tmp / "nightly", tmp / "night-before"
    p = run(recon, "run", "Pipelines/sample.yml", "--as-of", "2026-06-29", "--out", str(out))
    check("first night exits 0", p.returncode == 0, p.stderr)
    first = json.loads((out / "manifest.json").read_text())["changes"]
    check("first night compares nothing", first["previous_as_of"] is None and first["exceptions"] is None
          and "no previous report" in first["not_compared"], str(first))
    notes = [r[0] for r in openpyxl.load_workbook(out / "reconciliation.xlsx")["Changes"].iter_rows(min_row=2, values_only=True)]
    check("first night's Changes sheet says so", any(n and n.startswith("Nothing to compare with") for n in notes), str(notes))
    summary = [row for row in openpyxl.load_workbook(out / "reconciliation.xlsx")["Summary"].iter_rows(values_only=True)
               if row[0] == "Not compared:"]
    check("first night's Summary says so", len(summary) == 1 and "no previous report" in summary[0][1], str(summary))
    before.mkdir()
    for name in ["exceptions", "cases"]:
        (before / f"{name}.csv.gz").write_bytes((out / f"{name}.csv.gz").read_bytes())
    p = run(recon, "run", "Pipelines/sample.yml", "--as-of", "2026-06-30", "--out", str(out))
    check("second night exits 0", p.returncode == 0, p.stderr)
    counts, listed = changes_between(before, out)
    check("the two nights differ", bool(listed))
    changes = json.loads((out / "manifest.json").read_text())["changes"]
    check("manifest counts the changes", changes["previous_as_of"] == "2026-06-29"
          and {k: changes[k] for k in counts} == counts, f"{changes} vs {counts}")
    wb = openpyxl.load_workbook(out / "reconciliation.xlsx")
    rows = list(wb["Summary"].iter_rows(values_only=True))
    at = [i for i, row in enumerate(rows) if row[0] == "Since 2026-06-29"]
    shown = {row[0].lower(): dict(zip(("new", "unchanged", "resolved"), row[1:4])) for row in rows[at[0] + 1:at[0] + 3]} if at else {}
    expected = {k: {n: changes[k][n] for n in ("new", "unchanged", "resolved")} for k in ("exceptions", "cases")}
    check("Summary counts the changes as the manifest does",
          len(at) == 1 and rows[at[0]][1:4] == ("New", "Unchanged", "Resolved") and shown == expected, f"{shown} vs {expected}")
    rows = list(wb["Changes"].iter_rows(min_row=2, values_only=True))
    shown = {(r[0], "exception" if r[1] == "exception" else "case", r[3], r[4] or "") for r in rows}
    check("Changes lists exactly the differences", shown == listed and len(rows) == len(listed), f"{shown ^ listed}")
    column = read_csv(out, "exceptions")[0].index("first_flagged_on")
    flagged = {(r[0], r[1], r[2]): r[column] for r in read_csv(before, "exceptions")[1:]}
    carried = all(r[column] == flagged.get((r[0], r[1], r[2]), "2026-06-30") for r in read_csv(out, "exceptions")[1:])
    check("first_flagged_on is carried forward", carried)


def check_watchlist(folder, kinds):
    """The watchlist has rows of `kinds`, sorted by (closes_on, order_id), each closing from as-of through 14 days
    after with its days left; the manifest counts them per kind; the Summary shows the count per kind; the Overdue
    sheet's Dispute by is each overdue case's dispute_by in cases.csv.gz."""
    rows = read_csv(folder, "watchlist")
    watch = [dict(zip(rows[0], r)) for r in rows[1:]]
    as_of = dt.date(2026, 6, 30)
    check("watchlist has each kind", {w["kind"] for w in watch} == kinds, str({w["kind"] for w in watch}))
    keys = [(w["closes_on"], w["order_id"]) for w in watch]
    check("watchlist sorted by closes_on then order_id", keys == sorted(keys), str(keys))
    left = [(dt.date.fromisoformat(w["closes_on"]) - as_of).days for w in watch]
    check("watchlist days_left are calendar days from as-of, 0 to 14",
          left == [int(w["days_left"]) for w in watch] and all(0 <= d <= 14 for d in left), str(left))
    manifest = json.loads((folder / "manifest.json").read_text())["watchlist"]
    counts = {k: sum(1 for w in watch if w["kind"] == k) for k in ("request_window", "dispute_window")}
    check("manifest counts the watchlist per kind", manifest == counts, f"{manifest} vs {counts}")
    wb = openpyxl.load_workbook(folder / "reconciliation.xlsx", read_only=True)
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r and r[0]}
    shown = {"request_window": summary.get("Refund request window"),
             "dispute_window": summary.get("Dispute window")}
    check("Summary counts the deadlines per kind", {k: v or 0 for k, v in shown.items()} == counts, str(shown))
    check("Summary heads the deadlines with the days watched", "Closing in 14 days" in summary, str(list(summary)))
    cases = [dict(zip(read_csv(folder, "cases")[0], r)) for r in read_csv(folder, "cases")[1:]]
    due = {c["order_id"]: c["dispute_by"] for c in cases if c["state"] == "overdue"}
    sheet = list(wb["Overdue"].iter_rows(values_only=True))
    order, by = sheet[0].index("Order ID"), sheet[0].index("Dispute by")
    overdue = {r[order]: r[by].date().isoformat() if r[by] else "" for r in sheet[1:] if r[order] not in (None, "Total shown")}
    check("Overdue shows each case's dispute_by", overdue == due, f"{overdue} vs {due}")


def check_csv_headers(folder):
    """Each CSV keeps SPEC's columns in SPEC's order; the chase columns follow them, in their order."""
    for table, spec in SPEC_COLUMNS.items():
        header = read_csv(folder, table)[0]
        check(f"{table}.csv.gz starts with SPEC's columns", header[:len(spec)] == spec, str(header))
        added = [c for c in header[len(spec):] if c in CHASE_COLUMNS.get(table, [])]
        check(f"{table}.csv.gz ends with the chase columns", added == CHASE_COLUMNS.get(table, []), str(header))


def check_conversions(folder):
    """With a rate file, refunds.csv.gz ends with converted_amount and rate, filled together, and the manifest
    records the file's SHA-256; without one, neither column is there."""
    manifest = json.loads((folder / "manifest.json").read_text())
    rows = read_csv(folder, "refunds")
    header, rows = rows[0], rows[1:]
    if "fx_rates" not in manifest:
        check("no conversion columns without a rate file", "converted_amount" not in header and "rate" not in header)
        return
    rates = manifest["fx_rates"]
    check("manifest fx_rates sha256", hashlib.sha256((ROOT / rates["path"]).read_bytes()).hexdigest() == rates["sha256"])
    check("refunds end with converted_amount,rate", header[-2:] == ["converted_amount", "rate"], str(header))
    converted = [r for r in rows if r[-2] != ""]
    check("a converted amount comes with its rate, and only then", all((r[-2] == "") == (r[-1] == "") for r in rows))
    check("the rate file converts some refund", len(converted) > 0)
    cases = read_csv(folder, "cases")
    case_currency = {r[0]: r[cases[0].index("currency")] for r in cases[1:]}
    check("a converted refund is in another currency than its case",
          all(case_currency.get(r[header.index("order_id")]) not in (None, r[header.index("currency")])
              for r in converted), str(converted))


def check_chase(folder):
    """The store pipeline's overdue cases whose order a payments file charged name whom to chase, Stripe or PayPal,
    and that charge (#1033 has no charge in the payments: nothing to name); the Overdue sheet shows the same as
    cases.csv.gz."""
    rows = read_csv(folder, "cases")
    cases = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    overdue = [c for c in cases.values() if c["state"] == "overdue"]
    charged = [c for c in overdue if c["original_payment_id"]]
    check("store overdue cases with a charge name Stripe or PayPal",
          len(charged) >= 2 and all(c["counterparty"] in ("Stripe", "PayPal") for c in charged)
          and all(not c["counterparty"] for c in overdue if not c["original_payment_id"]), str(overdue))
    sheet = list(openpyxl.load_workbook(folder / "reconciliation.xlsx", read_only=True)["Overdue"].iter_rows(values_only=True))
    header = list(sheet[0])
    order, party, original = (header.index(plain(c)) for c in ("order_id", "counterparty", "original_payment_id"))
    shown = {r[order]: (r[party] or "", r[original] or "") for r in sheet[1:] if r[order] not in (None, "Total shown")}
    check("Overdue shows each case's counterparty and charge",
          shown == {c["order_id"]: (c["counterparty"], c["original_payment_id"]) for c in overdue}, str(shown))


def check_printing(wb):
    """Every sheet prints with a header (sheet, pipeline, as-of) and a footer (page X of Y); detail sheets
    repeat their header row, fit one page wide only at 75% or more, and otherwise print at 75% or more over
    pages with their key columns repeated; the Summary fits one page."""
    for name in SHEETS:
        ws = wb[name]
        header, footer = ws.oddHeader, ws.oddFooter
        check(f"{name} prints its name, the pipeline and the as-of on every page",
              header.left.text == "&A" and header.center.text and "As of" in (header.right.text or ""),
              f"{header.left.text} {header.center.text} {header.right.text}")
        check(f"{name} prints page X of Y", "&P" in (footer.right.text or "") and "&N" in footer.right.text)
        fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
        if name == "Summary":
            check("Summary fits one page", fit and ws.page_setup.fitToWidth in (None, 1, "1")
                  and ws.page_setup.fitToHeight in (None, 1, "1"), f"{ws.page_setup.fitToHeight}")
            check("Summary prints at 75% or more", summary_scale(ws) >= 0.75, f"{summary_scale(ws):.2f}")
            continue
        check(f"{name} prints landscape", ws.page_setup.orientation == "landscape", str(ws.page_setup.orientation))
        check(f"{name} repeats its header row", str(ws.print_title_rows).replace("$", "") == "1:1", str(ws.print_title_rows))
        if fit:
            check(f"{name} fits to width, as many pages tall as it takes", str(ws.page_setup.fitToHeight) == "0")
        else:
            check(f"{name} prints at 75% or more", int(ws.page_setup.scale or 100) >= 75, str(ws.page_setup.scale))
            check(f"{name} repeats its key columns", ws.print_title_cols is not None and ws.print_title_cols.startswith("$A:"),
                  str(ws.print_title_cols))


def summary_scale(ws):
    """The scale at which the Summary's columns and rows fit one Letter page (less 0.7-inch side and 0.75-inch
    top and bottom margins, at 96 pixels an inch) in its orientation: a column w wide is 7w pixels (as Excel
    draws Calibri 11), a row of h points 4h/3."""
    width = sum(round(d.width * 7) for d in ws.column_dimensions.values())
    height = sum((ws.row_dimensions[r].height or 15) * 4 / 3 for r in range(1, ws.max_row + 1))
    across, down = (672, 921) if ws.page_setup.orientation == "portrait" else (921, 672)
    return min(across / width, down / height)


def rendered(value, number_format):
    """The characters a cell shows: money as `USD 1,234.56`, dates as yyyy-mm-dd, East Asian text twice."""
    if isinstance(value, dt.datetime):
        return 10
    if isinstance(value, (int, float)):
        m = re.match(r"(?:\[\$([A-Z]{3})\] )?#,##0(?:\.(0+))?$", number_format or "")
        if m:
            text = (f"{m.group(1)} " if m.group(1) else "") + f"{abs(value):,.{len(m.group(2) or '')}f}"
            return len(text) + (1 if value < 0 else 0)
        return len(str(int(value))) if float(value).is_integer() else len(repr(value))
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def check_widths(wb):
    """No column is narrower than the longest value it holds: numbers and dates always (else `###`), text up to
    100 characters (60 for long text, which wraps), headers their longest word; on the Summary, the labels of
    the first column (other text there runs on over empty cells)."""
    for ws in wb:
        widths = {letter: d.width for letter, d in ws.column_dimensions.items()}
        titles = {c.column_letter: c.value for c in ws[1]} if ws.title != "Summary" else {}
        narrow = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.data_type == "f":
                    continue
                width = widths.get(cell.column_letter, 8.43)
                if isinstance(cell.value, str):
                    if ws.title == "Summary" and cell.column > 1:  # it may run on over the empty cells right of it
                        continue
                    if cell.row > 1 and all(c.value is None for c in row[cell.column:]):  # a note: it runs on too
                        continue
                    if cell.row == 1 and ws.title != "Summary":  # headers wrap
                        needed = max(rendered(w, "") for w in cell.value.split()) if cell.value.split() else 0
                    else:
                        needed = min(rendered(cell.value, ""), 60 if titles.get(cell.column_letter) in WRAPPED else 100)
                else:
                    needed = rendered(cell.value, cell.number_format)
                if width < needed:
                    narrow.append(f"{cell.coordinate} {cell.value!r} needs {needed}, has {width:.1f}")
        check(f"{ws.title} columns fit their longest values", not narrow, "; ".join(narrow[:3]))


def check_overdue_totals(wb, folder):
    """Under the Overdue rows, a total per currency: a SUBTOTAL formula over the rows shown whose value (as
    stored for readers that do not calculate) is the sum of that currency's rows."""
    formulas = openpyxl.load_workbook(folder / "reconciliation.xlsx")["Overdue"]
    values = openpyxl.load_workbook(folder / "reconciliation.xlsx", data_only=True)["Overdue"]
    header = [c.value for c in values[1]]
    cur, amount = header.index("Currency"), header.index("Outstanding")
    sums, totals = {}, {}
    for f_row, v_row in zip(formulas.iter_rows(min_row=2), values.iter_rows(min_row=2)):
        if v_row[0].value == "Total shown":
            check(f"Overdue total {v_row[cur].value} is a SUBTOTAL of the rows shown",
                  "SUBTOTAL(109" in str(f_row[amount].value), str(f_row[amount].value))
            totals[v_row[cur].value] = Decimal(str(v_row[amount].value))
        elif v_row[amount].value is not None:
            sums[v_row[cur].value] = sums.get(v_row[cur].value, Decimal(0)) + Decimal(str(v_row[amount].value))
    check("Overdue has a total for each currency, equal to the sum of its rows",
          set(totals) == set(sums) and all(abs(totals[c] - sums[c]) < Decimal("0.0005") for c in sums),
          f"{totals} vs {sums}")


def check_summary_money(wb, folder):
    """The Summary's money still owed, per currency: overdue + not yet due = total, equal to the outstanding
    amounts of the overdue and pending cases."""
    rows = read_csv(folder, "cases")
    header = rows[0]
    owed = {}
    for r in rows[1:]:
        case = dict(zip(header, r))
        if case["state"] in ("overdue", "pending") and Decimal(case["outstanding"]) > 0:
            owed[case["currency"]] = owed.get(case["currency"], Decimal(0)) + Decimal(case["outstanding"])
    shown, inside = {}, False
    for row in wb["Summary"].iter_rows(values_only=True):
        if row[0] == "Money still owed":
            inside = True
        elif inside and isinstance(row[0], str) and len(row[0]) == 3 and row[3] is not None:
            pending, overdue, total = (Decimal(str(v)) for v in row[1:4])
            check(f"Summary owed {row[0]}: overdue + not yet due = total", abs(overdue + pending - total) < Decimal("0.0005"))
            shown[row[0]] = total
        elif inside:
            break
    check("Summary's money owed per currency equals the cases' outstanding",
          set(shown) == set(owed) and all(abs(shown[c] - owed[c]) < Decimal("0.0005") for c in owed),
          f"{shown} vs {owed}")


def check_manifest(folder):
    manifest = json.loads((folder / "manifest.json").read_text())
    for item in manifest["inputs"]:
        total = item["used"] + item["skipped"] + item["rejected"] + item.get("superseded_by_later_file", 0)
        check(f"manifest {item['kind']} rows add up", item["rows_read"] == total, str(item))
        check(f"manifest {item['kind']} sha256", hashlib.sha256((ROOT / item["path"]).read_bytes()).hexdigest() == item["sha256"])
    for out in manifest["outputs"]:
        data = (folder / out["name"]).read_bytes()
        check(f"manifest {out['name']} sha256", hashlib.sha256(data).hexdigest() == out["sha256"])
        check(f"manifest {out['name']} bytes", len(data) == out["bytes"])
        if out["name"].endswith(".csv.gz"):
            check(f"manifest {out['name']} rows", len(read_csv(folder, out["name"][:-7])) - 1 == out["rows"])
    exceptions = read_csv(folder, "exceptions")[1:]
    for flag, count in manifest["flags"].items():
        check(f"manifest flag {flag}", sum(1 for r in exceptions if r[0] == flag) == count)
    wb = openpyxl.load_workbook(folder / "reconciliation.xlsx")
    links = sum(1 for name in DETAIL | {"Overdue": None} for row in wb[name].iter_rows(min_row=2)
                if row and row[-1].hyperlink is not None)
    if "links" in manifest:  # only when the run adds order links
        check("manifest counts the order links written", manifest["links"]["written"] == links,
              f"{manifest['links']} vs {links} in the workbook")
        check("manifest links: none too long or over a sheet's limit on sample data",
              manifest["links"]["too_long"] == 0 and manifest["links"]["over_sheet_limit"] == 0, str(manifest["links"]))
    else:
        check("no order links without a links count", links == 0, str(links))
    check("manifest timings", {t["stage"] for t in manifest["timings"]} >= {"ingest_orders", "ingest_payments", "match", "cases_and_flags"})


# Characters a workbook cannot hold (XML 1.0's forbidden ones and the Unicode noncharacters); recon writes U+FFFD.
NOT_IN_WORKBOOK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufdd0-\ufdef\ufffe\uffff]")
HOSTILE = "Ana\ufffeLima\uffff \x01\x1b[31m _x0041_ \ufdd0"


def excel_text(value):
    """A cell's text as Excel shows it: openpyxl returns inline strings as stored, with _xHHHH_ undecoded."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value) if isinstance(value, str) else value


def check_hostile_text(recon, tmp):
    """A customer name and a rejected payment line holding U+FFFE, U+FFFF, control characters and a literal
    _x0041_: the workbook opens in openpyxl and shows them with U+FFFD in place of what it cannot hold."""
    orders, payments = tmp / "hostile-orders.csv", tmp / "hostile-payments.csv"
    lines = (ROOT / "SampleData/orders.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    orders.write_text("".join(l.replace("Carla Díaz", HOSTILE) if l.startswith("SO-1003,") else l for l in lines),
                      encoding="utf-8")
    bad_line = f"RF-BAD,refund,2026-05-20T12:00:00Z,not money {HOSTILE},USD,card:3005,SO-1003,,"
    payments.write_text((ROOT / "SampleData/payments.csv").read_text(encoding="utf-8") + bad_line + "\n", encoding="utf-8")
    out = tmp / "hostile"
    p = run(recon, "run", "--orders", str(orders), "--payments", str(payments), "--as-of", "2026-06-30",
            "--holidays", "Pipelines/calendars/us-federal.txt", "--out", str(out))
    check("hostile text run exits 0", p.returncode == 0, p.stderr)
    try:
        wb = openpyxl.load_workbook(out / "reconciliation.xlsx")
    except Exception as error:  # the point of the check: before, openpyxl refused such a workbook
        check("workbook with hostile text opens in openpyxl", False, repr(error))
        return
    texts = [excel_text(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    check("no cell holds a character a workbook cannot", not any(NOT_IN_WORKBOOK.search(t) for t in texts))
    customer = NOT_IN_WORKBOOK.sub("\ufffd", HOSTILE)
    check("hostile customer name reads back with U+FFFD and _x0041_ kept", customer in texts, customer)
    check("hostile rejected line reads back", NOT_IN_WORKBOOK.sub("\ufffd", bad_line) in texts, repr(bad_line))


FREE_TEXT = {"payment_method", "original_method", "customer", "raw", "reason", "description", "counterparty"}


def check_no_card_numbers(folder):
    """Free text from inputs (methods, customer names, raw lines) never carries a full card number.
    Identifiers are kept as they are: a 14- or 16-digit marketplace order number is not a card."""
    texts = []
    for table in DETAIL.values():
        rows = read_csv(folder, table)
        cols = [i for i, name in enumerate(rows[0]) if name in FREE_TEXT]
        texts += [row[i] for row in rows[1:] for i in cols]
    wb = openpyxl.load_workbook(folder / "reconciliation.xlsx")
    for ws in wb:
        header = [c.value for c in ws[1]]
        cols = [i for i, name in enumerate(header) if name in {plain(n) for n in FREE_TEXT}]
        texts += [str(row[i]) for row in ws.iter_rows(min_row=2, values_only=True) for i in cols if row[i] is not None]
    found = [m.group() for t in texts for m in re.finditer(r"\d(?:[ -]?\d){12,18}", t)]
    check("no full card number in free text of any output", not found, str(found[:3]))
    check("free text was examined", len(texts) > 0)


def check_overdue_status(folder):
    """The Overdue sheet shows each order's own status as the orders file gives it (shown, not interpreted)."""
    with open(ROOT / "SampleData/orders.csv", newline="", encoding="utf-8") as f:
        status = {r["order_id"]: r["status"] for r in csv.DictReader(f)}
    rows = list(openpyxl.load_workbook(folder / "reconciliation.xlsx", read_only=True)["Overdue"].iter_rows(values_only=True))
    header = list(rows[0])
    shown = [(r[header.index("Order ID")], r[header.index("Order status")] or "") for r in rows[1:]
             if r[0] != "Total shown" and r[0] is not None]
    check("Overdue shows each order's status", bool(shown) and all(s == status[o] for o, s in shown), str(shown))
    check("some overdue order has a status", any(s for _, s in shown), str(shown))


def main():
    recon = recon_from_arguments()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        first, second = tmp / "first", tmp / "second"
        p = run(recon, "run", "Pipelines/sample.yml", "--out", str(first))
        check("sample run exits 0", p.returncode == 0, p.stderr)
        check("run prints where the report is", f"{first}/reconciliation.xlsx" in p.stdout, p.stdout)
        run(recon, "run", "Pipelines/sample.yml", "--out", str(second))
        for name in ["exceptions", "cases", "refunds", "rejected", "watchlist"]:
            same = (first / f"{name}.csv.gz").read_bytes() == (second / f"{name}.csv.gz").read_bytes()
            check(f"rerun gives identical {name}.csv.gz", same)
        # Sheets are filled on two threads: the styles and cells must not depend on which came first. Only the
        # creation time in docProps/core.xml differs.
        a, b = zipfile.ZipFile(first / "reconciliation.xlsx"), zipfile.ZipFile(second / "reconciliation.xlsx")
        differing = [n for n in a.namelist() if n != "docProps/core.xml" and (n not in b.namelist() or a.read(n) != b.read(n))]
        check("rerun gives an identical workbook but for its creation time", a.namelist() == b.namelist() and not differing,
              str(differing))
        check_workbook(first)
        check_csv_headers(first)
        check_overdue_status(first)
        check_watchlist(first, {"request_window", "dispute_window"})
        check_manifest(first)
        check_no_card_numbers(first)
        for pipeline in ["store-refunds", "supplier-refunds"]:
            out = tmp / pipeline
            p = run(recon, "run", f"Pipelines/{pipeline}.yml", "--out", str(out))
            check(f"{pipeline} run exits 0", p.returncode == 0, p.stderr)
            check_workbook(out)
            check_manifest(out)
            check_no_card_numbers(out)
            check_csv_headers(out)
            check_conversions(out)
        check_conversions(first)
        check_chase(tmp / "store-refunds")

        check_hostile_text(recon, tmp)
        check_changes(recon, tmp)

        p = run(recon, "run", "Pipelines/sample.yml", "--out", str(tmp / "alert"), "--fail-on", "overdue,late")
        check("--fail-on exits 3", p.returncode == 3, f"{p.returncode} {p.stderr}")
        check("--fail-on still writes the report", (tmp / "alert" / "manifest.json").exists())
        p = run(recon, "run", "Pipelines/sample.yml", "--out", str(tmp / "alert"), "--fail-on", "dispute_window")
        check("--fail-on a watchlist kind exits 3 naming it", p.returncode == 3 and "dispute_window listed 2 times" in p.stderr,
              f"{p.returncode} {p.stderr}")
        p = run(recon, "run", "Pipelines/sample.yml", "--out", str(tmp / "alert"), "--watch-days", "0",
                "--fail-on", "dispute_window")
        check("--watch-days 0 lists no dispute window closing later", p.returncode == 0, f"{p.returncode} {p.stderr}")

        p = run(recon, "run")
        check("no inputs is a usage error (2)", p.returncode == 2, f"{p.returncode} {p.stderr}")
        p = run(recon, "run", "--orders", "SampleData/orders.csv", "--payments", "SampleData/payments.csv",
                "--window-rule", "BR=60", "--out", str(tmp / "x"))
        check("bad --window-rule is a usage error (2)", p.returncode == 2 and "--window-rule" in p.stderr, p.stderr)
        bad = tmp / "bad.yml"
        bad.write_text("name: x\nbusiness_dayz: 20\n")
        p = run(recon, "run", str(bad), "--out", str(tmp / "x"))
        check("unknown pipeline key exits 2 naming it", p.returncode == 2 and "business_dayz" in p.stderr and "bad.yml" in p.stderr, p.stderr)
        p = run(recon, "run", "--orders", "missing.csv", "--payments", "SampleData/payments.csv", "--out", str(tmp / "gone"))
        check("missing input exits 1 naming it", p.returncode == 1 and "missing.csv" in p.stderr, p.stderr)
        check("stopped run writes nothing", not (tmp / "gone").exists())
        no_total = tmp / "orders.csv"
        no_total.write_text("order_id,placed_at,currency\nA,2026-01-01,USD\n")
        p = run(recon, "run", "--orders", str(no_total), "--payments", "SampleData/payments.csv", "--out", str(first))
        check("missing column exits 1 naming file and column", p.returncode == 1 and "'total'" in p.stderr and "orders.csv" in p.stderr, p.stderr)
        check("stopped run leaves the previous report", (first / "manifest.json").exists())
        p = run(recon, "run", "--orders", "SampleData/orders.csv", "--payments", "SampleData/payments.csv",
                "--holidays", "Pipelines/calendars/us-federal.txt", "--as-of", "2026-06-30", "--window-rule", "BR/*=60",
                "--window-rule", "*/choice=75", "--out", str(tmp / "direct"))
        check("direct form exits 0", p.returncode == 0, p.stderr)
        p = run(recon, "explain", "SO-1003", "Pipelines/sample.yml")
        check("explain shows the clock", p.returncode == 0 and "due 2026-06-01" in p.stdout and "overdue" in p.stdout, p.stdout + p.stderr)
        p = run(recon, "explain", "RF-1005", "--orders", "SampleData/orders.csv", "--payments", "SampleData/payments.csv",
                "--as-of", "2026-06-30")
        check("explain takes direct inputs", p.returncode == 0 and "2 order:" in p.stdout and "method_mismatch" in p.stdout, p.stdout)
        p = run(recon, "explain", "NOPE", "Pipelines/sample.yml")
        check("explain of an unknown id exits 2", p.returncode == 2 and "NOPE" in p.stderr, p.stderr)
        p = run(recon, "check", "Pipelines/sample.yml")
        check("check passes the sample", p.returncode == 0 and "ready to run" in p.stdout, p.stdout)
        broken = tmp / "broken.yml"
        broken.write_text(f"sources:\n  orders: [{{path: {ROOT}/SampleData/store/paypal_activity.csv, format: shopify-orders}}]\n"
                          f"  payments: [{{path: {tmp}/none.csv}}]\n")
        p = run(recon, "check", str(broken))
        check("check reports every problem", p.returncode == 1 and p.stdout.count("PROBLEM") == 2, p.stdout)
        p = run(recon, "run", "Pipelines/sample.yml", "--out", str(tmp / "quiet"), "--quiet")
        check("--quiet prints nothing", p.returncode == 0 and p.stdout == "" and p.stderr == "", p.stdout + p.stderr)
        p = run(recon, "run", "Pipelines/sample.yml", "--out", str(tmp / "json"), "--log-format", "json")
        lines = [json.loads(l) for l in p.stderr.splitlines()]
        check("--log-format json writes JSON lines", p.returncode == 0 and len(lines) >= 4 and
              all({"time", "level", "message"} <= set(l) for l in lines), p.stderr)
        p = run(recon, "run", "--orders", "missing.csv", "--payments", "x.csv", "--out", str(tmp / "j"), "--log-format", "json")
        check("errors are JSON lines too", p.returncode == 1 and json.loads(p.stderr)["level"] == "error", p.stderr)
        manifest = json.loads((tmp / "json" / "manifest.json").read_text())
        check("manifest records peak memory", manifest["peak_memory_bytes"] > 1_000_000, str(manifest.get("peak_memory_bytes")))
        p = run(recon, "--version")
        check("--version", p.returncode == 0 and p.stdout.strip() != "", p.stdout)
        for args in (["--help"], ["run", "--help"], ["help", "explain"]):
            p = run(recon, *args)
            check(f"{' '.join(args)} prints the usage and exits 0",
                  p.returncode == 0 and "USAGE:" in p.stdout and p.stderr == "", f"{p.returncode} {p.stdout} {p.stderr}")
    finish("check_report")


if __name__ == "__main__":
    main()
