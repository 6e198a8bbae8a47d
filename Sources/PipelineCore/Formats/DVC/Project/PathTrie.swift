/// Output paths by their parts (`a/b/c` is `a`, `b`, `c`; `.` is the root), each node knowing
/// the stage that produces it, if any, and the outputs below it.
///
/// The children of every node sit in one open-addressed table keyed by (parent, part bytes),
/// each part hashed once and its bytes kept in one buffer: a `matrix` of thousands of outputs
/// is then a few thousand probes, not a dictionary (and its allocations) per folder.
struct PathTrie {
  enum Insertion {
    case inserted
    case duplicate(stage: Int)
    /// The new output is inside an existing one (`parent`, produced by `stage`).
    case inside(parent: String, stage: Int)
    /// The new output holds an existing one (`inner`, produced by `stage`).
    case holds(inner: String, stage: Int)
  }

  private struct Node {
    var producer: Int?
    var parent: Int
    /// The node's part: where its bytes sit in `partBytes`, and their hash with the parent's.
    var part: Range<Int>
    var hash: Int
    var path = ""
    /// Outputs below this node, in the order added (none for an output: nothing may be inside
    /// one, and thousands of outputs then make no list each).
    var below: [Int] = []
  }

  private var nodes = [Node(producer: nil, parent: -1, part: 0..<0, hash: 0)]
  private var partBytes: [UInt8] = []
  /// Node indexes by hash, -1 where free; at most half full.
  private var slots = [Int](repeating: -1, count: 64)

  mutating func insert(_ path: String, stage: Int) -> Insertion {
    var current = 0
    var blocked: Insertion?
    PathParts.of(path) { parts in
      for part in parts {
        if let producer = nodes[current].producer {
          blocked = .inside(parent: nodes[current].path, stage: producer)
          return
        }
        current = addChild(of: current, part)
      }
    }
    if let blocked { return blocked }
    if let producer = nodes[current].producer { return .duplicate(stage: producer) }
    if let inner = nodes[current].below.first, let owner = nodes[inner].producer {
      return .holds(inner: nodes[inner].path, stage: owner)
    }
    nodes[current].producer = stage
    nodes[current].path = path
    var node = nodes[current].parent
    while node >= 0 {
      nodes[node].below.append(current)
      node = nodes[node].parent
    }
    return .inserted
  }

  /// The stages whose outputs are `path`, hold it, or are inside it, in DVC's order (the
  /// output holding the path first, then those inside it).
  func producers(overlapping path: String) -> [Int] {
    var current = 0
    var found: [Int] = []
    let reached = PathParts.of(path) { parts in
      for part in parts {
        if let producer = nodes[current].producer { found.append(producer) }
        guard let next = child(of: current, part) else { return false }
        current = next
      }
      return true
    }
    guard reached else { return found }
    if let producer = nodes[current].producer { return found + [producer] }
    return found + nodes[current].below.compactMap { nodes[$0].producer }
  }

  /// The child of `parent` named `part`, if there is one.
  private func child(of parent: Int, _ part: UnsafeBufferPointer<UInt8>) -> Int? {
    let found = slot(parent, part, hash: Self.hash(parent, part))
    return slots[found] >= 0 ? slots[found] : nil
  }

  /// The child of `parent` named `part`, made when missing.
  private mutating func addChild(of parent: Int, _ part: UnsafeBufferPointer<UInt8>) -> Int {
    let hash = Self.hash(parent, part)
    let found = slot(parent, part, hash: hash)
    if slots[found] >= 0 { return slots[found] }
    let start = partBytes.count
    partBytes.append(contentsOf: part)
    nodes.append(Node(producer: nil, parent: parent, part: start..<partBytes.count, hash: hash))
    slots[found] = nodes.count - 1
    if nodes.count * 2 > slots.count { grow() }
    return nodes.count - 1
  }

  /// The slot holding (parent, part), or the free slot where it goes.
  private func slot(_ parent: Int, _ part: UnsafeBufferPointer<UInt8>, hash: Int) -> Int {
    let mask = slots.count - 1
    var at = hash & mask
    while slots[at] >= 0 {
      let node = slots[at]
      if nodes[node].hash == hash, nodes[node].parent == parent, sameBytes(nodes[node].part, part) { return at }
      at = (at + 1) & mask
    }
    return at
  }

  private func sameBytes(_ stored: Range<Int>, _ part: UnsafeBufferPointer<UInt8>) -> Bool {
    guard stored.count == part.count else { return false }
    return partBytes.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[stored]).elementsEqual(part) }
  }

  private mutating func grow() {
    slots = [Int](repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for node in nodes.indices.dropFirst() {
      var at = nodes[node].hash & mask
      while slots[at] >= 0 { at = (at + 1) & mask }
      slots[at] = node
    }
  }

  /// Seeded per process, as `Hasher` is: a file cannot be written to make parts collide.
  private static func hash(_ parent: Int, _ part: UnsafeBufferPointer<UInt8>) -> Int {
    var hasher = Hasher()
    hasher.combine(parent)
    hasher.combine(bytes: UnsafeRawBufferPointer(part))
    return hasher.finalize()
  }
}

/// The non-empty parts of a path between its slashes (none for `.`), as byte runs of the path
/// itself: a large project's graph walks thousands of paths.
struct PathParts: Sequence, IteratorProtocol {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0

  /// `body` with the parts of `path`; they point into the path's bytes, so they are valid only
  /// inside `body`.
  static func of<Result>(_ path: String, _ body: (PathParts) throws -> Result) rethrows -> Result {
    if path.utf8.count == 1, path.utf8.first == UInt8(ascii: ".") {
      return try body(PathParts(bytes: UnsafeBufferPointer(start: nil, count: 0)))
    }
    var path = path
    return try path.withUTF8 { try body(PathParts(bytes: $0)) }
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  mutating func next() -> UnsafeBufferPointer<UInt8>? {
    let slash = UInt8(ascii: "/")
    var start = position
    while start < bytes.count, bytes[start] == slash { start += 1 }
    guard start < bytes.count else {
      position = bytes.count
      return nil
    }
    var end = start
    while end < bytes.count, bytes[end] != slash { end += 1 }
    position = end
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }
}
