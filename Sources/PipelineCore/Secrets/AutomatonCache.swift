import Synchronization

/// The automata built for the last few sets of secrets, so a run that makes maskers for each
/// step's two streams, its command and every line it shows builds one automaton, not one each.
enum AutomatonCache {
  /// How many sets of secrets are kept.
  static let capacity = 4

  private static let entries = Mutex<[(secrets: [String], automaton: PatternAutomaton?)]>([])

  /// The automaton for `secrets` and all their variants; nil when there is nothing to mask.
  static func automaton(for secrets: [String]) -> PatternAutomaton? {
    let secrets = secrets.filter { !$0.isEmpty }
    if secrets.isEmpty { return nil }
    if let known = entries.withLock({ list in list.first { $0.secrets == secrets } }) { return known.automaton }
    let automaton = PatternAutomaton(patterns: secrets.flatMap(SecretVariants.patterns(for:)))
    entries.withLock { list in
      list.removeAll { $0.secrets == secrets }
      list.insert((secrets, automaton), at: 0)
      if list.count > capacity { list.removeLast() }
    }
    return automaton
  }
}
