#!/usr/bin/env python3
"""Rebuild examples/demo-north, the second sample repository of the README's roll-up
("Several repositories"), by driving the real huifang command line through 2026: a regional
office that keeps its own records. It shares the department `north` (华北交付部) with
examples/demo and adds `west` (西北交付部); its project ids are its own.

    python3 examples/build_north.py [--huifang PATH] [--out examples/demo-north]

Deterministic: the same huifang gives the same files. Needs only the Python standard library.
Then `huifang -C examples report summary` rolls both up (examples/workspace.yaml).
"""
import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

DEPARTMENTS = """departments:
  - {id: pmo, name: 项目管理部, head: 王芳, role: project_management}
  - {id: north, name: 华北交付部, head: 赵磊, role: business}
  - {id: west, name: 西北交付部, head: 马骏, role: business}
  - {id: tech, name: 技术部, head: 刘强, role: technical}
  - {id: cs, name: 客户服务部, head: 陈静, role: customer_service}
"""

PROJECTS = [
    # id, name, customer, department, owner, tier, accepted, contact
    ("ty-mes", "太原重工 MES 项目", "太原重型机械集团", "north", "赵磊", "key", "2025-12-10", "郭强,生产部长"),
    ("sjz-erp", "石家庄药业 ERP 实施", "石家庄神威药业有限公司", "north", "郑洁", "standard", "2026-01-20", "韩梅,财务经理"),
    ("xa-wms", "西安航空物流 WMS", "西安航空物流有限公司", "west", "马骏", "standard", "2026-02-15", "白雪,仓储经理"),
    ("lz-oa", "兰州城投 OA 平台", "兰州城市发展投资有限公司", "west", "马骏", "basic", "2026-03-30", "常乐,办公室主任"),
    ("yc-dc", "银川云计算中心", "宁夏西部云基地运营公司", "west", "冯岩", "key", "2026-06-05", "丁一,运维总监"),
]

# (date, project, method, overall, nps, summary, issue: (title, category, severity, days to resolve) or None)
VISITS = [
    ("2026-01-09", "ty-mes", "onsite", 4, 8, "首次回访：系统上线平稳，车间报工已全面切换。", None),
    ("2026-02-10", "ty-mes", "phone", 3, 6, "报工终端在低温车间偶发死机，客户希望尽快处理。", ("报工终端低温死机", "technical", "general", 6)),
    ("2026-02-24", "sjz-erp", "onsite", 5, 10, "首次回访：月结顺利，财务对成本核算模块评价很高。", None),
    ("2026-03-12", "ty-mes", "online", 4, 8, "终端更换工业级型号后运行正常。", None),
    ("2026-03-17", "xa-wms", "onsite", 4, 9, "首次回访：入库效率提升明显，希望增加波次拣货。", None),
    ("2026-04-14", "ty-mes", "phone", 4, 9, "运行稳定，客户计划扩展到第二车间。", None),
    ("2026-04-28", "lz-oa", "phone", 3, 7, "首次回访：流程审批偶有卡顿，客户有些意见。", ("审批流程卡顿", "technical", "minor", 3)),
    ("2026-05-13", "ty-mes", "onsite", 5, 10, "现场巡检无异常，客户对驻场服务满意。", None),
    ("2026-05-20", "sjz-erp", "phone", 4, 8, "运行良好，客户询问与新 CRM 的对接。", None),
    ("2026-06-11", "ty-mes", "phone", 4, 8, "运行平稳。", None),
    ("2026-06-16", "xa-wms", "email", 3, 6, "高峰期扫描枪连接不稳定，客户希望尽快解决。", ("扫描枪连接不稳定", "technical", "general", 12)),
    ("2026-07-03", "yc-dc", "onsite", 5, 9, "首次回访：机房验收后运行正常，客户对交付质量满意。", None),
    ("2026-07-14", "ty-mes", "online", 4, 9, "第二车间扩展方案已确认。", None),
    ("2026-08-05", "yc-dc", "phone", 2, 3, "上周制冷系统告警导致两台机柜降频，客户很不满意。", ("制冷告警导致机柜降频", "quality", "major", 4)),
    ("2026-08-12", "ty-mes", "phone", 5, 10, "运行稳定，客户推荐我们参与集团其他工厂的项目。", None),
    ("2026-08-19", "sjz-erp", "onsite", 4, 8, "季度回访：成本核算运行正常。", None),
    ("2026-09-08", "yc-dc", "onsite", 4, 8, "制冷系统整改完成，运行平稳。", None),
    ("2026-09-15", "ty-mes", "phone", 4, 9, "运行正常。", None),
    ("2026-09-22", "xa-wms", "onsite", 4, 8, "扫描枪更换后连接稳定，波次拣货上线。", None),
    ("2026-10-13", "ty-mes", "onsite", 4, 8, "运行正常，第二车间开始实施。", None),
    ("2026-10-16", "yc-dc", "phone", 4, 9, "运行稳定。", None),
    ("2026-10-27", "lz-oa", "email", 4, 7, "审批性能优化后运行顺畅。", None),
    ("2026-11-10", "ty-mes", "phone", 3, 6, "第二车间切换期间报工延迟，客户有意见。", ("第二车间报工延迟", "technical", "general", None)),
    ("2026-11-17", "sjz-erp", "phone", 4, 8, "运行良好。", None),
]


class North:
    def __init__(self, huifang, out):
        self.huifang = huifang
        self.out = out
        self.seed = 5000

    def run(self, today, *args):
        self.seed += 1
        env = dict(os.environ, HUIFANG_TODAY=str(today), HUIFANG_ID_SEED=str(self.seed), NO_COLOR="1")
        env.pop("HUIFANG_LANG", None)
        p = subprocess.run([self.huifang, "-C", self.out, *args], env=env, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"huifang {' '.join(args)} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
        return p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huifang", default=os.path.join(HERE, "..", ".build", "release", "huifang"))
    ap.add_argument("--out", default=os.path.join(HERE, "demo-north"))
    a = ap.parse_args()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    north = North(a.huifang, a.out)
    today = dt.date(2026, 11, 24)
    north.run(today, "init", "--organization", "示例科技有限公司西北分公司")
    cfg = os.path.join(a.out, "huifang.yaml")
    text = open(cfg, encoding="utf-8").read()
    start, end = text.index("departments:"), text.index("leadership:")
    open(cfg, "w", encoding="utf-8").write(text[:start] + DEPARTMENTS + text[end:])

    for pid, name, customer, dept, owner, tier, accepted, contact in PROJECTS:
        north.run(today, "project", "add", pid, "--name", name, "--customer", customer, "--department", dept, "--owner", owner,
                  "--tier", tier, "--accepted", accepted, "--contact", contact)
    contacts = {p[0]: p[7].split(",")[0] for p in PROJECTS}
    owners = {p[0]: p[4] for p in PROJECTS}
    for date, pid, method, overall, nps, summary, issue in VISITS:
        day = dt.date.fromisoformat(date)
        out = north.run(day, "visit", "log", pid, "--date", date, "--method", method, "--summary", summary, "--overall", str(overall),
                        "--nps", str(nps), "--contact", contacts[pid], "--visitor", owners[pid])
        if issue is None:
            continue
        title, category, severity, days = issue
        vid = re.search(r"v-[0-9a-f]{8}", out).group(0)
        out = north.run(day, "issue", "add", pid, "--visit", vid, "--title", title, "--category", category, "--severity", severity)
        iid = re.search(r"i-[0-9a-f]{8}", out).group(0)
        if days is None:
            continue
        fixed = day + dt.timedelta(days=days)
        north.run(fixed, "issue", "resolve", iid, "--summary", "已处理：" + title)
        north.run(fixed + dt.timedelta(days=2), "issue", "confirm", iid)
        if severity != "major":
            north.run(fixed + dt.timedelta(days=3), "issue", "close", iid)
    shutil.rmtree(os.path.join(a.out, ".huifang"), ignore_errors=True)
    print(north.run(today, "check").strip())


if __name__ == "__main__":
    main()
