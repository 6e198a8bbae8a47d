import Testing

@testable import PipelineCore

/// Explicit YAML tags in params files and `dvc.yaml`, read as DVC's ruamel.yaml safe loader
/// reads them (each expectation was checked with DVC 3.67.1's own Python).
@Suite struct YAMLTagTests {
  static func value(_ written: String) throws -> String {
    let root = try YAMLParamsReader().read("a: \(written)\n", file: "p.yaml")
    return Canonical.text(try #require(root["a"]))
  }

  static func errors(_ text: String) -> [String] {
    do {
      _ = try YAMLParamsReader().read(text, file: "p.yaml")
      return []
    } catch {
      return error.diagnostics.map { ([$0.description] + $0.notes).joined(separator: " | ") }
    }
  }

  @Test(arguments: [
    ("!!float 1", "float:1.0"), ("!!float \"1\"", "float:1.0"), ("!!float 1.50", "float:1.5"),
    ("!!float .inf", "float:inf"), ("!!float -.inf", "float:-inf"), ("!!float .NaN", "float:nan"),
    ("!!float inf", "float:inf"), ("!!float -infinity", "float:-inf"), ("!!float 1_000", "float:1000.0"),
    ("!!float 1.", "float:1.0"), ("!!float .5", "float:0.5"), ("!!float \" 1\"", "float:1.0"),
    ("!!float 1e+5", "float:100000.0"), ("!!float 1E5", "float:100000.0"), ("!!float 9e999", "float:inf"),
    ("!!float 1__0", "float:10.0"), ("&x !!float 1", "float:1.0"),
    ("!!str 1.50", "str:'1.50'"), ("!!str true", "str:'true'"), ("!!str", "str:''"), ("!!str ~", "str:'~'"),
    ("!!str null", "str:'null'"), ("!!str 2020-01-01", "str:'2020-01-01'"), ("!<tag:yaml.org,2002:str> 1", "str:'1'"),
    ("!!int \"3\"", "int:3"), ("!!int 0x1F", "int:31"), ("!!int 0o17", "int:15"), ("!!int 0b101", "int:5"),
    ("!!int 017", "int:17"), ("!!int 1_000", "int:1000"), ("!!int -0x10", "int:-16"), ("!!int \" 7 \"", "int:7"),
    ("!!int 0b0b1", "int:1"), ("!!int 0x-5", "int:-5"), ("!!int \"--1\"", "int:1"), ("!!int -0", "int:0"),
    ("!!int 08", "int:8"),
    ("!!bool \"true\"", "bool:True"), ("!!bool yes", "bool:True"), ("!!bool on", "bool:True"),
    ("!!bool tRue", "bool:True"), ("!!bool \"false\"", "bool:False"), ("!!bool n", "bool:False"),
    ("!!null", "None"), ("!!null abc", "None"), ("!!null \"\"", "None"),
    ("! \"1\"", "int:1"), ("! abc", "str:'abc'"), ("! [1]", "[int:1]"),
    ("!!seq [1]", "[int:1]"), ("!!map {a: 1}", "{'a': int:1}"),
    ("!!omap [{a: 1}, {b: 2}]", "{'a': int:1, 'b': int:2}"), ("!!omap []", "{}"),
    ("!!pairs [{a: 1}, {a: 2}]", "[[str:'a', int:1], [str:'a', int:2]]"),
    ("!!timestamp 2020-01-01", "date"), ("!!timestamp \"2020-01-01\"", "date"),
    ("!!timestamp 2020-1-1 10:00:00", "date"),
  ])
  func typesATaggedValueAsDVC(written: String, expected: String) throws {
    #expect(try Self.value(written) == expected)
  }

  @Test(arguments: [
    ("!custom 1", "p.yaml:1:4: error: could not determine a constructor for the tag '!custom'"),
    ("!custom [1]", "p.yaml:1:4: error: could not determine a constructor for the tag '!custom'"),
    ("!<!custom> 1", "p.yaml:1:4: error: could not determine a constructor for the tag '!custom'"),
    ("!!custom 1", "p.yaml:1:4: error: could not determine a constructor for the tag '!!custom'"),
    ("!!merge x", "p.yaml:1:4: error: could not determine a constructor for the tag '!!merge'"),
    ("!!float abc", "p.yaml:1:4: error: cannot read 'abc' as '!!float'"),
    ("!!float 0x10", "p.yaml:1:4: error: cannot read '0x10' as '!!float'"),
    ("!!float 1e", "p.yaml:1:4: error: cannot read '1e' as '!!float'"),
    ("!!float \"\"", "p.yaml:1:4: error: cannot read '' as '!!float'"),
    ("!!int 3.0", "p.yaml:1:4: error: cannot read '3.0' as '!!int'"),
    ("!!int 0X10", "p.yaml:1:4: error: cannot read '0X10' as '!!int'"),
    ("!!int 0b", "p.yaml:1:4: error: cannot read '0b' as '!!int'"),
    ("!!int 9" + String(repeating: "9", count: 4300), "p.yaml:1:4: error: integer '99999"),
    ("!!bool 1", "p.yaml:1:4: error: cannot read '1' as '!!bool'"),
    ("!!timestamp abc", "p.yaml:1:4: error: cannot read 'abc' as '!!timestamp'"),
    ("!!str [1]", "p.yaml:1:4: error: the tag '!!str' needs a scalar, found a list"),
    ("!!seq {a: 1}", "p.yaml:1:4: error: the tag '!!seq' needs a list, found a mapping"),
    ("!!map [1]", "p.yaml:1:4: error: the tag '!!map' needs a mapping, found a list"),
    ("!!omap {a: 1}", "p.yaml:1:4: error: the tag '!!omap' needs a list of one-key mappings, found a mapping"),
    ("!!pairs [[1]]", "p.yaml:1:13: error: the tag '!!pairs' needs a list of one-key mappings, found a list"),
    ("!!binary aGVsbG8=", "p.yaml:1:4: error: pipeshell does not read '!!binary' values"),
    ("!!set {x}", "p.yaml:1:4: error: pipeshell does not read '!!set' values"),
  ])
  func refusesWhatDVCRefusesOrPipeshellCannotHold(written: String, message: String) {
    let errors = Self.errors("a: \(written)\n")
    #expect(errors.count == 1)
    #expect(errors.first?.hasPrefix(message) == true, "\(errors)")
  }

  @Test func namesTheTagAndSaysWhy() {
    #expect(
      Self.errors("x: 1\ndesc: !custom hello\n") == [
        "p.yaml:2:7: error: could not determine a constructor for the tag '!custom' | DVC's YAML loader knows only "
          + "the core schema's tags (!!str, !!int, !!float, !!bool, !!null, ...) and refuses the file; remove the "
          + "tag, or quote the value to keep it as text"
      ])
  }

  @Test func anOrderedMapRefusesAKeyTwice() {
    #expect(
      Self.errors("a: !!omap [{k: 1}, {k: 2}]\n").first?.hasPrefix("p.yaml:1:21: error: duplicate key 'k'") == true)
  }

  @Test func tagsDecideWhichKeysMerge() throws {
    let stringKey = try YAMLParamsReader().read("!!str <<: {a: 1}\n", file: "p.yaml")
    #expect(Canonical.text(stringKey) == "{'<<': {'a': int:1}}")
    let merged = try YAMLParamsReader().read("! \"<<\": {a: 1}\nb: 2\n", file: "p.yaml")
    #expect(Canonical.text(merged) == "{'a': int:1, 'b': int:2}")
    let tagged = try YAMLParamsReader().read("!!merge k: {a: 1}\n", file: "p.yaml")
    #expect(Canonical.text(tagged) == "{'a': int:1}")
    let intKey = try YAMLParamsReader().read("!!int \"1\": x\n", file: "p.yaml")
    #expect(Canonical.text(intKey) == "{#1: str:'x'}")
  }

  @Test func aDateWithOneDigitMonthIsWrittenInFull() throws {
    let root = try YAMLParamsReader().read("a: !!timestamp 2020-1-1\n", file: "p.yaml")
    #expect(root["a"]?.kind == .timestamp("2020-01-01"))
  }

  @Test func aPairIsATuple() throws {
    let root = try YAMLParamsReader().read("a: !!pairs [{k: 1}]\n", file: "p.yaml")
    #expect(root["a"]?.items?.first?.isTuple == true)
    #expect(root["a"]?.items?.first?.pythonTypeName == "tuple")
  }
}
