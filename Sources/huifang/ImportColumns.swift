import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

/// What `huifang import` makes records of.
enum ImportKind: String, ExpressibleByArgument, CaseIterable {
    case visits, issues, projects

    /// The fields a row gives, in the order the template lists them (dimension scores of
    /// visits come from huifang.yaml and are added by `ImportColumns`).
    var fields: [String] {
        switch self {
        case .visits:
            return ["project", "customer", "date", "method", "kind", "visitor", "contacts", "summary", "quotes", "overall", "nps",
                    "operation", "needs", "competitors"]
        case .issues:
            return ["project", "customer", "title", "raised", "category", "severity", "source", "owner", "department", "resolution",
                    "resolved"]
        case .projects:
            return ["id", "name", "customer", "department", "owner", "tier", "accepted", "contacts", "tags"]
        }
    }

    /// Fields without which no record can be made (a default in the map may stand in).
    var required: [String] {
        switch self {
        case .visits: return ["project", "date", "method", "summary"]
        case .issues: return ["project", "title", "category", "severity"]
        case .projects: return ["id", "name", "customer", "department", "owner", "tier"]
        }
    }

    /// Column names ledgers use for each field (compared after `ImportColumns.normalize`).
    var headers: [String: [String]] {
        let project = ["项目名称", "项目编号", "项目", "项目id", "项目代码", "project", "projectid", "projectname"]
        let customer = ["客户名称", "客户", "客户单位", "单位名称", "customer", "customername"]
        switch self {
        case .visits:
            return [
                "project": project, "customer": customer,
                "date": ["日期", "回访日期", "回访时间", "date", "visitdate"],
                "method": ["回访方式", "方式", "method"],
                "kind": ["回访类型", "回访类别", "kind"],
                "visitor": ["回访人", "回访人员", "visitor"],
                "contacts": ["联系人", "客户联系人", "受访人", "contact", "contacts"],
                "summary": ["回访内容", "内容", "回访情况", "回访记录", "summary"],
                "quotes": ["客户原话", "客户意见", "客户反馈", "quote", "quotes"],
                "overall": ["满意度", "总体满意度", "综合满意度", "overall", "satisfaction"],
                "nps": ["nps", "推荐度", "推荐意愿", "推荐指数"],
                "operation": ["运行状态", "运行情况", "operation"],
                "needs": ["新需求", "需求", "need", "needs"],
                "competitors": ["竞争对手", "竞品", "竞品信息", "competitor", "competitors"],
            ]
        case .issues:
            return [
                "project": project, "customer": customer,
                "title": ["问题描述", "问题", "问题标题", "问题内容", "title", "issue", "description"],
                "raised": ["日期", "提出日期", "发现日期", "登记日期", "反馈日期", "raised", "date"],
                "category": ["问题类别", "问题类型", "类别", "category"],
                "severity": ["问题级别", "级别", "严重程度", "问题等级", "severity"],
                "source": ["来源", "问题来源", "source"],
                "owner": ["负责人", "责任人", "owner"],
                "department": ["责任部门", "部门", "department"],
                "resolution": ["解决方案", "解决措施", "处理措施", "处理结果", "resolution", "solution"],
                "resolved": ["解决日期", "完成日期", "解决时间", "resolved", "resolveddate"],
            ]
        case .projects:
            return [
                "id": ["项目编号", "编号", "项目id", "项目代码", "id", "projectid"],
                "name": ["项目名称", "名称", "name", "projectname"],
                "customer": customer,
                "department": ["责任部门", "部门", "所属部门", "department"],
                "owner": ["负责人", "项目负责人", "回访负责人", "owner"],
                "tier": ["项目级别", "项目等级", "级别", "等级", "tier"],
                "accepted": ["验收日期", "验收时间", "accepted", "acceptance"],
                "contacts": ["联系人", "客户联系人", "contact", "contacts"],
                "tags": ["标签", "tag", "tags"],
            ]
        }
    }
}

/// The words ledgers write for huifang's values (the map's `values:` adds to them and wins).
enum ImportValues {
    static let builtIn: [String: [String: String]] = [
        "method": ["电话": "phone", "电话回访": "phone", "上门": "onsite", "上门回访": "onsite", "现场": "onsite", "现场回访": "onsite",
                   "实地": "onsite", "邮件": "email", "电子邮件": "email", "线上": "online", "在线": "online", "视频": "online",
                   "视频会议": "online", "微信": "online"],
        "kind": ["首次": "first", "首次回访": "first", "定期": "periodic", "定期回访": "periodic", "专项": "special", "专项回访": "special",
                 "客户要求": "customer_request", "阶段": "stage", "阶段回访": "stage"],
        "operation": ["正常": "normal", "降级": "degraded", "部分可用": "degraded", "异常": "degraded", "停机": "down", "中断": "down"],
        "severity": ["轻微": "minor", "一般": "general", "重大": "major", "严重": "major"],
        "category": ["技术": "technical", "技术问题": "technical", "质量": "quality", "质量问题": "quality", "服务": "service",
                     "服务问题": "service", "需求变更": "requirement_change", "需求": "requirement_change"],
        "source": ["回访": "visit", "客户": "customer", "客户反馈": "customer", "投诉": "complaint"],
        "tier": ["重点": "key", "重点项目": "key", "标准": "standard", "普通": "standard", "一般": "standard", "基础": "basic"],
    ]
}

/// The columns of a ledger: which field each holds, found in the header row (or named by the
/// map), and the map's value words and defaults.
struct ImportColumns {
    let kind: ImportKind
    /// Dimension ids of huifang.yaml (visits only): each is a field.
    let dimensions: [String]
    /// Field of each column (0-based), for the recognised ones.
    var fieldOf: [Int: String] = [:]
    /// The header text of each column.
    var headerText: [Int: String] = [:]
    /// The row number the headers are on.
    var headerRow = 0
    /// The columns of each field, in order (from `fieldOf`).
    var columnsOf: [String: [Int]] = [:]
    /// The map: header text -> field, field -> (word -> value), field -> default.
    var mapColumns: [String: String] = [:]
    var mapValues: [String: [String: String]] = [:]
    var defaults: [String: String] = [:]
    /// `sheet:` and `header_row:` of the map.
    var mapSheet: String?
    var mapHeaderRow: Int?

    init(kind: ImportKind, dimensions: [String]) {
        self.kind = kind
        self.dimensions = kind == .visits ? dimensions : []
    }

    var allFields: [String] { kind.fields + dimensions }

    /// Headers of a ledger's own row numbers (序号, No.): nothing in them is a record's.
    static let rowNumberHeaders: Set<String> = ["序号", "行号", "no", "no.", "#", "seq"]

    /// `  满意度 （1-5）*` -> `满意度`: lowercased, without spaces, a trailing parenthesis,
    /// an asterisk or a colon.
    static func normalize(_ text: String) -> String {
        var s = String(text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
        while let last = s.last, "*：:".contains(last) { s.removeLast() }
        if let open = s.lastIndex(where: { $0 == "(" || $0 == "（" }), open != s.startIndex, s.last == ")" || s.last == "）" {
            s = String(s[..<open])
        }
        return s
    }

    /// The field a header names: the map first, then the known names, then a dimension
    /// (its id, or its label in either language, with or without 满意度).
    func field(for header: String) -> String? {
        let n = Self.normalize(header)
        guard !n.isEmpty else { return nil }
        if let f = mapColumns[n] { return f }
        for f in kind.fields where kind.headers[f]?.contains(n) == true { return f }
        for d in dimensions {
            var names = [d.lowercased()]
            for lang in [Language.zh, .en] {
                let L = Catalogue(lang)
                for key in ["val.dimension." + d, "report.dimension." + d] where L[key] != key { names.append(Self.normalize(L[key])) }
            }
            if names.contains(n) || names.contains(where: { n == $0 + "满意度" || n == $0 + "评分" }) { return d }
        }
        return nil
    }

    /// Finds the header row: `header_row:` of the map, else among the first 30 rows the one
    /// naming the most fields (at least two); the first of equals.
    mutating func findHeader(in table: SheetTable) -> Bool {
        var best: (row: Int, count: Int)?
        for (i, row) in table.rows.prefix(30).enumerated() {
            if let wanted = mapHeaderRow, row.number != wanted { continue }
            let count = Set(row.cells.compactMap { field(for: $0) }).count
            if count >= (mapHeaderRow == nil ? 2 : 1), count > (best?.count ?? 0) { best = (i, count) }
        }
        guard let best else { return false }
        let row = table.rows[best.row]
        headerRow = row.number
        for (c, text) in row.cells.enumerated() where !text.trimmed.isEmpty {
            headerText[c] = text.trimmed
            if let f = field(for: text) { fieldOf[c] = f }
        }
        for (c, f) in fieldOf.sorted(by: { $0.key < $1.key }) { columnsOf[f, default: []].append(c) }
        return true
    }

    /// The required fields with neither a column nor a default.
    var missing: [String] {
        let have = Set(fieldOf.values)
        return kind.required.filter { !have.contains($0) && defaults[$0] == nil }
    }

    /// The columns of `field`, in order.
    func columns(of field: String) -> [Int] { columnsOf[field] ?? [] }

    /// The value a word stands for: the map's, else the built-in, else the word itself.
    func value(_ field: String, _ word: String) -> String {
        let w = word.trimmed
        if let v = mapValues[field]?[w] { return v }
        if let v = ImportValues.builtIn[field]?[w] { return v }
        return w
    }
}

extension ImportColumns {
    /// Reads a map (YAML): `columns:` header -> field, `values:` field -> {word: value},
    /// `defaults:` field -> value, `sheet:` and `header_row:`. Problems are `LINE:COLUMN: what`.
    mutating func readMap(_ bytes: [UInt8], path: String, _ L: Catalogue) throws {
        func problem(_ place: ImportMapFile.Place?, _ key: String, _ values: [String: String] = [:]) -> CommandFailure {
            let at = place.map { "\(path):\($0.line):\($0.column)" } ?? path
            return CommandFailure.usage(Message("error.import-map", ["at": at, "problem": L.text(key, values)]),
                                        hint: Message("hint.import-map", ["kind": kind.rawValue]))
        }
        let items: [ImportMapFile.Item]
        do { items = try ImportMapFile.parse(bytes) } catch {
            switch error {
            case .yaml(let message):
                throw CommandFailure.usage(Message("error.import-map", ["at": path, "problem": message]),
                                           hint: Message("hint.import-map", ["kind": kind.rawValue]))
            case .notMapping(let at): throw problem(at, "import.map.not-mapping")
            }
        }
        let known = Set(allFields)
        for item in items {
            switch item {
            case .sheet(let sheet):
                mapSheet = sheet
            case .headerRow(let text, let at):
                guard let n = text.flatMap({ Int($0) }), n > 0 else { throw problem(at, "import.map.header-row") }
                mapHeaderRow = n
            case .columns(let columns):
                for c in columns {
                    guard let f = c.value, known.contains(f) else {
                        throw problem(c.valueAt, "import.map.unknown-field", ["field": c.value ?? "", "known": allFields.joined(separator: ", ")])
                    }
                    mapColumns[Self.normalize(c.key)] = f
                }
            case .values(let fields):
                for v in fields {
                    guard known.contains(v.field) else {
                        throw problem(v.fieldAt, "import.map.unknown-field", ["field": v.field, "known": allFields.joined(separator: ", ")])
                    }
                    var words: [String: String] = [:]
                    for w in v.words {
                        guard let value = w.value else { throw problem(w.valueAt, "import.map.not-scalar", ["key": w.key]) }
                        words[w.key.trimmed] = value
                    }
                    mapValues[v.field] = words
                }
            case .defaults(let entries):
                for d in entries {
                    guard known.contains(d.key) else {
                        throw problem(d.keyAt, "import.map.unknown-field", ["field": d.key, "known": allFields.joined(separator: ", ")])
                    }
                    guard let value = d.value else { throw problem(d.valueAt, "import.map.not-scalar", ["key": d.key]) }
                    defaults[d.key] = value
                }
            case .unknown(let key, let at):
                throw problem(at, "import.map.unknown-key", ["key": key])
            }
        }
    }

    /// A map to fill: every field with the column names recognised without a map, the value
    /// words, and the defaults, commented in the catalogue's language.
    static func template(_ kind: ImportKind, dimensions: [String], scale: Int, _ L: Catalogue) -> String {
        let columns = ImportColumns(kind: kind, dimensions: dimensions)
        func comment(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n") + "\n"
        }
        var s = comment(L("import.template.head", ["kind": kind.rawValue]))
        s += "\n# sheet: \"2026\"\n# header_row: 3\n\n"
        s += comment(L["import.template.columns"])
        s += "columns:\n"
        for f in columns.allFields {
            let names = (kind.headers[f] ?? []).filter { $0.unicodeScalars.contains { $0.value > 0x7F } }.prefix(3)
            let label = L["import.field." + f] == "import.field." + f ? L["val.dimension." + f] : L["import.field." + f]
            s += "  # \(ImportMapFile.token(names.first ?? L["import.template.column"])): \(f)"
            s += "    # \(label)" + (names.isEmpty ? "" : " — " + L("import.template.known", ["names": names.joined(separator: ", ")])) + "\n"
        }
        s += "\n" + comment(L["import.template.values"])
        s += "values:\n"
        let valueFields: [String] = kind == .visits ? ["method", "kind", "operation"] : kind == .issues ? ["severity", "category", "source"] : ["tier"]
        for f in valueFields {
            s += "  \(f):\n"
            for (word, value) in (ImportValues.builtIn[f] ?? [:]).sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
                s += "    \(ImportMapFile.token(word)): \(value)\n"
            }
        }
        if kind == .visits {
            s += "  overall:\n"
            s += "    满意: \(scale)\n    基本满意: \(max(1, (scale + 1) / 2))\n    不满意: 1\n"
        }
        s += "\n" + comment(L["import.template.defaults"])
        s += "defaults:\n"
        for f in kind.required { s += "  # \(f): \n" }
        if kind == .issues { s += "  # source: customer\n" }
        return s
    }
}
