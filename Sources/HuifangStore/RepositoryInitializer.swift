import HuifangYAML

/// `huifang init`: a new repository with the documented defaults and the official calendar.
public enum RepositoryInitializer {
    /// What `init` writes to huifang.yaml: docs/RECORDS.md's defaults, with comments for people.
    /// Without an organisation name, `organization: ""` with a comment saying what to put there
    /// (never a sample company's name: it would appear on the reports).
    public static func defaultConfig(organization: String) -> String {
        let org = organization.isEmpty ? "\"\"                 # your organisation's name, shown on reports" : YAMLScalarQuoting.token(organization)
        return """
            huifang: 1
            organization: \(org)
            language: zh                     # zh | en: default language of reports
            calendar:
              weekend: [sat, sun]
              files: [calendars/cn.yaml]     # holidays / make-up working days
            policy:
              first_visit_within: 1m         # after acceptance (交付验收)
              periodic_every: {key: 1m, standard: 3m, basic: 6m}   # by project tier
              special_visit_within: 10wd     # after an event (upgrade, market event)
              customer_request_within: 3wd   # after a customer raises an issue themselves
              resolve_within: {minor: 5wd, general: 10wd, major: 5wd}
              confirm_within: 3wd            # customer confirmation after resolution
            departments:
              - {id: pmo, name: 项目管理部, head: 王芳, role: project_management}
              - {id: east, name: 华东交付部, head: 张伟, role: business}
              - {id: tech, name: 技术部, head: 刘强, role: technical}
              - {id: cs, name: 客户服务部, head: 陈静, role: customer_service}
            leadership: [周总]
            satisfaction:
              scale: 5                       # scores are integers 1..scale
              satisfied_at: 4                # a visit is "satisfied" when overall >= this
              dimensions: [quality, delivery, service, support]   # 项目质量 交付时间 服务态度 技术支持
            max_attachment_size: 10MB        # visit attach refuses larger files: keep big media in git LFS

            """
    }

    /// The official mainland-China holidays and make-up working days, shipped in the binary.
    public static var chineseCalendar: [UInt8] { PackageResources.cn_holidays_yaml }

    public static let gitignore = "# huifang's local state (lock, cache): never committed\n.huifang/\n"

    /// Creates the repository in `dir` (made when missing). Refuses an existing repository;
    /// keeps every file that is already there (a calendar, a .gitignore, which only gains the
    /// `.huifang/` line when it lacks it).
    public static func create(in dir: String, organization: String = "") throws(StoreError) -> Created {
        if FileSystem.exists(dir + "/" + Repository.configFile) {
            throw StoreError.alreadyRepository(path: dir)
        }
        var written: [String] = []
        var kept: [String] = []
        var appended: [String] = []
        do {
            try FileSystem.makeDirectories(dir)
            if FileSystem.exists(dir + "/calendars/cn.yaml") {
                kept.append("calendars/cn.yaml")
            } else {
                try FileSystem.writeAtomically(chineseCalendar, to: dir + "/calendars/cn.yaml")
                written.append("calendars/cn.yaml")
            }
            let ignore = dir + "/.gitignore"
            if FileSystem.exists(ignore) {
                var existing = try FileSystem.read(ignore)
                let text = String(decoding: existing, as: UTF8.self)
                if !text.split(whereSeparator: \.isNewline).contains(where: { $0 == ".huifang/" || $0 == ".huifang" || $0 == "/.huifang/" }) {
                    if let last = existing.last, last != UInt8(ascii: "\n") { existing.append(UInt8(ascii: "\n")) }
                    existing += Array(gitignore.utf8)
                    try FileSystem.writeAtomically(existing, to: ignore)
                    appended.append(".gitignore")
                } else {
                    kept.append(".gitignore")
                }
            } else {
                try FileSystem.writeAtomically(Array(gitignore.utf8), to: ignore)
                written.append(".gitignore")
            }
            // huifang.yaml last: until it exists, the folder is not a repository.
            try FileSystem.writeAtomically(Array(defaultConfig(organization: organization).utf8), to: dir + "/" + Repository.configFile)
            written.insert(Repository.configFile, at: 0)
        } catch {
            throw StoreError.io(error)
        }
        return Created(written: written, appended: appended, kept: kept)
    }

    /// What `create` did: files written, existing files it added lines to, files it kept as they were.
    public struct Created: Sendable {
        public var written: [String]
        public var appended: [String]
        public var kept: [String]
    }
}
