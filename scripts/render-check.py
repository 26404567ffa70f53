#!/usr/bin/env python3
"""Checks a workbook as LibreOffice printed it, page by page, the way a person reading the PDF would.

Usage: render-check.py WORKBOOK PDF [PICTURES_DIR]

Every visible sheet of WORKBOOK (read from the .xlsx itself) must print at least one page, in the
workbook's order; every page must carry the header (the sheet's name, the pipeline and "As of DATE",
taken from the manifest.json beside the workbook) and the footer "Page N of M"; no page may show "###"
(a number too wide for its column). With PICTURES_DIR, the first page of the Summary, Overdue and
Changes sheets is written there as summary.png, overdue.png and changes.png.
Exits 1 naming each failing page.
"""

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

SPREADSHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PICTURES = {"Summary": "summary.png", "Overdue": "overdue.png", "Changes": "changes.png"}
PICTURE_RESOLUTION = "110"
MOST_FAILURES_SHOWN = 30


def visible_sheets(workbook: Path) -> list[str]:
    """The names of the sheets a print shows, in the workbook's order (hidden ones print nothing)."""
    with zipfile.ZipFile(workbook) as archive:
        root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheets = root.find(f"{SPREADSHEET_NS}sheets")
    return [sheet.get("name") for sheet in sheets if sheet.get("state") not in ("hidden", "veryHidden")]


def page_texts(pdf: Path) -> list[str]:
    """One text per page: pdftotext runs once over the whole PDF and pages end at form feeds."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def sheet_of_header(header: str, sheets: list[str]) -> str | None:
    """The sheet whose name starts the header line (the longest such name, so `Name (2)` beats `Name`)."""
    named = [name for name in sheets if re.match(re.escape(name) + r"(\s|$)", header)]
    return max(named, key=len, default=None)


def page_failures(number: int, total: int, text: str, sheets: list[str], facts: dict) -> tuple[str | None, list[str]]:
    """The sheet a page belongs to, and what is wrong with the page."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return None, [f"page {number}: blank"]
    failures = []
    sheet = sheet_of_header(lines[0], sheets)
    page = f"page {number} ({sheet or 'no sheet'})"
    if sheet is None:
        failures.append(f"{page}: the header names no sheet: {lines[0][:100]!r}")
    elif facts["pipeline"] not in lines[0] or not lines[0].endswith(f"As of {facts['as_of']}"):
        failures.append(f"{page}: the header lacks the pipeline or as-of date: {lines[0][:100]!r}")
    if not re.search(rf"\bPage {number} of {total}$", lines[-1]):
        failures.append(f"{page}: no footer 'Page {number} of {total}': {lines[-1][:100]!r}")
    for line in lines:
        if "###" in line:
            spaced = " ".join(line.split())
            failures.append(f"{page}: '###' in {spaced[:160]!r}")
    return sheet, failures


def sheet_order_failures(sheet_of_page: list[str | None], sheets: list[str]) -> list[str]:
    """Every visible sheet prints, in the workbook's order."""
    printed = []
    for sheet in sheet_of_page:
        if sheet is not None and (not printed or printed[-1] != sheet):
            printed.append(sheet)
    if printed == sheets:
        return []
    return [f"the sheets printed {printed}, the workbook shows {sheets}"]


def write_pictures(pdf: Path, sheet_of_page: list[str | None], folder: Path) -> list[str]:
    """The first page of each pictured sheet as a PNG; a pictured sheet that did not print is a failure."""
    failures = []
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, name in PICTURES.items():
        if sheet not in sheet_of_page:
            failures.append(f"no page of the {sheet} sheet to picture for {folder / name}")
            continue
        page = str(sheet_of_page.index(sheet) + 1)
        target = folder / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", PICTURE_RESOLUTION, "-f", page, "-l", page, "-singlefile",
             str(pdf), str(target.with_suffix(""))],
            check=True,
        )
        print(f"render: {sheet} page {page} written to {target}")
    return failures


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    workbook, pdf = Path(sys.argv[1]), Path(sys.argv[2])
    facts = json.loads((workbook.parent / "manifest.json").read_text())
    sheets = visible_sheets(workbook)
    pages = page_texts(pdf)
    sheet_of_page, failures = [], []
    for number, text in enumerate(pages, start=1):
        sheet, found = page_failures(number, len(pages), text, sheets, facts)
        sheet_of_page.append(sheet)
        failures += found
    failures += sheet_order_failures(sheet_of_page, sheets)
    counts = ", ".join(f"{sheet} {sheet_of_page.count(sheet)}" for sheet in sheets)
    print(f"render: {workbook} printed {len(pages)} pages ({counts})")
    if len(sys.argv) == 4:
        failures += write_pictures(pdf, sheet_of_page, Path(sys.argv[3]))
    for failure in failures[:MOST_FAILURES_SHOWN]:
        print(f"render: {failure}")
    if len(failures) > MOST_FAILURES_SHOWN:
        print(f"render: … and {len(failures) - MOST_FAILURES_SHOWN} more")
    if failures:
        print(f"render: {len(failures)} failed checks in {pdf}")
        return 1
    print("render: every page has its header and footer and no '###'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
