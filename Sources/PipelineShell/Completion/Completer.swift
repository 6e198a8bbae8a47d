import PipelineCore

/// Completes the word before the cursor from the command grammar: command names first, then
/// what each command declares for its arguments (parameters, their values, `NAME=` overrides,
/// steps, profiles, paths). Pure: it reads the pipeline and folders it is given, nothing else.
@MainActor
package struct Completer: Sendable {
  /// The commands, for names and for what their arguments complete to.
  package var registry: CommandRegistry
  /// The loaded pipeline (parameters, steps, profiles); nil before `load`.
  package var pipeline: Pipeline?
  /// Where path completion lists folders.
  package var fileSystem: any FileSystem
  /// The folder relative paths complete against.
  package var baseFolder: String

  /// A completer over explicit values (tests use it with a fake file system).
  package init(registry: CommandRegistry, pipeline: Pipeline?, fileSystem: any FileSystem, baseFolder: String) {
    self.registry = registry
    self.pipeline = pipeline
    self.fileSystem = fileSystem
    self.baseFolder = baseFolder
  }

  /// The completer for the session's current pipeline and folder.
  package init(registry: CommandRegistry, session: ShellSession, fileSystem: any FileSystem) {
    self.init(registry: registry, pipeline: session.pipeline, fileSystem: fileSystem, baseFolder: session.baseFolder)
  }

  /// The candidates for the word that ends `lineBeforeCursor`.
  package func complete(_ lineBeforeCursor: String) -> Completion {
    guard let line = CompletionLine(lineBeforeCursor) else { return .none }
    guard let commandName = line.words.first else {
      return completion(line, words(registry.names))
    }
    guard let command = registry.command(named: commandName) else { return .none }
    let arguments = Array(line.words.dropFirst())
    if line.value.hasPrefix("-"), !command.flagNames.isEmpty { return completion(line, words(command.flagNames)) }
    let kind = command.completion(argumentIndex: arguments.count, previous: arguments)
    return completion(line, candidates(for: kind, value: line.value, previous: arguments))
  }

  private func candidates(for kind: CompletionKind, value: String, previous: [String]) -> [Entry] {
    if let eq = ParameterName.assignmentIndex(in: value), Self.takesOverrides(kind) {
      let name = String(value[..<eq])
      guard let spec = pipeline?.parameter(ParameterName.canonical(name) ?? name), !spec.isSecret else { return [] }
      return values(of: spec, typed: String(value[value.index(after: eq)...])).map {
        Entry(value: name + "=" + $0.value, display: $0.display, complete: $0.complete)
      }
    }
    switch kind {
    case .none: return []
    case .commands: return words(registry.names)
    case .parameters: return words(pipeline?.parameterNames ?? [])
    case .parameterValues:
      guard let name = previous.last, let spec = pipeline?.parameter(ParameterName.canonical(name) ?? name) else {
        return []
      }
      return values(of: spec, typed: value)
    case .overrides:
      let names = pipeline?.parameters.filter { !$0.isSecret }.map(\.name) ?? []
      return names.map { Entry(value: $0 + "=", display: $0 + "=", complete: false) }
    case .steps: return words(pipeline?.steps.map(\.name) ?? [])
    case .profiles: return words((pipeline?.profiles.map(\.name) ?? []) + ["none"])
    case .paths: return paths(value)
    case .words(let list): return words(list)
    }
  }

  /// Whether a word with `=` in this position is a `NAME=VALUE` override.
  private static func takesOverrides(_ kind: CompletionKind) -> Bool {
    switch kind {
    case .parameters, .overrides, .steps: return true
    default: return false
    }
  }

  /// The values a parameter allows: its choices, the bool words, or paths for a path.
  private func values(of spec: ParameterSpec, typed: String) -> [Entry] {
    switch spec.type {
    case .choice(let choices): return words(choices)
    case .bool: return words(Self.boolWords)
    case .path: return paths(typed)
    default: return []
    }
  }

  private func paths(_ typed: String) -> [Entry] {
    PathCandidates(fileSystem: fileSystem, baseFolder: baseFolder).entries(for: typed)
  }

  /// The bool words offered (the spellings people type; `1`/`0` are accepted but not offered).
  static let boolWords = ["true", "false", "yes", "no", "on", "off"]

  private func words(_ list: [String]) -> [Entry] { list.map { Entry(value: $0, display: $0, complete: true) } }

  private func completion(_ line: CompletionLine, _ entries: [Entry]) -> Completion {
    let matching = entries.filter { $0.value.hasPrefix(line.value) }
    return Completion(
      typed: line.typed,
      candidates: matching.map {
        CompletionCandidate(
          text: line.rawWord(for: $0.value, complete: $0.complete), display: $0.display, isComplete: $0.complete)
      })
  }
}

/// A candidate before escaping: the unescaped word, what a list shows, and whether it is whole.
struct Entry: Equatable {
  var value: String
  var display: String
  var complete: Bool
}
