extension LeakVectors {
  /// At a terminal: the hidden prompt, mistakes typed at the prompt, and the history file and
  /// list (the history file is under the vector's own XDG_STATE_HOME, searched with the rest).
  static func atTerminal(
    _ name: String, _ inputs: [LeakVector.TerminalInput], pipeline: String = show, expect: [String],
    disabled: String? = nil
  ) -> LeakVector {
    let runs = inputs.contains { if case .line(let text) = $0 { text.hasPrefix("run --jobs") } else { false } }
    return LeakVector(
      name: "terminal: " + name, files: ["pipeline.yaml": pipeline], environment: LeakVector.tokenEnvironment,
      arguments: ["pipeline.yaml"], session: .terminal(inputs + [.line("history")]), capturesCommandLines: runs,
      expect: expect, disabled: disabled)
  }

  static let terminal: [LeakVector] = [
    atTerminal(
      "the hidden prompt, then a run",
      [.hidden(command: "secret tok", value: "%SECRET%"), .line("get tok"), .line("run --jobs 1"), .line("logs show")],
      expect: ["shown: ****", "run 1 ok"]),
    atTerminal(
      "the hidden prompt, then save", [.hidden(command: "secret tok", value: "%SECRET%"), .line("save saved.psh")],
      expect: ["saved saved.psh"]),
    atTerminal("secret NAME VALUE typed", [.line("secret tok %SECRET%"), .line("get user")], expect: ["never typed"]),
    atTerminal("set NAME VALUE typed", [.line("set tok %SECRET%")], expect: ["'tok' is a secret"]),
    atTerminal("a run override typed", [.line("run tok=%SECRET%")], expect: ["'tok' is a secret"]),
    atTerminal(
      "secret NAME \"VALUE with an unclosed quote", [.line("secret tok \"%SECRET%")], expect: ["unclosed double quote"]),
    atTerminal(
      "a line holding the value of a bound secret",
      [.line("secret tok --from-env TOKEN"), .line("plan user=%SECRET%")], expect: ["history"]),
    atTerminal(
      "a step printing at the terminal", [.line("secret tok --from-env TOKEN"), .line("run --jobs 1")],
      expect: ["shown: ****", "run 1 ok"]),
    {
      // At a terminal `get`, `explain`, `plan` and a step's start line show control characters
      // as carets: what they show must be masked first.
      var vector = atTerminal(
        "a secret holding control characters, shown where controls become carets",
        [
          .line("secret tok --from-env TOKEN"), .line("get tok"), .line("explain tok"), .line("plan s"),
          .line("run --jobs 1"),
        ],
        expect: ["shown: ****", "run 1 ok"])
      vector.secret = LeakSecrets.controls
      return vector
    }(),
    atTerminal(
      "a step writing to /dev/tty",
      [.line("secret tok --from-env TOKEN"), .line("run --jobs 1")],
      pipeline: LeakVector.printing(#"printf 'tty: %s\n' "$TOKEN" > /dev/tty; echo done"#), expect: ["run 1 ok"]),
  ]
}
