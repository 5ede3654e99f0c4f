import Testing

/// Help texts are part of the interface: reviewed in diffs like any other output.
@Suite struct HelpTests {
    @Test(arguments: [
        ["--help"], ["visit", "log", "--help"], ["issue", "--help"], ["report", "summary", "--help"], ["due", "--help"],
    ])
    func helpText(_ args: [String]) {
        let r = HuifangRunner()
        defer { r.cleanup() }
        let result = r.run(args, env: ["COLUMNS": "100"])
        #expect(result.code == 0)
        r.expectGolden(result.stdout, "help-" + args.filter { $0 != "--help" }.joined(separator: "-").ifEmpty("root") + ".txt")
    }

    @Test func completionScripts() {
        let r = HuifangRunner()
        defer { r.cleanup() }
        for shell in ["bash", "zsh", "fish"] {
            let result = r.run(["--generate-completion-script", shell])
            #expect(result.code == 0)
            #expect(result.stdout.contains("huifang"), "\(shell)")
        }
    }
}

extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
