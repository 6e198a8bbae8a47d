import Testing

@testable import PipelineCore

/// A missing input is told from one a step writes the same way whether the outputs are looked
/// through one by one (the first few lookups of a plan) or in a table of them (after those).
@Suite struct ProducedPathsTests {
  typealias F = CoreFixtures

  static func problems(_ text: String, lookupsBeforeTable: Int, existing: Set<String> = []) throws -> [String] {
    let pipeline = try F.load(text).0
    let sources = FakeSources(existing: existing)
    let dynamic = DynamicValues(sources: sources, environment: [:], folder: pipeline.folder)
    let snapshot = Resolver(dynamic: dynamic).resolve(ResolutionInput(pipeline: pipeline))
    var planner = Planner(dynamic: dynamic)
    planner.lookupsBeforeOutputTable = lookupsBeforeTable
    return planner.plan(pipeline, snapshot: snapshot).problems.map(\.message)
  }

  static func missing(_ input: String, of step: String) -> String {
    "input '\(input)' of step '\(step)' does not exist, and no step declares it as an output"
  }

  /// Outputs written from other folders, absolute, with `..`, `.` and a trailing slash; inputs
  /// that are an output, inside one, a folder one is written in, or none of these.
  static let folders = """
    steps:
      use:
        needs: [make, all]
        run: "true"
        inputs: [sub/x/inner.txt, sub/y, top.txt, /abs/out/f, sub/deep/a/b/c, whole/w, sub/z, sub/deep/a, x, sub/data,
          sub/dat, /abs, /ab, sub/x2, whole]
      make: {cwd: sub, run: "true", outputs: [x, ./y/, ../top.txt, /abs/out, deep/a/b, data/file.csv]}
      all: {cwd: whole, run: "true", outputs: ["."]}

    """

  @Test(arguments: [0, 1, 3, 1_000])
  func outputsLookedThroughOneByOneOrInATableAgree(lookupsBeforeTable: Int) throws {
    #expect(
      try Self.problems(Self.folders, lookupsBeforeTable: lookupsBeforeTable) == [
        Self.missing("sub/z", of: "use"), Self.missing("x", of: "use"), Self.missing("sub/dat", of: "use"),
        Self.missing("/ab", of: "use"), Self.missing("sub/x2", of: "use"),
      ])
  }

  /// A chain of steps each reading what the one before writes (and one file nobody writes):
  /// more lookups than are made one by one, so the table answers the later ones.
  @Test func aLongChainLooksUpBeyondTheFirstFew() throws {
    var lines = ["steps:"]
    for index in 0..<40 {
      lines.append("  s\(index):")
      lines.append("    run: \"true\"")
      lines.append("    outputs: [out/\(index).csv]")
      if index > 0 {
        lines.append("    inputs: [out/\(index - 1).csv, in/\(index % 7 == 3 ? "none" : "ok")\(index).txt]")
      }
    }
    let text = lines.joined(separator: "\n") + "\n"
    let existing = Set((0..<40).map { "/proj/in/ok\($0).txt" })
    let expected = (0..<40).filter { $0 % 7 == 3 }.map { Self.missing("in/none\($0).txt", of: "s\($0)") }
    for lookups in [0, ProducedPaths.lookupsBeforeTable, 1_000] {
      #expect(try Self.problems(text, lookupsBeforeTable: lookups, existing: existing) == expected)
    }
  }
}
