/// `foreach`/`do` and `matrix` expanded into stages named exactly as DVC names them
/// (`ForeachDefinition`, `MatrixDefinition` in `dvc/parsing/__init__.py`):
/// - a list of scalars: `stage@VALUE`; a list holding a list or a mapping: `stage@0`, `stage@1`;
/// - a mapping: `stage@KEY`, with `${key}` set too;
/// - a matrix: `stage@V1-V2`, each value's text, or `NAME INDEX` (`dict0`) for a list or mapping.
/// A name seen twice keeps its first place and its last value, as a Python dict does.
extension DVCLoading {
  mutating func expand(_ stage: DVCNode.Entry, context: DVCContext) throws(DiagnosticError) -> [DVCStage] {
    let name = stage.key
    let fields = stage.value.entries ?? []
    if let foreachField = fields.last(where: { $0.key == "foreach" }) {
      let data = foreachField.value
      let body = fields.last(where: { $0.key == "do" })?.value.entries ?? []
      let (iterations, isMapping) = try foreach(data, context: context, field: "stages.\(name).foreach")
      warnIfOverwriting(isMapping ? ["item", "key"] : ["item"], group: name, context: context, at: stage.keyLocation)
      try refuseSecondAt(name, iterations, field: "foreach", at: foreachField.keyLocation)
      return try generate(name, iterations, body: body, at: stage.keyLocation, context: context)
    }
    if let matrixField = fields.last(where: { $0.key == "matrix" }) {
      let axes = matrixField.value
      let body = fields.filter { $0.key != "matrix" }
      let iterations = try matrix(axes, context: context, field: "stages.\(name).matrix")
      warnIfOverwriting(["key", "item"], group: name, context: context, at: stage.keyLocation)
      try refuseSecondAt(name, iterations, field: "matrix", at: matrixField.keyLocation)
      return try generate(name, iterations, body: body, at: stage.keyLocation, context: context)
    }
    return [try self.stage(name, group: nil, definition: fields, at: stage.keyLocation, context: context)]
  }

  /// DVC finds a generated stage by splitting its name at the last `@` (`split_group_name`),
  /// so a name whose suffix holds one (`s@user@host`) is never found: DVC stops there.
  private func refuseSecondAt(
    _ group: String, _ iterations: Iterations, field: String, at location: SourceLocation
  ) throws(DiagnosticError) {
    // By bytes, as Python's `"@" in name` looks (an `@` followed by a combining mark is one
    // `Character`, which `contains("@")` would not find), and without walking characters.
    guard let bad = iterations.first(holding: UInt8(ascii: "@")) else { return }
    throw DiagnosticError(
      DVCProblem.generatedNameWithAt(name: "\(group)@\(bad.suffix)", field: field).diagnostic(at: location))
  }

  private mutating func generate(
    _ group: String, _ iterations: Iterations, body: [DVCNode.Entry], at location: SourceLocation, context: DVCContext
  ) throws(DiagnosticError) -> [DVCStage] {
    // Without `vars` of their own, the group's stages differ only in `item` and `key`.
    let sharesContext = !body.contains { $0.key == "vars" }
    if sharesContext { resolver.beginGroup() }
    defer { if sharesContext { resolver.endGroup() } }
    if iterations.count >= Self.parallelThreshold, sharesContext {
      return try generateInParallel(group, iterations, body: body, at: location, context: context)
    }
    var stages: [DVCStage] = []
    stages.reserveCapacity(iterations.count)
    var local = context
    for index in 0..<iterations.count {
      let iteration = iterations[index]
      local.item = iteration.item
      local.key = iteration.key.map { Self.local(.string($0), at: location) }
      stages.append(
        try stage("\(group)@\(iteration.suffix)", group: group, definition: body, at: location, context: local))
    }
    return stages
  }

  private mutating func foreach(_ data: DVCNode, context: DVCContext, field: String) throws(DiagnosticError) -> (
    Iterations, Bool
  ) {
    let value = try resolveData(data, context: context, field: field)
    if value.isMapping {
      let iterations = value.mappingChildren.map { Iteration(suffix: $0.0, item: $0.1, key: $0.0) }
      return (Iterations(Self.deduplicated(iterations)), true)
    }
    guard value.isList else {
      throw DiagnosticError(
        DVCProblem.notIterable(field: field, found: value.plain.pythonTypeName).diagnostic(at: data.location))
    }
    let items = value.listItems
    let byIndex = items.contains { $0.isMapping || $0.isList }
    let iterations = items.enumerated().map { index, item in
      Iteration(suffix: byIndex ? String(index) : Self.text(of: item), item: item, key: nil)
    }
    return (Iterations(Self.deduplicated(iterations)), false)
  }

  /// The most stages one `matrix` expands to: its axes multiply, and a few lists of a thousand
  /// values would make billions (DVC would try, and never finish).
  static let maximumMatrixStages = 1_000_000

  private mutating func matrix(_ node: DVCNode, context: DVCContext, field: String) throws(DiagnosticError)
    -> Iterations
  {
    if node.entries?.isEmpty == true {
      throw DiagnosticError(DVCProblem.matrixWithoutAxes(field: field).diagnostic(at: node.location))
    }
    var axes: [(String, [DVCContext.Value])] = []
    for axis in node.entries ?? [] {
      let value = try resolveData(axis.value, context: context, field: field)
      switch value.plain {
      case .string(let text):
        // DVC iterates over whatever it is given: a string gives its characters.
        axes.append((axis.key, text.map { Self.local(.string(String($0)), at: axis.value.location) }))
      case .dict(let entries):
        axes.append((axis.key, entries.map { Self.local(.string($0.key), at: axis.value.location) }))
      case .list:
        axes.append((axis.key, value.listItems))
      default:
        throw DiagnosticError(
          DVCProblem.notIterable(field: field, found: value.plain.pythonTypeName).diagnostic(at: axis.value.location))
      }
    }
    // Each value's part of the names, made once per value rather than once per combination.
    let names = axes.map(\.0)
    let fragments = axes.map { axis in
      axis.1.enumerated().map { index, value in
        value.isMapping || value.isList ? "\(axis.0)\(index)" : Self.text(of: value)
      }
    }
    let combinations = axes.reduce(1) { product, axis in
      let (next, overflow) = product.multipliedReportingOverflow(by: axis.1.count)
      return overflow ? .max : next
    }
    guard combinations <= Self.maximumMatrixStages else {
      throw DiagnosticError(
        DVCProblem.matrixTooLarge(field: field, sizes: axes.map(\.1.count), limit: Self.maximumMatrixStages)
          .diagnostic(at: node.location))
    }
    let combined = MatrixAxes(names: names, values: axes.map(\.1), fragments: fragments, combinations: combinations)
    return Self.namesAreDistinct(fragments) ? Iterations(combined) : Iterations(Self.deduplicated(combined.all))
  }

  /// True when no two combinations of these fragments (one of each axis, joined with `-`) can
  /// be one name: each axis's are distinct, and none holds a `-` that could move a boundary.
  /// A `matrix` of thousands then skips looking every name up once more.
  private static func namesAreDistinct(_ fragments: [[String]]) -> Bool {
    fragments.allSatisfy { axis in
      !axis.contains { ByteSearch.holds(UInt8(ascii: "-"), in: $0) } && Set(axis).count == axis.count
    }
  }

  /// `foreach`/`matrix` data resolved as DVC resolves it (`unwrap=False`): an exact `${...}`
  /// is the context's own value (with its origin), other strings are text, lists and mappings
  /// are resolved item by item.
  private mutating func resolveData(_ node: DVCNode, context: DVCContext, field: String) throws(DiagnosticError)
    -> DVCContext.Value
  {
    switch node.kind {
    case .string(let text):
      let resolved = try resolver.resolve(
        text, at: node.location, context: context, field: field, key: nil, keepReferences: false)
      if let exact = resolved.exact { return exact }
      return Self.local(resolved.value, at: node.location)
    case .list(let items):
      var values: [DVCContext.Value] = []
      for item in items { values.append(try resolveData(item, context: context, field: field)) }
      return DVCContext.Value(kind: .list(values), origin: .local(source: field, path: []), isNode: false)
    case .dict(let entries):
      var keys: [String] = [], children: [String: DVCContext.Value] = [:]
      for entry in entries {
        var key = entry.key
        if entry.keyIsString {
          key = DVCResolver.keyText(
            try resolver.resolve(
              entry.key, at: entry.keyLocation, context: context, field: field, key: nil, keepReferences: false
            ).value)
        } else if key == "True" || key == "False" {
          key = key.lowercased()  // DVC names stages with `to_str`, which writes booleans in lower case
        }
        if children[key] == nil { keys.append(key) }
        children[key] = try resolveData(entry.value, context: context, field: field)
      }
      return DVCContext.Value(
        kind: .merged(keys: keys, children: children), origin: .local(source: field, path: []), isNode: false)
    default:
      return DVCContext.Value(kind: .node(node), origin: .local(source: field, path: []), isNode: false)
    }
  }

  /// The text of an iterated value in a stage name: DVC's `to_str` (`true`), or Python's `str()`
  /// (`True`) for a value DVC holds as its own node (one reached through `${...}`).
  private static func text(of value: DVCContext.Value) -> String {
    let plain = value.plain
    if case .bool(let b) = plain, !value.isNode { return b ? "true" : "false" }
    return PythonText.str(plain)
  }

  static func local(_ value: DVCValue, at location: SourceLocation) -> DVCContext.Value {
    DVCContext.Value(
      kind: .node(DVCNode(value: value, at: location)), origin: .local(source: "item", path: []), isNode: false)
  }

  /// Python dict semantics for generated names: the first place, the last value.
  private static func deduplicated(_ iterations: [Iteration]) -> [Iteration] {
    var positions: [String: Int] = [:]
    positions.reserveCapacity(iterations.count)
    var out: [Iteration] = []
    out.reserveCapacity(iterations.count)
    for iteration in iterations {
      if let at = positions[iteration.suffix] {
        out[at].item = iteration.item
        out[at].key = iteration.key
      } else {
        positions[iteration.suffix] = out.count
        out.append(iteration)
      }
    }
    return out
  }

  private mutating func warnIfOverwriting(
    _ keys: [String], group: String, context: DVCContext, at location: SourceLocation
  ) {
    let present = keys.filter { context.contains($0) }
    guard !present.isEmpty else { return }
    let verb = present.count == 1 ? "is" : "are"
    diagnostics.append(
      Diagnostic(
        "\(present.joined(separator: " and ")) \(verb) already specified, will be overwritten for stages generated from '\(group)'",
        at: location, severity: .warning))
  }
}
