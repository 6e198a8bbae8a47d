import PipelineCore

/// Keeps lines that may hold a secret's value out of the history (the history file, the line
/// editor's list and the list `history` shows in scripts).
///
/// A line is kept out when it holds a known secret value, when it gives a `secret` command
/// anything but a name and a `--from-env`/`--from-file`/`--from-cmd` source (`secret tok
/// VALUE`, mistyped or not), when it gives a secret parameter a value (`set tok VALUE`,
/// `tok=VALUE` on any command), or when it cannot be split into words and looks like one of
/// those: better a line missing from the history than a secret in it.
package enum HistoryFilter {
  /// The `secret` command's source options.
  static let sourceOptions: Set<String> = ["--from-env", "--from-file", "--from-cmd"]

  /// False when the line must not enter the history of `session`.
  @MainActor
  package static func allows(_ line: String, in session: ShellSession) -> Bool {
    allows(line, pipeline: session.pipeline, secrets: KnownSecrets.values(of: session))
  }

  /// False when the line must not enter the history.
  package static func allows(_ line: String, pipeline: Pipeline?, secrets: [String]) -> Bool {
    if secrets.contains(where: { !$0.isEmpty && line.contains($0) }) { return false }
    let secretNames = Set(pipeline?.parameters.filter(\.isSecret).map(\.name) ?? [])
    let commands: [[String]]
    switch Lexer.split(line) {
    case .success(let parsed): commands = parsed.map { $0.map(\.text) }
    case .failure: commands = roughWords(line)
    }
    return !commands.contains { mayHoldSecret($0, secretNames: secretNames) }
  }

  /// True when a command's words may give a secret's value.
  static func mayHoldSecret(_ words: [String], secretNames: Set<String>) -> Bool {
    guard let command = words.first else { return false }
    let arguments = Array(words.dropFirst())
    if command == "secret" {
      let safe = arguments.count <= 1 || (arguments.count == 3 && sourceOptions.contains(arguments[1]))
      if !safe { return true }
    }
    func isSecret(_ typed: Substring) -> Bool {
      secretNames.contains(ParameterName.canonical(String(typed)) ?? String(typed))
    }
    if command == "set", arguments.count >= 2, isSecret(arguments[0][...]) { return true }
    return arguments.contains { word in
      guard let equals = ParameterName.assignmentIndex(in: word) else { return false }
      return isSecret(word[..<equals])
    }
  }

  /// The words of a line the lexer refused (an unclosed quote), split at blanks and `;`
  /// with quote characters dropped: close enough to tell what the line would have done.
  static func roughWords(_ line: String) -> [[String]] {
    line.split(separator: ";").map { command in
      command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { word in
        String(word.filter { $0 != "\"" && $0 != "'" && $0 != "\\" })
      }
    }
  }
}
