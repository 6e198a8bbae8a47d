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
          Diagnostic("step '\(step.name)' needs unknown step '\(need)'", at: step.location).suggesting(need, from: names))
      }
      graph[step.name] = step.needs.filter { known.contains($0) }
    }
    let cycles = ReferenceCycles.find(graph)
    for cycle in cycles {
      let location = steps.first { $0.name == cycle[0] }?.location
      diagnostics.append(Diagnostic("dependency cycle: \(cycle.joined(separator: " -> "))", at: location))
    }
    if !cycles.isEmpty { return steps }
    var placed = Set<String>()
    var ordered: [Step] = []
    var remaining = steps
    while !remaining.isEmpty {
      guard let index = remaining.firstIndex(where: { graph[$0.name]!.allSatisfy(placed.contains) }) else { break }
      let step = remaining.remove(at: index)
      placed.insert(step.name)
      ordered.append(step)
    }
    return ordered
  }
}
