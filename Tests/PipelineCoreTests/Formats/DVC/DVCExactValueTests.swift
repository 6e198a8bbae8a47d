import Testing

@testable import PipelineCore

/// A string that is one exact `${...}` keeps the context value itself; its plain value is made
/// only where it is read. Each place that reads it gets what it got when it was made at once.
@Suite struct DVCExactValueTests {
  static let params = """
    command: echo hi
    n: 3
    dir: sub
    regions: {north: {size: 3}, south: {size: 5}}
    sizes: [1, 2]

    """

  static func load(_ dvcYAML: String) throws(DiagnosticError) -> DVCProject {
    try DVCProjectLoader().load(
      files: InMemoryDVCFiles(["params.yaml": params, "dvc.yaml": dvcYAML, "sub/x": ""])
    ).0
  }

  static func problem(_ dvcYAML: String) -> String? {
    do {
      _ = try load(dvcYAML)
      return nil
    } catch {
      return error.diagnostics.first?.message
    }
  }

  @Test func anExactCommandOfAParamsStringIsItsText() throws {
    let project = try Self.load("stages:\n  s:\n    cmd: ${command}\n")
    let stage = try #require(project.stages.first)
    #expect(stage.commandTexts == ["echo hi"])
    #expect(stage.commands.first?.references.map(\.source.description) == ["params.yaml:command"])
  }

  @Test func anExactCommandOrPathThatIsNotTextIsRefusedWithItsType() {
    #expect(Self.problem("stages:\n  s:\n    cmd: ${n}\n") == "the command of stage 's' is a int, not text")
    // A list is refused where it is selected, as DVC's `validate_value` refuses it.
    #expect(
      Self.problem("stages:\n  s:\n    cmd: echo\n    deps: [\"${sizes}\"]\n")
        == "Cannot interpolate data of type 'list'")
  }

  @Test func foreachOverAParamsSectionAndAnExactWdir() throws {
    let project = try Self.load(
      """
      stages:
        r:
          foreach: ${regions}
          do:
            cmd: echo ${key} ${item.size}
        w:
          foreach: ${sizes}
          do:
            wdir: ${dir}
            cmd: echo ${item}

      """)
    #expect(project.stages.map(\.name) == ["r@north", "r@south", "w@1", "w@2"])
    #expect(project.stages.map(\.commandTexts) == [["echo north 3"], ["echo south 5"], ["echo 1"], ["echo 2"]])
    #expect(project.stages.last?.wdir == "sub")
  }
}
