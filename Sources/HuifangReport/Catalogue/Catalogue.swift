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

    /// Scans the template's UTF-8 bytes (`{` and `}` are ASCII, never inside a multi-byte
    /// character): a report fills thousands of texts, and stepping by Character through
    /// Chinese text costs ten times as much.
    static func fill(_ template: String, _ values: KeyValuePairs<String, String>) -> String {
        guard !values.isEmpty else { return template }
        let bytes = Array(template.utf8)
        guard bytes.contains(0x7B) else { return template }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x7B, let close = bytes[(i + 1)...].firstIndex(of: 0x7D) {
                let name = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                if let value = values.first(where: { $0.key == name })?.value {
                    out.append(contentsOf: value.utf8)
                } else {
                    out.append(contentsOf: bytes[i...close])
                }
                i = close + 1
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
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
