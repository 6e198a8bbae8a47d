/// Orders steps so each comes after the steps it needs, keeping the file's order where
/// the dependencies allow; unknown `needs:` and cycles are diagnostics.
enum DependencyOrder {
  static func sorted(_ steps: [Step], diagnostics: inout [Diagnostic]) -> [Step] {
    let names = steps.map(\.name)
    let known = Set(names)
    var graph: [String: [String]] = [:]
    for step in steps {
      for need in step.needs where !known.contains(need) {
        diagnostics.append(
          Diagnostic("step '\(step.name)' needs unknown step '\(need)'", at: step.location).suggesting(
            need, from: names))
      }
      graph[step.name] = step.needs.filter { known.contains($0) }
    }
    let cycles = ReferenceCycles.find(graph)
    for cycle in cycles {
      let location = steps.first { $0.name == cycle[0] }?.location
      diagnostics.append(Diagnostic("dependency cycle: \(cycle.joined(separator: " -> "))", at: location))
    }
    if !cycles.isEmpty { return steps }
    if known.count != steps.count { return placingOneByOne(steps, graph: graph) }
    return placingReadySteps(steps, graph: graph)
  }

  /// Repeatedly places the first step (in file order) whose needs are all placed, in time
  /// linear in steps and needs: each step counts its needs not yet placed, and the ready
  /// steps wait in descending file order, so the first of them is the last element.
  private static func placingReadySteps(_ steps: [Step], graph: [String: [String]]) -> [Step] {
    var position: [String: Int] = [:]
    for (index, step) in steps.enumerated() { position[step.name] = index }
    var unplacedNeeds = [Int](repeating: 0, count: steps.count)
    var dependents = [[Int]](repeating: [], count: steps.count)
    for (index, step) in steps.enumerated() {
      for need in graph[step.name] ?? [] {
        guard let needed = position[need] else { continue }  // the graph names only steps
        unplacedNeeds[index] += 1
        dependents[needed].append(index)
      }
    }
    var ready = steps.indices.reversed().filter { unplacedNeeds[$0] == 0 }
    var ordered: [Step] = []
    ordered.reserveCapacity(steps.count)
    while let index = ready.popLast() {
      ordered.append(steps[index])
      for dependent in dependents[index] {
        unplacedNeeds[dependent] -= 1
        guard unplacedNeeds[dependent] == 0 else { continue }
        var low = 0
        var high = ready.count
        while low < high {
          let middle = (low + high) / 2
          if ready[middle] > dependent { low = middle + 1 } else { high = middle }
        }
        ready.insert(dependent, at: low)
      }
    }
    return ordered
  }

  /// The same order for steps that share a name (already a diagnostic): the needs of a name
  /// are those of its last step, and placing a name places all its steps.
  private static func placingOneByOne(_ steps: [Step], graph: [String: [String]]) -> [Step] {
    var placed = Set<String>()
    var ordered: [Step] = []
    var remaining = steps
    while !remaining.isEmpty {
      guard let index = remaining.firstIndex(where: { (graph[$0.name] ?? []).allSatisfy(placed.contains) }) else {
        break
      }
      let step = remaining.remove(at: index)
      placed.insert(step.name)
      ordered.append(step)
    }
    return ordered
  }
}
