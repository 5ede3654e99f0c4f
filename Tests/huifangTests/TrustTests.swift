import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing lost or corrupted under crashes, concurrency, merges and hostile input.
@Suite struct TrustTests {
    /// kill -9 at any moment of a write leaves the old record or the new one, never a partial
    /// one, and nothing that a later command trips over.
    @Test func killedWritersLeaveWholeRecords() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let before = r.snapshot()
        for round in 0..<12 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: HuifangRunner.binary)
            p.arguments = ["visit", "log", "acme-erp", "--method", "phone", "--summary", "第\(round)次电话回访"]
            p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
            var env = ProcessInfo.processInfo.environment
            if let messages = HuifangRunner.messages { env["HUIFANG_LANG"] = messages }
            env["HUIFANG_TODAY"] = "2026-11-24"
            env["HUIFANG_TEST_SLOW_WRITE_MS"] = "400"
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32(20_000 + round * 40_000))  // from before the lock to inside the write window
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
        let after = r.snapshot()
        for (path, data) in after where before[path] == nil {
            // Anything new is a complete visit record.
            let text = String(decoding: data, as: UTF8.self)
            #expect(path.hasPrefix("projects/acme-erp/visits/"), "unexpected file \(path)")
            #expect(text.hasPrefix("id: v-") && text.hasSuffix("\n"), "partial record \(path)")
        }
        for (path, data) in before { #expect(after[path] == data, "\(path) changed") }
        #expect(r.run(["check"]).code == 0, "litter from killed writers must not trip check")
        let next = r.run(["visit", "log", "acme-erp", "--method", "email", "--summary", "之后"])
        #expect(next.code == 0, "the lock of a killed writer is released: \(next.stderr)")
    }

    /// Two dozen writers started at once all land: the lock makes them wait their turn.
    @Test func concurrentWritersAllLand() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        var processes: [Process] = []
        for i in 0..<24 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: HuifangRunner.binary)
            p.arguments = i % 3 == 0
                ? ["issue", "add", "beta-mes", "--title", "问题\(i)", "--category", "service", "--severity", "minor"]
                : ["visit", "log", i % 2 == 0 ? "acme-erp" : "beta-mes", "--method", "phone", "--summary", "并发\(i)"]
            p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
            var env = ProcessInfo.processInfo.environment
            if let messages = HuifangRunner.messages { env["HUIFANG_LANG"] = messages }
            env["HUIFANG_TODAY"] = "2026-11-24"
            env["HUIFANG_ID_SEED"] = "7"  // every writer draws the same ids: only the lock keeps them apart
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            processes.append(p)
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let visits = (try FileManager.default.contentsOfDirectory(atPath: r.path("projects/acme-erp/visits")).count)
            + (try FileManager.default.contentsOfDirectory(atPath: r.path("projects/beta-mes/visits")).count)
        #expect(visits == 3 + 16)
        #expect(try FileManager.default.contentsOfDirectory(atPath: r.path("projects/beta-mes/issues")).count == 8)
        #expect(r.run(["check"]).code == 0)
    }

    @Test(.englishMessages) func aHeldLockTimesOutWithExit75() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: HuifangRunner.binary)
        holder.arguments = ["visit", "log", "acme-erp", "--method", "phone", "--summary", "慢"]
        holder.currentDirectoryURL = URL(fileURLWithPath: r.dir)
        var env = ProcessInfo.processInfo.environment
        if let messages = HuifangRunner.messages { env["HUIFANG_LANG"] = messages }
        env["HUIFANG_TODAY"] = "2026-11-24"
        env["HUIFANG_TEST_SLOW_WRITE_MS"] = "3000"
        holder.environment = env
        try holder.run()
        usleep(600_000)
        let before = r.snapshot()
        let blocked = r.run(["visit", "log", "beta-mes", "--method", "phone", "--summary", "等"], env: ["HUIFANG_LOCK_TIMEOUT": "0.5"])
        #expect(blocked.code == 75)
        #expect(blocked.stderr.contains("locked by another huifang"))
        #expect(r.snapshot().keys.filter { before[$0] == nil }.isEmpty, "nothing written by the blocked command")
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
    }

    /// Records written on two branches on the same day merge without conflicts; read-only
    /// commands leave `git status` clean.
    @Test func gitBranchesMergeWithoutConflicts() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        func git(_ args: String...) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + args
            p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(try git("init", "-q", "-b", "main") == 0)
        #expect(try git("add", "-A") == 0)
        #expect(try git("commit", "-qm", "start") == 0)
        #expect(try git("checkout", "-qb", "wang") == 0)
        #expect(r.run(["visit", "log", "acme-erp", "--method", "phone", "--summary", "王五的回访"], env: ["HUIFANG_ID_SEED": "1"]).code == 0)
        #expect(try git("commit", "-qam", "wang", "--allow-empty") == 0)
        #expect(try git("add", "-A") == 0)
        #expect(try git("commit", "-qm", "wang visit") == 0)
        #expect(try git("checkout", "-q", "main") == 0)
        #expect(r.run(["visit", "log", "acme-erp", "--method", "onsite", "--summary", "张伟的回访"], env: ["HUIFANG_ID_SEED": "2"]).code == 0)
        #expect(try git("add", "-A") == 0)
        #expect(try git("commit", "-qm", "zhang visit") == 0)
        #expect(try git("merge", "-q", "--no-edit", "wang") == 0, "no conflict")
        #expect(r.run(["check"]).code == 0)
        for args in [["status"], ["check"], ["due"], ["project", "list"], ["visit", "list"], ["issue", "list"], ["export", "ics"]] {
            _ = r.run(args)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "status", "--porcelain"]
        p.currentDirectoryURL = URL(fileURLWithPath: r.dir)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(status.isEmpty, "read-only commands changed: \(status)")
    }

    /// Hostile files get a clear error naming the file, in bounded time and memory.
    @Test(.englishMessages) func hostileFilesAreRefusedQuickly() throws {
        let r = try makeTourRepository()
        defer { r.cleanup() }
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 { bomb += "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + i)!))", count: 10).joined(separator: ", ") + "]\n" }
        try r.write("projects/acme-erp/visits/2026-03-01-v-b0b0b0b0.yaml", bomb)
        try r.write("projects/acme-erp/visits/2026-03-02-v-deeeeeep.yaml", "id: " + String(repeating: "[", count: 100_000) + "\n")
        try r.write("projects/acme-erp/visits/2026-03-03-v-b1b1b1b1.yaml", "id: v-b1b1b1b1\nsummary: \"" + String(repeating: "长", count: 2_000_000) + "\"\n")
        let start = Date()
        let result = r.run(["check"])
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(result.code == 1)
        #expect(result.stdout.contains("projects/acme-erp/visits/2026-03-01-v-b0b0b0b0.yaml:1:4: error: anchors (&a) are not allowed in records"))
        #expect(result.stdout.contains("projects/acme-erp/visits/2026-03-02-v-deeeeeep.yaml:1:36: error: nesting deeper than 32 levels"))
        #expect(result.stdout.contains("projects/acme-erp/visits/2026-03-03-v-b1b1b1b1.yaml:1:1: error: file is 6000027 bytes, more than the 1048576 bytes a record may have"))
    }
}
