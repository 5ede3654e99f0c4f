#!/usr/bin/env python3
"""Run command A and command B in turn, PAIRS times each (A B A B ...), and compare them pair by
pair: pairing keeps the ratio meaningful when the machine's speed drifts while it runs.

    pairs.py PAIRS PREP THREADS -- A... --vs B...

PREP is a shell command run before each run of A (":" for none). THREADS, when not "-", is
given to A as HUIFANG_THREADS. Prints one line:

    wall_A wall_B wall_ratio cpu_A cpu_B cpu_ratio peak_kb_A

each a median over the pairs (the ratios are the medians of the pairs' ratios); cpu is user +
system seconds of the finished process; peak_kb_A is the largest peak resident set of A.
Output and errors of both commands are discarded; a failing run stops the benchmark.
"""
import os
import statistics
import subprocess
import sys
import time


def run(cmd, env):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed: {p.stderr.read().decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main():
    pairs, prep, threads = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rest = sys.argv[sys.argv.index("--") + 1:]
    a, b = rest[:rest.index("--vs")], rest[rest.index("--vs") + 1:]
    env_a = dict(os.environ)
    if threads != "-":
        env_a["HUIFANG_THREADS"] = threads
    rows = []
    for _ in range(pairs):
        subprocess.run(prep, shell=True, check=True)
        wa, ca, ra = run(a, env_a)
        wb, cb, _ = run(b, os.environ)
        rows.append((wa, wb, wa / wb, ca, cb, ca / cb, ra))
    med = [statistics.median(r[i] for r in rows) for i in range(6)]
    print(" ".join(f"{v:.3f}" for v in med), max(r[6] for r in rows))


if __name__ == "__main__":
    main()
