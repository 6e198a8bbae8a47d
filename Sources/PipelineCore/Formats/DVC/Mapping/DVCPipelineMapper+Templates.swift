/// DVC templates as the one template engine's templates, in DVC's dialect: literal text as
/// written (`\${` is turned into `${` after rendering, as DVC does), and each `${...}` as the
/// parameters it reads: the value's own parameter (with the key path below it for `${l[0]}`),
/// or every parameter of a section (`${train}`, unpacked into options in `cmd`).
extension DVCPipelineMapper {
  /// `loadedText` is the string as the loader rendered it (a path, a line of `cmd`).
  static func template(
    _ dvc: DVCTemplate, project: DVCProject, inCommand: Bool, loadedText: String?, references: inout ValueReferences
  ) -> Template {
    var parts: [Template.Part] = []
    parts.reserveCapacity(dvc.parts.count)
    // By index: a loop over the parts copied each one (its reference's strings and key path).
    for index in dvc.parts.indices {
      switch dvc.parts[index] {
      case .literal(let text): parts.append(.literal(text))
      case .reference(let reference): parts.append(.dvcValue(references.reference(reference, in: project)))
      }
    }
    let rules = DVCTemplateRules(inCommand: inCommand, exact: dvc.isExact, settings: project.settings)
    return Template(writtenAs: parts, dialect: .dvc(rules), loadedText: loadedText)
  }

  /// A path of a stage: plain text when it reads no value, else a template.
  static func pathTemplate(_ field: DVCPathField, project: DVCProject, references: inout ValueReferences) -> Template {
    guard field.template.holdsReference else { return .literal(field.path) }
    return template(field.template, project: project, inCommand: false, loadedText: field.path, references: &references)
  }

  /// The parameters a reference reads: the leaf it names or holds it, or a section's leaves.
  static func valueReference(_ reference: DVCReference, project: DVCProject) -> DVCValueReference {
    let source = reference.source
    guard let fileIndex = project.paramsFilePosition(source.file) else {
      return DVCValueReference(expression: reference.expression, pieces: [])
    }
    let file = project.paramsFiles[fileIndex]
    let positions = file.leafPositions(covering: source.path)
    let segments = source.path.segments
    if positions.count == 1 {
      let leaf = file.leaves[positions.lowerBound].path
      if leaf.isPrefix(of: source.path) {
        let name = project.leafName(positions.lowerBound, inFile: fileIndex)
        return DVCValueReference(
          expression: reference.expression, pieces: [.init(path: [], parameter: name)],
          index: Array(segments.dropFirst(leaf.segments.count)))
      }
    }
    let pieces = positions.map { position in
      let leaf = file.leaves[position].path
      return DVCValueReference.Piece(
        path: Array(leaf.segments.dropFirst(segments.count)),
        parameter: project.leafName(position, inFile: fileIndex))
    }
    return DVCValueReference(expression: reference.expression, pieces: pieces)
  }
}

/// The parameters each reference reads, found once for each expression and value: the stages of
/// one `foreach` or `matrix` mostly read the same few values (`${train.lr}`).
struct ValueReferences {
  private struct Key: Hashable {
    var expression: String
    var source: DVCValueSource
  }
  private var known: [Key: DVCValueReference] = [:]
  private var recent = RecentHits<Key, DVCValueReference>()

  mutating func reference(_ reference: DVCReference, in project: DVCProject) -> DVCValueReference {
    let key = Key(expression: reference.expression, source: reference.source)
    if let found = recent.found(for: key) { return found }
    let found: DVCValueReference
    if let known = known[key] {
      found = known
    } else {
      found = DVCPipelineMapper.valueReference(reference, project: project)
      if known.isEmpty { known.reserveCapacity(TemplateMemo.expectedPieces) }  // as the memo does
      known[key] = found
    }
    recent.remember(key, found)
    return found
  }
}
