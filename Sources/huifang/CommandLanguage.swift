import ArgumentParser
import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

// The language a command speaks. `ctx.catalogue(r)` decides it once a repository is read
// (--lang, else $HUIFANG_LANG, else huifang.yaml's `language:`); before that, or without a
// repository, `CommandContext.language(_:)` answers (--lang, $HUIFANG_LANG, the locale).

extension GlobalOptions {
    /// The language asked for on the command line or in the environment: --lang, else
    /// $HUIFANG_LANG (--lang wins); nil when neither is given. A $HUIFANG_LANG that is not zh or
    /// en is a usage error (--lang's own value is checked by the argument parser).
    func requestedLanguage() throws -> Language? {
        if let lang { return lang }
        guard let text = CommandContext.environmentLanguage else { return nil }
        guard let l = Language(rawValue: text) else {
            throw CommandFailure.usage(Message("error.huifang-lang", ["text": text]), hint: Message("hint.huifang-lang"))
        }
        return l
    }
}

extension CommandContext {
    /// $HUIFANG_LANG as set (nil when unset or empty).
    static var environmentLanguage: String? {
        guard let env = getenv("HUIFANG_LANG") else { return nil }
        let text = String(cString: env).trimmed
        return text.isEmpty ? nil : text
    }

    /// The language before a repository is found (or when there is none): --lang, else
    /// $HUIFANG_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG: the first one set; zh... is
    /// Chinese), else English. Never fails: a bad $HUIFANG_LANG is refused by the command
    /// itself (`GlobalOptions.requestedLanguage`), not here.
    static func language(_ global: GlobalOptions?) -> Language { language(asked: global?.lang) }

    /// `language(_:)` with --lang's value given directly (nil: not given).
    static func language(asked: Language?) -> Language {
        if let asked { return asked }
        if let text = environmentLanguage, let l = Language(rawValue: text) { return l }
        let names: [String] = ["LC_ALL", "LC_MESSAGES", "LANG"]
        let values = names.compactMap { (name: String) -> String? in
            guard let v = getenv(name) else { return nil }
            return String(cString: v)
        }
        return localeLanguage(values.first { !$0.isEmpty })
    }

    /// The language of a locale value such as `zh_CN.UTF-8` (Chinese) or `C` / `en_US` (English).
    static func localeLanguage(_ value: String?) -> Language {
        value?.lowercased().hasPrefix("zh") == true ? .zh : .en
    }

    /// `--lang X` or `--lang=X` among the raw arguments, for text printed when the arguments
    /// could not be parsed (nil when absent or not zh/en).
    static func languageArgument(_ arguments: [String]) -> Language? {
        for (i, a) in arguments.enumerated() {
            if a == "--" { break }
            if a == "--lang", i + 1 < arguments.count { return Language(rawValue: arguments[i + 1]) }
            if a.hasPrefix("--lang=") { return Language(rawValue: String(a.dropFirst("--lang=".count))) }
        }
        return nil
    }

    /// Sets `Catalogue.current` at start-up, before anything is parsed: --lang among the
    /// arguments, else $HUIFANG_LANG, else the locale. `catalogue(_:)` refines it once
    /// huifang.yaml is read.
    /// Without --lang and $HUIFANG_LANG, the repository's `language:` (the one -C or the
    /// current folder is in) decides already: an argument refused while parsing (a bad
    /// --period, --date or --within) is said in it.
    static func presetLanguage(_ arguments: [String]) {
        let asked = languageArgument(arguments)
        Catalogue.current = Catalogue(language(asked: asked))
        guard asked == nil, environmentLanguage == nil,
              let found = try? Repository.discover(from: directoryArgument(arguments) ?? ".") else { return }
        MessageLanguage.peek(found)
    }

    /// `-C DIR` among the raw arguments (nil when absent).
    static func directoryArgument(_ arguments: [String]) -> String? {
        for (i, a) in arguments.enumerated() {
            if a == "--" { break }
            if a == "-C", i + 1 < arguments.count { return arguments[i + 1] }
        }
        return nil
    }
}
