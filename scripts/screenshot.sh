#!/usr/bin/env bash
# Pictures three reports of the demo repository (examples/demo, "today" 2026-11-24) as the
# README shows them: the company summary, a department's report and a project's report,
# rendered as HTML by huifang and as PNG by WeasyPrint, into docs/screenshot-*.png.
#
# Needs only python3 with venv and pip (and the Pango library that WeasyPrint uses, present on
# most Linux systems; on Debian/Ubuntu `apt-get install libpango-1.0-0 libpangoft2-1.0-0`):
# the first run installs WeasyPrint, pypdfium2 and a CJK font (Noto Sans CJK SC, from the
# mplfonts package) into .build/screenshot/venv. No browser is needed.
#
# Usage: bash scripts/screenshot.sh [PERIOD]      (default 2026Q3)
set -euo pipefail
cd "$(dirname "$0")/.."
period=${1:-2026Q3}
work=.build/screenshot
venv=$work/venv
mkdir -p "$work" docs

if ! "$venv/bin/python" -c 'import importlib.util, weasyprint, pypdfium2, PIL; assert importlib.util.find_spec("mplfonts")' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check weasyprint==70.0 pypdfium2==5.15.2
    # The font alone: mplfonts' own code would pull in matplotlib, which is not needed here.
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps mplfonts==0.0.11
fi
fonts=$work/fonts
mkdir -p "$fonts"
cjk=$("$venv/bin/python" -c 'import importlib.util, os; print(os.path.join(importlib.util.find_spec("mplfonts").submodule_search_locations[0], "fonts", "NotoSansCJKsc-Regular.otf"))')
ln -sf "$cjk" "$fonts/NotoSansCJKsc-Regular.otf"

swift build --product huifang >/dev/null
huifang="$(swift build --show-bin-path)/huifang"
demo=("$huifang" -C examples/demo --as-of 2026-11-24)
"${demo[@]}" report summary --period "$period" --format html -o "$work/summary.html"
"${demo[@]}" report department east --period "$period" --format html -o "$work/department.html"
"${demo[@]}" report project hz-mes --period "${period:0:4}" --format html -o "$work/project.html"

"$venv/bin/python" scripts/screenshot.py "$fonts" \
    "$work/summary.html" docs/screenshot-summary.png \
    "$work/department.html" docs/screenshot-department.png \
    "$work/project.html" docs/screenshot-project.png
