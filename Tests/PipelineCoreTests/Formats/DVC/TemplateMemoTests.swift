import Testing

@testable import PipelineCore

/// A DVC reference rendered once for many steps (`TemplateMemo`) renders as it does without the
/// memo: the same text, the same secret flag on every later use, and its own text under each
/// set of rules.
@Suite struct TemplateMemoTests {
  static func evaluator(memo: TemplateMemo?, lookups: Counter) -> TemplateEvaluator {
    let sources = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: [:])
    let dynamic = DynamicValues(sources: sources, environment: [:], folder: "/nonexistent")
    var evaluator = TemplateEvaluator(dynamic: dynamic) { name in
      lookups.count += 1
      switch name {
      case "train.lr": return .value(.float(0.001), secret: false)
      case "token": return .value(.string("hunter22"), secret: true)
      case "opts": return .value(.dict(ValueDict(entries: [("fast", .bool(true)), ("n", .int(3))])), secret: false)
      default: return .unknown
      }
    }
    evaluator.memo = memo
    return evaluator
  }

  final class Counter: @unchecked Sendable { var count = 0 }

  static func template(_ parameter: String, inCommand: Bool, exact: Bool = false) -> Template {
    let reference = DVCValueReference(expression: parameter, pieces: [.init(path: [], parameter: parameter)])
    let rules = DVCTemplateRules(inCommand: inCommand, exact: exact, settings: .standard)
    let parts: [Template.Part] = exact ? [.dvcValue(reference)] : [.literal("run "), .dvcValue(reference)]
    return Template(parts: parts, source: "${\(parameter)}", dialect: .dvc(rules))
  }

  static func outcome(_ result: Result<TemplateEvaluator.Rendered, TemplateEvaluator.Failure>) -> String {
    switch result {
    case .success(let rendered): return "\(rendered.masked)|secret=\(rendered.secret)|\(rendered.parameters)"
    case .failure(let failure): return "failed: \(failure.message)"
    }
  }

  @Test(arguments: [
    ("train.lr", true, false), ("token", true, false), ("opts", true, false), ("opts", false, false),
    ("train.lr", false, true), ("missing", true, false),
  ])
  func memoRendersAsWithout(parameter: String, inCommand: Bool, exact: Bool) {
    let template = Self.template(parameter, inCommand: inCommand, exact: exact)
    let plain = Self.evaluator(memo: nil, lookups: Counter())
    let lookups = Counter()
    let memoized = Self.evaluator(memo: TemplateMemo(), lookups: lookups)
    let expected = Self.outcome(plain.render(template, for: .commandLine))
    for _ in 0..<3 { #expect(Self.outcome(memoized.render(template, for: .commandLine)) == expected) }
    #expect(lookups.count == 1, "the value is read once, then taken from the memo")
  }

  @Test func aSecretStaysSecretWhenTakenFromTheMemo() {
    let evaluator = Self.evaluator(memo: TemplateMemo(), lookups: Counter())
    for _ in 0..<2 {
      guard case .success(let rendered) = evaluator.render(Self.template("token", inCommand: true), for: .commandLine)
      else {
        Issue.record("the secret did not render")
        return
      }
      #expect(rendered.secret)
      #expect(rendered.masked == "run " + Secret.mask)
      #expect(rendered.text == "run hunter22")
    }
  }

  /// Text before and after a secret, and a `\${` escape after it: the clear text holds the
  /// value, the masked text holds `****` in its place, and both lose the escape's backslash.
  @Test(arguments: [true, false])
  func aSecretAmongTextIsMaskedInPlace(_ memoized: Bool) {
    let evaluator = Self.evaluator(memo: memoized ? TemplateMemo() : nil, lookups: Counter())
    let rules = DVCTemplateRules(inCommand: true, exact: false, settings: .standard)
    let lr = DVCValueReference(expression: "train.lr", pieces: [.init(path: [], parameter: "train.lr")])
    let token = DVCValueReference(expression: "token", pieces: [.init(path: [], parameter: "token")])
    let template = Template(
      parts: [.literal("lr="), .dvcValue(lr), .literal(" key="), .dvcValue(token), .literal(" then \\${x} é")],
      source: "lr=${train.lr} key=${token} then \\${x} é", dialect: .dvc(rules))
    guard case .success(let rendered) = evaluator.render(template, for: .commandLine) else {
      Issue.record("the template did not render")
      return
    }
    #expect(rendered.secret)
    #expect(rendered.text == "lr=0.001 key=hunter22 then ${x} é")
    #expect(rendered.masked == "lr=0.001 key=" + Secret.mask + " then ${x} é")
    #expect(rendered.parameters == ["train.lr", "token"])
  }

  /// One reference under two sets of rules: a dict is options in `cmd` and refused elsewhere.
  @Test func eachSetOfRulesHasItsOwnText() {
    let evaluator = Self.evaluator(memo: TemplateMemo(), lookups: Counter())
    let inCommand = Self.outcome(evaluator.render(Self.template("opts", inCommand: true), for: .commandLine))
    let inPath = Self.outcome(evaluator.render(Self.template("opts", inCommand: false), for: .text))
    #expect(inCommand.hasPrefix("run --fast --n 3"))
    #expect(inPath.hasPrefix("failed: failed to interpolate '${opts}'"))
  }
}
