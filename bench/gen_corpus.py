#!/usr/bin/env python3
"""Write a synthetic huifang records repository for benchmarks and scale tests (the shape and
size of the reference generator; the calendar comes from the one shipped in Sources/).

    gen_corpus.py OUT_DIR --projects 5000 --years 5 [--seed 1]

Deterministic for a given seed. Needs only the Python standard library.
"""
import argparse
import datetime as dt
import os
import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"]
TIERS = [("key", 1), ("standard", 3), ("basic", 6)]
METHODS = ["phone", "onsite", "email", "online"]
CATEGORIES = ["technical", "quality", "service", "requirement_change"]
SEVERITIES = [("minor", 0.6), ("general", 0.32), ("major", 0.08)]
PROBLEMS = ["报表导出超时", "登录偶发失败", "接口响应慢", "数据同步延迟", "权限配置错误",
            "打印格式错乱", "培训不足", "需求变更未评审", "备件到货延迟", "现场响应不及时"]
DEPARTMENTS = [("east", "华东交付部"), ("north", "华北交付部"), ("south", "华南交付部"),
               ("west", "西部交付部")]


def person(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.5 else "")


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--projects", type=int, default=1000)
    ap.add_argument("--years", type=int, default=3, help="history length, ending 2026-09-30")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    end = dt.date(2026, 9, 30)
    start = dt.date(end.year - a.years, 10, 1)
    counts = {"projects": 0, "visits": 0, "issues": 0}

    deps = "\n".join(f"  - {{id: {i}, name: {n}, head: {person(rng)}, role: business}}" for i, n in DEPARTMENTS)
    write(os.path.join(a.out, "huifang.yaml"), f"""huifang: 1
organization: 示例科技有限公司
language: zh
calendar:
  weekend: [sat, sun]
  files: [calendars/cn.yaml]
policy:
  first_visit_within: 1m
  periodic_every: {{key: 1m, standard: 3m, basic: 6m}}
  special_visit_within: 10wd
  customer_request_within: 3wd
  resolve_within: {{minor: 5wd, general: 10wd, major: 5wd}}
  confirm_within: 3wd
departments:
  - {{id: pmo, name: 项目管理部, head: 王芳, role: project_management}}
  - {{id: tech, name: 技术部, head: 刘强, role: technical}}
  - {{id: cs, name: 客户服务部, head: 陈静, role: customer_service}}
{deps}
leadership: [周总]
satisfaction:
  scale: 5
  satisfied_at: 4
  dimensions: [quality, delivery, service, support]
""")

    cal = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "HuifangStore", "Resources", "cn-holidays.yaml")
    with open(cal, encoding="utf-8") as f:
        write(os.path.join(a.out, "calendars", "cn.yaml"), f.read())

    # Events: a product upgrade every half year, for the projects of one product line (a tag).
    events = []
    e = dt.date(start.year, 4, 15)
    while e <= end:
        tag = rng.choice(["erp", "mes", "crm", "wms", "oa"])
        eid = f"{e.isoformat()}-{tag}-upgrade"
        write(os.path.join(a.out, "events", f"{eid}.yaml"),
              f"date: {e.isoformat()}\nkind: upgrade\ntitle: {tag.upper()} 大版本升级\ntags: [{tag}]\n")
        events.append((eid, e, tag))
        e = add_months(e, 6)
    counts["events"] = len(events)

    all_issues = []
    span = (end - start).days
    for p in range(a.projects):
        pid = f"p{p:05d}-{rng.choice(['erp', 'mes', 'crm', 'wms', 'oa'])}"
        tag = pid.split("-")[1]
        tier, every = rng.choices(TIERS, weights=[1, 5, 3])[0]
        accepted = start + dt.timedelta(days=rng.randrange(span))
        delivered = rng.random() >= 0.03
        dep = rng.choice(DEPARTMENTS)[0]
        owner = person(rng)
        contact = person(rng)
        pdir = os.path.join(a.out, "projects", pid)
        write(os.path.join(pdir, "project.yaml"), f"""id: {pid}
name: {pid.upper()} 实施项目
customer:
  name: 客户{p:05d}有限公司
  contacts:
    - {{name: {contact}, role: IT经理, phone: "+86 138 {p:04d} {rng.randrange(10000):04d}"}}
department: {dep}
owner: {owner}
tier: {tier}
""" + (f"accepted: {accepted.isoformat()}\n" if delivered else "") + f"tags: [{tag}]\n")
        counts["projects"] += 1

        # (date, kind, event id) of every visit, then issues that customers raise themselves.
        plan = []
        if not delivered:
            d = accepted - dt.timedelta(days=rng.randrange(60, 200))
            while d <= min(end, accepted + dt.timedelta(days=60)):
                plan.append((d, "stage", None))
                d += dt.timedelta(days=rng.randrange(40, 90))
        else:
            d = add_months(accepted, 1) + dt.timedelta(days=rng.randrange(-10, 20))
            kind = "first"
            while d <= end:
                plan.append((d, kind, None))
                kind = "periodic"
                d = add_months(d, every) + dt.timedelta(days=rng.randrange(-7, 15))
            for eid, ed, etag in events:
                if etag == tag and ed >= accepted and rng.random() < 0.7:
                    sd = ed + dt.timedelta(days=rng.randrange(3, 25))
                    if sd <= end:
                        plan.append((sd, "special", eid))
            for _ in range(max(0, round(rng.gauss(0.6 * a.years, 1)))):
                r = accepted + dt.timedelta(days=rng.randrange(max(1, (end - accepted).days)))
                if r > end:
                    continue
                all_issues.append((pdir, r, rng.choice(["customer", "complaint"]), None, dep))
                if rng.random() < 0.8:
                    cd = r + dt.timedelta(days=rng.randrange(0, 10))
                    if cd <= end:
                        plan.append((cd, "customer_request", None))
        plan.sort(key=lambda x: x[0])

        for d, kind, eid in plan:
            vid = "v-%08x" % rng.getrandbits(32)
            scores = {k: max(1, min(5, round(rng.gauss(4.1, 0.8)))) for k in ("quality", "delivery", "service", "support")}
            issue_ids = []
            if rng.random() < 0.25:
                iid = "i-%08x" % rng.getrandbits(32)
                issue_ids.append(iid)
                all_issues.append((pdir, d, "visit", (iid, vid), dep))
            quote = f"quotes: [{q(rng.choice(PROBLEMS) + '，希望尽快解决')}]\n" if issue_ids else ""
            issues = f"issues: [{', '.join(issue_ids)}]\n" if issue_ids else ""
            nps = f"nps: {rng.randrange(5, 11)}\n" if rng.random() < 0.5 else ""
            overall = f"overall: {rng.randrange(2, 6)}\n" if rng.random() < 0.1 else ""
            event = f"event: {eid}\n" if eid else ""
            write(os.path.join(pdir, "visits", f"{d.isoformat()}-{vid}.yaml"), f"""id: {vid}
date: {d.isoformat()}
kind: {kind}
method: {rng.choice(METHODS)}
visitor: {owner}
contacts: [{contact}]
{event}summary: 系统运行{rng.choice(['稳定', '基本稳定', '偶有故障'])}，客户对{rng.choice(['交付进度', '技术支持', '培训'])}{rng.choice(['满意', '较满意', '有意见'])}。
operation: {rng.choices(['normal', 'degraded', 'down'], weights=[90, 9, 1])[0]}
scores: {{quality: {scores['quality']}, delivery: {scores['delivery']}, service: {scores['service']}, support: {scores['support']}}}
{overall}{nps}{quote}{issues}""")
            counts["visits"] += 1

    issue_ids = []
    for pdir, d, source, link, dep in all_issues:
        iid, vid = link if link else ("i-%08x" % rng.getrandbits(32), None)
        issue_ids.append(iid)
        sev = rng.choices([s for s, _ in SEVERITIES], weights=[w for _, w in SEVERITIES])[0]
        owner = person(rng)
        history = [f"  - {{at: {d.isoformat()}, action: opened, by: {owner}}}"]
        due = d + dt.timedelta(days=14)
        if sev != "major" and rng.random() < 0.1:
            up = "major" if sev == "general" else "general"
            ed = d + dt.timedelta(days=rng.randrange(1, 10))
            history.append(f"  - {{at: {ed.isoformat()}, action: escalated, from: {sev}, to: {up}, by: {owner}, reason: 客户要求升级处理}}")
            sev, due = up, ed + dt.timedelta(days=14)
        resolved = d + dt.timedelta(days=rng.randrange(1, 30))
        done = resolved <= end and rng.random() < 0.9
        status = "confirmed" if done else "open"
        res = (f"resolved: {{date: {resolved.isoformat()}, summary: 已处理}}\n"
               f"confirmed: {{date: {resolved.isoformat()}, satisfied: true}}\n") if done else ""
        if done:
            history.append(f"  - {{at: {resolved.isoformat()}, action: resolved, by: {owner}}}")
        department = rng.choice(["tech", "tech", "cs", dep])
        write(os.path.join(pdir, "issues", f"{iid}.yaml"), f"""id: {iid}
title: {rng.choice(PROBLEMS)}
raised: {d.isoformat()}
source: {source}
""" + (f"visit: {vid}\n" if vid else "") + f"""category: {rng.choice(CATEGORIES)}
severity: {sev}
owner: {owner}
department: {department}
due: {due.isoformat()}
status: {status}
{res}history:
""" + "\n".join(history) + "\n")
        counts["issues"] += 1

    for _ in range(max(1, a.projects // 50)):
        mid = "m-%08x" % rng.getrandbits(32)
        due = start + dt.timedelta(days=rng.randrange(span))
        status = rng.choice(["planned", "in_progress", "done", "verified"])
        verified = f"verified: {{date: {due.isoformat()}, result: 问题复发率下降}}\n" if status == "verified" else ""
        addresses = ", ".join(rng.sample(issue_ids, min(len(issue_ids), rng.randrange(1, 4))))
        write(os.path.join(a.out, "improvements", f"{mid}.yaml"), f"""id: {mid}
title: {rng.choice(PROBLEMS)}专项改进
addresses: [{addresses}]
department: {rng.choice(["tech", "cs"])}
owner: {person(rng)}
due: {due.isoformat()}
expected_effect: 同类问题季度内不再出现
status: {status}
{verified}""")
        counts["improvements"] = counts.get("improvements", 0) + 1
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
