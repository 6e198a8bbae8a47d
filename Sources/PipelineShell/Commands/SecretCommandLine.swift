import PipelineCore

/// The forms `secret` accepts, checked before anything else so that a value typed after the
/// name (`secret tok VALUE`, by mistake or not) is refused without being repeated: errors are
/// shown, and may be kept in logs and terminal scrollback.
enum SecretCommandLine {
  static let options = ["--from-env", "--from-file", "--from-cmd"]

  /// Accepts `secret NAME` and `secret NAME --from-... SOURCE`; refuses anything else without
  /// quoting the words after the name.
  static func check(_ arguments: [String], usage: String) throws(CommandError) {
    guard arguments.count > 1 else { return }
    let name = arguments[0]
    guard arguments[1].hasPrefix("--") else {
      throw .usage(
        "a secret's value is never typed after 'secret \(name)': the line would be kept in the history (it was not)",
        notes: [
          "type it without echo with 'secret \(name)'",
          "or bind a source: 'secret \(name) --from-env VAR' (or --from-file PATH, --from-cmd \"COMMAND\")",
        ])
    }
    guard options.contains(arguments[1]) else { throw unknownOption(arguments[1], usage: usage) }
    guard arguments.count == 3 else {
      throw .usage(
        arguments.count == 2 ? "'\(arguments[1])' needs a value" : "'\(arguments[1])' takes one value",
        notes: [
          "quote a command or path with spaces: secret \(name) --from-cmd \"vault read token\"", "usage: \(usage)",
        ])
    }
  }

  /// An option `secret` does not know. It is repeated only when it is close to one it does
  /// know: anything else may be a value typed by mistake.
  static func unknownOption(_ flag: String, usage: String) -> CommandError {
    guard let match = Suggestion.closest(to: flag, in: options) else {
      return .usage("unknown option after the name (not repeated here: it may be a secret)", notes: ["usage: \(usage)"])
    }
    return .usage("unknown option '\(flag)'", notes: ["did you mean '\(match)'?", "usage: \(usage)"])
  }
}
