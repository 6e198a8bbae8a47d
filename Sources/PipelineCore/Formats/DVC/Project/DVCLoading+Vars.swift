/// `vars` as DVC loads them (`Context.load_from_vars`, `merge_from`): `params.yaml` first when
/// it exists, then each entry in order: a file (`path`, or `path:key1,key2` for some of its
/// top-level keys), relative to the working folder, or an inline mapping.
extension DVCLoading {
  /// Loads `items` into `context`. `wdir` is the folder the files are relative to (`` for the
  /// folder of `dvc.yaml`); `stage` names the stage for stage-level `vars`.
  mutating func loadVars(
    _ items: [DVCNode], into context: inout DVCContext, wdir: String, stage: String?, loadDefault: Bool,
    field: String
  ) throws(DiagnosticError) {
    try refuseInterpolation(in: items, field: field)
    if loadDefault, files.kind(of: DVCPath.resolve("params.yaml", in: wdir)) != .missing {
      try merge(file: "params.yaml", at: nil, into: &context, wdir: wdir, field: field)
    }
    for (index, item) in items.enumerated() {
      if let text = item.string {
        try merge(file: text, at: item.location, into: &context, wdir: wdir, field: field)
        continue
      }
      let source = (stage.map { $0 + "." } ?? "") + "vars[\(index)]"
      try refuseUnsupportedValues(in: item, source: source, path: [])
      do {
        try context.merge(item, origin: .local(source: source, path: []))
      } catch {
        throw DiagnosticError(Self.mergeProblem(error, field: field, item: nil).diagnostic(at: item.location))
      }
    }
  }

  /// `merge_from`: one file entry of `vars`.
  private mutating func merge(
    file entry: String, at location: SourceLocation?, into context: inout DVCContext, wdir: String, field: String
  ) throws(DiagnosticError) {
    let (name, keysText) = Self.partition(entry)
    let path = DVCPath.resolve(name, in: wdir)
    let keys = keysText.split(separator: ",").map(String.init).filter { !$0.isEmpty }
    let selected: [String]? = keys.isEmpty ? nil : keys
    if let imported = context.imports[path] {
      if selected == nil, imported == nil { return }  // a whole file may be named again
      if let problem = Self.alreadyLoaded(entry, imported: imported, selected: selected) {
        throw DiagnosticError(DVCProblem.vars(message: problem, field: field).diagnostic(at: location))
      }
    }
    let file = try paramsFile(path, at: location, field: field)
    var mapping = file.root
    if let selected {
      var entries: [DVCNode.Entry] = []
      for key in selected {
        guard let entry = file.root.entries?.last(where: { $0.key == key && $0.keyIsString }) else {
          throw DiagnosticError(
            DVCProblem.vars(message: "could not find '\(key)' in '\(path)'", field: field).diagnostic(at: location))
        }
        entries.append(entry)
      }
      mapping = DVCNode(.dict(entries), at: file.root.location)
    }
    // Only what is loaded must suit the context: DVC picks the keys before it converts them.
    try refuseUnsupportedValues(in: mapping, source: path, path: [])
    do {
      try context.merge(mapping, origin: .file(DVCValueSource(file: path, path: ParameterKeyPath([]))))
    } catch {
      throw DiagnosticError(Self.mergeProblem(error, field: field, item: entry).diagnostic(at: location))
    }
    if context.imports[path] == nil {
      context.imports[path] = .some(selected)
    } else if let selected, case .some(.some(let previous)) = context.imports[path] {
      context.imports[path] = .some(previous + selected)
    }
  }

  /// `str.partition(":")`
  static func partition(_ entry: String) -> (String, String) {
    guard let colon = entry.firstIndex(of: ":") else { return (entry, "") }
    return (String(entry[..<colon]), String(entry[entry.index(after: colon)...]))
  }

  /// `check_loaded`: why a file cannot be loaded again, or nil.
  static func alreadyLoaded(_ item: String, imported: [String]?, selected: [String]?) -> String? {
    switch (imported, selected) {
    case (.some, nil): return "cannot load '\(item)' as it's partially loaded already"
    case (nil, .some): return "cannot partially load '\(item)' as it's already loaded."
    case (.some(let previous), .some(let keys)) where !Set(previous).isDisjoint(with: keys):
      return "cannot load '\(item)' as it's partially loaded already"
    default: return nil
    }
  }

  static func mergeProblem(_ problem: DVCContext.MergeProblem, field: String, item: String?) -> DVCProblem {
    switch problem {
    case .redefined: return .vars(message: problem.message, field: field)
    case .reserved: return .reservedKey(message: problem.message + (item.map { " in '\($0)'" } ?? ""), field: field)
    }
  }

  /// `vars` may not hold `${...}` (`check_interpolations`).
  func refuseInterpolation(in items: [DVCNode], field: String) throws(DiagnosticError) {
    func check(_ node: DVCNode) throws(DiagnosticError) {
      switch node.kind {
      case .string(let text) where !DVCExpressionParser.matches(in: text).isEmpty:
        throw DiagnosticError(DVCProblem.interpolationNotAllowed(field: field).diagnostic(at: node.location))
      case .list(let items): for item in items { try check(item) }
      case .dict(let entries):
        for entry in entries {
          if !DVCExpressionParser.matches(in: entry.key).isEmpty {
            throw DiagnosticError(DVCProblem.interpolationNotAllowed(field: field).diagnostic(at: entry.keyLocation))
          }
          try check(entry.value)
        }
      default: return
      }
    }
    for item in items { try check(item) }
  }

  /// DVC's context refuses dates and tuples (it stops with a `TypeError`, `Container._convert`);
  /// so does pipeshell, with where. `source` is what DVC names in the message: the file, or
  /// `vars[0]` for an inline mapping.
  func refuseUnsupportedValues(in node: DVCNode, source: String, path: [String]) throws(DiagnosticError) {
    var path = path
    try refuseUnsupportedValues(in: node, source: source, path: &path)
  }

  /// The walk of `refuseUnsupportedValues`, with one path grown and shrunk on the way instead
  /// of a new one for every value of a params file.
  private func refuseUnsupportedValues(in node: DVCNode, source: String, path: inout [String]) throws(DiagnosticError) {
    if case .timestamp = node.kind {
      throw DiagnosticError(
        DVCProblem.unsupportedContextValue(typeName: "date", at: source + ":" + path.joined(separator: "."))
          .diagnostic(at: node.location))
    }
    if node.isTuple {
      throw DiagnosticError(
        DVCProblem.unsupportedContextValue(typeName: "tuple", at: source + ":" + path.joined(separator: "."))
          .diagnostic(at: node.location))
    }
    switch node.kind {
    case .list(let items):
      for (i, item) in items.enumerated() {
        path.append(String(i))
        try refuseUnsupportedValues(in: item, source: source, path: &path)
        path.removeLast()
      }
    case .dict(let entries):
      for entry in entries where entry.keyIsString {
        path.append(entry.key)
        try refuseUnsupportedValues(in: entry.value, source: source, path: &path)
        path.removeLast()
      }
    default: return
    }
  }
}
