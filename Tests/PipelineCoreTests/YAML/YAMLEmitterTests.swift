import Testing

@testable import PipelineCore

/// libyaml's emitter through `YAMLEmitter`: what it writes reads back (with libyaml's parser)
/// as the same values, and strings that YAML 1.1 readers would take as something else are quoted.
@Suite struct YAMLEmitterTests {
  static let trickyStrings = [
    "yes", "No", "ON", "off", "y", "true", "False", "null", "~", "", "10", "010", "0x1F", "1e3", "1:20", ".inf", "-.5",
    "2001-12-14", " leading", "trailing ", "a: b", "- item", "#comment", "key:", "{x}", "[1]", "{{workflow.name}}",
    "it's", "say \"hi\"", "back\\slash", "tab\there", "line one\nline two\n", "no newline at end\nlast", "\n",
    "ü 日本語 🚀", "\u{7}bell", "$(VAR) $$", "*anchor", "&ref", "!tag", "%directive", "@at", "`tick`", "|", ">",
  ]

  static let plainStrings = ["argoproj.io/v1alpha1", "Workflow", "train-lr", "/bin/sh", "_private", "make-data"]

  @Test func everyStringReadsBackAsTheSameString() throws {
    let document = YAMLValue.mapping(
      (Self.trickyStrings + Self.plainStrings).enumerated().map {
        YAMLValue.Entry("k\($0.offset)", .string($0.element))
      })
    let text = try YAMLEmitter.emit(document)
    let node = try YAMLReader().read(text, file: "emitted.yaml")
    let pairs = try #require(node.pairs)
    #expect(pairs.count == Self.trickyStrings.count + Self.plainStrings.count)
    for (index, pair) in pairs.enumerated() {
      let expected =
        index < Self.trickyStrings.count
        ? Self.trickyStrings[index] : Self.plainStrings[index - Self.trickyStrings.count]
      guard case .scalar(let value, let quoted) = pair.value.kind else {
        Issue.record("k\(index) is not a scalar")
        continue
      }
      #expect(value == expected, "k\(index)")
      // Anything not plain-safe must not come back as a plain scalar a YAML 1.1 reader could retype.
      if index < Self.trickyStrings.count, !YAMLEmitter.isPlainSafe(expected) {
        #expect(quoted, "\(expected.debugDescription) was written plain")
      }
    }
  }

  @Test func plainSafetyIsConservative() {
    for text in Self.plainStrings { #expect(YAMLEmitter.isPlainSafe(text), "\(text)") }
    for text in Self.trickyStrings { #expect(!YAMLEmitter.isPlainSafe(text), "\(text)") }
  }

  @Test func writesNestedBlocksNumbersAndBooleansUnquoted() throws {
    let document = YAMLValue.map([
      (
        "spec",
        .map([("limit", .integer(3)), ("failed", .boolean(true)), ("items", .sequence([.string("a"), .integer(-1)]))])
      ),
      ("script", .string("echo one\necho two\n")),
    ])
    #expect(
      try YAMLEmitter.emit(document) == """
        spec:
          limit: 3
          failed: true
          items:
          - a
          - -1
        script: |
          echo one
          echo two

        """)
  }
}
