/// Resolves the strings of `dvc.yaml` against DVC's context, as `Context.resolve` does, while
/// keeping references to params-file values where pipeshell renders them again later.
struct DVCResolver {
  /// A resolved string: its template, its value now, and, for an exact `${...}`, the context
  /// value itself (what `foreach` and `matrix` iterate over).
  struct Resolved {
    var template: DVCTemplate
    var value: DVCValue
    var exact: DVCContext.Value?
  }

  var settings: DVCInterpolation.Settings
  /// File values read while resolving the current stage (DVC's `tracked_vars`).
  var used: [DVCValueSource] = []
  /// File values substituted where pipeshell cannot render them again (stage names, paths of
  /// `wdir`, flags, `desc`): a change to one of them needs the project expanded again.
  var structural: [DVCValueSource] = []

  /// Resolves one string. `key` is the stage key it belongs to (`cmd`, `deps`, ...), which
  /// decides what may be interpolated; nil for `foreach`/`matrix` data, which DVC does not check.
  /// With `keepReferences`, references to file values stay references.
  mutating func resolve(
    _ text: String, at location: SourceLocation, context: DVCContext, field: String, key: String?,
    keepReferences: Bool
  ) throws(DiagnosticError) -> Resolved {
    let matches = DVCExpressionParser.matches(in: text)
    if matches.isEmpty {
      return Resolved(template: .literal(text), value: .string(DVCTemplateRenderer.unescaped(text)), exact: nil)
    }
    let isExact = matches.count == 1 && matches[0].start == 0 && matches[0].end == text.count
    let chars = Array(text)
    var parts: [DVCTemplate.Part] = []
    var values: [DVCValueSource: DVCValue] = [:]
    var literalStart = 0
    var exactValue: DVCContext.Value?
    for match in matches {
      if match.start > literalStart { parts.append(.literal(String(chars[literalStart..<match.start]))) }
      literalStart = match.end
      let at = Self.location(of: match.start, in: chars, from: location)
      var (selected, normalized) = try select(match.inner, at: at, context: context, field: field)
      selected.isNode = true
      let plain = selected.plain
      if let key {
        do {
          try DVCInterpolation.validate(plain, inCommand: key == "cmd")
        } catch {
          throw DiagnosticError(DVCProblem.cannotInterpolate(message: error.message, field: field).diagnostic(at: at))
        }
      }
      if case .file(let source) = selected.origin {
        used.append(source)
        if keepReferences {
          parts.append(.reference(DVCReference(expression: normalized, source: source, location: at)))
          values[source] = plain
          exactValue = selected
          continue
        }
        structural.append(source)
      }
      exactValue = selected
      if isExact {
        // The value keeps its type; a string is kept as is (no `\${` processing).
        if case .string(let s) = plain { parts.append(.literal(s)) }
        return Resolved(template: DVCTemplate(parts: parts, isExact: true), value: plain, exact: selected)
      }
      do {
        parts.append(.literal(try DVCInterpolation.text(plain, settings: settings)))
      } catch {
        throw DiagnosticError(DVCProblem.cannotInterpolate(message: error.message, field: field).diagnostic(at: at))
      }
    }
    if literalStart < chars.count { parts.append(.literal(String(chars[literalStart...]))) }
    let template = DVCTemplate(parts: Self.joiningLiterals(parts), isExact: isExact)
    do {
      let value = try DVCTemplateRenderer.render(template, inCommand: key == "cmd", settings: settings) { values[$0] }
      return Resolved(template: template, value: value, exact: isExact ? exactValue : nil)
    } catch {
      throw DiagnosticError(Diagnostic("cannot render '\(text)'", at: location))
    }
  }

  /// The context value an expression reads, and the expression as DVC normalizes it.
  func select(_ inner: String, at location: SourceLocation, context: DVCContext, field: String) throws(DiagnosticError)
    -> (DVCContext.Value, String)
  {
    switch DVCExpressionParser.parse(inner) {
    case .failure(let problem):
      throw DiagnosticError(
        DVCProblem.expressionSyntax(expression: inner, message: problem.message, field: field).diagnostic(at: location))
    case .success(let (segments, normalized)):
      guard let value = context.select(segments) else {
        let suggestion = Suggestion.closest(to: segments.joined(separator: "."), in: Self.names(in: context))
        throw DiagnosticError(
          DVCProblem.notFound(expression: normalized, field: field, suggestion: suggestion).diagnostic(at: location))
      }
      return (value, normalized)
    }
  }

  /// Every dotted key path of the context, for "did you mean".
  static func names(in context: DVCContext) -> [String] {
    var names: [String] = []
    func walk(_ value: DVCContext.Value, _ prefix: String, depth: Int) {
      guard depth < 16, names.count < 10_000 else { return }
      for (key, child) in value.mappingChildren {
        let name = prefix.isEmpty ? key : prefix + "." + key
        names.append(name)
        if child.isMapping { walk(child, name, depth: depth + 1) }
      }
    }
    walk(context.root, "", depth: 0)
    return names
  }

  /// Where the `${` at character `offset` stands, when the text before it is on one line.
  static func location(of offset: Int, in chars: [Character], from start: SourceLocation) -> SourceLocation {
    guard !chars[..<offset].contains("\n") else { return start }
    var at = start
    at.column += offset
    return at
  }

  static func joiningLiterals(_ parts: [DVCTemplate.Part]) -> [DVCTemplate.Part] {
    var out: [DVCTemplate.Part] = []
    for part in parts {
      if case .literal(let text) = part, case .literal(let previous)? = out.last {
        out[out.count - 1] = .literal(previous + text)
      } else {
        out.append(part)
      }
    }
    return out
  }
}
