/// The order of a DVC project's stages, built as DVC builds its graph (`dvc/repo/graph.py`):
/// a stage depends on the stage that produces one of its dependencies, whether the dependency is
/// the output itself, a file inside an output folder, or a folder holding outputs. Two stages
/// producing one path, outputs nested in each other, and cycles are errors, as in DVC.
///
/// Outputs are kept in a tree of path parts (DVC uses a trie too), so a project of thousands of
/// stages is ordered in time proportional to its paths.
///
/// A frozen stage is cut off from the stages it reads from, as `dvc repro` cuts it off
/// (`get_active_graph`): it is verified where its place in `dvc.yaml` puts it, not after them.
enum DVCGraph {
  struct Result {
    /// Positions of stages in an order DVC's `repro` runs them (a depth-first post-order from
    /// each stage in file order, as `networkx.dfs_postorder_nodes`).
    var order: [Int]
    /// For each stage, the stages it reads from, in the order its dependencies are listed (none
    /// for a frozen stage).
    var upstream: [[Int]]
  }

  static func build(_ stages: [DVCStage], diagnostics: inout [Diagnostic]) -> Result {
    var trie = PathTrie()
    for s in stages.indices {
      let stage = stages[s]
      let outs = stage.outs
      for out in outs.indices {
        let output = outs[out].path
        let path = stage.projectPath(output.path)
        switch trie.insert(path, stage: s) {
        case .inserted:
          continue
        case .duplicate(let other):
          let names = other == s ? [stages[s].name] : [stages[other].name, stages[s].name]
          diagnostics.append(DVCProblem.duplicateOutput(path: path, stages: names).diagnostic(at: output.location))
        case .inside(let parent, let owner):
          diagnostics.append(
            DVCProblem.overlappingOutputs(
              path: path, stage: stages[s].name, parent: parent, parentStage: stages[owner].name
            )
            .diagnostic(at: output.location))
        case .holds(let inner, let owner):
          diagnostics.append(
            DVCProblem.overlappingOutputs(
              path: inner, stage: stages[owner].name, parent: path, parentStage: stages[s].name
            )
            .diagnostic(at: output.location))
        }
      }
    }
    var upstream: [[Int]] = []
    upstream.reserveCapacity(stages.count)
    // The stages of a `foreach` or `matrix` read the same few paths: each is looked up once.
    var producersOf: [String: [Int]] = [:]
    for s in stages.indices {
      var edges: [Int] = []
      func add(_ input: String) {
        let producers: [Int]
        if let known = producersOf[input] {
          producers = known
        } else {
          producers = trie.producers(overlapping: input)
          producersOf[input] = producers
        }
        for producer in producers where !edges.contains(producer) { edges.append(producer) }
      }
      for dep in stages[s].deps where !DVCPath.isURL(dep.path) { add(stages[s].projectPath(dep.path)) }
      for params in stages[s].params { add(stages[s].projectPath(params.file)) }
      upstream.append(edges)
    }
    if let cycle = findCycle(upstream) {
      diagnostics.append(DVCProblem.cycle(cycle.map { stages[$0].name }).diagnostic(at: stages[cycle[0]].location))
      return Result(order: Array(stages.indices), upstream: upstream)
    }
    // A cycle through a frozen stage is still one (DVC checks the whole graph first).
    let active = upstream.indices.map { stages[$0].frozen ? [] : upstream[$0] }
    return Result(order: postorder(active), upstream: active)
  }

  /// Depth-first post-order over the edges stage -> upstream, starting at each stage in order.
  static func postorder(_ upstream: [[Int]]) -> [Int] {
    var visited = [Bool](repeating: false, count: upstream.count)
    var order: [Int] = []
    order.reserveCapacity(upstream.count)
    for start in upstream.indices where !visited[start] {
      var stack: [(node: Int, next: Int)] = [(start, 0)]
      visited[start] = true
      while let top = stack.last {
        if top.next < upstream[top.node].count {
          stack[stack.count - 1].next += 1
          let child = upstream[top.node][top.next]
          if !visited[child] {
            visited[child] = true
            stack.append((child, 0))
          }
        } else {
          order.append(top.node)
          stack.removeLast()
        }
      }
    }
    return order
  }

  /// The stages of a cycle, in the order the edges run, or nil.
  static func findCycle(_ upstream: [[Int]]) -> [Int]? {
    var state = [UInt8](repeating: 0, count: upstream.count)  // 0 new, 1 on the path, 2 done
    for start in upstream.indices where state[start] == 0 {
      var stack: [(node: Int, next: Int)] = [(start, 0)]
      state[start] = 1
      while let top = stack.last {
        if top.next < upstream[top.node].count {
          stack[stack.count - 1].next += 1
          let child = upstream[top.node][top.next]
          if state[child] == 1 {
            let path = stack.map(\.node)
            return Array(path.drop { $0 != child })
          }
          if state[child] == 0 {
            state[child] = 1
            stack.append((child, 0))
          }
        } else {
          state[top.node] = 2
          stack.removeLast()
        }
      }
    }
    return nil
  }
}

/// Output paths by their parts (`a/b/c` is `a`, `b`, `c`; `.` is the root), each node knowing
/// the stage that produces it, if any, and the outputs below it.
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
    var children: [PathBytes: Int] = [:]
    var producer: Int?
    var parent: Int?
    var path = ""
    /// Outputs at or below this node, in the order added.
    var below: [Int] = []
  }

  private var nodes = [Node()]

  mutating func insert(_ path: String, stage: Int) -> Insertion {
    var current = 0
    for part in PathParts(path) {
      if let producer = nodes[current].producer { return .inside(parent: nodes[current].path, stage: producer) }
      let key = PathBytes(part)  // hashed once, for the lookup and the insertion
      if let next = nodes[current].children[key] {
        current = next
      } else {
        nodes.append(Node(parent: current))
        nodes[current].children[key] = nodes.count - 1
        current = nodes.count - 1
      }
    }
    if let producer = nodes[current].producer { return .duplicate(stage: producer) }
    if let inner = nodes[current].below.first, let owner = nodes[inner].producer {
      return .holds(inner: nodes[inner].path, stage: owner)
    }
    nodes[current].producer = stage
    nodes[current].path = path
    var node: Int? = current
    while let at = node {
      nodes[at].below.append(current)
      node = nodes[at].parent
    }
    return .inserted
  }

  /// The stages whose outputs are `path`, hold it, or are inside it, in DVC's order (the
  /// output holding the path first, then those inside it).
  func producers(overlapping path: String) -> [Int] {
    var current = 0
    var found: [Int] = []
    for part in PathParts(path) {
      if let producer = nodes[current].producer { found.append(producer) }
      guard let next = nodes[current].children[PathBytes(part)] else { return found }
      current = next
    }
    return found + nodes[current].below.compactMap { nodes[$0].producer }
  }
}

/// The non-empty parts of a path between its slashes (none for `.`), found byte by byte without
/// making an array or a string of each: a large project's graph walks thousands of paths.
struct PathParts: Sequence, IteratorProtocol {
  private let path: String
  private var position: String.Index

  init(_ path: String) {
    self.path = path
    position = path == "." ? path.endIndex : path.startIndex
  }

  mutating func next() -> Substring? {
    let utf8 = path.utf8
    let from = utf8.distance(from: utf8.startIndex, to: position)
    // A byte loop over contiguous UTF-8 (an index walk of the view costs tenfold).
    let found = utf8.withContiguousStorageIfAvailable { Self.part(of: $0, from: from) }
    guard let range = found ?? Self.part(of: Array(utf8), from: from) else {
      position = utf8.endIndex
      return nil
    }
    let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    position = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
    return Substring(utf8[start..<position])  // by bytes: a part may begin with a combining mark
  }

  /// The byte offsets of the next part at or after `from`, nil when none is left.
  private static func part<Bytes: RandomAccessCollection<UInt8>>(of bytes: Bytes, from: Int) -> Range<Int>?
  where Bytes.Index == Int {
    let slash = UInt8(ascii: "/")
    var start = from
    while start < bytes.count, bytes[start] == slash { start += 1 }
    guard start < bytes.count else { return nil }
    var end = start
    while end < bytes.count, bytes[end] != slash { end += 1 }
    return start..<end
  }
}
