/// Merging values into DVC's context (`_merge`, `merge_update`): mappings merge key by key;
/// any other value may not be defined twice.
extension DVCContext {
  /// Why a merge failed, in DVC's words.
  enum MergeProblem: Error, Hashable {
    /// `cannot redefine 'a.b' from 'vars[0]' as it already exists in 'params.yaml'`
    case redefined(path: String, from: String, existing: String)
    /// `attempted to modify reserved key 'item'`
    case reserved([String])

    var message: String {
      switch self {
      case .redefined(let path, let from, let existing):
        return "cannot redefine '\(path)' from '\(from)' as it already exists in '\(existing)'"
      case .reserved(let keys):
        let list = keys.map { "'\($0)'" }
        let joined =
          list.count <= 1 ? list.joined() : list.dropLast().joined(separator: ", ") + " and " + (list.last ?? "")
        return "attempted to modify reserved key\(keys.count > 1 ? "s" : "") \(joined)"
      }
    }
  }

  /// Merges a mapping read from `origin` into the context.
  mutating func merge(_ mapping: DVCNode, origin: Origin) throws(MergeProblem) {
    let update = Value(kind: .node(mapping), origin: origin, isNode: false)
    let clashing = update.mappingChildren.map(\.0).filter { reserved.contains($0) }
    if !clashing.isEmpty { throw .reserved(clashing) }
    try Self.merge(update, into: &root)
  }

  private static func merge(_ update: Value, into target: inout Value) throws(MergeProblem) {
    var (keys, children) = merged(target)
    for (key, value) in update.mappingChildren {
      if var existing = children[key] {
        guard existing.isMapping, value.isMapping else {
          throw .redefined(
            path: value.origin.pathText, from: value.origin.sourceName, existing: existing.origin.sourceName)
        }
        try merge(value, into: &existing)
        children[key] = existing
      } else {
        keys.append(key)
        children[key] = value
      }
    }
    target.kind = .merged(keys: keys, children: children)
  }

  /// A mapping's children in the form that can take more keys.
  private static func merged(_ value: Value) -> ([String], [String: Value]) {
    if case .merged(let keys, let children) = value.kind { return (keys, children) }
    let pairs = value.mappingChildren
    return (pairs.map(\.0), Dictionary(pairs, uniquingKeysWith: { _, last in last }))
  }
}
