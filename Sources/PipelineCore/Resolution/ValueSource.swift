/// Where a binding was written: the provenance `explain` shows.
package enum ValueSource: Sendable, Hashable, CustomStringConvertible {
  /// The `default:` in the pipeline file.
  case pipelineDefault(SourceLocation)
  /// A params file (`params.yaml` or `load --params FILE`).
  case paramsFile(SourceLocation)
  /// A profile in the pipeline file.
  case profile(String, SourceLocation)
  /// A `PIPESHELL_<NAME>` environment variable.
  case environment(String)
  /// A command (`set`, `secret`, `--set`, a run override) and where it was typed.
  case command(String, CommandOrigin)

  package var description: String {
    switch self {
    case .pipelineDefault(let at), .paramsFile(let at): return at.short
    case .profile(let name, let at): return "\(name)  \(at.short)"
    case .environment(let variable): return variable
    case .command(let text, let origin): return "\(text)  (\(origin))"
    }
  }
}

/// Where a command was typed.
package enum CommandOrigin: Sendable, Hashable, CustomStringConvertible {
  case prompt(line: Int)
  case script(file: String, line: Int)
  /// `--set` or `--profile` on the command line.
  case commandLine
  /// `pipeshell -c "..."`.
  case commandOption(index: Int)

  package var description: String {
    switch self {
    case .prompt(let line): return "prompt, line \(line)"
    case .script(let file, let line):
      return "\(file.split(separator: "/").last.map(String.init) ?? file):\(line)"
    case .commandLine: return "command line"
    case .commandOption(let index): return "-c, command \(index)"
    }
  }
}

/// One parameter bound in one layer.
package struct Binding: Sendable, Hashable {
  package var name: String
  package var raw: RawValue
  package var layer: Layer
  package var source: ValueSource

  package init(name: String, raw: RawValue, layer: Layer, source: ValueSource) {
    self.name = name
    self.raw = raw
    self.layer = layer
    self.source = source
  }

  /// True for a secret bound by its source (`--from-env` ...).
  package var isSecretSource: Bool {
    if case .secretSource = raw { return true }
    return false
  }

  /// The value as written, for `explain` (secrets masked).
  package var writtenText: String {
    switch raw {
    case .text(let text): return text
    case .yaml(let node): return YAMLText.render(node)
    case .value(let value): return value.literal
    case .secret: return Secret.mask
    case .secretSource(let source): return "\(Secret.mask) (\(source))"
    }
  }
}

/// Renders a YAML node back to compact flow text for display.
package enum YAMLText {
  package static func render(_ node: YAMLNode) -> String {
    switch node.kind {
    case .scalar(let text, let quoted): return quoted ? Value.quoted(text) : text
    case .sequence(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
    case .mapping(let pairs):
      return "{" + pairs.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
    }
  }
}
