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
