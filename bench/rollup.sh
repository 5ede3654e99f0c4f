#!/usr/bin/env bash
# The roll-up benchmark of issue 20, run by hand (not in CI): `report summary` over ten
# repositories of 500 projects each (bench/gen_corpus.py, seeds 1..10) against the same report
# on one repository of 5,000 projects, with the peak memory of each (/usr/bin/time -v).
#
#   bash bench/rollup.sh [--repos 10] [--projects 500] [--years 5]
#
# Each command runs once cold (no .huifang/cache) and once warm (the cache the cold run wrote).
# The ten corpora reuse project ids (gen_corpus numbers them from p00000), so the roll-up runs
# with --allow-duplicate-projects. Corpora live in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
repos=10 projects=500 years=5
while [ $# -gt 0 ]; do
    case "$1" in
        --repos) repos=$2; shift 2 ;;
        --projects) projects=$2; shift 2 ;;
        --years) years=$2; shift 2 ;;
        *) echo "usage: bash bench/rollup.sh [--repos N] [--projects N] [--years Y]" >&2; exit 64 ;;
    esac
done
out=bench/out
mkdir -p "$out"
echo "building huifang (release)..." >&2
swift build -c release >/dev/null
huifang=$PWD/.build/release/huifang

corpus() {  # corpus DIR PROJECTS SEED -> path (generated once)
    local dir=$out/$1
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        python3 bench/gen_corpus.py "$dir" --projects "$2" --years "$years" --seed "$3" >&2
        touch "$dir/.complete"
    fi
    echo "$PWD/$dir"
}

total=$((repos * projects))
big=$(corpus "corpus-$total-$years" "$total" 1)
args=()
for n in $(seq 1 "$repos"); do
    args+=(--repo "$(corpus "rollup-$projects-$years-$n" "$projects" "$n")")
done
report=(--as-of 2026-10-15 report summary --period 2026Q3 --format json)

# timed LABEL PREP COMMAND... -> "LABEL seconds peak_MB" (one run, /usr/bin/time -v)
timed() {
    local label=$1 prep=$2; shift 2
    bash -c "$prep"
    /usr/bin/time -v "$@" >/dev/null 2>"$out/time.txt" || { cat "$out/time.txt" >&2; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$out/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out/time.txt")
    printf '%-34s %8.2f s %8s MB\n' "$label" "$wall" "$rss"
}

clear_caches="rm -rf $big/.huifang; for d in $out/rollup-$projects-$years-*; do rm -rf \$d/.huifang; done"
echo "report summary 2026Q3, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
timed "one repository, $total projects, cold" "$clear_caches" "$huifang" -C "$big" "${report[@]}"
timed "one repository, $total projects, warm" ":" "$huifang" -C "$big" "${report[@]}"
timed "$repos x $projects projects, cold" ":" "$huifang" "${report[@]}" "${args[@]}" --allow-duplicate-projects
timed "$repos x $projects projects, warm" ":" "$huifang" "${report[@]}" "${args[@]}" --allow-duplicate-projects
