#!/usr/bin/env python3
"""Rebuild examples/demo, the sample repository of the README, by driving the real huifang
command line through two years of follow-up work (so every record is exactly what huifang
writes, and every due date follows the routing and schedule rules).

    python3 examples/build_demo.py [--huifang PATH] [--out examples/demo]

Deterministic: the same huifang gives the same files. Needs only the Python standard library.
"""
import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

DEPARTMENTS = """departments:
  - {id: pmo, name: 项目管理部, head: 王芳, role: project_management}
  - {id: east, name: 华东交付部, head: 张伟, role: business}
  - {id: north, name: 华北交付部, head: 赵磊, role: business}
  - {id: south, name: 华南交付部, head: 黄敏, role: business}
  - {id: tech, name: 技术部, head: 刘强, role: technical}
  - {id: cs, name: 客户服务部, head: 陈静, role: customer_service}
"""

PROJECTS = [
    # id, name, customer, department, owner, tier, accepted, contacts, tags
    ("acme-erp", "ACME ERP 实施项目", "上海艾克米制造有限公司", "east", "张伟", "key", "2024-10-15",
     ["李四,IT经理,+86 138 0211 0001,lisi@acme.example", "周婷,财务总监"], ["erp"]),
    ("hz-mes", "杭州精工 MES 二期", "杭州精工机械股份有限公司", "east", "王五", "standard", "2025-01-20",
     ["孙浩,生产经理,+86 139 0571 0002"], ["mes"]),
    ("sz-wms", "苏州物流 WMS 升级", "苏州捷达物流有限公司", "east", "王五", "basic", "2025-03-10",
     ["钱多多,仓储主管"], ["wms"]),
    ("bj-crm", "北京华信 CRM 项目", "北京华信科技集团", "north", "赵磊", "key", "2024-11-05",
     ["吴敏,信息中心主任,+86 136 0100 0003,wumin@huaxin.example"], ["crm"]),
    ("tj-oa", "天津港务 OA 平台", "天津港务集团有限公司", "north", "郑洁", "standard", "2025-04-18",
     ["冯刚,办公室主任"], ["oa"]),
    ("jn-dc", "济南数据中心机房建设", "济南城投数据服务有限公司", "north", "郑洁", "basic", "2025-06-30",
     ["陈晨,运维经理,+86 135 0531 0004"], ["dc"]),
    ("gz-erp", "广州美家 ERP 实施", "广州美家家居有限公司", "south", "黄敏", "standard", "2024-12-12",
     ["林峰,CIO,+86 137 0200 0005"], ["erp"]),
    ("sz-iot", "深圳智慧园区物联网平台", "深圳前海智慧园区运营公司", "south", "何静", "key", "2025-08-01",
     ["罗杰,园区运营总监", "梁晓,IT主管"], ["iot"]),
    ("fs-mes", "佛山陶瓷 MES 项目", "佛山金陶陶瓷有限公司", "south", "何静", "standard", "2026-02-27",
     ["邓亮,厂长"], ["mes"]),
    ("xm-bldg", "厦门国贸智慧楼宇", "厦门国贸大厦物业公司", "south", "黄敏", "basic", None,
     ["许可,工程部经理"], ["bldg"]),
]

SUMMARIES = {
    5: ["系统运行稳定，客户对交付质量和服务态度非常满意。", "各模块运行正常，月结效率明显提升，客户表示满意。",
        "现场巡检无异常，客户对技术支持响应速度给予好评。"],
    4: ["系统整体运行良好，个别报表加载略慢，客户总体满意。", "运行正常，客户希望增加移动端审批功能。",
        "设备运行平稳，客户对培训效果满意，提出少量优化建议。"],
    3: ["系统基本稳定，但高峰期响应偏慢，客户有一定意见。", "部分功能使用不便，客户希望加快问题处理速度。"],
    2: ["近期出现两次故障，影响生产，客户不满意。", "客户反映问题处理不及时，对服务态度有意见。"],
}
QUOTES = {
    5: ["你们的工程师很专业，有问题基本当天解决。", "上线以后财务月结快了两天。"],
    4: ["总体不错，就是有几个报表打开要等十几秒。", "希望手机上也能审批。"],
    3: ["高峰期卡顿，操作员意见比较大。", "问题反馈了一周才有人回复。"],
    2: ["上周停机半天，产线损失很大。", "打了三次电话都没人跟进。"],
}
NEEDS = ["希望增加移动端审批", "计划明年扩展到第二工厂", "需要与新上线的 SRM 系统对接", "希望提供数据分析看板"]
COMPETITORS = ["客户同时在评估某国际品牌的云服务", "竞争对手报价低 15%，但客户看重我们的本地服务"]
ISSUES = [
    ("报表导出超时", "technical"), ("登录偶发失败", "technical"), ("接口响应慢", "technical"), ("打印格式错乱", "quality"),
    ("数据同步延迟", "technical"), ("现场响应不及时", "service"), ("培训不足", "service"), ("需求变更未评审", "requirement_change"),
]


class Demo:
    def __init__(self, huifang, out):
        self.huifang = huifang
        self.out = out
        self.seed = 1000

    def run(self, today, *args, check=True):
        self.seed += 1
        env = dict(os.environ, HUIFANG_TODAY=str(today), HUIFANG_ID_SEED=str(self.seed), NO_COLOR="1")
        p = subprocess.run([self.huifang, "-C", self.out, *args], env=env, capture_output=True, text=True)
        if check and p.returncode != 0:
            sys.exit(f"huifang {' '.join(args)} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
        return p.stdout


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huifang", default=os.path.join(HERE, "..", ".build", "release", "huifang"))
    ap.add_argument("--out", default=os.path.join(HERE, "demo"))
    a = ap.parse_args()
    rng = random.Random(7)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    demo = Demo(a.huifang, a.out)
    today = dt.date(2026, 11, 24)
    demo.run(today, "init", "--organization", "示例科技有限公司")
    cfg = os.path.join(a.out, "huifang.yaml")
    text = open(cfg, encoding="utf-8").read()
    start = text.index("departments:")
    end = text.index("leadership:")
    open(cfg, "w", encoding="utf-8").write(text[:start] + DEPARTMENTS + text[end:])

    tiers = {"key": 1, "standard": 3, "basic": 6}
    events = [(dt.date(2025, 5, 12), "upgrade", "ERP V3 大版本升级", ["erp"]),
              (dt.date(2025, 11, 3), "market", "行业展会后客户回访", ["mes", "wms"]),
              (dt.date(2026, 6, 15), "upgrade", "MES 6.0 升级", ["mes"])]
    plan = []  # (date, kind, callable)
    for pid, name, customer, dept, owner, tier, accepted, contacts, tags in PROJECTS:
        args = ["project", "add", pid, "--name", name, "--customer", customer, "--department", dept, "--owner", owner, "--tier", tier]
        for c in contacts:
            args += ["--contact", c]
        for t in tags:
            args += ["--tag", t]
        if accepted:
            args += ["--accepted", accepted]
        demo.run(today, *args)
        contact = contacts[0].split(",")[0]
        if not accepted:
            for d in (dt.date(2026, 5, 20), dt.date(2026, 8, 25)):
                plan.append((d, "visit", (pid, owner, contact, "stage", None, 4)))
            continue
        acc = dt.date.fromisoformat(accepted)
        # Most projects keep their cadence; two fall behind (overdue on 2026-11-24).
        late = pid in ("tj-oa", "sz-wms")
        d = add_months(acc, 1) + dt.timedelta(days=rng.randrange(-6, 4))
        kind = "first"
        while d <= today - dt.timedelta(days=3):
            if late and d > dt.date(2026, 4, 1):
                break
            mood = rng.choices([5, 4, 3, 2], weights=[3, 5, 2, 1])[0]
            plan.append((d, "visit", (pid, owner, contact, kind, None, mood)))
            kind = "periodic"
            d = add_months(d, tiers[tier]) + dt.timedelta(days=rng.randrange(-5, 8))
        for ed, ekind, title, etags in events:
            if ed >= acc and set(etags) & set(tags):
                plan.append((ed + dt.timedelta(days=rng.randrange(4, 12)), "visit", (pid, owner, contact, "special", ed, 4)))
    for ed, ekind, title, etags in events:
        plan.append((ed, "event", (ekind, title, etags)))
    plan.sort(key=lambda x: (x[0], x[1] != "event"))

    methods = ["phone", "onsite", "email", "online"]
    issue_log = []
    for d, what, data in plan:
        if what == "event":
            ekind, title, etags = data
            args = ["event", "add", str(d), "--kind", ekind, "--title", title]
            for t in etags:
                args += ["--tag", t]
            demo.run(d, *args)
            continue
        pid, owner, contact, kind, event, mood = data
        method = methods[rng.randrange(4)] if kind != "special" else "onsite"
        scores = {k: max(1, min(5, mood + rng.choice([-1, 0, 0, 1]))) for k in ("quality", "delivery", "service", "support")}
        args = ["visit", "log", pid, "--date", str(d), "--method", method, "--visitor", owner, "--kind", kind,
                "--summary", rng.choice(SUMMARIES[mood]), "--contact", contact, "--operation",
                "normal" if mood >= 3 else rng.choice(["degraded", "down"])]
        for k, v in scores.items():
            args += ["--score", f"{k}={v}"]
        if rng.random() < 0.3:
            args += ["--overall", str(mood)]
        if rng.random() < 0.7:
            args += ["--nps", str({5: 10, 4: 8, 3: 6, 2: 3}[mood] + rng.choice([-1, 0, 0]))]
        if mood != 4 or rng.random() < 0.5:
            args += ["--quote", rng.choice(QUOTES[mood])]
        if rng.random() < 0.2:
            args += ["--need", rng.choice(NEEDS)]
        if rng.random() < 0.1:
            args += ["--competitor", rng.choice(COMPETITORS)]
        if event:
            slug = [f for f in os.listdir(os.path.join(a.out, "events")) if f.startswith(str(event))][0][:-5]
            args += ["--event", slug]
        out = demo.run(d, *args)
        vid = out.split()[3]
        if mood <= 3 or rng.random() < 0.12:
            title, category = rng.choice(ISSUES)
            severity = {2: "major" if rng.random() < 0.4 else "general", 3: "general"}.get(mood, "minor")
            demo.run(d, "issue", "add", pid, "--title", title, "--category", category, "--severity", severity, "--visit", vid)
            issue_log.append((d, pid, severity))
    # Customers who call or complain themselves.
    for d, pid, src, title, category, severity in [
        (dt.date(2025, 9, 8), "bj-crm", "customer", "数据同步延迟", "technical", "minor"),
        (dt.date(2026, 3, 16), "gz-erp", "complaint", "现场响应不及时", "service", "general"),
        (dt.date(2026, 10, 26), "hz-mes", "complaint", "产线看板数据错误", "quality", "major"),
        (dt.date(2026, 11, 16), "acme-erp", "customer", "报表导出超时", "technical", "minor"),
    ]:
        demo.run(d, "issue", "add", pid, "--title", title, "--category", category, "--severity", severity, "--source", src)
        issue_log.append((d, pid, severity))
        if d < dt.date(2026, 11, 1):
            owner = next(p[4] for p in PROJECTS if p[0] == pid)
            contact = next(p[7] for p in PROJECTS if p[0] == pid)[0].split(",")[0]
            demo.run(d + dt.timedelta(days=2), "visit", "log", pid, "--date", str(d + dt.timedelta(days=2)), "--method", "onsite",
                     "--visitor", owner, "--kind", "customer_request", "--contact", contact, "--summary", f"针对客户反映的“{title}”上门了解情况，已安排处理。",
                     "--score", "service=3", "--score", "support=3", "--nps", "6", "--quote", "希望这次能彻底解决。")

    # Work the issues: most are resolved, confirmed and closed; a few stay open or get escalated.
    listing = demo.run(today, "issue", "list", "--format", "csv").strip().split("\n")[1:]
    issues = sorted((row.split(",") for row in listing), key=lambda r: r[4])
    os.makedirs(os.path.join(a.out, "docs", "cases"), exist_ok=True)
    for n, row in enumerate(issues):
        iid, pid, severity, raised = row[0], row[1], row[2], dt.date.fromisoformat(row[4])
        due = dt.date.fromisoformat(row[5])
        if raised > today - dt.timedelta(days=20) or (n % 9 == 4 and raised > dt.date(2026, 5, 1)):
            continue  # still open
        if severity == "minor" and n % 5 == 0:
            demo.run(raised + dt.timedelta(days=2), "issue", "escalate", iid, "--reason", "客户再次反映，影响扩大")
            severity = "general"
        fixed = raised + dt.timedelta(days=rng.randrange(2, 18))
        demo.run(fixed, "issue", "resolve", iid, "--summary", rng.choice(["优化数据库索引并调整导出任务", "现场更换故障部件", "补充培训并更新操作手册", "修复接口超时配置"]),
                 *(["--on-spot"] if severity == "minor" and n % 3 == 0 else []))
        if n % 7 == 3:
            demo.run(fixed + dt.timedelta(days=2), "issue", "confirm", iid, "--unsatisfied")
            fixed += dt.timedelta(days=6)
            demo.run(fixed, "issue", "resolve", iid, "--summary", "二次处理：更换方案后问题消除")
        if n % 11 == 6:
            continue  # resolved, waiting for the customer's confirmation
        demo.run(fixed + dt.timedelta(days=2), "issue", "confirm", iid)
        if n % 4 != 1:
            args = ["issue", "close", iid]
            if severity == "major":
                case = os.path.join("docs", "cases", f"{iid}.md")
                open(os.path.join(a.out, case), "w", encoding="utf-8").write(
                    f"# 案例分析：{row[8]}（{iid}）\n\n## 经过\n\n{raised} 客户反映问题，项目管理部牵头成立专项小组，当日通报领导。\n\n"
                    "## 原因\n\n上线前压力测试不充分，高峰期数据库连接池耗尽。\n\n## 措施\n\n扩容连接池，增加监控告警；上线检查表增加压力测试项。\n\n"
                    "## 经验\n\n重大问题须在 5 个工作日内解决并向客户确认，本次在期限内完成。\n")
                args += ["--case-analysis", os.path.join(a.out, case)]
            demo.run(fixed + dt.timedelta(days=3), *args)

    ids = [r[0] for r in issues]
    for d, title, addresses, dept, owner, due, effect, steps in [
        (dt.date(2025, 10, 10), "报表服务异步化改造", ids[:2], "tech", "刘强", "2026-01-31", "导出 10 万行 < 10 秒", ["start", "done", "verify"]),
        (dt.date(2026, 4, 1), "建立 48 小时响应机制", ids[2:4], "cs", "陈静", "2026-06-30", "投诉首次响应 < 48 小时", ["start", "done"]),
        (dt.date(2026, 9, 1), "上线前压力测试检查表", ids[4:5], "pmo", "王芳", "2026-10-31", "同类停机问题不再发生", ["start"]),
        (dt.date(2026, 11, 2), "客户培训计划标准化", ids[5:7], "cs", "陈静", "2026-12-31", "培训类问题季度内减少一半", []),
    ]:
        args = ["improve", "add", "--title", title, "--department", dept, "--owner", owner, "--due", due, "--expected-effect", effect, "--addresses", *addresses]
        out = demo.run(d, *args)
        mid = out.split()[2]
        for i, step in enumerate(steps):
            extra = ["--result", "连续两个季度未再出现导出超时"] if step == "verify" else []
            demo.run(d + dt.timedelta(days=30 * (i + 1)), "improve", step, mid, *extra)
    shutil.rmtree(os.path.join(a.out, ".huifang"), ignore_errors=True)
    result = demo.run(today, "check")
    print(result.strip())


if __name__ == "__main__":
    main()
