import Foundation
import Testing

/// Issue 21: every command states its name (`commandName:`). A command without one has its
/// name made from its type's name by `String(describing:)`, which makes the Swift runtime scan
/// every protocol conformance of the binary for that type: about 1.2M instructions for each of
/// the 48 subcommands on every start of huifang, whatever the command.
@Suite struct CommandNameTests {
    @Test func everyCommandConfigurationNamesItsCommand() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/huifang")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        var configurations = 0
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            var rest = text[...]
            while let start = rest.range(of: "CommandConfiguration(") {
                configurations += 1
                // The first argument, after any spaces and newlines, is the name.
                let after = rest[start.upperBound...].drop { $0 == " " || $0 == "\n" }
                #expect(after.hasPrefix("commandName:"), "\(file): a CommandConfiguration without commandName: \(after.prefix(60))")
                rest = rest[start.upperBound...]
            }
        }
        #expect(configurations >= 70, "found only \(configurations) command configurations in \(sources.path)")
    }
}
