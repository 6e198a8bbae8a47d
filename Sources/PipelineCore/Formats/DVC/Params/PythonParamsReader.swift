/// Reads a Python params file as DVC does (`dvc/utils/serialize/_py.py`): module-level
/// assignments of literals (`lr = 0.1`, `layers: list = [64, 32]`), classes as nested mappings
/// of their own assignments, and `self.NAME = literal` inside `__init__`. Statements whose value
/// is not a literal, assignments to several targets, and everything else are skipped, as DVC
/// skips them. Tuples are lists marked as tuples (`DVCNode.isTuple`); sets, bytes and complex
/// numbers are refused.
package struct PythonParamsReader: Sendable {
  package init() {}

  /// Parses `text` read from `file` into a mapping of its parameters.
  package func read(_ text: String, file: String) throws(DiagnosticError) -> DVCNode {
    var tokenizer = PythonTokenizer(text, file: file)
    let lines = try tokenizer.lines()
    if let first = lines.first, first.indent != 0 {
      throw DiagnosticError(
        ParamsFileProblem.syntax(.python, "unexpected indent").diagnostic(at: first.tokens[0].location))
    }
    var diagnostics: [Diagnostic] = []
    let entries = block(lines[...], selfOnly: false, diagnostics: &diagnostics)
    if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
    return DVCNode(.dict(entries), at: SourceLocation(file: file, line: 1, column: 1))
  }

  /// The parameters of a block whose statements all start at its first line's indentation.
  private func block(_ lines: ArraySlice<PythonTokenizer.Line>, selfOnly: Bool, diagnostics: inout [Diagnostic])
    -> [DVCNode.Entry]
  {
    guard let indent = lines.first?.indent else { return [] }
    var entries: [DVCNode.Entry] = []
    var index = lines.startIndex
    while index < lines.endIndex {
      let line = lines[index]
      var end = index + 1
      while end < lines.endIndex, lines[end].indent > indent { end += 1 }
      let body = lines[(index + 1)..<end]
      index = end
      for entry in statement(line.tokens, body: body, selfOnly: selfOnly, diagnostics: &diagnostics) {
        Self.update(&entries, with: entry)
      }
    }
    return entries
  }

  /// Python's `dict.update`: a key keeps its first place and takes its last value.
  private static func update(_ entries: inout [DVCNode.Entry], with entry: DVCNode.Entry) {
    if let at = entries.firstIndex(where: { $0.key == entry.key && $0.keyIsString == entry.keyIsString }) {
      entries[at].value = entry.value
    } else {
      entries.append(entry)
    }
  }

  private func statement(
    _ tokens: [PythonTokenizer.Token], body: ArraySlice<PythonTokenizer.Line>, selfOnly: Bool,
    diagnostics: inout [Diagnostic]
  ) -> [DVCNode.Entry] {
    guard case .name(let keyword) = tokens[0].kind else {
      return simpleStatements(tokens, selfOnly: selfOnly, diagnostics: &diagnostics)
    }
    switch keyword {
    case "class":
      guard !selfOnly, tokens.count > 1, case .name(let name) = tokens[1].kind else { return [] }
      let inline = Self.afterHeaderColon(tokens)
      var entries = body.isEmpty ? [] : block(body, selfOnly: false, diagnostics: &diagnostics)
      if !inline.isEmpty { entries = simpleStatements(inline, selfOnly: false, diagnostics: &diagnostics) }
      return [
        DVCNode.Entry(
          key: name, keyLocation: tokens[1].location, value: DVCNode(.dict(entries), at: tokens[0].location))
      ]
    case "def":
      guard !selfOnly, tokens.count > 1, tokens[1].kind == .name("__init__") else { return [] }
      let inline = Self.afterHeaderColon(tokens)
      if !inline.isEmpty { return simpleStatements(inline, selfOnly: true, diagnostics: &diagnostics) }
      return block(body, selfOnly: true, diagnostics: &diagnostics)
    case "if", "elif", "else", "for", "while", "with", "try", "except", "finally", "async", "match", "import", "from",
      "return", "del", "pass", "global", "nonlocal", "assert", "raise", "break", "continue":
      return []
    default:
      return simpleStatements(tokens, selfOnly: selfOnly, diagnostics: &diagnostics)
    }
  }

  /// The tokens of a body written on the header's line (`class A: x = 1`).
  private static func afterHeaderColon(_ tokens: [PythonTokenizer.Token]) -> [PythonTokenizer.Token] {
    var depth = 0
    for (i, token) in tokens.enumerated() {
      guard case .op(let op) = token.kind else { continue }
      if "([{".contains(op) { depth += 1 } else if ")]}".contains(op) { depth -= 1 }
      if op == ":", depth == 0 { return Array(tokens[(i + 1)...]) }
    }
    return []
  }

  /// Statements separated by `;` on one logical line.
  private func simpleStatements(_ tokens: [PythonTokenizer.Token], selfOnly: Bool, diagnostics: inout [Diagnostic])
    -> [DVCNode.Entry]
  {
    var entries: [DVCNode.Entry] = []
    for part in Self.split(tokens, on: ";") where !part.isEmpty {
      if let entry = assignment(part, selfOnly: selfOnly, diagnostics: &diagnostics) { entries.append(entry) }
    }
    return entries
  }

  private func assignment(_ tokens: [PythonTokenizer.Token], selfOnly: Bool, diagnostics: inout [Diagnostic]) -> DVCNode
    .Entry?
  {
    let sides = Self.split(tokens, on: "=")
    guard sides.count == 2, !sides[1].isEmpty else { return nil }  // no value, or several targets
    var target = sides[0]
    let annotated = Self.split(target, on: ":")
    if annotated.count == 2 { target = annotated[0] }
    guard let (name, location) = Self.targetName(target, selfOnly: selfOnly) else { return nil }
    var parser = PythonLiteralParser(tokens: sides[1])
    switch parser.document() {
    case .literal(let node):
      return DVCNode.Entry(key: name, keyLocation: location, value: node)
    case .notLiteral:
      return nil
    case .unsupported(let kind, let at):
      diagnostics.append(ParamsFileProblem.unsupportedPythonValue(kind).diagnostic(at: at))
      return nil
    }
  }

  /// `NAME` (outside `__init__`) or `self.NAME`, as DVC's `_get_ast_name` accepts them.
  private static func targetName(_ target: [PythonTokenizer.Token], selfOnly: Bool) -> (String, SourceLocation)? {
    if target.count == 1, case .name(let name) = target[0].kind, !selfOnly { return (name, target[0].location) }
    if target.count == 3, target[0].kind == .name("self"), target[1].kind == .op("."),
      case .name(let name) = target[2].kind
    {
      return (name, target[2].location)
    }
    return nil
  }

  /// Splits tokens at an operator outside brackets.
  static func split(_ tokens: [PythonTokenizer.Token], on separator: String) -> [[PythonTokenizer.Token]] {
    var parts: [[PythonTokenizer.Token]] = [[]]
    var depth = 0
    for token in tokens {
      if case .op(let op) = token.kind {
        if "([{".contains(op) { depth += 1 } else if ")]}".contains(op) { depth -= 1 }
        if op == separator, depth == 0 {
          parts.append([])
          continue
        }
      }
      parts[parts.count - 1].append(token)
    }
    return parts
  }
}
