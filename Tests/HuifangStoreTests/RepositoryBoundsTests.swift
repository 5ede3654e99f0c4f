import Foundation
import HuifangCore
import Testing

@testable import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// What lies in a record folder but is not a record file: FIFOs, sockets and links that lead
/// out of the repository are findings, never opened or read through; record writes never
/// leave the repository.
@Suite struct RepositoryBoundsTests {
    static let visit = "id: v-00000001\ndate: 2026-03-01\nkind: periodic\nmethod: phone\nvisitor: 张伟\nsummary: 好\noverall: 4\n"

    static func link(_ from: String, to: String) throws {
        try FileManager.default.createSymbolicLink(atPath: from, withDestinationPath: to)
    }

    /// Loads on another thread and gives up after `seconds` (a FIFO opened for reading blocks
    /// until a writer comes): nil when the load did not finish in time.
    static func loadWithin(_ seconds: Double, _ repo: Repository, useCache: Bool = true) -> LoadedRepository? {
        nonisolated(unsafe) var loaded: LoadedRepository?
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            loaded = RepositoryLoader.load(repo, .init(useCache: useCache, crossRecordRules: true))
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return loaded
    }

    /// A unix socket at `path` (bound, then the descriptor closed: the socket file stays).
    static func makeSocket(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }

    @Test(arguments: [true, false]) func aFIFOIsAFindingAndNeverOpened(useCache: Bool) throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("projects/acme-erp/visits/2026-03-01-v-00000001.yaml", Self.visit)
        let fifo = "projects/acme-erp/visits/2026-03-02-v-00000002.yaml"
        #expect(mkfifo(t.path + "/" + fifo, 0o644) == 0)
        #expect(mkfifo(t.path + "/projects/acme-erp/visits/notes", 0o644) == 0)
        for _ in 0..<2 {  // cold, then (with the cache) warm
            let loaded = try #require(Self.loadWithin(20, repo, useCache: useCache), "reading hung on the FIFO")
            RecordCache.waitForSave()
            #expect(loaded.records.visits.map(\.id.rawValue) == ["v-00000001"])
            let f = try #require(loaded.findings.first { $0.path == fifo })
            #expect(f.severity == .error)
            #expect(f.message == "a FIFO (named pipe), not a regular file: not read")
            #expect(f.hint == "remove it (rm \(fifo)) and put the record there as a regular file")
            let notes = try #require(loaded.findings.first { $0.path == "projects/acme-erp/visits/notes" })
            #expect(notes.severity == .warning)
            #expect(loaded.errorCount == 1)
        }
    }

    @Test func aFIFOAsProjectFileOrBehindALinkIsAFinding() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try FileManager.default.createDirectory(atPath: t.path + "/projects/beta-mes", withIntermediateDirectories: true)
        #expect(mkfifo(t.path + "/projects/beta-mes/project.yaml", 0o644) == 0)
        // A link inside the repository is followed, and what it leads to is judged.
        #expect(mkfifo(t.path + "/pipe", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: t.path + "/events", withIntermediateDirectories: true)
        try Self.link(t.path + "/events/2026-05-01-x.yaml", to: "../pipe")
        let loaded = try #require(Self.loadWithin(20, repo), "reading hung on a FIFO")
        #expect(loaded.findings.contains { $0.path == "projects/beta-mes/project.yaml" && $0.message.hasPrefix("a FIFO (named pipe)") })
        #expect(loaded.findings.contains { $0.path == "events/2026-05-01-x.yaml" && $0.message.hasPrefix("a FIFO (named pipe)") })
        #expect(!loaded.findings.contains { $0.message.contains("has no project.yaml") })
    }

    @Test func aSocketIsAFinding() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try FileManager.default.createDirectory(atPath: t.path + "/events", withIntermediateDirectories: true)
        try #require(Self.makeSocket(t.path + "/events/2026-05-01-x.yaml"))
        let loaded = try #require(Self.loadWithin(20, repo))
        let f = try #require(loaded.findings.first { $0.path == "events/2026-05-01-x.yaml" })
        #expect(f.message == "a socket, not a regular file: not read")
    }

    @Test func readingAFIFODirectlyFailsAtOnce() throws {
        let t = TempFolder()
        defer { t.remove() }
        #expect(mkfifo(t.path + "/f.yaml", 0o644) == 0)
        #expect(throws: FileError.self) { try FileSystem.read(t.path + "/f.yaml") }
        do {
            _ = try FileSystem.read(t.path + "/f.yaml")
        } catch {
            #expect(error.message == "cannot read: a FIFO (named pipe), not a regular file")
        }
    }

    /// Every record folder, replaced by a link to a folder outside: a finding that says where
    /// it leads, and nothing read through it.
    @Test(arguments: ["projects", "projects/acme-erp", "projects/acme-erp/visits", "events"])
    func aFolderLinkedOutOfTheRepositoryIsNotReadThrough(folder: String) throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("projects/acme-erp/visits/2026-03-01-v-00000001.yaml", Self.visit)
        try t.write("events/2026-05-01-x.yaml", "date: 2026-05-01\nkind: upgrade\ntitle: V3\ntags: [erp]\n")
        let before = RepositoryLoader.load(repo)
        #expect(before.records.visits.count == 1)
        #expect(before.records.events.count == 1)
        let outside = TempFolder()
        defer { outside.remove() }
        try FileManager.default.removeItem(atPath: outside.path)
        try FileManager.default.moveItem(atPath: t.path + "/" + folder, toPath: outside.path)
        try Self.link(t.path + "/" + folder, to: outside.path)
        for useCache in [false, true, true] {
            let loaded = RepositoryLoader.load(repo, .init(useCache: useCache))
            RecordCache.waitForSave()
            let f = try #require(loaded.findings.first { $0.path == folder }, "\(loaded.findings)")
            #expect(f.severity == .error)
            #expect(f.message == "symbolic link points outside the repository (to \(outside.path)): not read")
            #expect(f.hint?.hasPrefix("replace the link with the folder itself") == true)
            if folder == "events" {
                #expect(loaded.records.events.isEmpty)
                #expect(loaded.records.visits.count == 1)
            } else {
                #expect(loaded.records.visits.isEmpty)
                #expect(loaded.records.events.count == 1)
            }
        }
    }

    @Test func aRecordFolderThatIsNotAFolderIsAFinding() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("events", "not a folder\n")
        try t.write("projects/acme-erp/visits", "not a folder\n")
        #expect(mkfifo(t.path + "/plans", 0o644) == 0)
        let loaded = try #require(Self.loadWithin(20, repo))
        #expect(loaded.findings.contains { $0.path == "events" && $0.message == "events is not a folder: its records cannot be read" })
        #expect(loaded.findings.contains { $0.path == "plans" && $0.message == "plans is not a folder: its records cannot be read" })
        #expect(loaded.findings.contains {
            $0.path == "projects/acme-erp/visits" && $0.message == "visits is not a folder: its records cannot be read"
        })
    }

    @Test func aFolderLinkInsideTheRepositoryIsFollowed() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try t.write("shared/visits/2026-03-01-v-00000001.yaml", Self.visit)
        try Self.link(t.path + "/projects/acme-erp/visits", to: "../../shared/visits")
        let loaded = RepositoryLoader.load(repo, .init(crossRecordRules: true))
        #expect(loaded.records.visits.map(\.id.rawValue) == ["v-00000001"])
        #expect(loaded.errorCount == 0, "\(loaded.findings)")
    }

    @Test func brokenLinksAndLinkedConfigFilesAreFindings() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        try FileManager.default.createDirectory(atPath: t.path + "/projects/acme-erp/visits", withIntermediateDirectories: true)
        try Self.link(t.path + "/projects/acme-erp/visits/2026-03-01-v-00000001.yaml", to: "gone.yaml")
        let outside = TempFolder()
        defer { outside.remove() }
        try FileManager.default.moveItem(atPath: t.path + "/calendars/cn.yaml", toPath: outside.path + "/cn.yaml")
        try Self.link(t.path + "/calendars/cn.yaml", to: outside.path + "/cn.yaml")
        let loaded = RepositoryLoader.load(repo)
        #expect(loaded.findings.contains {
            $0.path == "projects/acme-erp/visits/2026-03-01-v-00000001.yaml" && $0.message == "broken symbolic link (to gone.yaml): not read"
        })
        #expect(loaded.findings.contains {
            $0.path == "calendars/cn.yaml" && $0.message == "symbolic link points outside the repository (to \(outside.path)/cn.yaml): not read"
        })
        // huifang.yaml itself linked out: the configuration cannot be used.
        try FileManager.default.moveItem(atPath: t.path + "/huifang.yaml", toPath: outside.path + "/huifang.yaml")
        try Self.link(t.path + "/huifang.yaml", to: outside.path + "/huifang.yaml")
        let noConfig = RepositoryLoader.load(repo)
        #expect(noConfig.configFailed)
        #expect(noConfig.findings.contains { $0.path == "huifang.yaml" && $0.message.hasPrefix("symbolic link points outside the repository") })
    }

    @Test func recordWritesNeverLeaveTheRepository() throws {
        let (t, repo) = try TempFolder.repository()
        defer { t.remove() }
        let outside = TempFolder()
        defer { outside.remove() }
        #expect(repo.outsideFolder(of: "projects/acme-erp/visits/2026-03-01-v-00000001.yaml") == nil, "a folder not made yet, inside")
        try RecordUpdate.write([("projects/acme-erp/visits/2026-03-01-v-00000001.yaml", Array(Self.visit.utf8))], in: repo)
        #expect(t.read("projects/acme-erp/visits/2026-03-01-v-00000001.yaml") == Self.visit)
        // visits/ linked out; then projects/ linked out (a project folder not made yet).
        try FileManager.default.removeItem(atPath: t.path + "/projects/acme-erp/visits")
        try Self.link(t.path + "/projects/acme-erp/visits", to: outside.path)
        try FileManager.default.moveItem(atPath: t.path + "/projects", toPath: outside.path + "/projects")
        try FileManager.default.createDirectory(atPath: t.path + "/projects", withIntermediateDirectories: true)
        try Self.link(t.path + "/projects/acme-erp", to: outside.path + "/projects/acme-erp")
        try Self.link(t.path + "/events", to: outside.path + "/missing/events")  // broken
        let cases = [
            ("projects/acme-erp/visits/2026-03-02-v-00000002.yaml", outside.path),
            ("projects/acme-erp/project.yaml", outside.path + "/projects/acme-erp"),
            ("events/2026-05-01-x.yaml", outside.path + "/missing/events"),
        ]
        for (relative, leadsTo) in cases {
            #expect(repo.outsideFolder(of: relative) == leadsTo, "\(relative)")
            do {
                try RecordUpdate.write([(relative, Array("x: 1\n".utf8))], in: repo)
                Issue.record("\(relative) was written through a link out of the repository")
            } catch {
                #expect(error.exitCode == 65)
                #expect(error.description.hasPrefix("cannot write \(relative): its folder leads out of the repository (to \(leadsTo))"))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).sorted() == ["projects"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path + "/projects/acme-erp").sorted() == ["project.yaml", "visits"])
        #expect(outside.read("projects/acme-erp/project.yaml")?.hasPrefix("id: acme-erp\n") == true, "left as it was")
        // RecordUpdate.write checks every file before it writes any.
        #expect(throws: StoreError.self) {
            try RecordUpdate.write([("plans/p.yaml", Array("a: 1\n".utf8)), ("events/e.yaml", Array("b: 1\n".utf8))], in: repo)
        }
        #expect(!FileManager.default.fileExists(atPath: t.path + "/plans/p.yaml"))
    }
}
