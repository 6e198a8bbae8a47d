/// Resolves the strings of `dvc.yaml` against DVC's context, as `Context.resolve` does, while
/// keeping references to params-file values where pipeshell renders them again later.
///
/// Each distinct string is scanned and its expressions parsed once (`Compiled`): a `matrix` of
/// thousands of items resolves the same few strings against each item.
struct DVCResolver {
  /// A resolved string: its template, its value now, and, for an exact `${...}`, the context
  /// value itself (what `foreach` and `matrix` iterate over).
  struct Resolved {
    var template: DVCTemplate
    var exact: DVCContext.Value?
    /// The value of a string that is not one exact `${...}`.
    private var made: DVCValue?

    init(template: DVCTemplate, value: DVCValue) {
      self.template = template
      self.made = value
    }

    init(template: DVCTemplate, exact: DVCContext.Value) {
      self.template = template
      self.exact = exact
    }

    /// The value now. An exact `${...}`'s is made from the context value when asked: `foreach`
    /// over a params section uses the context value itself, and making a plain copy of a
    /// section of a hundred entries cost more than expanding a stage.
    var value: DVCValue { made ?? exact?.plain ?? .null }
  }

  /// A string split into literal text and parsed expressions.
  struct Compiled {
    enum Piece {
      case literal(String)
      /// An expression, with its column offset from the string's start (nil when a line
      /// break comes before it, where the string's own place is reported).
      case expression(segments: [String], normalized: String, column: Int?)
      case invalid(inner: String, DVCExpressionParser.Problem, column: Int?)
    }

    var pieces: [Piece]
    var isExact: Bool
  }

  var settings: DVCInterpolation.Settings
  /// File values read while resolving the current stage (DVC's `tracked_vars`).
  var used: [DVCValueSource] = []
  /// File values substituted where pipeshell cannot render them again (stage names, paths of
  /// `wdir`, flags, `desc`): a change to one of them needs the project expanded again.
  var structural: [DVCValueSource] = []
  private var compiled: [String: Compiled] = [:]
  /// The bytes of the string being resolved, kept between strings for their room.
  private var scratch: [UInt8] = []
  /// The strings compiled last: the stages of a group resolve the same strings (the same
  /// storage, compared without hashing) one stage after another.
  private var recentlyCompiled = RecentHits<String, Compiled>(capacity: 8)
  /// While the stages of one `foreach`/`matrix` group are resolved (when the group has no
  /// `vars` of its own, so only `item` and `key` change from stage to stage): each expression
  /// that reads neither, selected and made text once for the group. Nil outside a group.
  private var groupSelections: [GroupSelectionKey: Selection]?

  private struct GroupSelectionKey: Hashable {
    var expression: String
    var inCommand: Bool
    var checked: Bool
  }

  /// An expression's value in the context, checked for its field and made text.
  private struct Selection {
    var selected: DVCContext.Value
    var text: String
  }

  init(settings: DVCInterpolation.Settings) {
    self.settings = settings
  }

  mutating func compile(_ text: String) -> Compiled {
    if let known = recentlyCompiled.found(for: text) { return known }
    if let known = compiled[text] {
      recentlyCompiled.remember(text, known)
      return known
    }
    let matches = DVCExpressionParser.matches(in: text)
    let bytes = Array(text.utf8)
    var pieces: [Compiled.Piece] = []
    var literalStart = 0
    for match in matches {
      if match.start > literalStart {
        pieces.append(.literal(String(decoding: bytes[literalStart..<match.start], as: UTF8.self)))
      }
      literalStart = match.end
      let before = bytes[..<match.start]
      let column = before.contains(0x0A) ? nil : DVCExpressionParser.characters(in: before)
      switch DVCExpressionParser.parse(match.inner) {
      case .success(let (segments, normalized)):
        pieces.append(.expression(segments: segments, normalized: normalized, column: column))
      case .failure(let problem): pieces.append(.invalid(inner: match.inner, problem, column: column))
      }
    }
    if literalStart < bytes.count { pieces.append(.literal(String(decoding: bytes[literalStart...], as: UTF8.self))) }
    let result = Compiled(
      pieces: pieces, isExact: matches.count == 1 && matches[0].start == 0 && matches[0].end == bytes.count)
    compiled[text] = result
    recentlyCompiled.remember(text, result)
    return result
  }

  /// Forgets the strings compiled so far (a worker compiles its own, see `unshared`).
  mutating func forgetCompiled() {
    compiled = [:]
    recentlyCompiled = RecentHits(capacity: 8)
  }

  /// Starts remembering what expressions that read neither `item` nor `key` select, for the
  /// stages of a group whose context changes only there.
  mutating func beginGroup() { groupSelections = [:] }

  /// Forgets them: the next stages resolve in another context.
  mutating func endGroup() { groupSelections = nil }

  /// Resolves one string. `key` is the stage key it belongs to (`cmd`, `deps`, ...), which
  /// decides what may be interpolated; nil for `foreach`/`matrix` data, which DVC does not check.
  /// With `keepReferences`, references to file values stay references.
  mutating func resolve(
    _ text: String, at location: SourceLocation, context: DVCContext, field: @autoclosure () -> String, key: String?,
    keepReferences: Bool
  ) throws(DiagnosticError) -> Resolved {
    let program = compile(text)
    if program.pieces.count <= 1, case .literal = program.pieces.first ?? .literal("") {
      return Resolved(template: .literal(text), value: .string(DVCTemplateRenderer.unescaped(text)))
    }
    // The string is built once, as bytes, in the resolver's own buffer kept from one string to
    // the next (appending to `String`s piece by piece cost a few hundred instructions an append
    // over thousands of stages); the literal parts of the template are runs of the same bytes
    // between kept references.
    var rendered: [UInt8] = []
    swap(&rendered, &scratch)
    defer { swap(&rendered, &scratch) }
    rendered.removeAll(keepingCapacity: true)
    rendered.reserveCapacity(text.utf8.count + 16 * program.pieces.count)
    var parts: [DVCTemplate.Part] = []
    var literalStart = 0
    // The run of literal text since the last reference when it is one piece of the string as
    // written: the template's part is then that piece's text itself (no string made again).
    var runIsOnePiece: String?
    /// The literal text since the last reference, as a part of the template.
    func literalRun() -> DVCTemplate.Part {
      .literal(runIsOnePiece ?? String(decoding: rendered[literalStart...], as: UTF8.self))
    }
    // By index: a loop over the pieces copied each one (an expression's segments and text).
    let pieces = program.pieces
    for index in pieces.indices {
      switch pieces[index] {
      case .literal(let literal):
        runIsOnePiece = rendered.count == literalStart ? literal : nil
        rendered.appendUTF8(of: literal)
      case .invalid(let inner, let problem, let column):
        let at = Self.location(column, from: location)
        throw DiagnosticError(
          DVCProblem.expressionSyntax(expression: inner, message: problem.message, field: field()).diagnostic(at: at))
      case .expression(let segments, let normalized, let column):
        let at = Self.location(column, from: location)
        let found = try selection(
          segments, normalized: normalized, at: at, context: context, field: field(), key: key, exact: program.isExact)
        let (selected, text) = (found.selected, found.text)
        if case .file(let source) = selected.origin {
          used.append(source)
          if keepReferences {
            let reference = DVCTemplate.Part.reference(
              DVCReference(expression: normalized, source: source, location: at))
            if program.isExact {
              return Resolved(template: DVCTemplate(parts: [reference], isExact: true), exact: selected)
            }
            if parts.isEmpty { parts.reserveCapacity(program.pieces.count) }
            if rendered.count > literalStart { parts.append(literalRun()) }
            parts.append(reference)
            rendered.appendUTF8(of: text)
            literalStart = rendered.count
            runIsOnePiece = nil
            continue
          }
          structural.append(source)
        }
        if program.isExact {
          // The value keeps its type; a string is kept as is (no `\${` processing).
          let exactParts: [DVCTemplate.Part] = selected.plainString.map { [.literal($0)] } ?? []
          return Resolved(template: DVCTemplate(parts: exactParts, isExact: true), exact: selected)
        }
        rendered.appendUTF8(of: text)
        runIsOnePiece = nil
      }
    }
    let whole = String(decoding: rendered, as: UTF8.self)
    if parts.isEmpty {
      // No reference kept: the template is the whole text, one string for both.
      return Resolved(
        template: DVCTemplate(parts: whole.isEmpty ? [] : [.literal(whole)]),
        value: .string(DVCTemplateRenderer.unescaped(whole)))
    }
    if rendered.count > literalStart { parts.append(literalRun()) }
    return Resolved(
      template: DVCTemplate(parts: parts), value: .string(DVCTemplateRenderer.unescaped(whole)))
  }

  /// What an expression selects in the context, checked for the field it is in and made text
  /// (inside a longer string only). For a group's stages, an expression that reads neither
  /// `item` nor `key` is selected once and remembered.
  private mutating func selection(
    _ segments: [String], normalized: String, at: SourceLocation, context: DVCContext, field: @autoclosure () -> String,
    key: String?,
    exact: Bool
  ) throws(DiagnosticError) -> Selection {
    let inCommand = key == "cmd"
    let memoKey =
      exact || groupSelections == nil || segments.first == "item" || segments.first == "key"
      ? nil : GroupSelectionKey(expression: normalized, inCommand: inCommand, checked: key != nil)
    if let memoKey, let known = groupSelections?[memoKey] { return known }
    guard var selected = context.select(segments) else {
      let suggestion = Suggestion.closest(to: segments.joined(separator: "."), in: Self.names(in: context))
      throw DiagnosticError(
        DVCProblem.notFound(expression: normalized, field: field(), suggestion: suggestion).diagnostic(at: at))
    }
    selected.isNode = true
    var text = ""
    do {
      // An exact `${...}` of `foreach` or `matrix` data (no key) is neither checked nor made text.
      if key != nil || !exact {
        let plain = selected.plain
        if key != nil { try DVCInterpolation.validate(plain, inCommand: inCommand) }
        if !exact { text = try DVCInterpolation.text(plain, settings: settings) }
      }
    } catch {
      throw DiagnosticError(DVCProblem.cannotInterpolate(message: error.message, field: field()).diagnostic(at: at))
    }
    let found = Selection(selected: selected, text: text)
    if let memoKey { groupSelections?[memoKey] = found }
    return found
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

  /// The place of something `column` characters into a string written at `start`.
  static func location(_ column: Int?, from start: SourceLocation) -> SourceLocation {
    guard let column else { return start }
    var at = start
    at.column += column
    return at
  }
}
