import Synchronization

/// The outside-world reads of one run (or of one `params`/`plan`): each `${cmd:...}`,
/// `${file:...}` and `${env:...}`, and each secret source, read once and remembered, so every
/// parameter and every step of the run sees the same value, and a replan after `set` while
/// paused sees it again. The values read (all but secrets' and those that went into a secret)
/// are recorded with the run; a rerun starts from them (`pinned`), so it reproduces the run.
package final class DynamicValues: Sendable {
  private struct State {
    var results: [String: Result<String, DynamicSourceFailure>] = [:]
    /// Non-secret reads, in the order they were first made.
    var order: [String] = []
    /// Sources whose values went into a secret: never recorded.
    var secret: Set<String> = []
  }

  package let sources: any DynamicSources
  /// The process environment `${env:...}` reads and `--from-env` secrets come from.
  package let environment: [String: String]
  /// The pipeline's folder: commands run there and relative files are read from there.
  package let folder: String
  private let state: Mutex<State>

  /// Reads through `sources`; `pinned` values (from an earlier run) are used instead of reading.
  package init(
    sources: any DynamicSources, environment: [String: String], folder: String, pinned: [DynamicValue] = []
  ) {
    self.sources = sources
    self.environment = environment
    self.folder = folder
    var initial = State()
    for value in pinned where initial.results[value.source] == nil {
      initial.results[value.source] = .success(value.value)
      initial.order.append(value.source)
    }
    state = Mutex(initial)
  }

  /// `${cmd:COMMAND}`: the command's standard output, trimmed, run once in the folder.
  package func command(_ command: String) -> Result<String, DynamicSourceFailure> {
    read("cmd:" + command) { sources.commandOutput(command, in: folder).map(\.trimmingSpaces) }
  }

  /// `${file:PATH}`: the file's text, trimmed.
  package func file(_ path: String) -> Result<String, DynamicSourceFailure> {
    read("file:" + path) { sources.fileContents(absolute(path)).map(\.trimmingSpaces) }
  }

  /// `${env:VAR}`: the variable's value, or nil when it is not set.
  package func environmentValue(_ name: String) -> String? {
    let value = environment[name]
    let key = "env:" + name
    let pinned = state.withLock { s -> String?? in
      if let known = s.results[key] { return .some(try? known.get()) }
      if let value {
        s.results[key] = .success(value)
        s.order.append(key)
      }
      return nil
    }
    if let pinned { return pinned }
    return value
  }

  /// A secret's source (`secret NAME --from-...`), read once and never recorded. Its failure
  /// keeps the error output apart (`messageForSecret` leaves it out: it may hold the secret).
  package func secret(_ source: SecretSource) -> Result<String, DynamicSourceFailure> {
    let key = "\u{0}secret:" + source.description
    return cached(key, recordable: false) {
      switch source {
      case .environment(let variable):
        guard let value = environment[variable] else {
          return .failure(DynamicSourceFailure("environment variable \(variable) is not set"))
        }
        return .success(value)
      case .file(let path):
        return sources.fileContents(absolute(path)).map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
      case .command(let command):
        return sources.commandOutput(command, in: folder).map(\.trimmingSpaces)
      }
    }
  }

  /// Marks sources whose values went into a secret: they are not recorded with the run.
  package func markSecret(_ sourceNames: [String]) {
    guard !sourceNames.isEmpty else { return }
    state.withLock { $0.secret.formUnion(sourceNames) }
  }

  /// Marks every source whose value holds one of `secrets`' text.
  package func markSecret(holding secrets: [String]) {
    state.withLock { s in
      for (key, result) in s.results {
        if case .success(let text) = result, secrets.contains(where: { text.contains($0) }) { s.secret.insert(key) }
      }
    }
  }

  /// The values read so far that may be recorded (not secret), in the order first read.
  package var recorded: [DynamicValue] {
    state.withLock { s in
      s.order.compactMap { key in
        guard !s.secret.contains(key), case .success(let value)? = s.results[key] else { return nil }
        return DynamicValue(source: key, value: value)
      }
    }
  }

  private func read(_ key: String, _ body: () -> Result<String, DynamicSourceFailure>) -> Result<
    String, DynamicSourceFailure
  > {
    cached(key, recordable: true, body)
  }

  private func cached(
    _ key: String, recordable: Bool, _ body: () -> Result<String, DynamicSourceFailure>
  ) -> Result<String, DynamicSourceFailure> {
    if let known = state.withLock({ $0.results[key] }) { return known }
    let result = body()
    return state.withLock { s in
      if let raced = s.results[key] { return raced }
      s.results[key] = result
      if recordable { s.order.append(key) }
      return result
    }
  }

  private func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : folder + "/" + path }
}
