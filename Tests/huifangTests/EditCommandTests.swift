import Foundation
import Testing

/// `visit log --edit` driven by scripted editors: valid, invalid then fixed on a terminal,
/// unchanged template, emptied template, and invalid without a terminal.
@Suite struct EditCommandTests {
    /// Writes an executable editor script and returns its path.
    func editor(_ r: HuifangRunner, _ name: String, _ body: String) throws -> String {
        let path = r.path(".editors/" + name)
        try r.write(".editors/" + name, "#!/bin/sh\n" + body + "\n")
        chmod(path, 0o755)
        return path
    }

    func visits(_ r: HuifangRunner) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: r.path("projects/beta-mes/visits"))) ?? []).sorted()
    }

    @Test func aValidEditIsWrittenInCanonicalForm() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let ed = try editor(r, "ok.sh", #"sed -i 's/^method: /method: onsite/; s/^summary: ""/summary: 现场巡检，系统稳定。/; s/^  quality: $/  quality: 5/; s/^nps: /nps: 9/; s/^quotes:.*/quotes: ["打印很快"]/' "$1""#)
        let result = r.run(["visit", "log", "beta", "--edit", "--contact", "赵六"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 0, "\(result.stderr)")
        let file = try #require(visits(r).first { $0.hasPrefix("2026-11-24-") })
        r.expectGolden(try #require(r.read("projects/beta-mes/visits/" + file)), "edit-visit.yaml")
        #expect(r.run(["check"]).code == 0)
    }

    @Test(.englishMessages) func anUnchangedTemplateAborts() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let before = r.snapshot()
        let result = r.run(["visit", "log", "beta", "--edit"], env: ["EDITOR": "true", "VISUAL": ""])
        #expect(result.code == 1)
        #expect(result.stderr.contains("unchanged; nothing was written"))
        #expect(r.snapshot() == before)
    }

    @Test(.englishMessages) func anEmptiedTemplateAborts() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let ed = try editor(r, "empty.sh", #"printf '# nothing\n\n' > "$1""#)
        let before = r.snapshot()
        let result = r.run(["visit", "log", "beta", "--edit"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 1)
        #expect(result.stderr.contains("empty; nothing was written"))
        #expect(r.snapshot().filter { !$0.key.hasPrefix(".editors") } == before.filter { !$0.key.hasPrefix(".editors") })
    }

    @Test(.englishMessages) func anInvalidRecordWithoutATerminalIsAnError() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let ed = try editor(r, "bad.sh", #"sed -i 's/^method: /method: fax/; s/^nps: /nps: 11/' "$1""#)
        let before = visits(r)
        let result = r.run(["visit", "log", "beta", "--edit"], env: ["EDITOR": ed, "VISUAL": ""])
        #expect(result.code == 65)
        #expect(result.stderr.contains("6:9: unknown method 'fax'; allowed: phone, onsite, email, online"))
        #expect(result.stderr.contains("17:6: 'nps' is 11, outside 0..10"))
        #expect(visits(r) == before)
    }

    /// On a terminal (a pseudo-terminal from script(1)), the editor opens again with the text
    /// kept and the problems appended; the second save is valid.
    @Test func onATerminalTheEditorOpensAgain() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        // First round: a bad method. Second round: the problems are in the file; fix the method.
        let ed = try editor(r, "twice.sh", """
            if grep -q 'fix these' "$1"; then
              sed -i 's/^method: fax/method: phone/; s/^summary: ""/summary: 第二次保存/' "$1"
              cp "$1" \(r.path(".editors/second-round.yaml"))
            else
              sed -i 's/^method: /method: fax/' "$1"
            fi
            """)
        let command = "EDITOR=\(ed) VISUAL= HUIFANG_LANG=en HUIFANG_TODAY=2026-11-24 \(HuifangRunner.binary) -C \(r.dir) visit log beta --edit"
        let status = try HuifangRunner.onTerminal(command, typing: "\n")
        #expect(status == 0)
        let second = try #require(r.read(".editors/second-round.yaml"))
        #expect(second.contains("# --- huifang: fix these and save again ---\n# 6:9: unknown method 'fax'"))
        let file = try #require(visits(r).first { $0.hasPrefix("2026-11-24-") })
        #expect(r.read("projects/beta-mes/visits/" + file)?.contains("summary: 第二次保存\n") == true)
    }
}

@Suite struct EditDraftTests {
    @Test func issueAddEditRoutesWhatWasWritten() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write(".editors/issue.sh", #"#!/bin/sh"# + "\n" + #"sed -i 's/^title: ""/title: 登录偶发失败/; s/^category: /category: technical/; s/^severity: /severity: general/' "$1""# + "\n")
        chmod(r.path(".editors/issue.sh"), 0o755)
        let result = r.run(["issue", "add", "beta", "--edit"], env: ["EDITOR": r.path(".editors/issue.sh"), "VISUAL": ""])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("已登记一般问题"))
        #expect(result.stdout.contains("期限：     2026-12-08（自 2026-11-24 起 10 个工作日）"))
        let unchanged = r.run(["issue", "add", "beta", "--edit"], env: ["EDITOR": "true", "VISUAL": ""])
        #expect(unchanged.code == 1)
        #expect(r.run(["check"]).code == 0)
    }

    @Test func improveAddEditChecksEveryField() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        try r.write(".editors/bad.sh", #"#!/bin/sh"# + "\n" + #"sed -i 's/^title: ""/title: 培训/; s/^due: /due: 2026-02-30/' "$1""# + "\n")
        chmod(r.path(".editors/bad.sh"), 0o755)
        let bad = r.run(["improve", "add", "--edit"], env: ["EDITOR": r.path(".editors/bad.sh"), "VISUAL": ""])
        #expect(bad.code == 65)
        #expect(bad.stderr.contains("'due' must be a real date YYYY-MM-DD from 1900-01-01 to 2200-12-31, found '2026-02-30'"))
        #expect(bad.stderr.contains("'addresses' is empty"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: r.path("improvements")))?.isEmpty ?? true)
    }
}
