#!/usr/bin/env python3
"""Run a command R times; print the best wall time in seconds and the largest peak RSS in KB.

    measure.py RUNS PREP -- COMMAND...

PREP is a shell command run before each run (":" for none). Output and errors of COMMAND
are discarded; a failing run stops the benchmark.
"""
import os
import subprocess
import sys
import time


def main():
    runs, prep = int(sys.argv[1]), sys.argv[2]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    best, rss = None, 0
    for _ in range(runs):
        subprocess.run(prep, shell=True, check=True)
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed: {p.stderr.read().decode(errors='replace')}")
        best = elapsed if best is None else min(best, elapsed)
        rss = max(rss, usage.ru_maxrss)
    print(f"{best:.3f} {rss}")


if __name__ == "__main__":
    main()
