/// The last few keys looked up in a table and what was found, compared before the table is
/// hashed: the stages of a `matrix` look up the same few references one after another, and
/// comparing equal values (often the same storage) costs less than hashing them.
struct RecentHits<Key: Equatable, Found> {
  private var entries: [(key: Key, found: Found)] = []
  private let capacity: Int

  init(capacity: Int = 4) {
    self.capacity = capacity
  }

  func found(for key: Key) -> Found? {
    entries.first { $0.key == key }?.found
  }

  /// Remembers `found` for `key`, forgetting the oldest when full.
  mutating func remember(_ key: Key, _ found: Found) {
    if entries.count == capacity { entries.removeFirst() }
    entries.append((key, found))
  }
}

extension RecentHits: Sendable where Key: Sendable, Found: Sendable {}
