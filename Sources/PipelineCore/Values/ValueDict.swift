/// A dict value: its entries in the order they were written (DVC unpacks a dict into command
/// options in that order, and a value written back into a params file keeps its order), compared
/// and hashed whatever the order, as a mapping is.
package struct ValueDict: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
  /// The keys, in the order first written.
  package private(set) var keys: [String] = []
  private var storage: [String: Value] = [:]

  package init() {}

  /// Entries in order; a key written twice keeps its first place and its last value.
  package init(entries: some Sequence<(String, Value)>) {
    for (key, value) in entries { self[key] = value }
  }

  /// The entries of an unordered dictionary, keys sorted.
  package init(_ dictionary: [String: Value]) {
    keys = dictionary.keys.sorted()
    storage = dictionary
  }

  package init(dictionaryLiteral elements: (String, Value)...) {
    self.init(entries: elements)
  }

  /// The value of a key; setting nil removes the key, setting a new key appends it.
  package subscript(key: String) -> Value? {
    get { storage[key] }
    set {
      if let newValue {
        if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
      } else if storage.removeValue(forKey: key) != nil {
        keys.removeAll { $0 == key }
      }
    }
  }

  /// The values, in the keys' order.
  package var values: [Value] { keys.compactMap { storage[$0] } }

  package var count: Int { keys.count }
  package var isEmpty: Bool { keys.isEmpty }

  /// The entries in order.
  package func makeIterator() -> IndexingIterator<[(key: String, value: Value)]> {
    keys.compactMap { key in storage[key].map { (key: key, value: $0) } }.makeIterator()
  }

  /// Equal when they hold the same keys with equal values, whatever the order.
  package static func == (a: ValueDict, b: ValueDict) -> Bool { a.storage == b.storage }
  package func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}
