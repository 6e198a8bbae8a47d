import Testing

@testable import PipelineCore

/// A stage's `params:` key found as DVC finds it (`dpath.get(config, key, separator=".")`),
/// over Python strings: by code point, not by Swift's characters. Each expected value is what
/// `dpath.get` of DVC 3.67.1's environment answered for the same data.
@Suite struct DVCParamsSelectionTests {
  static let root: DVCValue = .dict([
    .init(key: "caf\u{E9}", value: .int(1)),
    .init(key: "x.\u{301}y", value: .dict([.init(key: "z", value: .int(2))])),
    .init(key: "x", value: .dict([.init(key: "\u{301}y", value: .dict([.init(key: "z", value: .int(3))]))])),
    .init(key: "l", value: .list([.int(10), .int(20), .int(30)])),
    .init(key: "m", value: .dict([.init(key: "1", value: .string("one"))])),
  ])

  @Test(arguments: [
    ("caf\u{E9}", DVCValue.int(1)),
    // The same word with its accent decomposed is another key to Python.
    ("cafe\u{301}", nil),
    // A dot before a combining accent still splits the key.
    ("x.\u{301}y.z", .int(3)),
    // `?` is one code point: the composed é.
    ("caf?", .int(1)), ("c?f\u{E9}", .int(1)), ("ca[a-f]\u{E9}", .int(1)),
    // A list's index is Python's int() of the part.
    ("l.1", .int(20)), ("l.01", .int(20)), ("l. 1", .int(20)), ("l.\u{A0}1", .int(20)), ("l.+1", .int(20)),
    ("l.-1", .int(30)), ("l.-0", .int(10)), ("l.-3", .int(10)), ("l.\u{662}", .int(30)), ("l.[1]", .int(20)),
    ("l.-4", nil), ("l.1_0", nil), ("l.1__0", nil), ("l._1", nil), ("l.1_", nil), ("l.99999999999999999999999", nil),
    ("m.1", .string("one")),
  ])
  func selectsAsDPathDoes(_ key: String, _ expected: DVCValue?) {
    #expect(DVCParamsSelection.select(key, in: Self.root) == expected, "\(Array(key.unicodeScalars))")
  }

  /// Only a decomposed key: `?` is one code point, so it takes two to match `e` and the accent.
  @Test func aGlobCountsCodePoints() {
    let root: DVCValue = .dict([.init(key: "cafe\u{301}", value: .int(1))])
    #expect(DVCParamsSelection.select("caf?", in: root) == nil)
    #expect(DVCParamsSelection.select("caf??", in: root) == .int(1))
    #expect(DVCParamsSelection.select("c*", in: root) == .int(1))
    #expect(DVCParamsSelection.select("caf\u{E9}", in: root) == nil)
  }

  /// A glob that matches several values is refused, as dpath refuses it.
  @Test func aGlobMatchingSeveralValuesIsAmbiguous() {
    #expect(DVCParamsSelection.match("l.*", in: Self.root) == .ambiguous(2))
  }
}
