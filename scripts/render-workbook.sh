#!/usr/bin/env bash
# Renders a workbook the way a person sees it: LibreOffice converts it to PDF (a file it cannot open
# cleanly fails the conversion), pdftoppm turns the Summary page into docs/summary.png.
# Usage: scripts/render-workbook.sh REPORT_DIR [PNG]
set -euo pipefail
report=${1:?report folder}
png=${2:-}
missing=()
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
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
timeout 180 soffice -env:UserInstallation=file://"$work/profile" --headless --convert-to pdf --outdir "$work" \
    "$work/reconciliation.xlsx" > "$work/soffice.log" 2>&1 || { cat "$work/soffice.log"; echo "render: LibreOffice failed"; exit 1; }
[ -s "$work/reconciliation.pdf" ] || { cat "$work/soffice.log"; echo "render: no PDF was written"; exit 1; }
pages=$(pdfinfo "$work/reconciliation.pdf" | awk '/^Pages:/ {print $2}')
text=$(pdftotext "$work/reconciliation.pdf" -)
for expected in "Refund reconciliation" "Money still owed" "Flagged for review" "Total shown" "Page 1 of"; do
    grep -q "$expected" <<<"$text" || { echo "render: '$expected' is not in the rendered workbook"; exit 1; }
done
echo "render: LibreOffice opened $report/reconciliation.xlsx and printed $pages pages"
if [ -n "$png" ]; then
    pdftoppm -png -r 110 -f 1 -l 1 -singlefile "$work/reconciliation.pdf" "${png%.png}"
    echo "render: Summary page written to $png"
fi
