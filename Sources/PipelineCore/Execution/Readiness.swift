/// The steps of a plan that may be ready to run, kept up to date as steps settle, so that
/// finding the ready steps looks at a few candidates instead of every step not yet settled.
///
/// A step not among the candidates is known not to be ready: it has a result, is running,
/// or waits for a need without one. It can only become ready when one of its needs settles
/// (its dependents become candidates) or when it stops running without a result (an
/// interrupted step becomes a candidate again).
struct Readiness {
  /// Plan positions of the candidates, ascending.
  private(set) var candidates: [Int]
  /// Each step's plan position, by name.
  private let positions: [String: Int]
  /// For each plan position, the positions of the steps that need that step.
  private let dependents: [[Int]]

  /// The candidates of `plan` given the steps with a result so far: every step whose needs
  /// all have a result (at the start of a run, the steps that need nothing).
  init(_ plan: Plan, settled results: [String: StepRecord]) {
    var positions: [String: Int] = [:]
    for (index, planned) in plan.steps.enumerated() { positions[planned.name] = index }
    var dependents = [[Int]](repeating: [], count: plan.steps.count)
    for (index, planned) in plan.steps.enumerated() {
      for need in planned.step.needs {
        if let position = positions[need] { dependents[position].append(index) }
      }
    }
    self.positions = positions
    self.dependents = dependents
    self.candidates = plan.steps.indices.filter { index in
      plan.steps[index].step.needs.allSatisfy { results[$0] != nil }
    }
  }

  /// Drops the candidate at `offset` in `candidates` (it turned out not to be ready).
  mutating func remove(at offset: Int) { candidates.remove(at: offset) }

  /// The step `name` got its result: the steps that need it become candidates.
  mutating func settled(_ name: String) {
    guard let position = positions[name] else { return }
    for dependent in dependents[position] { insert(dependent) }
  }

  /// The step `name` may be ready again (it stopped without a result).
  mutating func mayBeReady(_ name: String) {
    if let position = positions[name] { insert(position) }
  }

  private mutating func insert(_ position: Int) {
    var low = 0
    var high = candidates.count
    while low < high {
      let middle = (low + high) / 2
      if candidates[middle] < position { low = middle + 1 } else { high = middle }
    }
    if low == candidates.count || candidates[low] != position { candidates.insert(position, at: low) }
  }
}
