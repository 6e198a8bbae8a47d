import FoundationEssentials
import PipelineCore
import PipelineTestSupport
import Testing

/// A run's record says exactly what ran with which values: one resolution per run, values
/// changed while paused recorded for the steps that saw them and reproduced by `rerun`,
/// derived values derived again, typed values intact, and one run at a time per folder.
@Suite struct RunRecordTests {
  let shell = ProcessScript()

  /// The value of `name` in `show run ID --json` output.
  static func recorded(_ name: String, in json: String) -> JSONValue? {
    guard let document = JSONValue.parse(json), let parameters = document["parameters"]?.array else { return nil }
    return parameters.first { $0["name"]?.string == name }?["value"]
  }

  @Test func whatTheStoreSaysAStepSawIsWhatItSaw() throws {
    let pipeline = """
      name: stamp
      params:
        stamp: {default: "${cmd:date +%s%N}"}
      steps:
        first: echo "first=${stamp}"
        second: {needs: [first], run: "sleep 0.05; echo second=${stamp}"}
      """
    let (output, status) = try shell.run(
      #""$P" -c 'debug; step; continue' p.yaml > run.txt; "$P" -c 'show run 1 --json' p.yaml 2>/dev/null; cat run.txt"#,
      files: ["p.yaml": pipeline])
    #expect(status == 0, "\(output)")
    let start = try #require(output.firstIndex(of: "{"), "\(output)")
    let json = String(output[start..<(output.firstRange(of: "\n}\n")?.upperBound ?? output.endIndex)])
    let value = try #require(Self.recorded("stamp", in: json)?.string, "\(output)")
    #expect(output.contains("first=\(value)\n"), "\(output)")
    #expect(output.contains("second=\(value)\n"), "\(output)")
  }

  static let paused = """
    name: paused
    params:
      lr: {type: float, default: 0.1}
    steps:
      first: echo "first lr=${lr}"
      second:
        needs: [first]
        run: echo "second lr=${lr}"
      third:
        needs: [second]
        run: echo "third lr=${lr}"
    """

  @Test func aValueChangedWhilePausedIsRecordedAndRerunReproducesIt() throws {
    let script = #"""
      "$P" -c 'debug; step; set lr 0.37; continue' p.yaml > /dev/null
      "$P" -c 'show run 1; diff 1 1; rerun 1 --force --jobs 1; show run 2 --json' p.yaml 2>&1
      """#
    let (output, status) = try shell.run(script, files: ["p.yaml": Self.paused])
    #expect(status == 0, "\(output)")
    #expect(
      output.contains("changed while paused, before step second:\n  lr  0.1 -> 0.37  (session: set lr 0.37"),
      "\(output)")
    #expect(output.contains("changed while run 1 was paused:\n  before second: lr 0.1 -> 0.37 (session)"), "\(output)")
    #expect(output.contains("first lr=0.1\n"), "\(output)")
    #expect(output.contains("second lr=0.37\n"), "\(output)")
    #expect(output.contains("third lr=0.37\n"), "\(output)")
    #expect(output.contains(#""beforeStep": "second""#), "the rerun records the change too: \(output)")
  }

  @Test func rerunDerivesEveryDerivedValueAgain() throws {
    let pipeline = """
      name: derive
      params:
        model: {default: a}
        lr: {type: float, default: 0.1}
        tag: {default: "${model}-lr${lr}"}
      steps:
        s: echo "tag=${tag}"
      """
    let (output, status) = try shell.run(
      #""$P" -c 'run lr=0.2; rerun model=b' p.yaml"#, files: ["p.yaml": pipeline])
    #expect(status == 0, "\(output)")
    #expect(output.contains("tag=a-lr0.2\n"), "\(output)")
    #expect(output.contains("tag=b-lr0.2\n"), "\(output)")
  }

  @Test func typedValuesRoundTripThroughTheStore() throws {
    let pipeline = """
      name: typed
      params:
        items: {type: list, items: string, default: []}
        tags: {type: dict, default: {}}
        note: {default: ""}
      steps:
        s:
          run: 'printf "%s|%s|%s\\n" "$PARAM_ITEMS" "$PARAM_TAGS" "$PARAM_NOTE"'
          params: [items, tags, note]
      """
    let session = #"""
      set items '["a,b", "c\"d", "é ü"]'
      set tags '{k: "v, w", n: 1}'
      set note "naïve, \"quoted\""
      run --jobs 1
      rerun note=x --jobs 1
      show run 1 --json
      """#
    let script = #""$P" -f s.psh p.yaml 2>&1"#
    let (output, status) = try shell.run(script, files: ["p.yaml": pipeline, "s.psh": session])
    #expect(status == 0, "\(output)")
    let printed = output.split(separator: "\n").filter { $0.hasPrefix("[") }
    #expect(printed.first == #"["a,b","c\"d","é ü"]|{"k":"v, w","n":1}|naïve, "quoted""#, "\(output)")
    #expect(printed.count == 2 && printed[1].hasPrefix(#"["a,b","c\"d","é ü"]|{"k":"v, w","n":1}|x"#), "\(output)")
    let json = String(output[output.firstRange(of: "{\n  \"id\": 1")!.lowerBound...])
    #expect(Self.recorded("items", in: json) == .array([.string("a,b"), .string("c\"d"), .string("é ü")]), "\(json)")
    #expect(Self.recorded("tags", in: json) == .object([("k", .string("v, w")), ("n", .int(1))]), "\(json)")
  }

  @Test(arguments: [
    ("run 'lr=0.3'", "unexpected 'lr=0.3'", Int32(2)),
    ("debug; load p.yaml", "a run is paused; 'load' would change the pipeline under it", 2),
    ("debug; reload", "a run is paused; 'reload' would change the pipeline under it", 2),
    ("!echo bang", "bang", 0),
  ])
  func commandLineRules(commands: String, expected: String, status: Int32) throws {
    let (output, actual) = try shell.run("\"$P\" -c \"\(commands)\" p.yaml", files: ["p.yaml": Self.paused])
    #expect(output.contains(expected), "\(output)")
    #expect(actual == status, "\(output)")
  }

  @Test func keepGoingGoesOnWithinACommandLine() throws {
    let (output, status) = try shell.run(
      #""$P" --keep-going -c 'set lr nope; get lr; get nosuch; echo' p.yaml 2>&1"#, files: ["p.yaml": Self.paused])
    #expect(output.contains("invalid value for 'lr'"), "\(output)")
    #expect(output.contains("\n0.1\n"), "\(output)")
    #expect(output.contains("unknown parameter 'nosuch'"), "\(output)")
    #expect(status == 2, "\(output)")
  }

  @Test func aListAndADictReachAPythonProgramIntact() throws {
    let pipeline = """
      name: args
      params:
        layers: {type: list, items: int, default: [64, 32]}
        names: {type: list, items: string, default: ["a b", "it's", "x*"]}
        tags: {type: dict, default: {team: ml, "k v": 2}}
      steps:
        s: python3 args.py --layers ${layers} --names ${names} --tags ${tags}
      """
    let program = """
      import argparse, json
      p = argparse.ArgumentParser()
      p.add_argument("--layers", nargs="+", type=int)
      p.add_argument("--names", nargs="+")
      p.add_argument("--tags", type=json.loads)
      a = p.parse_args()
      print("GOT", json.dumps([a.layers, a.names, a.tags], sort_keys=True))
      """
    let (output, status) = try shell.run(
      #""$P" -c 'run' p.yaml"#, files: ["p.yaml": pipeline, "args.py": program, "x1": ""])
    #expect(status == 0, "\(output)")
    #expect(output.contains(#"GOT [[64, 32], ["a b", "it's", "x*"], {"k v": 2, "team": "ml"}]"#), "\(output)")
  }

  @Test func oneRunAtATimePerFolderAndReadOnlyCommandsKeepWorking() throws {
    let pipeline = """
      name: hold
      steps:
        hold: touch started; sleep 1.5
      """
    let script = #"""
      "$P" -c 'run' p.yaml > a.txt 2>&1 &
      a=$!
      i=0; while [ ! -f started ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
      "$P" -c 'run' p.yaml 2>&1; echo "second status $?"
      "$P" -c 'plan; runs; show run 1' p.yaml > /dev/null 2>&1; echo "read-only status $?"
      "$P" -c 'run --wait' p.yaml > b.txt 2>&1; echo "waited status $?"
      wait $a; echo "first status $?"
      echo "pid $a"; cat b.txt
      """#
    let (output, _) = try shell.run(script, files: ["p.yaml": pipeline])
    let pid = output.split(separator: "\n").first { $0.hasPrefix("pid ") }.map { String($0.dropFirst(4)) } ?? "?"
    #expect(
      output.contains("error: run 1 of the shell with pid \(pid) ('run') is running in this pipeline's folder"),
      "\(output)")
    #expect(output.contains("second status 1"), "\(output)")
    #expect(output.contains("read-only status 0"), "\(output)")
    #expect(output.contains("waited status 0"), "\(output)")
    #expect(output.contains("first status 0"), "\(output)")
    #expect(output.contains("run 2 ok"), "\(output)")
  }
}
