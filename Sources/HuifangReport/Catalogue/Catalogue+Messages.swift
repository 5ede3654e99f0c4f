import HuifangCore

/// Messages (errors, hints, warnings, `check` findings) in the catalogue's language. The core
/// and the store answer in codes and values; the words are chosen here.
extension Catalogue {
    /// Whether the catalogue has `key` (a code without a text of its own falls back to the
    /// English the rules wrote).
    public func has(_ key: String) -> Bool { Catalogue.table(lang)[key] != nil }

    /// The text of `key` with its `{name}` placeholders filled from `values`. A value that the
    /// catalogue itself names (`value.NAME.VALUE`, such as `value.noun.visit`) is said in the
    /// language; every other value (ids, dates, file names, record text) is kept as it is.
    public func text(_ key: String, _ values: [String: String]) -> String {
        let template = self[key]
        guard !values.isEmpty, template.contains("{") else { return template }
        let table = Catalogue.table(lang)
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] {
                out += table["value.\(name).\(value)"] ?? value
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// A finding's message in this language: from its code, else the English it was written in.
    public func message(_ f: Finding) -> String {
        guard let code = f.code, has("finding.\(code.rawValue)") else { return f.saidByCode ? f.code!.rawValue : f.message }
        return text("finding.\(code.rawValue)", f.values)
    }

    /// A finding's hint in this language (nil when it has none). A finding said by its code
    /// alone (the core's) has the catalogue's hint for the code, if there is one.
    public func hint(_ f: Finding) -> String? {
        if f.saidByCode, let code = f.code {
            return has("finding.\(code.rawValue).hint") ? text("finding.\(code.rawValue).hint", f.values) : nil
        }
        guard let hint = f.hint else { return nil }
        guard let code = f.code, has("finding.\(code.rawValue).hint") else { return hint }
        return text("finding.\(code.rawValue).hint", f.values)
    }
}
