/// The parameters of a snapshot that still have the value their params file gave when the
/// pipeline was loaded: the `file` layer's own binding wins, unchanged by the parameter's type
/// and free of secrets and problems. A template that reads only these renders as it did at load
/// (`Template.loadedText`), so a plan of thousands of DVC stages takes that text instead of
/// rendering every command and path again; a `set`, a profile, a run's or a sweep's value, an
/// environment variable or another params file makes its parameters render again.
struct LoadedValues: Sendable {
  private let names: Set<String>
  /// True when every value of the params files is as loaded (a plan with no value set): a
  /// loaded text then stands without looking up what it reads, as DVC's templates read only
  /// those values (a secret the overlay declares is not one of them).
  private let everyValue: Bool

  init(_ snapshot: Snapshot) {
    var names = Set<String>()
    var changed = false
    for (name, resolved) in snapshot.parameters {
      if Self.isAsLoaded(resolved) {
        names.insert(name)
      } else if resolved.bindings.contains(where: { Self.isParamsFileBinding($0, of: resolved) }) {
        changed = true
      }
    }
    self.names = names
    everyValue = !changed
  }

  /// The loaded text of `template` when every parameter it reads is as loaded; else nil.
  func text(of template: Template) -> String? {
    guard let text = template.loadedText else { return nil }
    if everyValue { return text }
    var asLoaded = true
    template.forEachParameterName { name in asLoaded = asLoaded && names.contains(name) }
    return asLoaded ? text : nil
  }

  private static func isAsLoaded(_ resolved: ResolvedParameter) -> Bool {
    guard resolved.problem == nil, !resolved.isSecret, let value = resolved.value, let winner = resolved.winner,
      isParamsFileBinding(winner, of: resolved), case .value(let raw) = winner.raw
    else { return false }
    return raw == value
  }

  /// The binding the pipeline's own params file gave the parameter (where it is declared).
  private static func isParamsFileBinding(_ binding: Binding, of resolved: ResolvedParameter) -> Bool {
    binding.layer == .file && binding.source == .paramsFile(resolved.spec.location)
  }
}
