import Testing

@testable import PipelineCore

/// Tabs DVC's YAML loader refuses are found where they are, counted in characters as DVC counts
/// them; the files DVC reads with tabs in them read the same (compared with DVC in
/// `ParamsAgainstDVCTests`).
@Suite struct YAMLTabsTests {
  @Test(arguments: [
    ("a: 1\t\n", 1, 5), ("a: é\t\n", 1, 5), ("x: 1\nstages:\n  a:\n    cmd: echo a\t\n", 4, 16),
    ("a: \"q\"\nb:\tc\n", 2, 3), ("a: [1,\t2]\nb: 1\t\n", 2, 5),
  ])
  func aRefusedTabIsFoundWhereItIs(text: String, line: Int, column: Int) {
    #expect(
      YAMLTabs.firstRefused(in: text, file: "p.yaml") == SourceLocation(file: "p.yaml", line: line, column: column))
  }

  @Test(arguments: [
    "a: 1\n", "a: \"x\ty\"\n", "a: |\n  x\ty\n", "a: 1 # c\td\n", "#\tc\na: 1\n", "a: [1,\t2]\n", "a: {x: 1,\ty: 2}\n",
  ])
  func aTabDVCTakesIsLeftAlone(text: String) {
    #expect(YAMLTabs.firstRefused(in: text, file: "p.yaml") == nil)
  }

  @Test func aFileWithARefusedTabIsAnErrorAtItsPlace() {
    #expect(throws: DiagnosticError.self) {
      try YAMLParamsReader().read("stages:\n  a:\n    cmd: echo a\t\n", file: "dvc.yaml")
    }
    do {
      _ = try YAMLParamsReader().read("x: 1\ny:\t2\n", file: "params.yaml")
    } catch {
      #expect(error.diagnostics.first?.message == "found character '\\t' that cannot start any token")
      #expect(error.diagnostics.first?.location == SourceLocation(file: "params.yaml", line: 2, column: 3))
    }
  }
}
