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
