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
    // ... and they list the same dependencies in the same folder: their edges are the same.
    var last: (deps: [DVCPathField], params: [DVCParamsDependency], wdir: String, edges: [Int])?
    for s in stages.indices {
      if let last, last.deps == stages[s].deps, last.params == stages[s].params, last.wdir == stages[s].wdir {
        upstream.append(last.edges)
        continue
      }
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
      last = (stages[s].deps, stages[s].params, stages[s].wdir, edges)
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
