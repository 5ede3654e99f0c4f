import HuifangCore

/// Text given to a string option of a writing command, trimmed. An empty or blank value says
/// nothing: it is refused with the option named, never stored and never silently replaced by a
/// default. `required` only changes the hint (an optional option may be left out instead).
func optionText(_ value: String?, _ flag: String, required: Bool = false) throws -> String? {
    guard let value else { return nil }
    let text = value.trimmed
    if text.isEmpty {
        throw CommandFailure.usage(Message("error.empty-option", ["option": flag]),
                                   hint: Message(required ? "hint.empty-option" : "hint.empty-option.optional", ["option": flag]))
    }
    return text
}

func optionText(_ value: String, _ flag: String) throws -> String {
    try optionText(Optional(value), flag, required: true) ?? ""
}

/// The values of a repeatable option: each checked as `optionText`, each kept once, in the
/// order first given (`--tag erp --tag erp` is one tag).
func optionList(_ values: [String], _ flag: String) throws -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    for v in values {
        let text = try optionText(Optional(v), flag) ?? ""
        if seen.insert(text).inserted { out.append(text) }
    }
    return out
}

/// Values in the order first seen, each once (ids that two prefixes named, parsed contacts).
func distinct<T: Hashable>(_ values: [T]) -> [T] {
    var seen = Set<T>()
    return values.filter { seen.insert($0).inserted }
}
