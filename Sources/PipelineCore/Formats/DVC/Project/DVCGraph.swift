/// The order of a DVC project's stages, built as DVC builds its graph (`dvc/repo/graph.py`):
/// a stage depends on the stage that produces one of its dependencies, whether the dependency is
/// the output itself, a file inside an output folder, or a folder holding outputs. Two stages
/// producing one path, outputs nested in each other, and cycles are errors, as in DVC.
enum DVCGraph {
  struct Result {
    /// Positions of stages in an order DVC's `repro` runs them (a depth-first post-order from
    /// each stage in file order, as `networkx.dfs_postorder_nodes`).
    var order: [Int]
    /// For each stage, the stages it reads from, in the order its dependencies are listed.
    var upstream: [[Int]]
  }

  static func build(_ stages: [DVCStage], diagnostics: inout [Diagnostic]) -> Result {
    var producers: [String: (stage: Int, out: Int)] = [:]
    var below: [String: [String]] = [:]  // a folder -> the output paths inside it, in order
    for (s, stage) in stages.enumerated() {
      for (o, out) in stage.outs.enumerated() {
        let path = stage.projectPath(out.path.path)
        if let existing = producers[path] {
          let names = existing.stage == s ? [stage.name] : [stages[existing.stage].name, stage.name]
          diagnostics.append(DVCProblem.duplicateOutput(path: path, stages: names).diagnostic(at: out.path.location))
          continue
        }
        if let inner = below[path]?.first, let owner = producers[inner] {
          diagnostics.append(
            DVCProblem.overlappingOutputs(
              path: inner, stage: stages[owner.stage].name, parent: path, parentStage: stage.name
            )
            .diagnostic(at: out.path.location))
          continue
        }
        if let parent = ancestors(of: path).first(where: { producers[$0] != nil }), let owner = producers[parent] {
          diagnostics.append(
            DVCProblem.overlappingOutputs(
              path: path, stage: stage.name, parent: parent, parentStage: stages[owner.stage].name
            )
            .diagnostic(at: out.path.location))
          continue
        }
        producers[path] = (s, o)
        for folder in ancestors(of: path) { below[folder, default: []].append(path) }
      }
    }
    var upstream: [[Int]] = []
    for stage in stages {
      var edges: [Int] = []
      let inputs = stage.deps.map { stage.projectPath($0.path) } + stage.params.map { stage.projectPath($0.file) }
      for input in inputs {
        var overlapping = (ancestors(of: input).reversed() + [input]).compactMap { producers[$0]?.stage }
        overlapping += (below[input] ?? []).compactMap { producers[$0]?.stage }
        for producer in overlapping where !edges.contains(producer) { edges.append(producer) }
      }
      upstream.append(edges)
    }
    if let cycle = findCycle(upstream) {
      diagnostics.append(DVCProblem.cycle(cycle.map { stages[$0].name }).diagnostic(at: stages[cycle[0]].location))
      return Result(order: Array(stages.indices), upstream: upstream)
    }
    return Result(order: postorder(upstream), upstream: upstream)
  }

  /// The folders that hold `path`, outermost first (`.`, `a`, `a/b` for `a/b/c`).
  static func ancestors(of path: String) -> [String] {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    var out: [String] = path == "." || path.hasPrefix("/") || path == ".." || path.hasPrefix("../") ? [] : ["."]
    guard parts.count > 1 else { return out }
    var prefix = ""
    for part in parts.dropLast() {
      prefix = prefix.isEmpty && !path.hasPrefix("/") ? String(part) : prefix + "/" + part
      if !prefix.isEmpty { out.append(prefix) }
    }
    return out
  }

  /// Depth-first post-order over the edges stage -> upstream, starting at each stage in order.
  static func postorder(_ upstream: [[Int]]) -> [Int] {
    var visited = [Bool](repeating: false, count: upstream.count)
    var order: [Int] = []
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
