/// Builds `PatternAutomaton`'s table by subset construction: a state is the set of partial
/// matches alive after the text read so far (which pattern, how many positions matched, and
/// whether a line break is under way), so patterns sharing text share states, and a byte that
/// fits several patterns at once follows all of them.
///
/// A set is kept as its longest partial matches (its head) and the state of all the others
/// (its rest), which is a state of its own, as Aho-Corasick keeps a node and its failure link.
/// A state's row is its rest's row with only the bytes that move its head changed, so a
/// secret that overlaps itself (`aaaa…`, `abcabc…`) costs no more than any other: building is
/// linear in the table's size. For literal patterns this gives Aho-Corasick's automaton; a
/// pattern that allows line breaks adds at most two states per prefix (after `\r`, after the
/// break).
struct AutomatonBuilder {
  let patterns: [MaskPattern]
  let classes: ByteClasses

  /// One partial match: pattern index, positions matched and mode, packed to sort and hash.
  typealias Element = UInt64

  /// After a position; after a `\r` (a `\n` must follow); after a line break (a position must).
  enum Mode: UInt64 { case position = 0, carriageReturn = 1, lineBreak = 2 }

  static func element(_ pattern: Int, _ matched: Int, _ mode: Mode) -> Element {
    UInt64(pattern) << 32 | UInt64(matched) << 2 | mode.rawValue
  }

  static func parts(_ element: Element) -> (pattern: Int, matched: Int, mode: Mode) {
    (Int(element >> 32), Int((element >> 2) & 0x3FFF_FFFF), Mode(rawValue: element & 3) ?? .position)
  }

  func build() -> (transitions: [Int32], states: [PatternAutomaton.StateInfo]) {
    var sets = StateSets(builder: self)
    var rows: [[Int32]] = [(0..<classes.count).map { sets.union(startElements(class: $0), 0) }]
    // A state's rest is made before the state, so its row is always there first.
    while rows.count < sets.nodes.count {
      rows.append(row(of: rows.count, rest: rows[Int(sets.nodes[rows.count].rest)], sets: &sets))
    }
    var transitions: [Int32] = []
    transitions.reserveCapacity(sets.nodes.count * classes.count)
    let stride = Int32(classes.count)
    for row in rows {
      for target in row {
        let offset = target * stride
        transitions.append(sets.nodes[Int(target)].info.matches ? ~offset : offset)
      }
    }
    return (transitions, sets.nodes.map(\.info))
  }

  /// The targets (state ids) of the state `id` on each class: its rest's, except where its head
  /// moves on.
  private func row(of id: Int, rest: [Int32], sets: inout StateSets) -> [Int32] {
    var row = rest
    var moves: [(class: Int, element: Element)] = []
    for element in sets.nodes[id].head { addMoves(of: element, to: &moves) }
    moves.sort { ($0.class, $0.element) < ($1.class, $1.element) }
    var index = 0
    while index < moves.count {
      let target = moves[index].class
      var moved: [Element] = []
      while index < moves.count, moves[index].class == target {
        if moved.last != moves[index].element { moved.append(moves[index].element) }
        index += 1
      }
      row[target] = sets.union(moved, rest[target])
    }
    return row
  }

  /// The partial matches a byte of class `byteClass` begins: patterns whose first position
  /// holds it.
  private func startElements(class byteClass: Int) -> [Element] {
    let byte = classes.representative[byteClass]
    guard byteClass != 0 || classes.count == 256 else { return [] }
    return patterns.indices.filter { patterns[$0].positions[0].contains(byte) }.map { Self.element($0, 1, .position) }
  }

  /// Where `element` goes on each byte class that moves it on.
  private func addMoves(of element: Element, to moves: inout [(class: Int, element: Element)]) {
    let (index, matched, mode) = Self.parts(element)
    let pattern = patterns[index]
    guard matched < pattern.count else { return }
    let lineFeed = Int(classes.byteClass[Int(MaskPattern.lineFeed)])
    let carriageReturn = Int(classes.byteClass[Int(MaskPattern.carriageReturn)])
    switch mode {
    case .position:
      for byte in pattern.positions[matched] {
        moves.append((Int(classes.byteClass[Int(byte)]), Self.element(index, matched + 1, .position)))
      }
      if pattern.allowsLineBreaks {
        moves.append((lineFeed, Self.element(index, matched, .lineBreak)))
        moves.append((carriageReturn, Self.element(index, matched, .carriageReturn)))
      }
    case .carriageReturn:
      moves.append((lineFeed, Self.element(index, matched, .lineBreak)))
    case .lineBreak:
      for byte in pattern.positions[matched] {
        moves.append((Int(classes.byteClass[Int(byte)]), Self.element(index, matched + 1, .position)))
      }
    }
  }

  /// What the partial matches `elements` contribute to a state: matches ending there and
  /// partial matches alive.
  func info(of elements: [Element]) -> PatternAutomaton.StateInfo {
    var info = PatternAutomaton.StateInfo()
    for element in elements {
      let (index, matched, mode) = Self.parts(element)
      let pattern = patterns[index]
      let length = Int32(matched)
      if mode == .position, matched >= pattern.shortestMatch {
        if pattern.allowsLineBreaks {
          info.matchPositions = max(info.matchPositions, length)
        } else {
          info.matchBytes = max(info.matchBytes, length)
        }
      }
      if matched < pattern.count {
        if pattern.allowsLineBreaks {
          info.holdPositions = max(info.holdPositions, length)
        } else {
          info.holdBytes = max(info.holdBytes, length)
        }
      }
    }
    return info
  }
}

/// The states found so far, each a set of partial matches kept as head and rest.
struct StateSets {
  /// A state: its longest partial matches (all with the same count of positions matched) and
  /// the state of the others.
  struct Node {
    var head: [AutomatonBuilder.Element]
    var rest: Int32
    var matched: Int
    var info: PatternAutomaton.StateInfo
  }

  private struct Key: Hashable {
    var head: [AutomatonBuilder.Element]
    var rest: Int32
  }

  let builder: AutomatonBuilder
  private(set) var nodes: [Node]
  private var ids: [Key: Int32] = [:]

  init(builder: AutomatonBuilder) {
    self.builder = builder
    nodes = [Node(head: [], rest: 0, matched: 0, info: PatternAutomaton.StateInfo())]
  }

  /// The state holding `elements` (sorted, distinct) and every partial match of state `state`.
  mutating func union(_ elements: [AutomatonBuilder.Element], _ state: Int32) -> Int32 {
    guard let most = elements.map({ AutomatonBuilder.parts($0).matched }).max() else { return state }
    let node = nodes[Int(state)]
    if state != 0, node.matched > most {
      return intern(head: node.head, rest: union(elements, node.rest))
    }
    let top = elements.filter { AutomatonBuilder.parts($0).matched == most }
    let others = elements.filter { AutomatonBuilder.parts($0).matched != most }
    if state != 0, node.matched == most {
      return intern(head: Array(Set(top + node.head)).sorted(), rest: union(others, node.rest))
    }
    return intern(head: top, rest: union(others, state))
  }

  private mutating func intern(head: [AutomatonBuilder.Element], rest: Int32) -> Int32 {
    let key = Key(head: head, rest: rest)
    if let known = ids[key] { return known }
    let id = Int32(nodes.count)
    precondition((nodes.count + 1) * builder.classes.count < Int(Int32.max), "secrets too large to mask")
    let own = builder.info(of: head)
    let after = nodes[Int(rest)].info
    let info = PatternAutomaton.StateInfo(
      matchBytes: max(own.matchBytes, after.matchBytes), matchPositions: max(own.matchPositions, after.matchPositions),
      holdBytes: max(own.holdBytes, after.holdBytes), holdPositions: max(own.holdPositions, after.holdPositions))
    let matched = head.map { AutomatonBuilder.parts($0).matched }.max() ?? 0
    nodes.append(Node(head: head, rest: rest, matched: matched, info: info))
    ids[key] = id
    return id
  }
}
