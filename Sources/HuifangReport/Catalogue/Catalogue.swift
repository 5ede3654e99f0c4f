import HuifangCore

/// The message catalogue: every line a person reads, in the repository's language (or the one
/// `--lang`/`$HUIFANG_LANG` asks for). One table per language (`Catalogue+zh.swift`,
/// `Catalogue+en.swift`) with the same keys; a text may name placeholders in braces
/// (`{project}`), filled by `callAsFunction(_:_:)`.
public struct Catalogue: Sendable {
    public let lang: Language
    /// The language's code as reports and HTML write it ("zh" or "en").
    public var language: String { lang.rawValue }

    public init(_ lang: Language) { self.lang = lang }
    public init(_ language: String) { self.lang = language == "en" ? .en : .zh }

    /// The table of one language.
    public static func table(_ lang: Language) -> [String: String] { lang == .en ? en : zh }

    /// The text of `key`; a key missing from the catalogue is returned as it is (the catalogue
    /// test keeps that from reaching a user).
    public subscript(_ key: String) -> String { Catalogue.table(lang)[key] ?? key }

    /// A report label (KPI names and section titles): the same table.
    public func report(_ key: String) -> String { self[key] }

    /// The text of `key` with each `{name}` replaced by `values[name]`.
    public func callAsFunction(_ key: String, _ values: KeyValuePairs<String, String> = [:]) -> String {
        Catalogue.fill(self[key], values)
    }

    static func fill(_ template: String, _ values: KeyValuePairs<String, String>) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            if let value = values.first(where: { $0.key == name })?.value {
                out += value
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The `{placeholder}` names of a text, for the catalogue test.
    public static func placeholders(_ template: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

extension Catalogue {
    /// The catalogue of the language the running command speaks, for text printed away from
    /// a command's catalogue (warnings, errors): set at start-up from --lang, $HUIFANG_LANG and
    /// the locale, and again when the command resolves its catalogue with huifang.yaml.
    nonisolated(unsafe) public static var current = Catalogue(Language.en)
}
