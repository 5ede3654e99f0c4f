/// Every user-facing label of reports and briefs in both languages, in one place so that
/// wording stays consistent and translatable.
public struct Labels: Sendable {
    public let language: String

    public init(_ language: String) { self.language = language == "en" ? "en" : "zh" }

    public subscript(_ key: String) -> String {
        guard let pair = Labels.table[key] else { return key }
        return language == "en" ? pair.1 : pair.0
    }

    static let table: [String: (String, String)] = [
        // visit prepare
        "prepare.title": ("回访提纲", "Visit brief"),
        "basics": ("项目概况", "Project basics"),
        "project": ("项目", "Project"),
        "customer": ("客户", "Customer"),
        "department": ("部门", "Department"),
        "owner": ("回访责任人", "Responsible"),
        "tier": ("级别", "Tier"),
        "accepted": ("交付验收", "Accepted"),
        "not accepted": ("尚未验收", "not yet accepted"),
        "contacts": ("联系人", "Contacts"),
        "due": ("应回访事项", "What is due"),
        "nothing due": ("目前没有到期的回访。", "No visit is due."),
        "recent visits": ("近期回访", "Recent visits"),
        "last visit": ("上次回访", "last visit"),
        "no visits": ("尚无回访记录。", "No visits yet."),
        "trend": ("满意度趋势", "Satisfaction trend"),
        "quotes": ("客户原话", "In the customer's words"),
        "evidence": ("证明材料", "Evidence"),
        "awaiting confirmation": ("待客户确认", "awaiting the customer's confirmation"),
        "open issues": ("未结问题", "Open issues"),
        "no open issues": ("没有未结问题。", "No open issues."),
        "improvements": ("相关改进措施", "Improvement measures for this customer"),
        "questions": ("回访问题", "Questions to ask"),
        "date": ("日期", "Date"),
        "kind": ("类型", "Kind"),
        "method": ("方式", "Method"),
        "visitor": ("回访人", "Visitor"),
        "overall": ("总体", "Overall"),
        "summary": ("内容", "Summary"),
        "severity": ("级别", "Severity"),
        "status": ("状态", "Status"),
        "deadline": ("期限", "Deadline"),
        "title": ("问题", "Title"),
        "measure": ("措施", "Measure"),
        "why": ("原因", "Why"),
        "late": ("逾期", "late"),
        "tl.accepted": ("交付验收", "accepted"),
        "tl.visit": ("回访", "visit"),
        "tl.issue": ("提出问题", "issue raised"),
        "tl.escalated": ("问题升级", "escalated"),
        "tl.resolved": ("问题解决", "resolved"),
        "tl.confirmed": ("客户确认", "confirmed"),
        "tl.reopened": ("重新打开", "reopened"),
        "tl.closed": ("问题关闭", "closed"),
        "tl.event": ("事件", "event"),
        "tl.improvement": ("改进措施到期", "improvement due"),
        "tl.verified": ("改进措施验证", "improvement verified"),
        "tl.note": ("进展备注", "note"),
        "tl.changed": ("项目变更", "project changed"),
        "tl.retired": ("服务终止", "retired"),
        "q.operation": ("项目运行情况：系统是否正常运行？有无故障、性能问题？维护是否及时？",
                        "How does the project run: normal operation, faults, performance, maintenance?"),
        "q.satisfaction": ("满意度：对项目质量、交付时间、服务态度、技术支持分别打几分（1–5）？原因是什么？",
                           "Satisfaction with quality, delivery time, service attitude and technical support (1-5), and why?"),
        "q.needs": ("需求变化：业务有何变化？有无新的需求或扩展计划？",
                    "Have needs changed? New requirements or expansion plans?"),
        "q.competitors": ("竞争对手：是否接触过其他供应商的产品？当初为何选择我们？",
                          "Competitors: which other products were considered, and why did the customer choose us?"),
        "q.issues": ("请客户确认以下未结问题的处理进展：", "Ask the customer to confirm progress on the open issues:"),
        "q.recommend": ("您向同行推荐我们的可能性有多大（0–10）？", "How likely are they to recommend us (0-10)?"),
    ]
}

extension Labels {
    /// Names of the KPIs and counts, in report order.
    public static let kpiKeys = [
        "visit_plan_completion_rate", "satisfaction_index", "csat", "nps", "issue_resolution_rate",
        "on_time_resolution_rate", "record_completeness",
    ]
    public static let countKeys = [
        "planned_projects", "visited_planned_projects", "unplanned_visits", "visits", "issues_raised", "issues_resolved",
        "overdue_visits", "overdue_issues", "overdue_confirmations",
    ]

    static let reportTable: [String: (String, String)] = [
        "visit_plan_completion_rate": ("回访计划完成率", "Visit-plan completion rate"),
        "satisfaction_index": ("客户满意度指数", "Satisfaction index"),
        "csat": ("满意率 (CSAT)", "CSAT"),
        "nps": ("净推荐值 (NPS)", "NPS"),
        "issue_resolution_rate": ("问题解决率", "Issue resolution rate"),
        "on_time_resolution_rate": ("按时解决率", "On-time resolution rate"),
        "record_completeness": ("回访记录质量", "Record completeness"),
        "planned_projects": ("计划回访项目数", "Planned projects"),
        "visited_planned_projects": ("已回访计划项目数", "Planned projects visited"),
        "unplanned_visits": ("计划外回访次数", "Unplanned visits"),
        "visits": ("回访次数", "Visits"),
        "issues_raised": ("新增问题数", "Issues raised"),
        "issues_resolved": ("已解决问题数", "Issues resolved"),
        "overdue_visits": ("逾期回访数", "Overdue visits"),
        "overdue_issues": ("逾期问题数", "Overdue issues"),
        "overdue_confirmations": ("逾期未确认数", "Overdue confirmations"),
        "summary.title": ("项目回访总结报告", "Follow-up visit summary report"),
        "department.title": ("部门回访报告", "Department visit report"),
        "project.title": ("项目回访报告", "Project visit report"),
        "kpis": ("考核指标", "KPIs"),
        "counts": ("数量", "Counts"),
        "total": ("全公司", "Company"),
        "indicator": ("指标", "Indicator"),
        "trend.title": ("指标趋势（与前四期比较）", "Trend against the previous four periods"),
        "satisfaction.title": ("分项满意度", "Satisfaction by dimension"),
        "issues.chart": ("问题分布（类别 × 级别）", "Issues by category and severity"),
        "major issues": ("重大问题", "Major issues"),
        "no major issues": ("本期没有重大问题。", "No major issues in this period."),
        "recurring": ("反复出现的问题", "Recurring problems"),
        "no recurring": ("没有在多个项目中反复出现的问题。", "No problem recurred across projects."),
        "recurring categories": ("各类问题数量（近五期）", "Issues per category, last five periods"),
        "improvement measures": ("改进措施", "Improvement measures"),
        "no improvements": ("没有改进措施。", "No improvement measures."),
        "projects": ("项目", "Projects"),
        "issues": ("问题数", "Issues"),
        "category": ("类别", "Category"),
        "visitors": ("回访人员", "Visitors"),
        "overdue visits list": ("逾期回访", "Overdue visits"),
        "overdue issues list": ("逾期问题", "Overdue issues"),
        "none": ("无", "none"),
        "period": ("统计期间", "Period"),
        "as of": ("统计日期", "As of"),
        "counted on": ("逾期统计日", "Overdue counted on"),
        "plan source": ("计划来源", "Plan"),
        "frozen plan": ("年度回访计划（plans/）", "frozen annual plan (plans/)"),
        "live schedule": ("按回访规则计算", "the live schedule"),
        "visits in period": ("本期回访", "Visits in the period"),
        "problems": ("问题及解决情况", "Problems and their resolution"),
        "resolution": ("解决情况", "Resolution"),
        "open items": ("未结事项", "Open items"),
        "suggestions": ("改进建议", "Improvement suggestions"),
        "needs": ("客户需求", "Customer needs"),
        "competitors": ("竞争对手信息", "Competitors"),
        "on time": ("按时", "on time"),
        "late": ("逾期", "late"),
        "mean": ("平均", "Mean"),
        "organization": ("公司", "Organisation"),
        "scale": ("满分", "Scale"),
    ]

    /// A report label (KPI names and section titles).
    public func report(_ key: String) -> String {
        if let pair = Labels.reportTable[key] { return language == "en" ? pair.1 : pair.0 }
        return self[key]
    }
}
