import PipelineTestSupport
import Testing

@testable import PipelineCore

/// `DVCYAMLWriter` against ruamel.yaml as DVC configures it, value by value.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCYAMLWriterAgainstDVCTests {
  static let long =
    "this is a very long string value that will certainly exceed the eighty column limit of ruamel's emitter"
  static let strings: [String] =
    [
      "plain", "it's", "a 'b' c", "x: y", "it's: y", "a\"b", "it's \"q\"", "#x", "a #b", " lead", "trail ", "tab\there",
      "é ü", "\u{a0}nbsp", "line\nbreak", "-", "- a", "?", ":x", "a:b", "@x", "`x", "%x", "[x", "x]", "{x", "x,y", "!x",
      "&x", "*x", "|x", ">x", "~", "null", "1", "0x1F", "1_0", "2001-12-14", "yes", ".inf", "=", "<<", "a\u{85}b",
      "x\u{2028}y", "\u{feff}bom", "ctrl\u{1}", "x  y", "a: 'b'", "", "true", "True", "1e3", "-1", "+1", "0o7", ".5",
      "---", "...", "--- x", "a\n\nb", "a \nb", "a\n b", "\nlead", "trail\n", long,
      long + " \"quoted\" and 'single' too",
      "mkdir -p out/dir && echo hi > out/dir/a.txt && printf 'x' > out/dir/b.bin && echo 0.001 > out/f.txt && chmod +x out/f.txt && echo '{\"acc\": 1}' > m.json",
      "python src/train.py --epochs 10 --lr 0.001 --layers 64 32 --name 'my model' --data data/prepared/train.csv --out models",
      String(repeating: "x", count: 100), "short " + String(repeating: "y", count: 90) + " end",
      "a" + String(repeating: " ", count: 85) + "b", String(repeating: "word ", count: 30),
      "emoji 😀 text", "\u{1F600}", "back\\slash", "dollar ${x}", "percent % sign",
      "echo \"lr=0.1 epochs=3 $(cat prepared.txt)\" > model.txt && echo '{\"acc\": 0.9}' > metrics.json",
    ] + folds

  /// Lines folded right after an escape (a quote, a backslash, a tab at the fold), which once
  /// crashed the writer.
  static let folds: [String] = {
    var texts: [String] = []
    for at in 60..<96 {
      let head = String(repeating: "w", count: at)
      for escaped in ["\"", "\\", "\t", "é\u{85}"] {
        texts.append(head + escaped + String(repeating: " and", count: 8))
      }
      texts.append(String(repeating: "w ", count: at / 2) + "\"x\" " + String(repeating: "v", count: 30))
    }
    return texts
  }()

  static func values() -> [DVCValue] {
    var values: [DVCValue] = strings.map { .dict([.init(key: "k", value: .string($0))]) }
    values += strings.prefix(30).map { .dict([.init(key: $0, value: .int(1))]) }
    values += [
      .dict([.init(key: "n", value: .null), .init(key: "l", value: .list([.null, .int(1), .string("a")]))]),
      .dict([
        .init(key: "big", value: .bigInt("123456789012345678901234567890")),
        .init(key: "l", value: .list([.bigInt("-99999999999999999999"), .int(Int.min)])),
      ]),
      .dict([
        .init(
          key: "f",
          value: .list([
            .float(0.001), .float(1e-05), .float(1e16), .float(3.0), .float(-0.0), .float(.infinity),
            .float(-.infinity),
          ]))
      ]),
      .dict([.init(key: "b", value: .list([.bool(true), .bool(false)]))]),
      .dict([.init(key: "e", value: .dict([])), .init(key: "el", value: .list([]))]),
      .dict([
        .init(
          key: "nested",
          value: .dict([
            .init(
              key: "a",
              value: .dict([
                .init(
                  key: "b",
                  value: .list([
                    .dict([
                      .init(key: "c", value: .int(1)),
                      .init(key: "d", value: .list([.int(1), .list([.int(2), .int(3)])])),
                    ])
                  ]))
              ]))
          ]))
      ]),
      .dict([.init(key: "ll", value: .list([.list([.int(1), .int(2)]), .list([]), .dict([])]))]),
      .dict([
        .init(
          key: "deep", value: .dict([.init(key: "deeper", value: .dict([.init(key: "deepest", value: .string(long))]))])
        )
      ]),
      .dict([.init(key: String(repeating: "k", count: 130), value: .int(1))]),
      .dict([.init(key: "list of long", value: .list([.string(long), .string(long + long)]))]),
      .dict([.init(key: "multi\nline key", value: .int(1))]),
    ]
    return values
  }

  @Test func writesAsRuamelWrites() throws {
    let values = Self.values()
    let input = values.map { PythonJSON.text($0) }.joined(separator: "\n") + "\n"
    let expected = DVCTool.oracle("dump", [], stdin: input)
    try #require(expected.count == values.count)
    for (value, line) in zip(values, expected) {
      let theirs = try JSONParamsReader().read("{\"v\": \(line)}", file: "oracle").value["v"]
      let ours = DVCYAMLWriter.document(value)
      #expect(.string(ours) == theirs, "\(PythonText.repr(value))")
    }
  }
}

/// JSON text of a value, for handing values to the oracle.
enum PythonJSON {
  static func text(_ value: DVCValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .bigInt(let digits): return digits
    case .float(let f):
      if f.isNaN { return "NaN" }
      if f.isInfinite { return f > 0 ? "Infinity" : "-Infinity" }
      return PythonText.float(f)
    case .string(let s), .timestamp(let s): return string(s)
    case .list(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
    case .dict(let entries):
      return "{" + entries.map { string($0.key) + ": " + text($0.value) }.joined(separator: ", ") + "}"
    }
  }

  /// As Python's `json.dumps` writes it (non-ASCII escaped).
  static func ascii(_ value: DVCValue) -> String {
    switch value {
    case .string(let s), .timestamp(let s): return DVCHashing.jsonString(s)
    case .list(let items): return "[" + items.map(ascii).joined(separator: ", ") + "]"
    case .dict(let entries):
      return "{" + entries.map { DVCHashing.jsonString($0.key) + ": " + ascii($0.value) }.joined(separator: ", ") + "}"
    default: return text(value)
    }
  }

  static func string(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          out += "\\u" + RuamelEmitter.hex(scalar.value, digits: 4)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
