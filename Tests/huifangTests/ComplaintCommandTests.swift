import Foundation
import Testing

/// Issue 14 part 6: a complaint is recorded by customer service (policy §三.4), which forwards
/// it to the responsible department and follows it to the end; `status` and `due` show it to
/// the customer-service head.
@Suite struct ComplaintCommandTests {
    @Test func aComplaintIsRecordedAndFollowedByCustomerService() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let add = r.run(["--lang", "en", "--as-of", "2026-11-18", "issue", "add", "beta-mes", "--title", "打印格式错乱", "--category", "quality",
                         "--severity", "minor", "--source", "complaint"])
        #expect(add.code == 0, "\(add.stderr)")
        #expect(add.stdout.contains("; 陈静, head of 客户服务部 (records and follows the complaint)\n"))
        #expect(add.stdout.contains("  complaint:  recorded by 客户服务部 (cs), 陈静: forwarded to the responsible department (east), followed until the customer confirms\n"))
        let id = try #require(add.stdout.split(separator: " ").dropFirst(3).first.map(String.init))
        let show = r.run(["issue", "show", id, "--lang", "en"]).stdout
        #expect(show.contains("followed by  客户服务部 (cs), 陈静: records the complaint and follows it to the end\n"))

        // due --department cs lists the complaints customer service follows, with its head.
        let due = r.run(["due", "--department", "cs", "--format", "csv"]).stdout
        #expect(due.contains("issue/minor,beta-mes,王五，陈静（cs）跟进,\(id),打印格式错乱"), "\(due)")
        #expect(due.contains(id))
        #expect(!due.contains("visit/"), "visits are the project owner's, not customer service's")
        let status = r.run(["status", "--lang", "en"]).stdout
        #expect(status.contains("Complaints followed by 陈静 (客户服务部, cs) (1):\n"))
        #expect(status.contains("\(id) minor"))

        // A complaint without a customer-service department says what is missing.
        let config = try #require(r.read("huifang.yaml"))
        try r.write("huifang.yaml", config.replacingOccurrences(of: "role: customer_service", with: "role: business"))
        let second = r.run(["--lang", "en", "--as-of", "2026-11-18", "issue", "add", "beta-mes", "--title", "态度差", "--category", "service",
                            "--severity", "minor", "--source", "complaint"])
        #expect(second.code == 0, "\(second.stderr)")
        #expect(second.stdout.contains("  complaint:  no department in huifang.yaml has role customer_service to record and follow it; add one\n"))
        #expect(!r.run(["status"]).stdout.contains("Complaints followed by"))
    }
}
