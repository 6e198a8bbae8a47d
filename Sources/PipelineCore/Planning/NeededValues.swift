/// The problems of the values a run needs: those of the parameters a running step (or a
/// condition) reads, and of the parameters those are interpolated from. A parameter that no
/// running step needs may be unset or invalid without stopping the run.
enum NeededValues {
  /// The problems of `names` and their inputs not yet in `reported`, each once.
  static func problems(of names: [String], in snapshot: Snapshot, reported: inout Set<String>) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    var pending = names
    while let name = pending.popLast() {
      guard reported.insert(name).inserted, let resolved = snapshot.parameters[name] else { continue }
      if let problem = resolved.problem, !resolved.followsFromOtherProblem { problems.append(problem) }
      pending += resolved.inputs
    }
    return problems
  }
}

/// The paths steps declare as outputs, to tell a missing input that a step will write from one
/// that nothing provides.
struct ProducedPaths {
  /// Output paths made absolute, each ending without a `/`.
  private let outputs: Set<String>

  init(_ steps: [PlannedStep]) {
    var outputs = Set<String>()
    for step in steps {
      for output in step.outputs {
        outputs.insert(Self.normalized(output.hasPrefix("/") ? output : step.workingDirectory + "/" + output))
      }
    }
    self.outputs = outputs
  }

  /// A problem for each declared input that does not exist and is not (inside) an output of a
  /// step (whether or not that step runs: a skipped step's output may be there from before).
  func missingInputs(of step: PlannedStep, sources: any DynamicSources) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    for (index, input) in step.inputs.enumerated() {
      let full = Self.normalized(input.hasPrefix("/") ? input : step.workingDirectory + "/" + input)
      if sources.fileExists(full) || isProduced(full) { continue }
      let location = index < step.step.inputs.count ? step.step.inputs[index].location : step.step.location
      problems.append(
        Diagnostic(
          "input '\(input)' of step '\(step.name)' does not exist, and no step declares it as an output",
          at: location, notes: ["create it, or remove it from 'inputs'"]))
    }
    return problems
  }

  private func isProduced(_ path: String) -> Bool {
    if outputs.contains(path) { return true }
    var current = path
    while let slash = current.lastIndex(of: "/"), slash > current.startIndex {
      current = String(current[..<slash])
      if outputs.contains(current) { return true }
    }
    return false
  }

  /// `path` with `.`/`..` folded and no trailing `/`.
  static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      if part == "." || part.isEmpty { continue }
      if part == ".." {
        _ = parts.popLast()
        continue
      }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }
}
