#!/usr/bin/env bash
# Prints a report's workbook the way a person sees it: LibreOffice converts it to PDF (a file it cannot
# open cleanly fails the conversion), then scripts/render-check.py checks every page (header, footer,
# no `###`) and, given PICTURES_DIR, writes the README's pictures of the Summary, Overdue and Changes sheets.
# Usage: scripts/render-workbook.sh REPORT_DIR PDF [PICTURES_DIR]
set -euo pipefail
report=${1:?report folder}
pdf=${2:?PDF to write}
pictures=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
missing=()
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}"
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$report/reconciliation.xlsx" "$work/"
# A private profile, so a desktop LibreOffice running elsewhere does not take the conversion over.
# A 50,000-order workbook prints about 2,000 pages in a minute or two.
timeout 900 soffice -env:UserInstallation=file://"$work/profile" --headless --convert-to pdf --outdir "$work" \
    "$work/reconciliation.xlsx" > "$work/soffice.log" 2>&1 || { cat "$work/soffice.log"; echo "render: LibreOffice failed on $report"; exit 1; }
[ -s "$work/reconciliation.pdf" ] || { cat "$work/soffice.log"; echo "render: no PDF was written for $report"; exit 1; }
mkdir -p "$(dirname "$pdf")"
mv "$work/reconciliation.pdf" "$pdf"
python3 "$here/render-check.py" "$report/reconciliation.xlsx" "$pdf" ${pictures:+"$pictures"}
