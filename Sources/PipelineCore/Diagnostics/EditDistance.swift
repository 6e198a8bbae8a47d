/// Suggestions for mistyped names ("did you mean").
package enum Suggestion {
  /// Returns the Levenshtein distance between two strings.
  package static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// Returns the closest candidate, if any is close enough to be a likely typo.
  package static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    let typed = word.lowercased()
    let length = typed.count
    let limit = max(2, length / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let lowered = candidate.lowercased()
      // The distance is at least the difference in length: a long mistyped word (a pasted
      // line, say) is not compared cell by cell with names it cannot be close to.
      guard abs(lowered.count - length) < min(limit + 1, best?.distance ?? Int.max) else { continue }
      let distance = editDistance(typed, lowered)
      if distance <= limit, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }
}
