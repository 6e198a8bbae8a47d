/// `outs`, `metrics` and `plots` of a stage (`output.load_from_pipeline`), and its `params`
/// (`dependency._merge_params`).
extension DVCLoading {
  mutating func outputs(
    _ node: DVCNode, kind: DVCOutput.Kind, context: DVCContext, field: @autoclosure () -> String, key: String
  ) throws(DiagnosticError) -> [DVCOutput] {
    // `_merge_data`: one output per path; a path listed twice gets the flags of both. Paths are
    // told apart by their bytes, as Python's dict does (`café` composed or not are two files).
    var outputs: [DVCOutput] = []
    var positions: [PathBytes: Int] = [:]
    // Each path added where it is read, its items by index: a list of the entries of each item
    // and loops over copies cost more than the outputs of a stage of thousands.
    func add(_ pathField: DVCPathField, flags: DVCNode?) throws(DiagnosticError) {
      if Self.isDVCFileName(pathField.path) {
        throw DiagnosticError(DVCProblem.outputIsDVCFile(path: pathField.path).diagnostic(at: pathField.location))
      }
      // A few outputs are compared one by one; many are looked up by their bytes.
      let at =
        outputs.count < 8
        ? outputs.firstIndex { $0.path.path.utf8.elementsEqual(pathField.path.utf8) } ?? outputs.count
        : positions[PathBytes(pathField.path[...])] ?? outputs.count
      if at == outputs.count {
        if outputs.count >= 7 {
          if positions.isEmpty {
            for (index, output) in outputs.enumerated() { positions[PathBytes(output.path.path[...])] = index }
          }
          positions[PathBytes(pathField.path[...])] = at
        }
        outputs.append(DVCOutput(kind: kind, path: pathField))
      }
      if let flags {
        let resolved = try resolver.resolveTree(flags, context: context, field: field(), key: key)
        Self.apply(resolved.entries ?? [], to: &outputs[at])
      }
    }
    let items = node.items ?? []
    outputs.reserveCapacity(items.count)
    for index in items.indices {
      if items[index].string != nil {
        try add(try path(items[index], context: context, field: field(), key: key), flags: nil)
        continue
      }
      // The paths and flag types of an item of several paths are checked before any is added,
      // as before (the first error reported stays the same).
      let entries = items[index].entries ?? []
      var checked: [(DVCPathField, Int)] = []
      for position in entries.indices {
        let pathField = try path(
          entries[position].value, text: entries[position].key, at: entries[position].keyLocation, context: context,
          field: field(), key: key)
        guard entries[position].value.entries != nil else {
          throw DiagnosticError(
            DVCProblem.outputFlags(path: pathField.path, found: entries[position].value.pythonTypeName).diagnostic(
              at: entries[position].value.location))
        }
        if entries.count == 1 {
          try add(pathField, flags: entries[position].value)
        } else {
          checked.append((pathField, position))
        }
      }
      for (pathField, position) in checked { try add(pathField, flags: entries[position].value) }
    }
    return outputs
  }

  /// DVC's `is_valid_filename`: a name DVC keeps for its own files, which no output may have.
  static func isDVCFileName(_ path: String) -> Bool {
    DVCPath.ends(path, with: ".dvc") || path.utf8.elementsEqual("dvc.yaml".utf8)
      || DVCPath.ends(path, with: "/dvc.yaml")
  }

  private static func apply(_ flags: [DVCNode.Entry], to output: inout DVCOutput) {
    for flag in flags {
      let value = flag.value.value
      switch (flag.key, value) {
      case ("cache", .bool(let b)): output.cache = b
      case ("persist", .bool(let b)): output.persist = b
      case ("push", .bool(let b)): output.push = b
      case ("remote", .string(let s)): output.remote = s
      case ("desc", .string(let s)): output.desc = s
      case ("type", .string(let s)): output.type = s
      case ("labels", .list(let items)): output.labels = items.map { PythonText.str($0) }
      case ("meta", _): output.meta = value
      case ("template", _), ("x", _), ("y", _), ("x_label", _), ("y_label", _), ("title", _), ("header", _):
        if let at = output.plotProperties.firstIndex(where: { $0.key == flag.key }) {
          output.plotProperties[at].value = value
        } else {
          output.plotProperties.append(DVCValue.Entry(key: flag.key, value: value))
        }
      default: continue  // `checkpoint`: accepted by DVC 3's schema and ignored
      }
    }
  }

  /// `params:` merged by file: keys of `params.yaml` (unless it is tracked whole), `file: [keys]`,
  /// and `file:` alone for a whole file, which wins over keys of the same file.
  mutating func params(_ node: DVCNode, context: DVCContext, field: @autoclosure () -> String) throws(DiagnosticError)
    -> [DVCParamsDependency]
  {
    let resolved = try resolver.resolveTree(node, context: context, field: field(), key: "params")
    let items = resolved.items ?? []
    var whole = Set<String>()
    for item in items {
      for entry in item.entries ?? [] where Self.isEmptyKeyList(entry.value) { whole.insert(entry.key) }
    }
    var order: [String] = []
    var byFile: [String: DVCParamsDependency] = [:]
    func add(_ file: String, _ keys: [String], at location: SourceLocation) {
      if byFile[file] == nil {
        order.append(file)
        byFile[file] = DVCParamsDependency(file: file, keys: [], location: location)
      }
      if !whole.contains(file) { byFile[file]?.keys += keys }
    }
    for item in items {
      if let key = item.string {
        if !whole.contains("params.yaml") { add("params.yaml", [key], at: item.location) }
        continue
      }
      for entry in item.entries ?? [] {
        if Self.isEmptyKeyList(entry.value) {
          add(entry.key, [], at: entry.keyLocation)
          continue
        }
        guard let keys = entry.value.items else {
          throw DiagnosticError(
            DVCProblem.paramsFileKeys(file: entry.key, found: entry.value.pythonTypeName).diagnostic(
              at: entry.value.location))
        }
        add(entry.key, keys.map { DVCResolver.keyText($0.value) }, at: entry.keyLocation)
      }
    }
    return order.compactMap { byFile[$0] }
  }

  private static func isEmptyKeyList(_ node: DVCNode) -> Bool {
    switch node.kind {
    case .null: return true
    case .list(let items): return items.isEmpty
    default: return false
    }
  }
}
