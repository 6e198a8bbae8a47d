/// The text of a DVC `${...}` reference as written into a field.
struct DVCPiece {
  var text: String
  /// True when a secret went into the text.
  var secret: Bool
}

/// What one evaluator has rendered of DVC references, against one snapshot: the thousands of
/// steps of a DVC `matrix` read the same few values (`${train.lr}`), each built, checked and
/// written once. Not shared between threads: each run of steps a planner renders on a core has
/// its own.
package final class TemplateMemo {
  private struct Key: Hashable {
    var reference: DVCValueReference
    var rules: DVCTemplateRules
  }

  private var pieces: [Key: Result<DVCPiece, TemplateEvaluator.Failure>] = [:]
  private var recent = RecentHits<Key, Result<DVCPiece, TemplateEvaluator.Failure>>()

  package init() {}

  /// The references a memo makes room for at first: a `foreach` over a params section of a
  /// hundred items reads two hundred values (`${item.size}`, `${item.weight}`).
  static let expectedPieces = 256

  func piece(
    _ reference: DVCValueReference, _ rules: DVCTemplateRules,
    orMake make: () -> Result<DVCPiece, TemplateEvaluator.Failure>
  ) -> Result<DVCPiece, TemplateEvaluator.Failure> {
    let key = Key(reference: reference, rules: rules)
    if let found = recent.found(for: key) { return found }
    let found: Result<DVCPiece, TemplateEvaluator.Failure>
    if let known = pieces[key] {
      found = known
    } else {
      found = make()
      // Room for the values a large group reads, made at once instead of growing (and hashing
      // every key again) eight times on the way.
      if pieces.isEmpty { pieces.reserveCapacity(Self.expectedPieces) }
      pieces[key] = found
    }
    recent.remember(key, found)
    return found
  }
}
