#!/usr/bin/env bash
# The static site's benchmark (issue 20), run by hand: `huifang site` on the generated corpus
# (bench/gen_corpus.py, the corpus bench/run.sh uses), measured with /usr/bin/time -v on a
# release build. Goal: the whole site in under 10 s and 500 MB; then a second run, which
# compares every page with the file already there and writes none.
#
#   bash bench/site.sh [--projects 5000] [--years 5]
#
# Prints wall time, peak memory, the pages written/unchanged and the site's size, and the verdicts.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=5000 years=5
while [ $# -gt 0 ]; do
    case "$1" in
        --projects) projects=$2; shift 2 ;;
        --years) years=$2; shift 2 ;;
        *) echo "usage: bash bench/site.sh [--projects N] [--years Y]" >&2; exit 64 ;;
    esac
done
out=bench/out
mkdir -p "$out"
echo "building huifang (release)..." >&2
swift build -c release >/dev/null
huifang=$PWD/.build/release/huifang
corpus=$out/corpus-$projects-$years
if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    python3 bench/gen_corpus.py "$corpus" --projects "$projects" --years "$years" --seed 1 >&2
    touch "$corpus/.complete"
fi
site=$out/site-$projects-$years
rm -rf "$site"
"$huifang" -C "$corpus" check >/dev/null 2>&1 || true   # the cache, as a warm report has it

run() {  # run LABEL -> a line of the table
    local log=$out/site-time.txt
    /usr/bin/time -v "$huifang" -C "$corpus" --as-of 2026-10-15 site -o "$PWD/$site" --period 2026Q3 --lang en 2>"$log" >/dev/null
    local wall rss said cpu share
    cpu=$(awk -F': ' '/User time|System time/{s+=$2} END{printf "%.2f", s}' "$log")
    share=$(awk -F': ' '/Percent of CPU/{print $2}' "$log")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$log")
    said=$(grep -E 'pages written' "$log" | tail -1)
    echo "| $1 | $wall | $cpu | $share | $rss | $said | $(awk "BEGIN{print ($wall < 10 && $rss < 500) ? \"PASS\" : \"FAIL\"}") |"
}
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wall time counts only when the machine is otherwise idle)"
echo
echo "| run | wall (s) | CPU user+sys (s) | CPU share | peak MB | huifang says | < 10 s and < 500 MB |"
echo "|---|---:|---:|---:|---:|---|---|"
run "first (empty folder)"
run "second (nothing changed)"
echo
echo "$(find "$site" -name '*.html' | wc -l) pages, $(du -sm "$site" | cut -f1) MB; corpus: $(find "$corpus" -name '*.yaml' | wc -l) record files"
