import FoundationEssentials
import PipelineCore
import PipelineShell
import PipelineTestSupport
import Testing

/// The real binary's `plan --json` against what DVC 3.67.1 itself reads, for phase 1's fixture
/// projects and the five example projects: the same stages (names, in the order `dvc repro`
/// runs them), the same command lines, working folders, dependencies and outputs. Projects DVC
/// refuses, pipeshell refuses.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCPlanAgainstDVCTests {
  @Test func fixtureProjectsPlanAsDVCReadsThem() throws {
    let folder = try TemporaryFolder.make(prefix: "dvc-plan")
    defer { TemporaryFolder.remove(folder) }
    let fixtures = DVCProjectFixtures.all
    let roots = try DVCProjects.writeFixtures(fixtures, under: folder)
    let lines = DVCTool.oracle("stages", roots)
    try #require(lines.count == roots.count)
    var compared = 0
    for (index, fixture) in fixtures.enumerated() {
      compared += compare(fixture.name, root: roots[index], dvcFiles: fixture.dvcFiles, oracle: lines[index])
    }
    #expect(compared >= 40, "stages compared: \(compared)")
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: DVCProjects.examplesFolder)))
  func exampleProjectsPlanAsDVCReadsThem() throws {
    let folder = try TemporaryFolder.make(prefix: "dvc-plan-examples")
    defer { TemporaryFolder.remove(folder) }
    let roots = DVCProjects.copyExamples(under: folder)
    let lines = DVCTool.oracle("stages", roots)
    try #require(lines.count == roots.count)
    var compared = 0
    for (index, example) in DVCProjects.examples.enumerated() {
      compared += compare(example.name, root: roots[index], dvcFiles: example.dvcFiles, oracle: lines[index])
    }
    #expect(compared >= 20, "stages compared: \(compared)")
  }

  /// Compares every `dvc.yaml` of a project; returns how many stages were compared.
  func compare(_ name: String, root: String, dvcFiles: [String], oracle: String) -> Int {
    guard let expected = JSONValue.parse(oracle) else {
      Issue.record("\(name): unreadable oracle output \(oracle)")
      return 0
    }
    var compared = 0
    for dvcFile in dvcFiles {
      let folder = Paths.folder(of: root + "/" + dvcFile)
      let result = DVCProjects.pipeshell("plan --json", file: "dvc.yaml", in: folder)
      if let message = expected["message"]?.string {
        // DVC refuses the project: so does pipeshell, before planning anything.
        #expect(result.status == .exited(2), "\(name): pipeshell read what DVC refuses (\(message)): \(result.stdout)")
        #expect(result.stderr.contains("error:"), "\(name): \(result.stderr)")
        continue
      }
      guard let plan = JSONValue.parse(result.stdout), let steps = plan["steps"]?.array else {
        Issue.record("\(name)/\(dvcFile): no plan: \(result.stderr)")
        continue
      }
      let theirs = (expected["stages"]?.array ?? []).filter { $0["dvcfile"]?.string == dvcFile }
      let names = steps.compactMap { $0["name"]?.string }
      #expect(Set(names) == Set(theirs.compactMap { $0["name"]?.string }), "\(name)/\(dvcFile): stages")
      if dvcFiles.count == 1 {
        let order = (expected["order"]?.array ?? []).compactMap { $0.string }.map {
          String($0.dropFirst(dvcFile.count + 1))
        }
        #expect(names == order, "\(name): the order dvc repro runs the stages in")
      }
      for stage in theirs {
        guard let stageName = stage["name"]?.string, let step = steps.first(where: { $0["name"]?.string == stageName })
        else { continue }
        compared += 1
        compareStage(stage, step, label: "\(name)/\(dvcFile):\(stageName)", folder: folder)
      }
    }
    return compared
  }

  func compareStage(_ stage: JSONValue, _ step: JSONValue, label: String, folder: String) {
    let commands: [String]
    if let list = stage["cmd"]?.array {
      commands = list.compactMap(\.string)
    } else {
      commands = DVCProjects.splitLines(stage["cmd"]?.string ?? "")
    }
    #expect(step["commands"]?.array?.compactMap(\.string) == commands, "\(label): commands")
    let cwd = step["cwd"]?.string ?? ""
    let wdir = DVCProjects.normalized(folder + "/" + (stage["wdir"]?.string ?? "."))
    #expect(DVCProjects.normalized(cwd) == wdir, "\(label): working folder")
    func absolute(_ paths: [JSONValue]?, from base: String) -> [String] {
      (paths ?? []).compactMap(\.string).map { DVCProjects.normalized($0.hasPrefix("/") ? $0 : base + "/" + $0) }
    }
    #expect(
      absolute(step["inputs"]?.array, from: cwd) == absolute(stage["deps"]?.array, from: folder), "\(label): deps")
    let outs = (stage["outs"]?.array ?? []).compactMap { $0["path"] }
    #expect(absolute(step["outputs"]?.array, from: cwd) == absolute(outs, from: folder), "\(label): outs")
    let metrics = (stage["outs"]?.array ?? []).filter { $0["metric"]?.bool == true }.compactMap { $0["path"] }
    #expect(absolute(step["metrics"]?.array, from: cwd) == absolute(metrics, from: folder), "\(label): metrics")
    #expect(step["description"]?.string == stage["desc"]?.string, "\(label): desc")
    let verified = step["state"]?.string == "verifies"
    #expect(verified == (stage["frozen"]?.bool ?? false), "\(label): frozen stages are verified, not run")
  }
}
