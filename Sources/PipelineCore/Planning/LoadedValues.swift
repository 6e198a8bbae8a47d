/// The parameters of a snapshot whose value is the one their params file held when the
/// pipeline was loaded (`ParameterSpec.loadedValue`), free of secrets and problems. A template
/// that reads only these renders as it did at load (`Template.loadedText`), so a plan of
/// thousands of DVC stages takes that text instead of rendering every command and path again.
/// Any other value renders again: a `set`, a profile, a run's or a sweep's value, an
/// environment variable or another params file that gives another value, a type that changes
/// it (`10` declared `float`), and a rerun's recorded value where the file was edited since.
struct LoadedValues: Sendable {
  private let names: Set<String>
  /// True when every value of the params files is as loaded (a plan with no value changed): a
  /// loaded text then stands without looking up what it reads, as DVC's templates read only
  /// those values (a secret the overlay declares is not one of them).
  private let everyValue: Bool

  init(_ snapshot: Snapshot) {
    var names = Set<String>()
    var changed = false
    for (name, resolved) in snapshot.parameters where resolved.spec.loadedValue != nil {
      if Self.isAsLoaded(resolved) { names.insert(name) } else { changed = true }
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
    guard resolved.problem == nil, !resolved.isSecret, let value = resolved.value else { return false }
    return value == resolved.spec.loadedValue
  }
}
