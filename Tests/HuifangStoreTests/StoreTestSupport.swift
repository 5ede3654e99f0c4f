import Foundation

@testable import HuifangStore

/// A temporary folder for a test, removed afterwards.
struct TempFolder {
    let path: String

    init() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huifang-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.resolvingSymlinksInPath().path
    }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Array(text.utf8))
    }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// A repository made by `RepositoryInitializer`, with one project.
    static func repository() throws -> (TempFolder, Repository) {
        let t = TempFolder()
        _ = try RepositoryInitializer.create(in: t.path)
        try t.write("projects/acme-erp/project.yaml", """
            id: acme-erp
            name: ACME ERP 实施项目
            customer:
              name: 某某制造有限公司
            department: east
            owner: 张伟
            tier: standard
            accepted: 2026-01-15

            """)
        return (t, Repository(root: t.path))
    }
}
