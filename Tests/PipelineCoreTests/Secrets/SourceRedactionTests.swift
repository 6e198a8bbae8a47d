import Testing

@testable import PipelineCore

/// Error excerpts never show a secret's value: the parts of a source line that bind a secret
/// parameter show as `****`, the caret follows the text, whatever else is on the line.
@Suite struct SourceRedactionTests {
  /// Renders one error at `line:column` of `text` (a file named `f.yaml`).
  static func excerpt(_ text: String, line: Int, column: Int, secrets: Set<String> = []) -> String {
    let renderer = DiagnosticRenderer(sourceText: { $0 == "f.yaml" ? text : nil }, secretNames: secrets)
    return renderer.render(Diagnostic("problem", at: SourceLocation(file: "f.yaml", line: line, column: column)))
  }

  static let pipeline = """
    name: p
    params:
      tok: {type: secret, default: hunter2-in-default, bogus: 1}
      user: {type: string, default: ana}
      multi:
        type: secret
        default: |
          hunter2-first-line
          hunter2-second-line
      typo: {type: secrte, default: "hunter2 with typo"}
    profiles:
      prod: {tok: hunter2-in-profile, user: bob}
    steps:
      a: echo hi
    """

  @Test(arguments: [
    // line, caret column, the excerpt's line and caret line as shown (indented by 2)
    (3, 23, "    tok: {type: secret, default: ****, bogus: 1}", "                        ^"),  // at `default`
    (3, 32, "    tok: {type: secret, default: ****, bogus: 1}", "                                 ^"),  // at the value
    // after it
    (3, 52, "    tok: {type: secret, default: ****, bogus: 1}", "                                       ^"),
    (4, 27, "    user: {type: string, default: ana}", "                            ^"),
    (7, 5, "      default: ****", "      ^"),
    (8, 7, "        ****", "        ^"),
    (9, 1, "        ****", "  ^"),
    (10, 24, "    typo: {type: secrte, default: ****}", "                         ^"),
    (12, 17, "    prod: {tok: ****, user: bob}", "                ^"),
    (12, 35, "    prod: {tok: ****, user: bob}", "                      ^"),
  ])
  func aPipelinesOwnSecretsAreHidden(line: Int, column: Int, text: String, caret: String) {
    let lines = Self.excerpt(Self.pipeline, line: line, column: column).split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines.dropFirst().first == text)
    #expect(lines.last == caret)
    #expect(!lines.contains { $0.contains("hunter2") })
  }

  @Test func aParamsFileHidesTheSecretsItIsReadAgainst() {
    let params = "epochs: 3\ntok: hunter2-value\ntokk: hunter2-typo\ndb: {password: hunter2-nested, host: h}\n"
    let secrets: Set<String> = ["tok", "db.password"]
    #expect(Self.excerpt(params, line: 2, column: 6, secrets: secrets).hasSuffix("  tok: ****\n       ^"))
    #expect(Self.excerpt(params, line: 3, column: 1, secrets: secrets).hasSuffix("  tokk: ****\n  ^"))
    #expect(
      Self.excerpt(params, line: 4, column: 34, secrets: secrets).hasSuffix(
        "  db: {password: ****, host: h}\n                         ^"))
    #expect(Self.excerpt(params, line: 1, column: 9, secrets: secrets).hasSuffix("  epochs: 3\n          ^"))
    // Named on the diagnostic instead of the renderer: the same.
    let renderer = DiagnosticRenderer(sourceText: { _ in params })
    let diagnostic = Diagnostic("problem", at: SourceLocation(file: "params.yaml", line: 2, column: 6)).hidingValues(
      of: ["tok"])
    #expect(renderer.render(diagnostic).hasSuffix("  tok: ****\n       ^"))
  }

  @Test(arguments: [
    ("  tok: {type: secret, default: \"hunter2 unclosed\n", 1, "  tok: {type: secret, default: ****"),
    ("x: [\n  tok: hunter2-broken, other: 1\n", 2, "  tok: ****, other: 1"),
    ("x: [\n  tok: 'hunter2, quoted' # note\n", 2, "  tok: **** # note"),
  ])
  func aFileThatIsNotValidYAMLIsReadLineByLine(text: String, line: Int, expected: String) {
    let rendered = Self.excerpt(text, line: line, column: 3, secrets: ["tok"])
    #expect(rendered.contains("\n  " + expected + "\n"), "\(rendered)")
    #expect(!rendered.contains("hunter2"))
  }

  /// A declaration over several lines in a file that does not parse: no one line says both that
  /// `tok` is a secret and what its default is (found writing the fuzz targets' excerpt check).
  @Test(arguments: [
    ("params:\n  tok:\n    default: hunter2-before : x\n    type: secret\n", 3, "    default: ****"),
    ("params:\n  tok:\n    default: |\n      hunter2-block\n    bad: : x\n    type: secret\n", 4, "      ****"),
    ("params:\n  tok:\n    default: hunter2-quoted-type : x\n    type: 'secret'\n", 3, "    default: ****"),
    ("params:\n  tok:\n    default: hunter2-typo : x\n    type: secrte\n", 3, "    default: ****"),
  ])
  func aSecretDeclaredOverSeveralLinesIsHiddenWhenTheFileDoesNotParse(text: String, line: Int, expected: String) {
    let rendered = Self.excerpt(text, line: line, column: 5)
    #expect(rendered.contains("\n  " + expected + "\n"), "\(rendered)")
    #expect(!rendered.contains("hunter2"))
  }

  @Test func aDefaultOfAnotherTypeIsShown() {
    let text = "params:\n  n:\n    default: 3 : x\n    type: int\n"
    #expect(Self.excerpt(text, line: 3, column: 5).contains("\n      default: 3 : x\n"))
  }

  @Test func withoutSecretsTheLineIsShownAsWritten() {
    let rendered = Self.excerpt("a: {b: 1, c: 2}\n", line: 1, column: 11)
    #expect(rendered == "f.yaml:1:11: error: problem\n  a: {b: 1, c: 2}\n            ^")
  }

  @Test func theCaretFollowsTextAfterAValueLongerOrShorterThanTheMask() {
    let short = SourceExcerpt(
      line: "k: abc, x: 1", number: 1, column: 9, hiding: [SourceSpan(start: (1, 4), end: (1, 7))])
    #expect(short.text == "k: ****, x: 1")
    #expect(short.caretColumn == 10)
    let long = SourceExcerpt(
      line: "k: abcdefgh, x: 1", number: 1, column: 14, hiding: [SourceSpan(start: (1, 4), end: (1, 12))])
    #expect(long.text == "k: ****, x: 1")
    #expect(long.caretColumn == 10)
  }

  /// A line of thousands of characters is shown around the caret, the rest marked `…`; what is
  /// hidden stays hidden.
  @Test func aVeryLongLineIsShownAroundTheCaret() {
    let line = "k: secretvalue, n: " + String(repeating: "9", count: 5000) + " x"
    let near = SourceExcerpt(line: line, number: 1, column: 20, hiding: [SourceSpan(start: (1, 4), end: (1, 15))])
    #expect(near.text.hasPrefix("k: ****, n: 999"))
    #expect(near.text.hasSuffix("…"))
    #expect(near.text.unicodeScalars.count == SourceExcerpt.widest + 1)
    #expect(Array(near.text.unicodeScalars)[near.caretColumn - 1] == "9")
    let far = SourceExcerpt(line: line, number: 1, column: line.unicodeScalars.count, hiding: [])
    #expect(far.text.hasPrefix("…999"))
    #expect(far.text.hasSuffix(" x"))
    #expect(Array(far.text.unicodeScalars)[far.caretColumn - 1] == "x")
    #expect(!far.text.contains("secretvalue"))
  }
}
