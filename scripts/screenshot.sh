#!/usr/bin/env bash
# Renders the demo's company summary as HTML and takes a picture of it with headless
# Chromium, as the README shows it: docs/summary.png. Needs `apt-get install chromium
# fonts-noto-cjk` (Debian). Usage: bash scripts/screenshot.sh [PERIOD]
set -euo pipefail
cd "$(dirname "$0")/.."
period=${1:-2026Q3}
swift build -c release >/dev/null
mkdir -p docs .build/screenshot
html=$PWD/.build/screenshot/summary.html
.build/release/huifang -C examples/demo --as-of 2026-11-24 report summary --period "$period" --format html -o "$html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1700 \
    --screenshot="$PWD/docs/summary.png" "file://$html" 2>/dev/null
echo "wrote docs/summary.png from $html"
