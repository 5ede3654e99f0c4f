import HuifangCore
import HuifangReport
import HuifangStore

#if canImport(Glibc)
    import Glibc
#endif

/// The language of huifang's messages (errors, hints, warnings, `check` findings): the
/// language the command speaks (`Catalogue.current`, see CommandLanguage.swift: --lang, else
/// $HUIFANG_LANG, else the repository's `language:` once known, else the locale, else English).
/// A message printed before the repository is known (no repository, a bad -C) uses the same
/// order without the repository.
enum MessageLanguage {
    /// The repository's `language:`, set as soon as huifang.yaml is read (`peek`, `check`):
    /// from then on messages speak it unless --lang or $HUIFANG_LANG say otherwise.
    nonisolated(unsafe) static var repository: Language? {
        didSet {
            let asked = CommandContext.languageArgument(Array(CommandLine.arguments.dropFirst()))
                ?? CommandContext.environmentLanguage.flatMap { Language(rawValue: $0) }
            Catalogue.current = Catalogue(asked ?? repository ?? CommandContext.language(asked: nil))
        }
    }

    /// The catalogue messages are printed from now.
    static var catalogue: Catalogue { Catalogue.current }
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
