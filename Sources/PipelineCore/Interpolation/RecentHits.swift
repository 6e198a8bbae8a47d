/// The last few keys looked up in a table and what was found, compared before the table is
/// hashed: the stages of a `matrix` look up the same few references one after another, and
/// comparing equal values (often the same storage) costs less than hashing them.
///
/// Keys and what was found are kept apart: the keys are compared where they lie, where a list
/// of pairs handed each pair it passed to the comparison as a copy.
struct RecentHits<Key: Equatable, Found> {
  private var keys: [Key] = []
  private var founds: [Found] = []
  private let capacity: Int

  init(capacity: Int = 4) {
    self.capacity = capacity
  }

  func found(for key: Key) -> Found? {
    guard let index = keys.firstIndex(of: key) else { return nil }
    return founds[index]
  }

  /// Remembers `found` for `key`, forgetting the oldest when full.
  mutating func remember(_ key: Key, _ found: Found) {
    if keys.count == capacity {
      keys.removeFirst()
      founds.removeFirst()
    }
    keys.append(key)
    founds.append(found)
  }
}

extension RecentHits: Sendable where Key: Sendable, Found: Sendable {}
