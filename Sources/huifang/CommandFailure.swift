import HuifangStore

/// A command that cannot go on: the message, what to do, and the exit code of README.md
/// (64 usage, 65 bad data, 66 no repository, 75 locked).
struct CommandFailure: Error {
    var message: String
    var hint: String?
    var code: Int32

    static func usage(_ message: String, hint: String? = nil) -> CommandFailure {
        CommandFailure(message: message, hint: hint, code: 64)
    }

    static func data(_ message: String, hint: String? = nil) -> CommandFailure {
        CommandFailure(message: message, hint: hint, code: 65)
    }

    init(message: String, hint: String?, code: Int32) {
        self.message = message
        self.hint = hint
        self.code = code
    }

    init(_ error: StoreError) {
        self.init(message: error.description, hint: error.hint, code: error.exitCode)
    }
}
