import Testing

@testable import PipelineCore

/// Input meant to crash or hang a parser: each case returns, with a diagnostic or a result.
/// Nothing here is timed; a hang would show as a stuck test run.
@Suite struct HostileInputTests {
  typealias F = CoreFixtures

  /// Reads `text` as a pipeline and returns its diagnostics (empty when it loads).
  static func loadDiagnostics(_ text: String) -> [Diagnostic] {
    do {
      _ = try F.load(text)
      return []
    } catch {
      return error.diagnostics
    }
  }

  static func readDiagnostics(_ text: String, reader: YAMLReader = YAMLReader()) -> [Diagnostic] {
    do {
      _ = try reader.read(text, file: F.file)
      return []
    } catch {
      return error.diagnostics
    }
  }

  @Test func tenThousandOpenBrackets() {
    let diagnostics = Self.loadDiagnostics(String(repeating: "[", count: 10_000))
    #expect(diagnostics.map(\.message) == ["nesting deeper than 64 levels"])
    #expect(diagnostics.first?.location?.description == "pipeline.yaml:1:65")
  }

  @Test func tenThousandNestedFlowMappings() {
    let text = "params: " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
    #expect(Self.loadDiagnostics(text).map(\.message) == ["nesting deeper than 64 levels"])
  }

  @Test func deepBlockNesting() {
    var text = ""
    for depth in 0..<200 { text += String(repeating: " ", count: depth) + "k\(depth):\n" }
    #expect(Self.loadDiagnostics(text).map(\.message) == ["nesting deeper than 64 levels"])
  }

  @Test func nestingWithinTheLimitLoads() throws {
    let node = try YAMLReader().read(
      String(repeating: "[", count: 60) + String(repeating: "]", count: 60), file: F.file)
    #expect(node.items?.count == 1)
  }

  @Test func aBillionLaughs() {
    var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    for (previous, name) in zip(names, names.dropFirst()) {
      text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
    }
    let diagnostics = Self.loadDiagnostics(text)
    #expect(diagnostics.map(\.message) == ["document expands to more than 1000000 nodes (alias bomb?)"])
    #expect(diagnostics.first?.location?.line == 7)
  }

  @Test func anAliasBombAsAParameterDefault() {
    var text = "params:\n  a: {default: &a [x, x, x, x, x, x, x, x, x, x]}\n"
    var previous = "a"
    for n in 1...8 {
      text +=
        "  p\(n): {default: &p\(n) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]}\n"
      previous = "p\(n)"
    }
    #expect(Self.loadDiagnostics(text + "steps: {s: echo}\n").first?.message.contains("alias bomb") == true)
  }

  @Test func manySmallAliasesStayWithinTheLimit() throws {
    let text = "base: &b [1, 2, 3]\nuses: [" + Array(repeating: "*b", count: 1000).joined(separator: ", ") + "]\n"
    let node = try YAMLReader().read(text, file: F.file)
    #expect(node.pairs?.last?.value.items?.count == 1000)
  }

  @Test func anUnknownAlias() {
    let diagnostics = Self.readDiagnostics("a: *nope\n")
    #expect(diagnostics.map(\.message) == ["unknown alias '*nope'"])
    #expect(diagnostics.first?.location?.description == "pipeline.yaml:1:4")
  }

  @Test func aTwentyMegabyteScalarLoads() throws {
    let big = String(repeating: "abcdefghij", count: 2_000_000)
    let text = "params:\n  blob: {type: string, default: \(big)}\nsteps:\n  s: echo ${blob}\n"
    let (pipeline, _) = try F.load(text)
    #expect(
      pipeline.parameter("blob").flatMap { spec -> Int? in
        if case .yaml(let node)? = spec.defaultValue { return node.scalar?.utf8.count }
        return nil
      } == 20_000_000)
  }

  @Test func aFileOverTheSizeLimit() {
    var reader = YAMLReader()
    reader.maximumBytes = 1 << 20
    let diagnostics = Self.readDiagnostics("a: " + String(repeating: "x", count: 1 << 20), reader: reader)
    #expect(diagnostics.map(\.message) == ["file is larger than 1 MiB"])
  }

  @Test func tooManyNodes() {
    var reader = YAMLReader()
    reader.maximumNodes = 10_000
    let text = "[" + String(repeating: "1,", count: 10_000) + "1]"
    #expect(
      Self.readDiagnostics(text, reader: reader).map(\.message) == [
        "document expands to more than 10000 nodes (alias bomb?)"
      ])
  }

  /// Long collections are built in linear time (each item used to copy the whole list so far).
  @Test func aLongFlatListAndALongMapping() throws {
    let list = try YAMLReader().read("[" + String(repeating: "1,", count: 100_000) + "1]", file: F.file)
    #expect(list.items?.count == 100_001)
    var mapping = "{"
    for i in 0..<50_000 { mapping += "k\(i): \(i), " }
    let node = try YAMLReader().read(mapping + "end: 0}", file: F.file)
    #expect(node.pairs?.count == 50_001)
  }

  @Test(arguments: [
    "params:\u{0}\n", "\u{0}", "steps:\n  a: echo \u{0}hi\n",
  ])
  func nulBytes(text: String) {
    let diagnostics = Self.loadDiagnostics(text)
    #expect(diagnostics.map(\.message) == ["file holds a NUL byte; expected YAML text"])
    #expect(diagnostics.first?.location?.description == "pipeline.yaml:1:1")
  }

  @Test(arguments: 0..<8)
  func binaryJunk(seed: Int) {
    var generator = SplitMix(seed: UInt64(seed))
    let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let text = String(decoding: bytes, as: UTF8.self)
    let diagnostics = Self.loadDiagnostics(text)
    #expect(!diagnostics.isEmpty)
    #expect(diagnostics.allSatisfy { $0.location?.file == F.file })
  }

  @Test(
    arguments: [
      [0x73, 0x74, 0x65, 0x70, 0x73, 0x3a, 0x20, 0xff, 0xfe, 0x0a],  // "steps: " + two invalid bytes
      [0xc3, 0x28, 0x3a, 0x20, 0x31, 0x0a],  // a broken two-byte sequence as a key
      [0xed, 0xa0, 0x80, 0x0a],  // an encoded surrogate
      [0xef, 0xbb, 0xbf, 0x73, 0x74, 0x65, 0x70, 0x73, 0x3a, 0x20, 0x7b, 0x61, 0x3a, 0x20, 0x78, 0x7d, 0x0a],  // BOM
    ] as [[UInt8]])
  func invalidUTF8DecodedAsTheShellReadsFiles(bytes: [UInt8]) {
    // Files are read as `String(decoding:as:)`, which turns invalid sequences into U+FFFD.
    let text = String(decoding: bytes, as: UTF8.self)
    let diagnostics = Self.loadDiagnostics(text)
    #expect(diagnostics.allSatisfy { $0.location == nil || $0.location?.file == F.file })
  }

  @Test func invalidUTF8InAValueIsKeptAsReplacementCharacters() throws {
    let text = String(decoding: [0x61, 0x3a, 0x20, 0x78, 0xff, 0x79, 0x0a] as [UInt8], as: UTF8.self)
    let node = try YAMLReader().read(text, file: F.file)
    #expect(node.pairs?.first?.value.scalar == "x\u{FFFD}y")
  }

  @Test(arguments: ["", "\n\n", "# just a comment\n", "  \n"])
  func anEmptyFileLoadsWithAWarning(text: String) throws {
    let (pipeline, warnings) = try F.load(text)
    #expect(pipeline.steps.isEmpty && pipeline.parameters.isEmpty)
    #expect(warnings.map(\.message) == ["the pipeline has no 'steps'"])
  }

  @Test(arguments: ["---\n", "---\n...\n", "~\n", "null\n"])
  func aNullDocumentIsADiagnostic(text: String) {
    #expect(Self.loadDiagnostics(text).map(\.message) == ["expected a mapping with 'params' and 'steps'"])
  }

  @Test func tabsForIndentation() {
    let diagnostics = Self.loadDiagnostics("params:\n\tepochs: 3\nsteps:\n  a: echo\n")
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.message.hasPrefix("invalid YAML: ") == true)
    #expect(diagnostics.first?.location?.description == "pipeline.yaml:2:1")
  }

  @Test func tabsInsideValuesAreFine() throws {
    let (pipeline, _) = try F.load("params:\n  sep: \"a\\tb\"\nsteps:\n  a: printf 'x\ty'\n")
    #expect(pipeline.step("a")?.run.template.source == "printf 'x\ty'")
  }

  @Test(arguments: [
    ("hello", "expected a mapping for the pipeline, found a scalar"),
    ("- a\n- b\n", "expected a mapping for the pipeline, found a list"),
    ("params: [a, b]\nsteps: {s: echo}\n", "expected a mapping of parameters, found a list"),
    ("steps: echo hi\n", "expected a mapping of steps, found a scalar"),
    ("steps:\n  a: [echo]\n", "expected a mapping for step 'a', found a list"),
    ("? [a, b]\n: c\n", "expected a plain key in the pipeline"),
    ("a: b: c\n", "invalid YAML: mapping values are not allowed in this context"),
    ("\"unterminated\n", "invalid YAML: found unexpected end of stream"),
  ])
  func wrongShapesAreDiagnostics(text: String, message: String) {
    #expect(Self.loadDiagnostics(text).first?.message == message)
  }

  @Test func onlyTheFirstDocumentIsRead() throws {
    let (pipeline, _) = try F.load("steps: {a: echo 1}\n---\nsteps: {b: echo 2}\n--- [\n")
    #expect(pipeline.steps.map(\.name) == ["a"])
  }

  @Test func hostileTextTypedAsAValue() {
    let deep = String(repeating: "[", count: 10_000)
    guard case .failure(let problem) = ValueParser.parse(deep, as: .list(items: .int)) else {
      Issue.record("accepted")
      return
    }
    #expect(problem.description.hasSuffix("is not a list of int (like [1, 2])"))
    #expect(ValueParser.parse("{a: \u{0}}", as: .dict) != .success(.dict([:])))
  }
}

/// A small deterministic generator, so the junk is the same on every run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
