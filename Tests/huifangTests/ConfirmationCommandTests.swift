import Foundation
import Testing

/// Issue 14 part 3: confirmations have deadlines too. A general issue of acme-erp raised on
/// 2026-12-28 and resolved on Tuesday 2026-12-29: the customer's confirmation is due three
/// working days later, on 2027-01-01 (no calendar covers 2027: Monday to Friday count).
@Suite struct ConfirmationCommandTests {
    func resolved() throws -> HuifangRunner {
        let r = try makeTourRepository()
        let steps: [[String]] = [
            ["--as-of", "2026-12-28", "issue", "add", "acme-erp", "--title", "报表导出超时", "--category", "technical", "--severity", "general",
             "--source", "customer"],
            ["--as-of", "2026-12-29", "issue", "resolve", "i-", "--summary", "导出改为异步"],
        ]
        for var s in steps {
            if s.last == "导出改为异步" {
                let id = try #require(r.run(["issue", "list", "--format", "csv"]).stdout.split(separator: "\r\n").dropFirst().first?.prefix(10))
                s[4] = String(id)
            }
            let result = r.run(s)
            try #require(result.code == 0, "\(s): \(result.stderr)")
        }
        return r
    }

    @Test(.englishMessages) func anUnconfirmedResolutionIsSeenByDueOnItsOverdueDay() throws {
        let r = try resolved()
        defer { r.cleanup() }
        // On the due day it is due ("today"), not overdue.
        let onTheDay = r.run(["--as-of", "2027-01-01", "due", "--format", "csv"]).stdout
        #expect(onTheDay.contains("2027-01-01,0,confirmation,acme-erp,张伟,i-"), "the CSV's day count and type are codes")
        #expect(!r.run(["--as-of", "2027-01-01", "due", "--overdue", "--format", "csv"]).stdout.contains("confirmation"))
        // The next day it is overdue.
        let next = r.run(["--as-of", "2027-01-02", "--lang", "zh", "due", "--overdue"]).stdout
        #expect(next.contains("2027-01-01    逾期 1 天  待客户确认"), "\(next)")
        // The case of the issue: due on 2027-01-01, seen on 2027-01-20.
        let seen = r.run(["--as-of", "2027-01-20", "due", "--overdue", "--format", "json"])
        #expect(seen.stderr.hasPrefix("warning: no calendar file covers 2027:"), "the confirmation's count of working days needed 2027")
        let json = seen.stdout
        #expect(json.contains("\"type\": \"confirmation\""))
        #expect(json.contains("\"due\": \"2027-01-01\""))
        #expect(json.contains("\"days_overdue\": 19"))
        #expect(json.contains("\"title\": \"报表导出超时\""), "JSON gives the record's title")
        // Confirmed: it is gone.
        let id = try #require(json.range(of: "\"id\": \"i-").map { String(json[$0.upperBound...].prefix(8)) })
        #expect(r.run(["--as-of", "2027-01-20", "issue", "confirm", "i-" + id]).code == 0)
        #expect(!r.run(["--as-of", "2027-01-20", "due", "--format", "json"]).stdout.contains("confirmation"))
    }

    @Test func statusIcsIssueShowAndProjectLogShowIt() throws {
        let r = try resolved()
        defer { r.cleanup() }
        let status = r.run(["--as-of", "2027-01-20", "status"]).stdout
        #expect(status.contains("逾期未确认的问题（1）：\n  2027-01-01  逾期 19 天  acme-erp  i-"))
        let soon = r.run(["--as-of", "2026-12-30", "status"]).stdout
        #expect(soon.contains("两周内待客户确认的问题（1）：\n  2027-01-01  剩 2 天  acme-erp  i-"))
        let soonEn = r.run(["--as-of", "2026-12-30", "status", "--lang", "en"]).stdout
        #expect(soonEn.contains("Customer confirmations due in the next two weeks (1):\n  2027-01-01  2 days left  acme-erp  i-"))
        let ics = r.run(["--as-of", "2027-01-20", "export", "ics"]).stdout
        #expect(ics.contains("UID:confirm-i-"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20270101"))
        #expect(ics.contains("SUMMARY:待客户确认 ACME ERP 实施项目\r\n"))
        #expect(ics.contains("DESCRIPTION:待客户确认：报表导出超时"))
        let id = try #require(r.run(["issue", "list", "--format", "csv"]).stdout.split(separator: "\r\n").dropFirst().first?.prefix(10))
        let show = r.run(["--as-of", "2027-01-20", "issue", "show", String(id)]).stdout
        #expect(show.contains("确认期限    2027-01-01  [确认逾期 19 天]"))
        let showJSON = r.run(["--as-of", "2027-01-20", "issue", "show", String(id), "--format", "json"]).stdout
        #expect(showJSON.contains("\"confirm_by\": \"2027-01-01\""))
        #expect(showJSON.contains("\"confirmation_overdue\": true"))
        let log = r.run(["--as-of", "2027-01-20", "project", "log", "acme-erp", "--lang", "en"]).stdout
        #expect(log.contains("[confirm by 2027-01-01] 报表导出超时 — 导出改为异步"), "\(log)")
    }

    @Test func reportsCountConfirmationsOverdueAtThePeriodsEnd() throws {
        let r = try resolved()
        defer { r.cleanup() }
        let january = r.run(["--as-of", "2027-02-10", "report", "summary", "--period", "2027-01", "--format", "json"]).stdout
        #expect(january.contains("\"overdue_confirmations\": 1"))
        let december = r.run(["--as-of", "2027-02-10", "report", "summary", "--period", "2026-12", "--format", "json"]).stdout
        #expect(december.contains("\"overdue_confirmations\": 0"), "resolved 12-29, due 2027-01-01: not overdue on 12-31")
        #expect(!december.contains("\"overdue_confirmations\": 1"))
        let department = r.run(["--as-of", "2027-02-10", "report", "department", "east", "--period", "2027-01", "--format", "md", "--lang", "en"]).stdout
        #expect(department.contains("| Overdue confirmations | 1 |"), "\(department)")
    }
}

/// The project log's "confirm by DAY" is a code and its value where codes are kept (JSON, the
/// CSV's detail column) and words in the language where people read them (issue 13: the core
/// writes no English sentence into a value).
@Suite struct ConfirmByCodeTests {
    @Test func theLogKeepsTheCodeInJSONAndCSVAndSaysItInTheLanguage() throws {
        let r = try ConfirmationCommandTests().resolved()
        defer { r.cleanup() }
        let json = r.run(["--as-of", "2027-01-20", "project", "log", "acme-erp", "--format", "json"]).stdout
        #expect(json.contains("\"detail\": \"confirm_by 2027-01-01\""), "\(json)")
        #expect(!json.contains("confirm by"), "\(json)")
        let csv = r.run(["--as-of", "2027-01-20", "project", "log", "acme-erp", "--format", "csv"]).stdout
        #expect(csv.contains(",confirm_by 2027-01-01,报表导出超时 — 导出改为异步"), "\(csv)")
        #expect(csv.hasPrefix("日期,"), "headers in the language: \(csv)")
        let zh = r.run(["--as-of", "2027-01-20", "project", "log", "acme-erp"]).stdout
        #expect(zh.contains("[2027-01-01 前确认] 报表导出超时 — 导出改为异步") && !zh.contains("confirm"), "\(zh)")
        let en = r.run(["--as-of", "2027-01-20", "project", "log", "acme-erp", "--lang", "en"]).stdout
        #expect(en.contains("[confirm by 2027-01-01] 报表导出超时 — 导出改为异步"), "\(en)")
    }
}
