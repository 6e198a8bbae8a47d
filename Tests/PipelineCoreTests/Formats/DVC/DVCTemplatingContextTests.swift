import Testing

@testable import PipelineCore

/// What DVC's templating context takes (`Container._convert`): dates and tuples stop DVC with
/// a `TypeError`, but only where they are loaded into the context, so the keys a `vars` entry
/// does not pick, and files that are only a stage's `params`, may hold them.
@Suite struct DVCTemplatingContextTests {
  static func errors(_ dvcYAML: String, files: [String: String]) -> [String] {
    DVCProjectLoaderTests.errors(dvcYAML, files: files)
  }

  static let stage = "stages:\n  s:\n    cmd: echo ${X}\n"

  @Test(arguments: [
    ("other.yaml", "X: 1\nwhen: 2020-01-01\n"),
    ("other.toml", "X = 1\nwhen = 2020-01-01\n"),
    ("p.py", "X = 1\nT = (1, 2)\n"),
    ("p.yaml", "X: 1\nd: !!pairs [{a: 1}]\n"),
  ])
  func keysAVarsEntryDoesNotPickMayHoldWhatTheContextRefuses(file: String, text: String) {
    #expect(Self.errors("vars: [\(file):X]\n" + Self.stage, files: [file: text, "params.yaml": "n: 1\n"]) == [])
  }

  @Test(arguments: [
    (
      "vars: [\"other.yaml:X,when\"]\n", "other.yaml", "X: 1\nwhen: 2020-01-01\n",
      "other.yaml:2:7: error: Unsupported value of type 'date' in 'other.yaml:when' | DVC cannot put dates in its "
        + "templating context; quote the value to make it text"
    ),
    (
      "vars: [p.py]\n", "p.py", "X = 1\nT = (1, 2)\n",
      "p.py:2:5: error: Unsupported value of type 'tuple' in 'p.py:T' | DVC's templating context holds lists, not "
        + "tuples; write the value as a list ([1, 2])"
    ),
    (
      "vars: [\"p.py:X,T\"]\n", "p.py", "X = 1\nT = 1, 2\n",
      "p.py:2:5: error: Unsupported value of type 'tuple' in 'p.py:T' | DVC's templating context holds lists, not "
        + "tuples; write the value as a list ([1, 2])"
    ),
    (
      "vars: [p.py:C]\n", "p.py", "X = 1\nclass C:\n  T = [()]\n",
      "p.py:3:8: error: Unsupported value of type 'tuple' in 'p.py:C.T.0' | DVC's templating context holds lists, not "
        + "tuples; write the value as a list ([1, 2])"
    ),
    (
      "vars: [{X: 1, d: 2020-01-01}]\n", "unused.yaml", "",
      "dvc.yaml:1:18: error: Unsupported value of type 'date' in 'vars[0]:d' | DVC cannot put dates in its "
        + "templating context; quote the value to make it text"
    ),
  ])
  func refusesWhatItLoads(vars: String, file: String, text: String, message: String) {
    #expect(Self.errors(vars + Self.stage, files: [file: text, "params.yaml": "n: 1\n"]) == [message])
  }

  @Test func aStageVarsMappingNamesItsStage() {
    let dvcYAML = "stages:\n  s:\n    vars:\n      - d: 2020-01-01\n    cmd: echo hi\n"
    #expect(
      Self.errors(dvcYAML, files: ["params.yaml": "n: 1\n"]).first?.hasPrefix(
        "dvc.yaml:4:12: error: Unsupported value of type 'date' in 's.vars[0]:d'") == true)
  }

  @Test func aTupleInAParamsDependencyIsAList() throws {
    let dvcYAML = "stages:\n  s:\n    cmd: echo hi\n    params:\n      - p.py:\n        - T\n"
    let project = try DVCProjectLoaderTests.load(dvcYAML, files: ["p.py": "X = 1\nT = (1, 2)\n"])
    let stage = try #require(project.stage("s"))
    #expect(project.parameterDependencies(of: stage).map(\.description) == ["p.py:T"])
    #expect(project.parameters.first { $0.source.description == "p.py:T" }?.value == .list([.int(1), .int(2)]))
  }

  @Test func datesInParamsYAMLAreStillRefused() {
    #expect(
      Self.errors(
        "vars: [other.yaml:X]\n" + Self.stage, files: ["other.yaml": "X: 1\n", "params.yaml": "d: 2001-1-1 1:00:00\n"]
      )
      .first?.hasPrefix("params.yaml:1:4: error: Unsupported value of type 'date' in 'params.yaml:d'") == true)
  }
}
