import Testing

@testable import PipelineCore

/// A pipeline of hundreds of steps (a DVC `matrix` has thousands) is rendered on every core: the
/// plan must be the one a single loop makes, problems in step order, and each shared input
/// looked at once.
@Suite struct LargePlanTests {
  typealias F = CoreFixtures

  /// `count` steps reading `n` and `train.lr`; every 50th has an input nobody makes, every 3rd
  /// is skipped.
  static func text(steps count: Int, dynamicStep: Bool = false) -> String {
    var lines = [
      "params:", "  n: {type: int, default: 3}", "  train:", "    lr: {type: float, default: 0.1}",
      "steps:",
    ]
    for index in 0..<count {
      lines.append("  s\(index):")
      let home = dynamicStep && index == count - 1 ? " ${env:HOME:-none}" : ""
      lines.append("    run: echo ${n} \(index)\(home)")
      lines.append("    params: [train.lr]")
      let missing = index % 50 == 7 ? ", missing/\(index).txt" : ""
      lines.append("    inputs: [shared.txt\(missing)]")
      lines.append("    outputs: [out/\(index).txt]")
      if index % 3 == 2 { lines.append("    when: n > 5") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func plan(_ text: String, parallelThreshold: Int) throws -> (Plan, FakeSources) {
    let pipeline = try F.load(text).0
    let sources = FakeSources(existing: ["/proj/shared.txt"])
    let dynamic = DynamicValues(sources: sources, environment: [:], folder: pipeline.folder)
    let snapshot = Resolver(dynamic: dynamic).resolve(ResolutionInput(pipeline: pipeline))
    var planner = Planner(dynamic: dynamic)
    planner.parallelThreshold = parallelThreshold
    return (planner.plan(pipeline, snapshot: snapshot), sources)
  }

  /// What a plan says of each step, to compare two plans.
  static func summary(_ plan: Plan) -> [String] {
    plan.steps.map { step in
      let environment = step.environment.map { "\($0.name)=\($0.revealedValue())" }.joined(separator: " ")
      return
        "\(step.name) \(step.decision) \(step.command.revealed()) | \(environment) | \(step.inputs) \(step.outputs)"
    }
  }

  @Test func aLargePlanIsTheOneASingleLoopMakes() throws {
    let text = Self.text(steps: 700)
    let (parallel, _) = try Self.plan(text, parallelThreshold: 512)
    let (single, _) = try Self.plan(text, parallelThreshold: .max)
    #expect(Self.summary(parallel) == Self.summary(single))
    #expect(parallel.problems.map(\.description) == single.problems.map(\.description))
    #expect(parallel.steps.map(\.name) == (0..<700).map { "s\($0)" })
  }

  @Test func problemsComeInStepOrderAndSkippedStepsDoNotBlock() throws {
    let (plan, _) = try Self.plan(Self.text(steps: 700), parallelThreshold: 512)
    // Steps 7, 57, 107, ... read a file nobody makes; those skipped (index % 3 == 2) do not count.
    #expect(
      plan.problems.map(\.message)
        == stride(from: 7, to: 700, by: 50).filter { $0 % 3 != 2 }.map {
          "input 'missing/\($0).txt' of step 's\($0)' does not exist, and no step declares it as an output"
        })
    let first = try #require(plan.step("s0"))
    #expect(first.environment.contains { $0.name == "PARAM_TRAIN_LR" && $0.revealedValue() == "0.1" })
  }

  @Test func anInputStepsShareIsLookedAtOnce() throws {
    let (plan, sources) = try Self.plan(Self.text(steps: 600), parallelThreshold: 512)
    #expect(plan.steps.count == 600)
    #expect(sources.calls["exists:/proj/shared.txt"] == 1)
  }

  @Test func aPipelineThatReadsADynamicSourceIsRenderedInOneLoop() throws {
    let (plan, sources) = try Self.plan(Self.text(steps: 600, dynamicStep: true), parallelThreshold: 1)
    #expect(plan.steps.last?.command.revealed().hasSuffix(" none") == true)
    #expect(sources.calls.keys.allSatisfy { $0.hasPrefix("exists:") })
    let (reference, _) = try Self.plan(Self.text(steps: 600, dynamicStep: true), parallelThreshold: .max)
    #expect(Self.summary(plan) == Self.summary(reference))
  }
}
