import Testing

@testable import PipelineCore

/// The byte-level fast paths of loading and resolving agree with the rules they implement.
@Suite struct ByteScanTests {
  @Test(arguments: [
    ("epochs", true), ("train.lr", true), ("_x1", true), ("a.b.c", true), ("A_9", true),
    ("", false), ("1a", false), ("a.", false), (".a", false), ("a..b", false), ("a.1b", false),
    ("a-b", false), ("a b", false), ("é", false), ("a\u{301}", false), ("a$", false),
  ])
  func parameterNames(name: String, valid: Bool) {
    #expect(ParameterName.isValid(name) == valid)
  }

  /// An ASCII name is upper-cased and mapped byte by byte; any other name goes through
  /// Unicode upper-casing (`ß` becomes `SS`) before the mapping.
  @Test(arguments: [
    ("train.lr", "TRAIN_LR"), ("log-level", "LOG_LEVEL"), ("a_b9", "A_B9"), ("[a b].c", "_A_B__C"),
    ("Zz~", "ZZ_"), ("", ""), ("straße", "STRASSE"), ("é.x", "__X"), ("x\u{301}", "X_"),
  ])
  func environmentSuffixes(name: String, suffix: String) {
    #expect(ParameterName.environmentSuffix(name) == suffix)
    #expect(ParameterName.environmentVariable("PARAM_", name) == "PARAM_" + suffix)
    #expect(ParameterName.environmentVariable("É_", name) == "É_" + suffix)
  }

  /// A key part is a glob when it holds `*`, `?` or `[` as a code point, as `fnmatch` reads
  /// it: also when a combining accent follows.
  @Test(arguments: [("*", true), ("a?", true), ("[ab]", true), ("*\u{301}", true), ("lr", false), ("é", false)])
  func paramsGlobs(segment: String, glob: Bool) {
    #expect(DVCParamsSelection.isGlob(segment) == glob)
  }

  @Test(arguments: [
    ("${a}", true), ("x ${a} y", true), ("$${a}", true), ("$$${a}", true), ("é${a}", true),
    ("", false), ("$", false), ("{$", false), ("$ {a}", false), ("plain", false), ("$a{", false),
  ])
  func interpolationStart(text: String, found: Bool) {
    #expect(text.containsInterpolationStart == found)
  }

  /// Only whole space, tab and newline characters are trimmed: a space that starts a
  /// longer character (a combining accent) stays, and `\r\n` is one character, kept.
  @Test(arguments: [
    ("", ""), ("a", "a"), (" a\t", "a"), ("\n a b \r", "a b"), ("  ", ""), ("é", "é"),
    (" \u{301}a", " \u{301}a"), ("a\r\n", "a\r\n"), ("\r\n", "\r\n"),
  ])
  func trimmingSpaces(text: String, trimmed: String) {
    #expect(text.trimmingSpaces == trimmed)
  }

  /// A template with no `$` character is one literal, even when a `$` byte starts a
  /// longer character.
  @Test(arguments: ["", "plain", "$\u{301}{a}", "a$\u{301}"])
  func templatesWithoutADollarAreLiteral(text: String) {
    #expect(TemplateParser.parse(text) == .success(.literal(text)))
  }

  /// ASCII templates are scanned by byte, others by character; both read the same way, and
  /// a problem's offset counts characters (`\r\n` is one).
  @Test(
    arguments: [
      ("a ${x} b", [.literal("a "), .parameter("x"), .literal(" b")]),
      ("$${x}${y}", [.literal("${x}"), .parameter("y")]),
      ("é ${x}$$", [.literal("é "), .parameter("x"), .literal("$$")]),
      (
        "${cmd:awk '{print $1}'} ${env:HOME:-/}",
        [.command("awk '{print $1}'"), .literal(" "), .environment("HOME", fallback: .init("/", whenEmpty: true))]
      ),
      ("${x}$\u{301}{y}", [.parameter("x"), .literal("$\u{301}{y}")]),
    ] as [(String, [Template.Part])])
  func templates(text: String, parts: [Template.Part]) {
    #expect(TemplateParser.parse(text) == .success(Template(parts: parts, source: text)))
  }

  @Test(arguments: [("a\r\nb ${x", 4), ("é ${1x}", 2), ("x\r\n${}", 2), ("${a}${", 4)])
  func templateProblemOffsets(text: String, offset: Int) throws {
    guard case .failure(let problem) = TemplateParser.parse(text) else {
      Issue.record("\(text) parsed")
      return
    }
    #expect(problem.offset == offset)
  }

  /// Eight bytes at a time gives what one byte at a time gives: every byte value, at every
  /// place of texts long enough for whole words and a tail, among printable bytes; and
  /// multi-byte characters, which are never printable ASCII.
  @Test func printableASCIIByWordsAgreesWithByBytes() {
    func byBytes(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E } }
    var texts = ["", "a", "plain text of a command --lr 0.1", "é", "x\u{2028}y", "tab\there", "del\u{7F}"]
    for byte in UInt8(0)...UInt8(0x7F) {
      for length in [1, 7, 8, 9, 16, 17, 23] {
        for place in [0, length / 2, length - 1] {
          var bytes = [UInt8](repeating: UInt8(ascii: "m"), count: length)
          bytes[place] = byte
          texts.append(String(decoding: bytes, as: UTF8.self))
        }
      }
    }
    for text in texts {
      #expect(ByteSearch.isPrintableASCII(text) == byBytes(text), "\(Array(text.utf8))")
    }
    #expect(ByteSearch.isPrintableASCII(String(repeating: "~ ", count: 40)))
    #expect(!ByteSearch.isPrintableASCII(String(repeating: "~ ", count: 40) + "\u{7F}"))
  }

  @Test func nestedCollectionsKeepTheirOrderAndAliasesResolve() throws {
    let root = try YAMLReader().read(
      """
      a: &x [1, [2, 3], {k: v}]
      b: {c: 1, d: [e, f]}
      g: *x
      """, file: "t.yaml")
    let pairs = try #require(root.pairs)
    #expect(pairs.map(\.key.scalar) == ["a", "b", "g"])
    let a = try #require(pairs[0].value.items)
    #expect(a.count == 3 && a[0].scalar == "1" && a[1].items?.map(\.scalar) == ["2", "3"])
    #expect(a[2].pairs?.first?.value.scalar == "v")
    #expect(pairs[1].value.pairs?.map(\.key.scalar) == ["c", "d"])
    #expect(pairs[1].value.pairs?[1].value.items?.map(\.scalar) == ["e", "f"])
    #expect(pairs[2].value.items?.count == 3)
    #expect(pairs[2].value.location.line == 3)
  }
}
