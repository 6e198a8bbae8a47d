/// The values of the parameters steps read, and the `PARAM_*` variables they get, each made
/// once per plan: thousands of steps (a DVC `matrix`) share a few parameters, and rendering a
/// dictionary value for the environment costs more than the rest of a step's plan.
struct DependencyValues {
  /// One parameter a step reads, with its value.
  struct Entry {
    var value: ParameterValue
    /// `PARAM_<NAME>=value`; none for a secret, which only reaches a step where it is written.
    var environment: EnvironmentVariable?
  }

  private let snapshot: Snapshot
  private var made: [String: Entry?] = [:]
  /// The last names asked for and their entries: the steps of a DVC group read the same ones.
  private var last: (names: [String], entries: [Entry])?

  init(snapshot: Snapshot) {
    self.snapshot = snapshot
  }

  /// The entries of the `names` that have a value, in their order.
  mutating func values(of names: [String]) -> [Entry] {
    if let last, last.names == names { return last.entries }
    let entries = names.compactMap { name -> Entry? in
      if let entry = made[name] { return entry }
      let entry = snapshot.parameters[name].flatMap { resolved in
        resolved.value.map { value in
          Entry(
            value: ParameterValue(name: name, value: value, isSecret: resolved.isSecret),
            environment: resolved.isSecret
              ? nil
              : .plain("PARAM_" + ParameterName.environmentSuffix(name), value.rendered(for: .environment)))
        }
      }
      made[name] = entry
      return entry
    }
    last = (names, entries)
    return entries
  }
}
