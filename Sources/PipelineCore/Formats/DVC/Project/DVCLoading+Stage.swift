/// One stage resolved as DVC's `EntryDefinition.resolve_stage` and `StageLoader.load_stage`
/// do: `wdir` first (before the stage's own `vars`, which it cannot use), then `vars`, then
/// every other key, each string templated.
extension DVCLoading {
  mutating func stage(
    _ name: String, group: String?, definition: [DVCNode.Entry], at location: SourceLocation, context shared: DVCContext
  ) throws(DiagnosticError) -> DVCStage {
    var context = shared
    resolver.used.removeAll(keepingCapacity: true)
    let field = { (key: String) in "stages.\(name).\(key)" }
    invariant.reset(for: group, fieldCount: definition.count)
    // A group's keys are told apart once (its definition is the same for each stage).
    if group == nil || invariant.keys.count != definition.count {
      invariant.keys = definition.map { DVCStageKey($0.key) }
    }
    let keys = invariant.keys
    var wdir = "."
    if let position = keys.lastIndex(of: .wdir), let text = definition[position].value.string, !text.isEmpty {
      let node = definition[position].value
      let resolved = try resolver.resolve(
        text, at: node.location, context: context, field: field("wdir"), key: "wdir", keepReferences: false)
      wdir = DVCPath.normalize(DVCResolver.keyText(resolved.value))
    }
    let base = wdir == "." ? "" : wdir
    if let position = keys.lastIndex(of: .vars), let vars = definition[position].value.items {
      try loadVars(vars, into: &context, wdir: base, stage: name, loadDefault: false, field: field("vars"))
    }
    var stage = DVCStage.Fields(
      name: name, group: group, location: location, commands: [], commandTexts: [], commandIsList: false, wdir: wdir,
      deps: [], params: [], outs: [], frozen: false, alwaysChanged: false, desc: nil, meta: nil, usedValues: [],
      folder: files.root)
    let shares = group != nil && !keys.contains(.vars)
    // By position: a field taken from the group's cache is not copied out of the definition.
    for position in definition.indices {
      let key = keys[position]
      let cacheable = shares && key.isSharable && !readsIteration(definition, at: position)
      if cacheable, let cached = cachedField(at: position) {
        switch cached {
        case .deps(let deps): stage.deps = deps
        case .params(let params): stage.params = params
        case .outs(let outs): Self.add(outs, to: &stage.outs)
        }
        continue
      }
      let node = definition[position].value
      let usedBefore = resolver.used.count
      switch key {
      case .cmd: try commands(node, into: &stage, context: context, field: field("cmd"))
      case .deps:
        for item in node.items ?? [] {
          let dep = try path(item, context: context, field: field("deps"), key: "deps")
          if Self.isDVCFileName(dep.path) {
            throw DiagnosticError(DVCProblem.dependencyIsDVCFile(path: dep.path).diagnostic(at: dep.location))
          }
          stage.deps.append(dep)
        }
        if cacheable { cache(.deps(stage.deps), at: position, usedFrom: usedBefore) }
      case .params:
        stage.params = try params(node, context: context, field: field("params"))
        if cacheable { cache(.params(stage.params), at: position, usedFrom: usedBefore) }
      case .outs, .metrics, .plots:
        let kind: DVCOutput.Kind = key == .outs ? .out : key == .metrics ? .metric : .plot
        let written = definition[position].key
        let outs = try outputs(node, kind: kind, context: context, field: field(written), key: written)
        Self.add(outs, to: &stage.outs)
        if cacheable { cache(.outs(outs), at: position, usedFrom: usedBefore) }
      case .frozen: if case .bool(let b) = node.kind { stage.frozen = b }
      case .alwaysChanged: if case .bool(let b) = node.kind { stage.alwaysChanged = b }
      case .desc:
        let value = try resolver.resolveTree(node, context: context, field: field("desc"), key: "desc")
        stage.desc = DVCResolver.keyText(value.value)
      case .meta:
        stage.meta = try resolver.resolveTree(node, context: context, field: field("meta"), key: "meta").value
      case .wdir, .vars, .other: continue  // wdir (resolved above), vars, matrix
      }
    }
    stage.outs = Self.orderedByKind(stage.outs)
    stage.usedValues.reserveCapacity(resolver.used.count)
    for source in resolver.used where !stage.usedValues.contains(source) { stage.usedValues.append(source) }
    return DVCStage(stage)
  }

  /// `outs` after the stage's outputs so far: the first list is taken as it is (appending it
  /// to an empty list copied it, for each of thousands of stages), the others are appended.
  private static func add(_ outs: [DVCOutput], to all: inout [DVCOutput]) {
    if all.isEmpty { all = outs } else { all += outs }
  }

  private mutating func commands(
    _ node: DVCNode, into stage: inout DVCStage.Fields, context: DVCContext, field: @autoclosure () -> String
  )
    throws(DiagnosticError)
  {
    let items = node.items ?? [node]
    stage.commandIsList = node.items != nil
    for item in items {
      guard let text = item.string else {
        throw DiagnosticError(
          DVCProblem.commandIsNotText(stage: stage.name, found: item.pythonTypeName).diagnostic(at: item.location))
      }
      let resolved = try resolver.resolve(
        text, at: item.location, context: context, field: field(), key: "cmd", keepReferences: true)
      guard case .string(let command) = resolved.value else {
        throw DiagnosticError(
          DVCProblem.commandIsNotText(stage: stage.name, found: "a \(resolved.value.pythonTypeName)").diagnostic(
            at: item.location))
      }
      stage.commands.append(resolved.template)
      stage.commandTexts.append(command)
    }
  }

  /// A path (a dependency, or an output's key), templated with references kept.
  mutating func path(
    _ node: DVCNode, text: String? = nil, at location: SourceLocation? = nil, context: DVCContext,
    field: @autoclosure () -> String,
    key: String
  ) throws(DiagnosticError) -> DVCPathField {
    let at = location ?? node.location
    guard let written = text ?? node.string else {
      throw DiagnosticError(DVCProblem.pathIsNotText(field: field(), found: node.pythonTypeName).diagnostic(at: at))
    }
    let resolved = try resolver.resolve(
      written, at: at, context: context, field: field(), key: key, keepReferences: true)
    guard case .string(let path) = resolved.value else {
      throw DiagnosticError(
        DVCProblem.pathIsNotText(field: field(), found: "a \(resolved.value.pythonTypeName)").diagnostic(at: at))
    }
    return DVCPathField(template: resolved.template, path: path, location: at)
  }

  /// DVC lists a stage's outputs as `outs`, then `metrics`, then `plots`, whatever the order in
  /// the file (`StageLoader.load_stage` projects the keys in that order).
  static func orderedByKind(_ outs: [DVCOutput]) -> [DVCOutput] {
    let rank: (DVCOutput.Kind) -> Int = { $0 == .out ? 0 : $0 == .metric ? 1 : 2 }
    // Kinds compared in place: zipping the outputs copied each of them, for thousands of stages.
    if outs.indices.dropFirst().allSatisfy({ rank(outs[$0 - 1].kind) <= rank(outs[$0].kind) }) { return outs }
    return outs.filter { $0.kind == .out } + outs.filter { $0.kind == .metric } + outs.filter { $0.kind == .plot }
  }
}
