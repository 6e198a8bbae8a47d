import Testing

@testable import PipelineCore

@Suite struct ParameterKeyPathTests {
  @Test(arguments: [
    (["train", "lr"], "train.lr", "TRAIN_LR"),
    (["train", "log-level"], "train.log-level", "TRAIN_LOG_LEVEL"),
    (["stages", "0"], "stages.0", "STAGES_0"),
    (["data", "a.b"], "data[a.b]", "DATA_A_B_"),
    (["paths", "/tmp/x"], "paths[/tmp/x]", "PATHS__TMP_X_"),
    (["x y", "z"], "[x y].z", "_X_Y__Z"),
    (["a", "b]c\\d"], "a[b\\]c\\\\d]", "A_B__C__D_"),
    (["a", ""], "a[]", "A__"),
    (["é"], "[é]", "___"),
    (["a", "b c", "d e"], "a[b c][d e]", "A_B_C__D_E_"),
    // Names of bare segments only are joined in one piece; a first key that a condition reads
    // as a word, or that starts with a digit, still gets its brackets.
    (["in"], "in", "IN"), (["in", "x"], "[in].x", "_IN__X"), (["false", "y"], "[false].y", "_FALSE__Y"),
    (["notes", "x"], "notes.x", "NOTES_X"), (["train", "in"], "train.in", "TRAIN_IN"),
    (["0", "a"], "[0].a", "_0__A"), (["a", "0"], "a.0", "A_0"), (["a--b"], "[a--b]", "_A__B_"),
  ])
  func rendersAndReadsBack(segments: [String], text: String, environment: String) throws {
    let path = ParameterKeyPath(segments)
    #expect(path.description == text)
    #expect(path.environmentName == environment)
    #expect(try ParameterKeyPath.parse(text).get() == path)
  }

  @Test(arguments: [
    ("", 0, "a parameter name is empty"),
    ("a..b", 2, "expected a key"),
    ("a.", 2, "expected a key after '.'"),
    ("a[b", 1, "'[' is not closed by ']'"),
    ("a[b]c", 4, "expected '.' or '[' after ']'"),
    ("a b", 0, "'a b' must be written in brackets, as [a b]"),
    ("a.[b]", 2, "expected a key after '.'"),
    ("[a].[b]", 4, "expected a key after '.'"),
  ])
  func refusesMalformedNames(text: String, offset: Int, message: String) {
    guard case .failure(let problem) = ParameterKeyPath.parse(text) else {
      Issue.record("'\(text)' was read")
      return
    }
    #expect(problem.message == message)
    #expect(problem.offset == offset)
  }

  /// The root of a params file has no segments and is written as nothing.
  @Test func anEmptyPathIsWrittenEmpty() {
    #expect(ParameterKeyPath([]).description == "")
  }

  @Test func prefixes() {
    let train = ParameterKeyPath(["train"])
    #expect(train.isPrefix(of: ParameterKeyPath(["train", "lr"])))
    #expect(!ParameterKeyPath(["train", "lr"]).isPrefix(of: train))
    #expect(!ParameterKeyPath(["tra"]).isPrefix(of: train.appending("lr")))
  }
}

@Suite struct PythonTextTests {
  @Test(arguments: [
    (0.001, "0.001"), (1e-05, "1e-05"), (0.0001, "0.0001"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
    (1.0, "1.0"), (-2.5, "-2.5"), (123456789.125, "123456789.125"), (1.5e300, "1.5e+300"), (5e-324, "5e-324"),
    (0.1 + 0.2, "0.30000000000000004"), (-0.0, "-0.0"), (Double.infinity, "inf"), (Double.nan, "nan"),
    (1e22, "1e+22"), (12345678901234567.0, "1.2345678901234568e+16"),
  ])
  func formatsFloatsAsPythonRepr(value: Double, text: String) {
    #expect(PythonText.float(value) == text)
  }

  @Test func quotesAsPythonRepr() {
    #expect(PythonText.quoted("abc") == "'abc'")
    #expect(PythonText.quoted("it's") == "\"it's\"")
    #expect(PythonText.quoted("it's \"q\"") == "'it\\'s \"q\"'")
    #expect(PythonText.quoted("tab\tnl\n\u{1}é") == "'tab\\tnl\\n\\x01é'")
    #expect(PythonText.str(.list([.int(1), .string("a"), .null, .bool(true)])) == "[1, 'a', None, True]")
    #expect(PythonText.str(.dict([.init(key: "a", value: .float(0.5))])) == "{'a': 0.5}")
  }
}

@Suite struct ParamsFileTests {
  @Test func flattensNestedMappingsAndKeepsListsWhole() throws {
    let file = try ParamsFileReader.parse(
      """
      train:
        lr: 0.1
        layers: [64, 'a', 1.5]
        empty: {}
        none:
      seed: 1
      "a.b": {c: 2}

      """, path: "params.yaml")
    #expect(
      file.leaves.map(\.path.description) == [
        "train.lr", "train.layers", "train.empty", "train.none", "seed", "[a.b].c",
      ])
    #expect(file.leaves[1].value == .list([.int(64), .string("a"), .float(1.5)]))
    #expect(file.leaves[2].value == .dict([]))
    #expect(file.leaves[3].value == .null)
    #expect(file.leaves[0].location.description == "params.yaml:2:7")
    #expect(file.leaves[0].keyLocation.description == "params.yaml:2:3")
    #expect(file.node(at: ParameterKeyPath(["train", "lr"]))?.value == .float(0.1))
  }

  /// A section covers its leaves; a leaf covers the paths inside its value; two keys of one
  /// text (`1` and `'1'`) cover what lies between them too, as they did when found leaf by leaf.
  @Test func keyPathsCoverTheirLeaves() throws {
    let file = try ParamsFileReader.parse("1: a\nx: {y: [1, 2], z: {}}\n'1': b\n", path: "p.yaml")
    #expect(file.leaves.map(\.path.description) == ["[1]", "x.y", "x.z", "[1]"])
    #expect(file.leafPositions(covering: ParameterKeyPath(["x"])) == 1..<3)
    #expect(file.leafPositions(covering: ParameterKeyPath(["x", "z"])) == 2..<3)
    #expect(file.leafPositions(covering: ParameterKeyPath(["x", "y", "0"])) == 1..<2)
    #expect(file.leafPositions(covering: ParameterKeyPath(["1"])) == 0..<4)
    #expect(file.leafPositions(covering: ParameterKeyPath(["w"])).isEmpty)
  }

  @Test(arguments: [
    ("p.yaml", "a: 1\na: 2\n", "p.yaml:2:1: error: duplicate key 'a'"),
    ("p.yaml", "1: x\n1.0: y\n", "p.yaml:2:1: error: duplicate key '1.0'"),  // Python's 1 == 1.0
    // A long mapping: the duplicate of a key from before and from after the eighth.
    ("p.yaml", (0..<12).map { "k\($0): 1\n" }.joined() + "k2: 2\n", "p.yaml:13:1: error: duplicate key 'k2'"),
    ("p.yaml", (0..<12).map { "k\($0): 1\n" }.joined() + "k10: 2\n", "p.yaml:13:1: error: duplicate key 'k10'"),
    ("p.yaml", (0..<12).map { "\($0): 1\n" }.joined() + "true: 2\n", "p.yaml:13:1: error: duplicate key 'True'"),
    ("p.yaml", "a: 0b_\n", "p.yaml:1:4: error: '0b_' is not a number DVC can read"),
    (
      "p.yaml", "a: 1" + String(repeating: "0", count: 4300) + "\n",
      "p.yaml:1:4: error: integer '1" + String(repeating: "0", count: 29)
        + "…' has more than 4300 digits, which Python (and so DVC) cannot write"
    ),
    ("p.yaml", "- 1\n", "p.yaml:1:1: error: expected a mapping at the top of the params file, found 'list'"),
    ("p.yaml", "a: 1\n---\nb: 2\n", "p.yaml:2:1: error: expected a single YAML document, found another one"),
    ("p.json", "{\"a\": 1,}", "p.json:1:9: error: invalid JSON: Expecting property name enclosed in double quotes"),
    ("p.json", "{\"a\": \"x", "p.json:1:7: error: invalid JSON: Unterminated string starting at"),
    ("p.toml", "a = 1\na = 2\n", "p.toml:2:1: error: invalid TOML: key 'a' is defined twice"),
    ("p.toml", "[x]\n[x]\n", "p.toml:2:2: error: invalid TOML: table 'x' is defined twice"),
    ("p.toml", "a = 01\n", "p.toml:1:5: error: invalid TOML: '01' is not a TOML value"),
    ("p.py", "a = (1,\n", "p.py:1:5: error: invalid Python: '(' was never closed"),
    ("p.py", "a = {1, 2}\n", "p.py:1:5: error: pipeshell cannot use a Python set value as a parameter"),
  ])
  func reportsWhereAFileIsWrong(path: String, text: String, message: String) {
    #expect(throws: DiagnosticError.self) { try ParamsFileReader.parse(text, path: path) }
    do {
      _ = try ParamsFileReader.parse(text, path: path)
    } catch {
      #expect(error.diagnostics.first?.description == message)
    }
  }

  @Test(arguments: [
    ("params.yaml", ParamsFormat.yaml), ("a.yml", .yaml), ("a.JSON", .json), ("x/a.toml", .toml), ("a.py", .python),
    ("a.cfg", .yaml), (".json", .yaml), ("noext", .yaml), ("a.b.json", .json),
  ])
  func picksTheFormatByExtensionAsDVC(path: String, format: ParamsFormat) {
    #expect(ParamsFormat(path: path) == format)
  }
}
