#!/usr/bin/env bash
# The search benchmark of issue 19, run by hand (not in CI): `huifang search QUERY` on the corpus
# of bench/gen_corpus.py (5,000 projects by default), cold (no .huifang/: every record read,
# then the record cache and the search index written) and warm (the search index in
# .huifang/search verified and used), with the goal of under 0.5 s warm.
#
#   bash bench/search.sh [--projects 5000] [--years 5] [--runs 5] [--no-build]
#
# Prints each query's best time and peak memory; corpora and binaries as bench/run.sh has them
# (bench/out/, release build). HUIFANG_TIMINGS=1 on one warm run shows where the time goes.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=5000 years=5 runs=5 build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --projects) projects=$2; shift 2 ;;
        --years) years=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        *) echo "usage: bash bench/search.sh [--projects N] [--years Y] [--runs R] [--no-build]" >&2; exit 64 ;;
    esac
done
out=bench/out
mkdir -p "$out"
if [ "$build" = 1 ]; then
    echo "building huifang (release)..." >&2
    swift build -c release >/dev/null
fi
bin=$PWD/.build/release/huifang
dir=$out/corpus-$projects-$years
if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    python3 bench/gen_corpus.py "$dir" --projects "$projects" --years "$years" --seed 1 >&2
    touch "$dir/.complete"
fi
big=$PWD/$dir
measure() { python3 bench/measure.py "$runs" "$@"; }
files=$(find "$big" -name '*.yaml' | wc -l)
echo "corpus: $projects projects, $files record files; best of $runs runs"
# cpu COMMAND... -> the least CPU time (user + system, s) of $runs runs: steadier than the wall
# time on a machine others load.
cpu() {
    python3 -c 'import os,subprocess,sys
best=None
for _ in range(int(sys.argv[1])):
    p=subprocess.Popen(sys.argv[2:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
    _,_,u=os.wait4(p.pid,0)
    t=u.ru_utime+u.ru_stime
    best=t if best is None else min(best,t)
print(f"{best:.3f}")' "$runs" "$@"
}
printf '| query | cold (s) | warm (s) | warm CPU (s) | warm peak MB | goal | |\n|---|---:|---:|---:|---:|---|---|\n'
for q in 导出太慢 "报表 慢" 系统运行 "export slow"; do
    read -r cold _ < <(measure "rm -rf $big/.huifang" -- "$bin" -C "$big" search "$q")
    "$bin" -C "$big" search "$q" >/dev/null 2>&1
    read -r warm rss < <(measure ":" -- "$bin" -C "$big" search "$q")
    warmcpu=$(cpu "$bin" -C "$big" search "$q")
    verdict=$(awk "BEGIN{print ($warm < 0.5) ? \"PASS\" : \"FAIL\"}")
    printf '| `huifang search %s` | %s | %s | %s | %.0f | warm < 0.5 s | %s |\n' "$q" "$cold" "$warm" "$warmcpu" "$(awk "BEGIN{print $rss/1024}")" "$verdict"
done
echo
echo "where the time goes (one warm run of the first query):"
HUIFANG_TIMINGS=1 "$bin" -C "$big" search 导出太慢 2>&1 >/dev/null | sed 's/^/    /'
