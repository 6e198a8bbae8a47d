/// DVC templates as today's `Template`: a reference to a parameter's whole value becomes
/// `${name}`; what today's engine cannot render as DVC does (a dict unpacked in `cmd`, an item
/// of a list, DVC's `\${`) is rendered now, with the loaded values, and noted.
extension DVCPipelineMapper {
  static func template(
    _ templates: [DVCTemplate], in stage: DVCStage, project: DVCProject, inCommand: Bool, notes: inout [Diagnostic]
  ) -> Template {
    var parts: [Template.Part] = []
    var source = ""
    let wrap = templates.count > 1
    for (index, template) in templates.enumerated() {
      let open = index == 0 ? "(" : ") && ("
      if wrap {
        parts.append(.literal(open))
        source += open
      }
      for part in template.parts {
        switch part {
        case .literal(let text):
          let unescaped = DVCTemplateRenderer.unescaped(text)
          parts.append(.literal(unescaped))
          source += unescaped
        case .reference(let reference):
          if let file = project.paramsFile(reference.source.file),
            file.leafPositions(covering: reference.source.path).count == 1,
            file.leaves[file.leafPositions(covering: reference.source.path).lowerBound].path == reference.source.path,
            !(inCommand && isDict(reference, project))
          {
            let name = project.parameterName(for: reference.source).description
            parts.append(.parameter(name))
            source += "${" + name + "}"
          } else {
            let text = rendered(reference, project: project, inCommand: inCommand, notes: &notes)
            parts.append(.literal(text))
            source += text
            notes.append(
              Diagnostic(
                "'${\(reference.expression)}' in stage '\(stage.name)' is rendered once at load (today's templates cannot "
                  + "unpack a dict or index a list)", at: reference.location, severity: .warning))
          }
        }
      }
    }
    if wrap {
      parts.append(.literal(")"))
      source += ")"
    }
    return Template(parts: Self.joiningLiterals(parts), source: source)
  }

  static func joiningLiterals(_ parts: [Template.Part]) -> [Template.Part] {
    var out: [Template.Part] = []
    for part in parts {
      if case .literal(let text) = part, case .literal(let previous)? = out.last {
        out[out.count - 1] = .literal(previous + text)
      } else {
        out.append(part)
      }
    }
    return out
  }

  /// A `cmd` string's template split into lines, as DVC splits the rendered text (`splitlines`).
  static func lines(_ template: DVCTemplate) -> [DVCTemplate] {
    let breaks = template.parts.contains { part in
      guard case .literal(let text) = part else { return false }
      return DVCStage.splitLines(text).count > 1 || text.utf8.last.map { $0 == 0x0A || $0 == 0x0D } ?? false
    }
    if !breaks { return [template] }
    var lines: [DVCTemplate] = [DVCTemplate(parts: [])]
    for part in template.parts {
      guard case .literal(let text) = part else {
        lines[lines.count - 1].parts.append(part)
        continue
      }
      let pieces = DVCStage.splitLines(text + "\u{0}")  // keep a trailing empty piece after a break
      for (index, piece) in pieces.enumerated() {
        if index > 0 { lines.append(DVCTemplate(parts: [])) }
        let clean = index == pieces.count - 1 ? String(piece.dropLast()) : piece
        if !clean.isEmpty { lines[lines.count - 1].parts.append(.literal(clean)) }
      }
    }
    return lines.filter { !$0.parts.isEmpty }
  }

  static func pathTemplate(_ field: DVCPathField, _ stage: DVCStage, project: DVCProject, notes: inout [Diagnostic])
    -> Template
  {
    guard !field.template.references.isEmpty else { return .literal(stage.projectPath(field.path)) }
    var inner = template([field.template], in: stage, project: project, inCommand: false, notes: &notes)
    if stage.wdir != "." {
      inner.parts.insert(.literal(stage.wdir + "/"), at: 0)
      inner.source = stage.wdir + "/" + inner.source
    }
    return inner
  }

  static func isDict(_ reference: DVCReference, _ project: DVCProject) -> Bool {
    guard let file = project.paramsFile(reference.source.file),
      let value = DVCTemplateRenderer.value(at: reference.source.path, in: file.value)
    else { return false }
    if case .dict = value { return true }
    return false
  }

  static func rendered(_ reference: DVCReference, project: DVCProject, inCommand: Bool, notes: inout [Diagnostic])
    -> String
  {
    let template = DVCTemplate(parts: [.reference(reference)])
    do {
      let value = try DVCTemplateRenderer.render(template, inCommand: inCommand, settings: project.settings) { source in
        project.paramsFile(source.file).flatMap { DVCTemplateRenderer.value(at: source.path, in: $0.value) }
      }
      if case .string(let text) = value { return text }
    } catch {
      notes.append(Diagnostic("cannot render '${\(reference.expression)}'", at: reference.location))
    }
    return "${" + reference.expression + "}"
  }
}
