import FoundationEssentials
import PipelineTestSupport
import Testing

@testable import PipelineCore

/// The names of run-cache entries against DVC's own `_get_cache_hash` on the same entries (read
/// by DVC from the YAML pipeshell writes for them), and the JSON text DVC hashes.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCRunCacheKeyAgainstDVCTests {
  static func out(_ path: String, _ md5: String, size: Int, files: Int? = nil, exec: Bool = false) -> DVCValue {
    var fields: [DVCValue.Entry] = [
      .init(key: "path", value: .string(path)), .init(key: "hash", value: .string("md5")),
      .init(key: "md5", value: .string(md5)), .init(key: "size", value: .int(size)),
    ]
    if let files { fields.append(.init(key: "nfiles", value: .int(files))) }
    if exec { fields.append(.init(key: "isexec", value: .bool(true))) }
    return .dict(fields)
  }

  static let entries: [DVCValue] = [
    .dict([
      .init(key: "cmd", value: .string("cat in.txt > a.txt")),
      .init(key: "deps", value: .list([out("in.txt", "b026324c6904b2a9cb4b88d6d61c81d1", size: 2)])),
      .init(key: "outs", value: .list([out("a.txt", "b026324c6904b2a9cb4b88d6d61c81d1", size: 2)])),
    ]),
    .dict([
      .init(key: "cmd", value: .list([.string("echo ü > b.txt"), .string("echo \"😀\\t\" >> b.txt")])),
      .init(
        key: "deps",
        value: .list([
          out("data", "d751713988987e9331980363e24189ce.dir", size: 0, files: 0),
          out("run.sh", "0cc175b9c0f1b6a831c399e269772661", size: 1, exec: true),
        ])),
      .init(
        key: "params",
        value: .dict([
          .init(
            key: "params.yaml",
            value: .dict([
              .init(key: "lr", value: .float(0.1)), .init(key: "big", value: .float(1e20)),
              .init(key: "tiny", value: .float(1e-05)), .init(key: "inf", value: .float(.infinity)),
              .init(key: "Zed", value: .null), .init(key: "name", value: .string("héllo \"q\" / \u{7f}")),
              .init(
                key: "nested",
                value: .dict([
                  .init(key: "size", value: .int(3)), .init(key: "nfiles", value: .int(4)),
                  .init(
                    key: "list", value: .list([.int(1), .bool(true), .dict([.init(key: "size", value: .int(1))])])),
                ])),
            ])),
          .init(key: "other.json", value: .dict([.init(key: "k", value: .dict([]))])),
        ])),
      .init(
        key: "outs",
        value: .list([
          out("b.txt", "9a0364b9e99bb480dd25e1f0284c8555", size: 7, exec: true),
          out("dir", "8fa033b1940cf3294c31425c1647cb71.dir", size: 4, files: 2),
        ])),
    ]),
  ]

  @Test func keysAndValuesAreDVCs() throws {
    let python = try #require(DVCTool.python)
    let folder = TemporaryFolder()
    let script = """
      import sys
      from dvc.utils.serialize import load_yaml
      from dvc.stage.cache import _get_cache_hash
      for path in sys.argv[1:]:
          print(_get_cache_hash(load_yaml(path)), _get_cache_hash(load_yaml(path), key=True))
      """
    var paths: [String] = []
    for (index, entry) in Self.entries.enumerated() {
      paths.append(try folder.write(Array(DVCYAMLWriter.document(entry).utf8), to: "entry\(index).yaml"))
    }
    let result = DVCTool.shell("'\(python)' -c '\(script)' \(paths.joined(separator: " "))", in: folder.path)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    try #require(lines.count == Self.entries.count, "\(result.stderr)")
    for (entry, line) in zip(Self.entries, lines) {
      let ours = "\(DVCRunCacheKey.value(of: entry) ?? "-") \(DVCRunCacheKey.key(of: entry) ?? "-")"
      #expect(ours == line)
    }
  }

  @Test func aDateCannotBeHashedAsDVCCannotDumpIt() {
    let entry = DVCValue.dict([
      .init(key: "cmd", value: .string("x")),
      .init(
        key: "params",
        value: .dict([.init(key: "p.yaml", value: .dict([.init(key: "d", value: .timestamp("2024-01-01"))]))])),
    ])
    #expect(DVCRunCacheKey.key(of: entry) == nil)
  }

  @Test func theTextHashedIsPythonsJSON() {
    let value = DVCValue.dict([
      .init(key: "b", value: .list([.float(1e16), .float(-0.0), .null])), .init(key: "a", value: .string("é\n")),
      .init(key: "a", value: .string("last")),
    ])
    #expect(PythonJSONDump.dumps(value) == #"{"a": "last", "b": [1e+16, -0.0, null]}"#)
  }
}
