import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// The language of huifang's messages (errors, hints, warnings, `check` findings): `--lang`,
/// else `$HUIFANG_LANG`, else the repository's `language:` once known, else the locale
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`: zh when the first one set starts with "zh"), else English.
/// A message printed before the repository is known (no repository, a bad -C) uses the same
/// order without the repository.
enum MessageLanguage {
    /// `--lang zh|en` (anywhere before `--`, as `--lang X` or `--lang=X`) or `$HUIFANG_LANG`;
    /// nil when neither names a language.
    static func requested(arguments: [String], environment: (String) -> String?) -> Language? {
        var n = 1
        while n < arguments.count, arguments[n] != "--" {
            let a = arguments[n]
            if a == "--lang", n + 1 < arguments.count, let l = Language(rawValue: arguments[n + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst(7))) { return l }
            n += 1
        }
        return environment("HUIFANG_LANG").flatMap { Language(rawValue: $0) }
    }

    /// The locale's language: zh when the first of LC_ALL, LC_MESSAGES, LANG that is set and
    /// not empty starts with "zh"; else English.
    static func locale(environment: (String) -> String?) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment(name), !v.isEmpty { return v.hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }

    /// The language of a message, in the order of the type's comment.
    static func resolve(arguments: [String], environment: (String) -> String?, repository: Language?) -> Language {
        requested(arguments: arguments, environment: environment) ?? repository ?? locale(environment: environment)
    }

    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// The repository's `language:`, set as soon as huifang.yaml is read.
    nonisolated(unsafe) static var repository: Language?

    /// The language messages are printed in now.
    static var current: Language {
        resolve(arguments: CommandLine.arguments, environment: environment, repository: repository)
    }

    /// The catalogue of `current`.
    static var catalogue: Catalogue { Catalogue(current) }
}

/// A text of the message catalogue and the values of its placeholders, said in the language
/// of the messages when it is printed (`MessageLanguage`): a failure thrown before huifang.yaml
/// was read is still said in the repository's language.
struct Message: Sendable {
    var key: String
    var values: [String: String]

    init(_ key: String, _ values: [String: String] = [:]) {
        self.key = key
        self.values = values
    }

    func text(_ c: Catalogue) -> String { c.text(key, values) }
}

extension MessageLanguage {
    /// The `language:` of `repository`'s huifang.yaml, read from its top-level line before
    /// the records are (so that a failure before then is said in it too); loading the
    /// repository sets the value the decoder read.
    static func peek(_ repository: Repository) {
        guard self.repository == nil,
              let bytes = try? FileSystem.read(repository.path(Repository.configFile), limit: 1 << 20) else { return }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        where line.hasPrefix("language:") {
            let value = line.dropFirst("language:".count).prefix { $0 != "#" }.trimmingCharacters(in: " \t\"'")
            self.repository = Language(rawValue: value)
            return
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension Catalogue {
    /// Why `text` is not a date huifang takes, in this language (nil when it is one).
    func dateProblem(_ text: String) -> String? {
        switch Day.problemCase(text) {
        case nil: return nil
        case .form: return self["date.problem.form"]
        case .year(let y):
            return self.text("date.problem.year", ["year": y, "low": String(Day.supportedYears.lowerBound),
                                                   "high": String(Day.supportedYears.upperBound)])
        case .month(let m): return self.text("date.problem.month", ["month": m])
        case .day(let month, let days, let got):
            return self.text("date.problem.day", ["month": month, "days": String(days), "got": String(got)])
        }
    }
}
