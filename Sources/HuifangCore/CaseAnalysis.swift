/// A case analysis (案例分析) of a major issue: a Markdown file with five sections, so that the
/// next team learns from it (policy §八.2: "为今后类似问题的处理提供经验借鉴").
///
/// A section starts at a heading (`#` to `######`, then the section's name in Chinese or
/// English, a trailing colon allowed) and runs to the next heading of the same or a higher
/// level. It is *empty* when nothing but white space and `<!-- comments -->` (the template's
/// hints) stands in it. Other headings (a title, an extra section) are allowed.
public enum CaseAnalysis {
    public enum Section: String, Sendable, CaseIterable, Hashable {
        case course, cause, measures, lessons, scope

        /// The heading in Chinese (the default of a repository in Chinese).
        public var chinese: String {
            switch self {
            case .course: return "经过"
            case .cause: return "原因"
            case .measures: return "措施"
            case .lessons: return "经验教训"
            case .scope: return "适用范围"
            }
        }

        /// The heading in English (compared without case).
        public var english: String {
            switch self {
            case .course: return "What happened"
            case .cause: return "Cause"
            case .measures: return "Measures"
            case .lessons: return "Lessons learned"
            case .scope: return "Applies to"
            }
        }

        /// The section a heading's text names, in either language.
        public static func named(_ text: String) -> Section? {
            var t = Substring(text)
            while let last = t.last, last == ":" || last == "：" || last == " " || last == "\t" { t.removeLast() }
            let lower = t.lowercased()
            return allCases.first { $0.chinese == String(t) || $0.english.lowercased() == lower }
        }
    }

    /// The sections found, each with its text (comments removed, trimmed), in file order; a
    /// section named twice keeps its first text.
    public static func sections(_ text: String) -> [(Section, String)] {
        var out: [(Section, String)] = []
        var current: (Section, Int)?
        var body: [Substring] = []
        func flush() {
            if let (s, _) = current, !out.contains(where: { $0.0 == s }) {
                out.append((s, strip(body.joined(separator: "\n"))))
            }
            current = nil
            body.removeAll()
        }
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = line.last == "\r" ? line.dropLast() : line
            if l.hasPrefix("```") || l.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, let (level, title) = heading(l) {
                if let s = Section.named(String(title)) {
                    flush()
                    current = (s, level)
                    continue
                }
                if let (_, own) = current, level <= own { flush() }
            }
            if current != nil { body.append(l) }
        }
        flush()
        return out
    }

    /// The sections that are missing or empty, in the template's order.
    public static func missing(_ text: String) -> [Section] {
        let found = sections(text)
        return Section.allCases.filter { s in
            guard let body = found.first(where: { $0.0 == s })?.1 else { return true }
            return body.isEmpty
        }
    }

    /// The template `case new` writes: a title and the five headings, each with a hint in a
    /// comment (a comment does not count as text, so the file stays incomplete until written).
    public static func template(title: String, hints: [Section: String], chinese: Bool) -> String {
        var s = "# " + title + "\n"
        for section in Section.allCases {
            s += "\n## " + (chinese ? section.chinese : section.english) + "\n\n"
            if let h = hints[section] { s += "<!-- " + h + " -->\n" }
        }
        return s
    }

    /// `## heading` → (2, "heading"); nil for a line that is not an ATX heading.
    static func heading(_ line: Substring) -> (Int, Substring)? {
        var rest = line.drop { $0 == " " }
        guard line.count - rest.count <= 3 else { return nil }
        var level = 0
        while rest.first == "#" {
            level += 1
            rest = rest.dropFirst()
        }
        guard (1...6).contains(level), rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = rest.drop { $0 == " " || $0 == "\t" }
        while title.last == "#" || title.last == " " { title = title.dropLast() }
        return (level, title)
    }

    /// The text without `<!-- ... -->` comments, trimmed of white space.
    static func strip(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { rest = ""; break }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out.trimmingWhitespace()
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        var s = Substring(self)
        while let f = s.first, isSpace(f) { s = s.dropFirst() }
        while let l = s.last, isSpace(l) { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Index>? {
        let n = Array(needle)
        guard !n.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            var j = i
            var k = 0
            while k < n.count, j < endIndex, self[j] == n[k] {
                j = index(after: j)
                k += 1
            }
            if k == n.count { return i..<j }
            i = index(after: i)
        }
        return nil
    }
}
