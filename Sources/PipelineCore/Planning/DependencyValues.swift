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

  /// What one step gets from the parameters it reads: their values, and the variables they
  /// give it. Steps that read the same names share these arrays: the planned steps of a DVC
  /// group hold one copy instead of thousands.
  struct Found {
    var values: [ParameterValue] = []
    var environment: [EnvironmentVariable] = []
  }

  private let snapshot: Snapshot
  private var made: [String: Entry?] = [:]
  /// The last names asked for and what they gave: the steps of a DVC group read the same ones.
  private var last: (names: [String], found: Found)?

  init(snapshot: Snapshot) {
    self.snapshot = snapshot
  }

  /// The values and variables of the `names` that have a value, in their order.
  mutating func values(of names: [String]) -> Found {
    if let last, last.names == names { return last.found }
    var found = Found()
    found.values.reserveCapacity(names.count)
    found.environment.reserveCapacity(names.count)
    for name in names {
      guard let entry = entry(for: name) else { continue }
      found.values.append(entry.value)
      if let variable = entry.environment { found.environment.append(variable) }
    }
    last = (names, found)
    return found
  }

  private mutating func entry(for name: String) -> Entry? {
    if let entry = made[name] { return entry }
    if made.isEmpty { made.reserveCapacity(min(snapshot.parameters.count, 1024)) }
    let entry = snapshot.parameters[name].flatMap { resolved in
      resolved.value.map { value in
        Entry(
          value: ParameterValue(name: name, value: value, isSecret: resolved.isSecret),
          environment: resolved.isSecret
            ? nil
            : .plain(ParameterName.stepVariable(name), value.rendered(for: .environment)))
      }
    }
    made[name] = entry
    return entry
  }
}
