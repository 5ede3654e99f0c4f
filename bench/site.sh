#!/usr/bin/env bash
# The static site's benchmark (issue 20), run by hand: `huifang site` on the generated corpus
# (bench/gen_corpus.py, the corpus bench/run.sh uses), measured with /usr/bin/time -v on a
# release build. Goal: the whole site in under 10 s and 500 MB; then a second run, which
# compares every page with the file already there and writes none.
#
#   bash bench/site.sh [--projects 5000] [--years 5] [--two]
#
# Prints wall time, peak memory, the pages written/unchanged and the site's size, and the verdicts.
# --two adds the site over two repositories of half as many projects each (seeds 1 and 2, with
# --allow-duplicate-projects: gen_corpus numbers projects from p00000) beside the site of one
# of them: each repository's pages are written before the next is read, so the peak memory
# of the two should be that of one, not of the sum.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=5000 years=5 two=0
while [ $# -gt 0 ]; do
    case "$1" in
        --projects) projects=$2; shift 2 ;;
        --years) years=$2; shift 2 ;;
        --two) two=1; shift ;;
        *) echo "usage: bash bench/site.sh [--projects N] [--years Y] [--two]" >&2; exit 64 ;;
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

run() {  # run LABEL [where...] -> a line of the table (where: -C DIR, or site options naming the repositories)
    local log=$out/site-time.txt label=$1
    shift
    local where=("$@")
    [ ${#where[@]} -gt 0 ] || where=(-C "$corpus")
    local pre=() post=()
    if [ "${where[0]}" = -C ]; then pre=("${where[@]}"); else post=("${where[@]}"); fi
    /usr/bin/time -v "$huifang" "${pre[@]}" --as-of 2026-10-15 site "${post[@]}" -o "$PWD/$site" --period 2026Q3 --lang en 2>"$log" >/dev/null
    local wall rss said cpu share
    cpu=$(awk -F': ' '/User time|System time/{s+=$2} END{printf "%.2f", s}' "$log")
    share=$(awk -F': ' '/Percent of CPU/{print $2}' "$log")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$log")
    said=$(grep -E 'pages written' "$log" | tail -1)
    echo "| $label | $wall | $cpu | $share | $rss | $said | $(awk "BEGIN{print ($wall < 10 && $rss < 500) ? \"PASS\" : \"FAIL\"}") |"
}
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wall time counts only when the machine is otherwise idle)"
echo
echo "| run | wall (s) | CPU user+sys (s) | CPU share | peak MB | huifang says | < 10 s and < 500 MB |"
echo "|---|---:|---:|---:|---:|---|---|"
run "first (empty folder)"
run "second (nothing changed)"
echo
echo "$(find "$site" -name '*.html' | wc -l) pages, $(du -sm "$site" | cut -f1) MB; corpus: $(find "$corpus" -name '*.yaml' | wc -l) record files"
if [ "$two" = 1 ]; then
    half=$((projects / 2))
    halves=()
    for seed in 1 2; do
        dir=$out/corpus-$half-$years-seed$seed
        if [ ! -f "$dir/.complete" ]; then
            rm -rf "$dir"
            python3 bench/gen_corpus.py "$dir" --projects "$half" --years "$years" --seed "$seed" >&2
            touch "$dir/.complete"
        fi
        "$huifang" -C "$dir" check >/dev/null 2>&1 || true
        halves+=("$PWD/$dir")
    done
    echo
    echo "| run | wall (s) | CPU user+sys (s) | CPU share | peak MB | huifang says | < 10 s and < 500 MB |"
    echo "|---|---:|---:|---:|---:|---|---|"
    rm -rf "$site"
    run "one repository of $half" -C "${halves[0]}"
    rm -rf "$site"
    run "two repositories of $half" --repo "${halves[0]}" --repo "${halves[1]}" --allow-duplicate-projects
    run "two repositories, second run" --repo "${halves[0]}" --repo "${halves[1]}" --allow-duplicate-projects
fi
