import ArgumentParser
import HuifangReport

/// ArgumentParser's own usage errors ("Error: Missing expected argument '<project>'", "Unknown
/// option '--x'", ... and the "Usage:" and "See 'huifang visit log --help' for more
/// information." lines under them) in the catalogue's words, in the language the command would
/// have spoken (`CommandContext.presetLanguage`: --lang, $HUIFANG_LANG, the repository's
/// `language:` found from -C or the working folder, the locale, else English).
///
/// ArgumentParser 1.8.2's error types (`ParserError`, `CommandError`) are internal: what it
/// wrote is read back instead, one form per case of `ErrorMessageGenerator.makeErrorMessage`
/// (Usage/UsageGenerator.swift). A message of a form not known here is printed as
/// ArgumentParser wrote it: the error is never lost. The usage line is kept (it is syntax);
/// the argument's own help text (ArgumentParser's "Help:" line, English like `--help`) is kept
/// in English only.
struct ParseFailure {
    /// What was wrong, in the catalogue's words.
    var message: Message
    /// ArgumentParser's "Help:" line without its label: the argument and its help text.
    var detail: String?
    /// The usage synopsis ("huifang visit log [<options>] <project>"); empty when there is none.
    var usage: String
    /// The command that explains more ("huifang visit log --help").
    var helpCommand: String

    /// The failure ArgumentParser's `message` (without "Error: ") and `full` text
    /// (`fullMessage(for:)`) describe; nil when either is of a form not known here.
    init?(message: String, full: String) {
        guard let said = Self.message(message) else { return nil }
        // full = "Error: MESSAGE\n" ["Help:  HELP\n"] ["Usage: USAGE\n"] "  See 'COMMAND' for more information."
        let opening = "Error: " + message + "\n"
        guard full.hasPrefix(opening),
              let see = full.range(of: "  See '", options: .backwards),
              full.hasSuffix("' for more information."),
              see.lowerBound >= full.index(full.startIndex, offsetBy: opening.count) else { return nil }
        helpCommand = String(full[see.upperBound..<full.index(full.endIndex, offsetBy: -"' for more information.".count)])
        var middle = full[full.index(full.startIndex, offsetBy: opening.count)..<see.lowerBound]
        if middle.hasSuffix("\n") { middle = middle.dropLast() }
        var usage = ""
        if let u = middle.range(of: "Usage: ", options: .backwards), u.lowerBound == middle.startIndex || middle[middle.index(before: u.lowerBound)] == "\n" {
            usage = String(middle[u.upperBound...])
            middle = middle[..<u.lowerBound]
            if middle.hasSuffix("\n") { middle = middle.dropLast() }
        }
        if middle.hasPrefix("Help:  ") {
            detail = String(middle.dropFirst("Help:  ".count))
        } else if middle.isEmpty {
            detail = nil
        } else {
            return nil  // something between the message and the usage that is not known here
        }
        guard !usage.contains("\n"), !helpCommand.contains("\n") else { return nil }
        self.message = said
        self.usage = usage
    }

    /// The lines to print: the message, the argument's help (in English only), the usage and
    /// where to read more.
    func text(_ c: Catalogue) -> String {
        var s = "huifang: " + Console.labelled(c["msg.error"]) + message.parseText(c) + "\n"
        if c.lang == .en, let detail, !detail.isEmpty { s += "  " + detail + "\n" }
        if !usage.isEmpty { s += c.text("parse.usage", ["usage": usage]) + "\n" }
        s += Console.labelled(c["msg.hint"]) + c.text("parse.see-help", ["command": helpCommand]) + "\n"
        return s
    }

    /// ArgumentParser's message in the catalogue's words: one form per case it writes.
    static func message(_ m: String) -> Message? {
        if let a = m.wholeMatch(of: #/Missing expected argument '(.*)'/#) {
            return Message("parse.missing-argument", ["argument": String(a.1)])
        }
        if m.hasPrefix("Missing one of: ") {
            let names = quoted(m.dropFirst("Missing one of: ".count))
            guard names.count > 1 else { return nil }
            return Message("parse.missing-one-of", ["arguments": names.joined(separator: "\u{1}")])
        }
        if let a = m.wholeMatch(of: #/Unknown option '([^']*)'\. Did you mean '([^']*)'\?/#) {
            return Message("parse.unknown-option.suggest", ["option": String(a.1), "suggestion": String(a.2)])
        }
        if let a = m.wholeMatch(of: #/Unknown option '([^']*)'/#) {
            return Message("parse.unknown-option", ["option": String(a.1)])
        }
        if let a = m.wholeMatch(of: #/Unknown option '([^']*)'(?:\. Did you mean '[^']*'\?)?\n   or: Missing value for '([^']*)' in '[^']*'/#) {
            return Message("parse.unknown-or-missing-value", ["option": String(a.1), "short": String(a.2)])
        }
        if let a = m.wholeMatch(of: #/Missing value for '([^']*)'/#) {
            return Message("parse.missing-value", ["option": String(a.1)])
        }
        if let a = m.wholeMatch(of: #/The option '([^']*)' does not take any value, but '(.*)' was specified\./#) {
            return Message("parse.takes-no-value", ["option": String(a.1), "value": String(a.2)])
        }
        if let a = m.wholeMatch(of: #/Unexpected argument '(.*)'/#) {
            return Message("parse.unexpected-argument", ["value": String(a.1)])
        }
        if let a = m.wholeMatch(of: #/(\d+) unexpected arguments: (.*)/#) {
            let values = quoted(a.2)
            guard values.count == Int(a.1) else { return nil }  // a value holding a quote
            return Message("parse.unexpected-arguments", ["count": String(a.1), "values": values.joined(separator: "\u{1}")])
        }
        if let a = m.wholeMatch(of: #/Value to be set with flag '([^']*)'.* had already been set with flag '([^']*)'.*/#) {
            return Message("parse.given-twice", ["option": String(a.1), "previous": String(a.2)])
        }
        if let a = m.wholeMatch(of: #/(?s)The value '(.*)' is invalid for '([^']*)'\. Please provide one of (.*)/#) {
            let list = String(a.3)
            let choices = list.hasPrefix("the following:\n")
                ? list.split(separator: "\n").dropFirst().map { String($0.drop { $0 == " " || $0 == "-" }) }
                : quoted(list[...])
            guard !choices.isEmpty else { return nil }
            return Message("parse.invalid-choice", ["value": String(a.1), "option": String(a.2), "choices": choices.joined(separator: "\u{1}")])
        }
        if let a = m.wholeMatch(of: #/(?s)The value '(.*)' is invalid for '([^']*)': (.*)/#) {
            // A transform's own refusal (risk levels, review periods), already in the catalogue's words.
            return Message("error.bad-argument", ["option": String(a.2.prefix { $0 != " " }), "problem": String(a.3)])
        }
        if let a = m.wholeMatch(of: #/The value '(.*)' is invalid for '([^']*)'/#) {
            return Message("parse.invalid-value", ["value": String(a.1), "option": String(a.2)])
        }
        if let a = m.wholeMatch(of: #/Invalid option: (.*)/#) {
            return Message("parse.invalid-option", ["option": String(a.1)])
        }
        if m == "Missing required subcommand." {
            return Message("parse.missing-subcommand")
        }
        return nil
    }

    /// The texts between single quotes of a list such as "'a', 'b' or 'c'."
    static func quoted(_ s: Substring) -> [String] {
        s.matches(of: #/'([^']*)'/#).map { String($0.1) }
    }
}

extension Message {
    /// The text, with a list of names (joined by U+0001 in `values`) written as the catalogue
    /// writes lists: 'a'、'b' in zh, 'a', 'b' in en.
    func parseText(_ c: Catalogue) -> String {
        var values = self.values
        for (name, value) in values where value.contains("\u{1}") {
            values[name] = value.split(separator: "\u{1}", omittingEmptySubsequences: false).map { "'\($0)'" }.joined(separator: c["msg.list.comma"])
        }
        return c.text(key, values)
    }
}
