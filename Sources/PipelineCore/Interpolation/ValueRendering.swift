/// Where a template puts a value, which decides how a list or a dict is written.
///
/// - `text`: into another value, a path or a message: `[64, 32]`, `{team: ml}`.
/// - `commandLine`: into a `run:` command: a list becomes its items as separate shell words,
///   each quoted when needed (`--layers ${layers}` reaches `argparse`'s `nargs='+'` as `64 32`),
///   and a dict becomes one quoted word of JSON (`'{"team":"ml"}'`, for `json.loads`); strings
///   and numbers go in as they are.
/// - `environment`: into an environment variable: lists and dicts as compact JSON.
package enum RenderingContext: Sendable, Hashable {
  case text
  case commandLine
  case environment
}

extension Value {
  /// The value as a template writes it in `context`, secrets in clear (the caller marks the
  /// result secret).
  package func rendered(for context: RenderingContext) -> String {
    switch (context, self) {
    case (.commandLine, .list(let items)):
      return items.map { ShellWord.quoted($0.rendered(for: .text)) }.joined(separator: " ")
    case (.commandLine, .dict):
      return ShellWord.quoted(JSONWriter.text(revealedJSON))
    case (.environment, .list), (.environment, .dict):
      return JSONWriter.text(revealedJSON)
    default:
      return revealedText
    }
  }

  /// Plain JSON with secrets in clear (for a step's environment only).
  private var revealedJSON: JSONValue {
    switch self {
    case .secret(let secret): return .string(secret.revealed())
    case .list(let items): return .array(items.map(\.revealedJSON))
    case .dict(let entries): return .object(entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value.revealedJSON) })
    default: return plainJSON
    }
  }
}
