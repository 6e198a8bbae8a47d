/// The parts of DVC's schema shared by several keys.
extension DVCSchema {
  /// A mapping's entries, or nil with a diagnostic.
  mutating func mapping(_ node: DVCNode, _ what: String) -> [DVCNode.Entry]? {
    if let entries = node.entries { return entries }
    diagnostics.append(DVCProblem.wrongType(what, expected: "a mapping", found: node).diagnostic(at: node.location))
    return nil
  }

  /// The entries whose keys are allowed; the others are reported, with a suggestion.
  mutating func keys(_ entries: [DVCNode.Entry], allowed: [String], in what: String) -> [DVCNode.Entry] {
    entries.filter { entry in
      if allowed.contains(entry.key) { return true }
      diagnostics.append(DVCProblem.unknownKey(entry.key, in: what, allowed: allowed).diagnostic(at: entry.keyLocation))
      return false
    }
  }

  mutating func list(_ node: DVCNode, _ what: String, _ item: (inout DVCSchema, DVCNode) -> Void) {
    guard let items = node.items else {
      diagnostics.append(DVCProblem.wrongType(what, expected: "a list", found: node).diagnostic(at: node.location))
      return
    }
    for element in items { item(&self, element) }
  }

  mutating func string(_ node: DVCNode, _ what: String) {
    if node.string == nil {
      diagnostics.append(DVCProblem.wrongType(what, expected: "text", found: node).diagnostic(at: node.location))
    }
  }

  mutating func bool(_ node: DVCNode, _ what: String) {
    if case .bool = node.kind { return }
    diagnostics.append(DVCProblem.wrongType(what, expected: "true or false", found: node).diagnostic(at: node.location))
  }

  mutating func varsList(_ node: DVCNode, _ what: String) {
    list(node, what) { schema, item in
      if item.string == nil, item.entries == nil {
        schema.diagnostics.append(
          DVCProblem.wrongType("an entry of \(what)", expected: "a file name or a mapping", found: item).diagnostic(
            at: item.location))
      }
    }
  }

  /// `- key`, `- file.yaml: [keys]`, or `- file.yaml:` (the whole file).
  mutating func paramsEntry(_ node: DVCNode, stage: String) {
    if node.string != nil { return }
    guard let files = node.entries else {
      diagnostics.append(
        DVCProblem.wrongType("a 'params' entry of stage '\(stage)'", expected: "a key or 'file: [keys]'", found: node)
          .diagnostic(at: node.location))
      return
    }
    for file in files {
      switch file.value.kind {
      case .null: continue
      case .list(let keys): for key in keys { string(key, "a key of '\(file.key)' in stage '\(stage)'") }
      default:
        diagnostics.append(
          DVCProblem.wrongType(
            "the keys of params file '\(file.key)'", expected: "a list of keys, or nothing for the whole file",
            found: file.value
          )
          .diagnostic(at: file.value.location))
      }
    }
  }

  /// `- path` or `- path: {flags}` in `outs`, `metrics` or `plots`.
  mutating func output(_ node: DVCNode, _ what: String, plot: Bool) {
    if node.string != nil { return }
    guard let paths = node.entries else {
      diagnostics.append(
        DVCProblem.wrongType("an entry of \(what)", expected: "a path or 'path: {flags}'", found: node).diagnostic(
          at: node.location))
      return
    }
    let allowed = Self.outputFlagKeys + (plot ? Self.plotPropertyKeys : [])
    for path in paths {
      let flagSets = plot ? (path.value.items ?? [path.value]) : [path.value]
      for flags in flagSets {
        guard let fields = mapping(flags, "the flags of '\(path.key)'") else { continue }
        let known = keys(fields, allowed: allowed, in: "the flags of '\(path.key)'")
        annotations(known, "'\(path.key)'", extra: [])
      }
    }
  }

  /// Output flags and annotations: their types.
  mutating func annotations(_ fields: [DVCNode.Entry], _ owner: String, extra: [String]) {
    for field in fields {
      let what = "'\(field.key)' of \(owner)"
      switch field.key {
      case "cache", "persist", "checkpoint", "push", "header": bool(field.value, what)
      case "labels": list(field.value, what) { $0.string($1, "a label of \(owner)") }
      case "meta": break
      default: string(field.value, what)
      }
    }
  }

  /// An entry of the top-level `plots`: a path, or `id: {x, y, ...}` (or `id:` alone).
  mutating func topPlot(_ node: DVCNode) {
    if node.string != nil { return }
    guard let plots = node.entries else {
      diagnostics.append(
        DVCProblem.wrongType("an entry of 'plots'", expected: "a path or a plot definition", found: node).diagnostic(
          at: node.location))
      return
    }
    for plot in plots {
      if case .null = plot.value.kind { continue }
      guard let fields = mapping(plot.value, "plot '\(plot.key)'") else { continue }
      for field in keys(fields, allowed: Self.topPlotKeys, in: "plot '\(plot.key)'") {
        switch field.key {
        case "x", "y":
          if field.value.string == nil, field.value.entries == nil, field.value.items == nil {
            string(field.value, "'\(field.key)' of plot '\(plot.key)'")
          }
        default: string(field.value, "'\(field.key)' of plot '\(plot.key)'")
        }
      }
    }
  }
}
