/// A leaf of a project's params files: the file's position in `DVCProject.paramsFiles`, the
/// leaf's in the file.
package struct DVCLeafPosition: Sendable, Hashable {
  package var file: Int
  package var position: Int
}

/// Leaves gathered each once, in the order first added. A stage names a few: they are found
/// faster in the list than hashed, until there are more than sixteen.
struct DVCLeafCollector {
  private(set) var found: [DVCLeafPosition] = []
  /// Positions taken, by file (a stage reads one or two files), once hashing pays.
  private var taken: [(file: Int, positions: Set<Int>)] = []

  mutating func add(_ position: Int, of file: Int) {
    let leaf = DVCLeafPosition(file: file, position: position)
    if taken.isEmpty, found.count < 16 {
      if !found.contains(leaf) { found.append(leaf) }
      return
    }
    if taken.isEmpty {
      for earlier in found { _ = take(earlier) }
    }
    if take(leaf) { found.append(leaf) }
  }

  /// False when the leaf was taken already.
  private mutating func take(_ leaf: DVCLeafPosition) -> Bool {
    if let slot = taken.firstIndex(where: { $0.file == leaf.file }) {
      return taken[slot].positions.insert(leaf.position).inserted
    }
    taken.append((leaf.file, [leaf.position]))
    return true
  }
}
