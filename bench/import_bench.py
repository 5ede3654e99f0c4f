#!/usr/bin/env python3
"""The import benchmark of issue 18, run by hand (not in CI).

    python3 bench/import_bench.py [--rows 50000] [--projects 500] [--huifang .build/release/huifang]

Generates its own ledgers (seeded, so the same every time): a repository with PROJECTS
projects (made by `huifang import projects` from a CSV file), a visit ledger of ROWS rows as
an .xlsx workbook (openpyxl, write-only mode; a title row, Chinese headers, Excel date serials)
and the same rows as a GB18030 CSV file. Then times, each in a fresh copy of the repository:

  - `huifang import visits ledger.xlsx --dry-run`  (read, match, validate; no write)
  - `huifang import visits ledger.xlsx`            (and write ROWS record files)
  - the same again                                 (idempotent: reads back ROWS `imported:` keys, creates nothing)
  - `huifang import visits ledger.csv --dry-run`   (GB18030 through iconv)

Needs openpyxl (bash .ci/run installs it into .build/ci-venv). Build first:
swift build -c release. Work folder: bench/out/import/.
"""
import argparse
import datetime
import os
import random
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(huifang, args, cwd):
    env = dict(os.environ, HUIFANG_TODAY="2026-11-24", HUIFANG_LANG="en", NO_COLOR="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run([huifang] + args, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return took, cpu, p.stdout.strip().splitlines()[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50000)
    ap.add_argument("--projects", type=int, default=500)
    ap.add_argument("--huifang", default=os.path.join(ROOT, ".build/release/huifang"))
    a = ap.parse_args()
    import openpyxl  # a test-only tool

    huifang = os.path.abspath(a.huifang)
    out = os.path.join(HERE, "out", "import")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    rng = random.Random(18)

    base = os.path.join(out, "base")
    os.makedirs(base)
    subprocess.run([huifang, "init", "--organization", "基准科技"], cwd=base, check=True, capture_output=True)
    ids = [f"p{n:04d}-sys" for n in range(a.projects)]
    with open(os.path.join(out, "projects.csv"), "w", encoding="utf-8") as f:
        f.write("项目编号,项目名称,客户名称,部门,负责人,项目级别,验收日期\n")
        for n, pid in enumerate(ids):
            f.write(f"{pid},系统{n},客户{n},east,张伟,{rng.choice(['重点', '普通', '基础'])},2024-01-{1 + n % 28:02d}\n")
    run(huifang, ["import", "projects", os.path.join(out, "projects.csv")], base)

    methods = ["电话", "上门", "邮件", "线上"]
    start = datetime.date(2024, 2, 1)
    rows = []
    for n in range(a.rows):
        day = start + datetime.timedelta(days=rng.randrange(0, 1000))
        rows.append([day, rng.choice(ids), rng.choice(methods), "张伟", "王经理、刘工",
                     f"第{n}次回访：系统运行稳定，讨论了报表与权限", "很好用" if n % 3 == 0 else None,
                     rng.randint(3, 5), rng.randint(6, 10)])
    t = time.perf_counter()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("回访记录")
    ws.append(["项目回访记录表"])
    ws.append(["回访日期", "项目编号", "回访方式", "回访人", "联系人", "回访内容", "客户原话", "满意度", "推荐度"])
    for r in rows:
        ws.append(r)
    wb.save(os.path.join(out, "ledger.xlsx"))
    with open(os.path.join(out, "ledger.csv"), "wb") as f:
        lines = ["回访日期,项目编号,回访方式,回访人,联系人,回访内容,客户原话,满意度,推荐度"]
        for r in rows:
            lines.append(",".join([r[0].isoformat()] + ["" if c is None else str(c) for c in r[1:]]))
        f.write(("\n".join(lines) + "\n").encode("gb18030"))
    print(f"generated {a.rows} rows, {a.projects} projects in {time.perf_counter() - t:.1f} s "
          f"(ledger.xlsx {os.path.getsize(os.path.join(out, 'ledger.xlsx')) // 1024} KiB)", file=sys.stderr)

    def fresh(name):
        d = os.path.join(out, name)
        shutil.copytree(base, d)
        return d

    ledger = os.path.join(out, "ledger.xlsx")
    results = []
    d = fresh("dry")
    results.append(("import visits ledger.xlsx --dry-run",) + run(huifang, ["import", "visits", ledger, "--dry-run"], d))
    d = fresh("write")
    results.append(("import visits ledger.xlsx",) + run(huifang, ["import", "visits", ledger], d))
    results.append(("the same again (nothing new)",) + run(huifang, ["import", "visits", ledger], d))
    d = fresh("csv")
    results.append(("import visits ledger.csv --dry-run (GB18030)",) + run(huifang, ["import", "visits", os.path.join(out, "ledger.csv"), "--dry-run"], d))
    print(f"| command ({a.rows} rows, {a.projects} projects) | wall (s) | CPU (s) | last line |")
    print("|---|---:|---:|---|")
    for what, took, cpu, last in results:
        print(f"| `huifang {what}` | {took:.2f} | {cpu:.2f} | {last} |")


if __name__ == "__main__":
    main()
