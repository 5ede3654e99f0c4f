#!/usr/bin/env bash
# The benchmark of issue 7, run by hand (not in CI): huifang against the floor — what reading
# a large repository costs at all (bench/floor.c: readdir, open/read, libyaml's event parser,
# one thread, no tree, no decoding) — on a corpus from bench/gen_corpus.py.
#
#   bash bench/run.sh [--projects 5000] [--years 5] [--runs 5] [--pairs 7] [--scale]
#
# Prints each command's best time and peak memory beside the floor (measured before each
# command; the best of those blocks is used), with the goals, and writes the same to
# bench/RESULTS.md. Then the cold commands paired with the floor (bench/pairs.py: huifang and
# the floor in turn, --pairs times, medians of the pairs' ratios): wall time on every core, and
# CPU time (user + system) with HUIFANG_THREADS=1, where the floor's one thread is the yardstick. --reference-generator PATH also compares PATH's corpus with ours. --scale
# adds check and the report at 1,000, 5,000 and 20,000 projects to show how time and memory
# grow. Corpora and binaries live in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=5000 years=5 runs=5 pairs=7 scale=0 reference=""
while [ $# -gt 0 ]; do
    case "$1" in
        --projects) projects=$2; shift 2 ;;
        --years) years=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --pairs) pairs=$2; shift 2 ;;
        --scale) scale=1; shift ;;
        --reference-generator) reference=$2; shift 2 ;;
        *) echo "usage: bash bench/run.sh [--projects N] [--years Y] [--runs R] [--pairs P] [--scale] [--reference-generator PATH]" >&2; exit 64 ;;
    esac
done
out=bench/out
mkdir -p "$out"
echo "building huifang (release: the Swift standard library is linked in, see Package.swift)..." >&2
swift build -c release >/dev/null
bin=$PWD/.build/release/huifang
cc -O2 -o "$out/floor" bench/floor.c $(pkg-config --cflags --libs yaml-0.1)

corpus() {  # corpus PROJECTS -> path (generated once)
    local dir=$out/corpus-$1-$years
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        python3 bench/gen_corpus.py "$dir" --projects "$1" --years "$years" --seed 1 >&2
        touch "$dir/.complete"
    fi
    echo "$PWD/$dir"
}

# measure PREP COMMAND... -> "best_seconds max_rss_kb" over $runs runs; PREP runs before each.
measure() {
    local prep=$1; shift
    python3 bench/measure.py "$runs" "$prep" -- "$@"
}

ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
mb() { awk "BEGIN{printf \"%.0f\", $1 / 1024}"; }
verdict() { awk "BEGIN{print ($1 <= $2) ? \"PASS\" : \"FAIL\"}"; }

big=$(corpus "$projects")
small=$(corpus 10)
report=(report summary --period 2026Q3 --format json)
files=$(find "$big" -name '*.yaml' | wc -l)

# The floor is measured before each command (this machine's speed drifts within minutes);
# the ratios use the best floor of all three blocks.
floors=()
read -r f floor_m < <(measure ":" "$out/floor" "$big"); floors+=("$f")
read -r check_t check_m < <(measure "rm -rf $big/.huifang" "$bin" -C "$big" check)
read -r f _ < <(measure ":" "$out/floor" "$big"); floors+=("$f")
read -r cold_t cold_m < <(measure "rm -rf $big/.huifang" "$bin" -C "$big" --as-of 2026-10-15 "${report[@]}")
"$bin" -C "$big" check >/dev/null || true; sleep 1; "$bin" -C "$big" check >/dev/null || true
read -r f _ < <(measure ":" "$out/floor" "$big"); floors+=("$f")
read -r warm_t warm_m < <(measure ":" "$bin" -C "$big" --as-of 2026-10-15 "${report[@]}")
floor_t=$(printf '%s\n' "${floors[@]}" | sort -n | head -1)
read -r help_t _ < <(measure ":" "$bin" --help)
"$bin" -C "$small" status >/dev/null
read -r status_t _ < <(measure ":" "$bin" -C "$small" --as-of 2026-10-15 status)

# paired PREP THREADS COMMAND... -> "wall wall_floor wall_ratio cpu cpu_floor cpu_ratio peak_kb",
# medians over $pairs pairs of a huifang run and a floor run (THREADS "-": huifang's default).
paired() {
    local prep=$1 threads=$2; shift 2
    python3 bench/pairs.py "$pairs" "$prep" "$threads" -- "$@" --vs "$out/floor" "$big"
}
cold="rm -rf $big/.huifang"
read -r pc_w pc_fw pc_wr _ _ _ _ < <(paired "$cold" - "$bin" -C "$big" check)
read -r pr_w pr_fw pr_wr _ _ _ _ < <(paired "$cold" - "$bin" -C "$big" --as-of 2026-10-15 "${report[@]}")
read -r _ _ _ c1_c c1_fc c1_cr _ < <(paired "$cold" 1 "$bin" -C "$big" check)
read -r _ _ _ r1_c r1_fc r1_cr _ < <(paired "$cold" 1 "$bin" -C "$big" --as-of 2026-10-15 "${report[@]}")

{
    echo "# huifang benchmark"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with local changes)')"
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
    echo "- corpus: bench/gen_corpus.py --projects $projects --years $years --seed 1: $files record files"
    echo "- best of $runs runs each; memory is the peak resident set; the floor is measured before each command and its best is used (blocks: ${floors[*]} s)"
    echo
    echo "| command | time (s) | × floor | peak MB | goal | |"
    echo "|---|---:|---:|---:|---|---|"
    echo "| floor: readdir + read + libyaml events, 1 thread | $floor_t | 1.00 | $(mb "$floor_m") | | |"
    echo "| \`huifang check\`, no cache | $check_t | $(ratio "$check_t" "$floor_t") | $(mb "$check_m") | ≤ 1.0× | $(verdict "$(ratio "$check_t" "$floor_t")" 1.0) |"
    echo "| \`huifang report summary --period 2026Q3 --format json\`, no cache | $cold_t | $(ratio "$cold_t" "$floor_t") | $(mb "$cold_m") | ≤ 1.0× | $(verdict "$(ratio "$cold_t" "$floor_t")" 1.0) |"
    echo "| the same report, warm cache | $warm_t | $(ratio "$warm_t" "$floor_t") | $(mb "$warm_m") | ≤ 0.4× | $(verdict "$(ratio "$warm_t" "$floor_t")" 0.4) |"
    echo "| peak memory of the report | | | $(mb "$cold_m") | ≤ 300 MB | $(verdict "$(mb "$cold_m")" 300) |"
    echo "| \`huifang --help\` | $help_t | | | a few ms | |"
    echo "| \`huifang status\`, 10 projects | $status_t | | | a few ms | |"
    echo
    echo "## Paired with the floor"
    echo
    echo "huifang and the floor in turn, $pairs pairs for each line; medians of the pairs (the ratio is the median of the pairs' ratios). CPU is user + system time; \"one thread\" is HUIFANG_THREADS=1 (the floor always has one)."
    echo
    echo "| command, no cache | huifang | floor | ratio | goal | |"
    echo "|---|---:|---:|---:|---|---|"
    echo "| \`huifang check\`, wall time, $(nproc) cores | $pc_w s | $pc_fw s | $pc_wr | ≤ 0.75× | $(verdict "$pc_wr" 0.75) |"
    echo "| \`huifang report summary --period 2026Q3 --format json\`, wall time, $(nproc) cores | $pr_w s | $pr_fw s | $pr_wr | ≤ 0.75× | $(verdict "$pr_wr" 0.75) |"
    echo "| \`huifang check\`, CPU time, one thread | $c1_c s | $c1_fc s | $c1_cr | ≤ 1.3× | $(verdict "$c1_cr" 1.3) |"
    echo "| \`huifang report summary --period 2026Q3 --format json\`, CPU time, one thread | $r1_c s | $r1_fc s | $r1_cr | ≤ 1.3× | $(verdict "$r1_cr" 1.3) |"
    if [ -n "$reference" ]; then
        echo
        echo "## Generator check"
        echo
        echo "The same corpus size from the reference generator ($reference) and from bench/gen_corpus.py (1,000 projects, 5 years, seed 1):"
        echo
        echo "| generator | files | bytes | floor (s) | check, no cache (s) |"
        echo "|---|---:|---:|---:|---:|"
        for gen in "$reference" bench/gen_corpus.py; do
            dir=$out/generator-check-$(basename "$(dirname "$gen")")
            rm -rf "$dir"
            python3 "$gen" "$dir" --projects 1000 --years 5 --seed 1 >/dev/null
            stats=$("$out/floor" "$dir")
            read -r ft _ < <(measure ":" "$out/floor" "$dir")
            read -r ct _ < <(measure "rm -rf $dir/.huifang" "$bin" -C "$dir" check)
            echo "| $gen | $(echo "$stats" | cut -d' ' -f1) | $(echo "$stats" | cut -d' ' -f3) | $ft | $ct |"
            rm -rf "$dir"
        done
    fi
    if [ "$scale" = 1 ]; then
        echo
        echo "## Growth"
        echo
        echo "| projects | files | floor (s) | check, no cache (s) | check MB | report warm (s) | report MB | check s per 1,000 projects |"
        echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
        for n in 1000 5000 20000; do
            dir=$(corpus "$n")
            nfiles=$(find "$dir" -name '*.yaml' | wc -l)
            read -r ft _ < <(measure ":" "$out/floor" "$dir")
            read -r ct cm < <(measure "rm -rf $dir/.huifang" "$bin" -C "$dir" check)
            "$bin" -C "$dir" check >/dev/null || true; sleep 1; "$bin" -C "$dir" check >/dev/null || true
            read -r rt rm_ < <(measure ":" "$bin" -C "$dir" --as-of 2026-10-15 "${report[@]}")
            echo "| $n | $nfiles | $ft | $ct | $(mb "$cm") | $rt | $(mb "$rm_") | $(awk "BEGIN{printf \"%.3f\", $ct * 1000 / $n}") |"
        done
    fi
} | tee bench/RESULTS.new.md
mv bench/RESULTS.new.md bench/RESULTS.md
