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
# The static site (huifang site) is pictured by headless Chromium instead, as a browser shows
# it: its index, a department's page and a project's page, into docs/site-*.png (Chromium and a
# CJK font, e.g. Debian's chromium and fonts-wqy-microhei or fonts-noto-cjk).
#
# Usage: bash scripts/screenshot.sh [--site] [PERIOD]      (default 2026Q3; --site: only the site's pictures)
set -euo pipefail
cd "$(dirname "$0")/.."
site_only=0
if [ "${1:-}" = "--site" ]; then site_only=1; shift; fi
period=${1:-2026Q3}
work=.build/screenshot
venv=$work/venv
mkdir -p "$work" docs

# site PAGE PNG HEIGHT: one page of the demo's site, as Chromium shows it 1200 pixels wide.
site() {
    chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="1200,$3" --screenshot="$PWD/$2" "file://$PWD/$work/site/$1" 2>/dev/null
}
if [ "$site_only" = 1 ] || command -v chromium >/dev/null; then
    swift build --product huifang >/dev/null
    huifang="$(swift build --show-bin-path)/huifang"
    rm -rf "$work/site"
    "$huifang" -C examples/demo --as-of 2026-11-24 site -o "$work/site" --period "$period"
    site index.html docs/site-index.png 1500
    site departments/east.html docs/site-department.png 1500
    site projects/hz-mes.html docs/site-project.png 1500
fi
[ "$site_only" = 1 ] && exit 0

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
