import HuifangReport
import HuifangStore

/// A command that cannot go on: the message, what to do, and the exit code of README.md
/// (64 usage, 65 bad data, 66 no repository, 75 locked). The words are chosen when the
/// failure is printed, in the language of the messages (`MessageLanguage`): a failure made
/// from catalogue keys (`Message`) is said in it; one made from a sentence (`message:`) is
/// printed as written.
struct CommandFailure: Error {
    private var say: @Sendable (Catalogue) -> (message: String, hint: String?)
    var code: Int32
    /// Whether the words come from the catalogue; a sentence written in code (not yet in the
    /// catalogue) is English, and is printed with English labels around it, not half and half.
    let translated: Bool

    /// The catalogue it is said in: the language of the messages, or English for a sentence.
    var catalogue: Catalogue { translated ? MessageLanguage.catalogue : Catalogue(.en) }
    /// The message in the language of the messages.
    var message: String { say(catalogue).message }
    /// The hint in the language of the messages.
    var hint: String? { say(catalogue).hint }

    /// The message and hint in `c`'s language.
    func text(_ c: Catalogue) -> (message: String, hint: String?) { say(c) }

    static func usage(_ message: String, hint: String? = nil) -> CommandFailure {
        CommandFailure(message: message, hint: hint, code: 64)
    }

    static func data(_ message: String, hint: String? = nil) -> CommandFailure {
        CommandFailure(message: message, hint: hint, code: 65)
    }

    static func usage(_ message: Message, hint: Message? = nil) -> CommandFailure {
        CommandFailure(message, hint: hint, code: 64)
    }

    static func data(_ message: Message, hint: Message? = nil) -> CommandFailure {
        CommandFailure(message, hint: hint, code: 65)
    }

    init(message: String, hint: String?, code: Int32) {
        self.say = { _ in (message, hint) }
        self.code = code
        self.translated = false
    }

    init(_ message: Message, hint: Message?, code: Int32) {
        self.say = { c in (message.text(c), hint?.text(c)) }
        self.code = code
        self.translated = true
    }

    /// A failure whose words `say` chooses in a catalogue's language.
    init(code: Int32, _ say: @escaping @Sendable (Catalogue) -> (message: String, hint: String?)) {
        self.say = say
        self.code = code
        self.translated = true
    }

    init(_ error: StoreError) {
        self.say = { c in (StoreErrorText.message(error, c), StoreErrorText.hint(error, c)) }
        self.code = error.exitCode
        self.translated = StoreErrorText.isTranslated(error)
    }
}
