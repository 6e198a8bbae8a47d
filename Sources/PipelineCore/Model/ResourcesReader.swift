/// Reads a step's `resources:` (what a cluster executor asks for): `cpus`, `mem`, `gpus`,
/// `time`, `partition`, `account` and free-form `sbatch` options, each checked and bounded.
enum ResourcesReader {
  static let keys = ["cpus", "mem", "gpus", "time", "partition", "account", "sbatch"]
  static let maximumCPUs = 100_000

  static func read(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> StepResources {
    var resources = StepResources()
    guard let map = MappingReader(node, allowed: keys, context: "'resources'", diagnostics: &diagnostics) else {
      return resources
    }
    if let cpus = map.int("cpus", &diagnostics) {
      if (1...maximumCPUs).contains(cpus) {
        resources.cpus = cpus
      } else {
        diagnostics.append(Diagnostic("'cpus' must be 1 to \(maximumCPUs), found \(cpus)", at: map["cpus"]?.location))
      }
    }
    resources.memory = map.string("mem", &diagnostics).flatMap {
      checkedMemory($0, at: map["mem"]?.location, &diagnostics)
    }
    resources.gpus = map.string("gpus", &diagnostics).flatMap {
      checkedWord($0, key: "gpus", at: map["gpus"]?.location, &diagnostics)
    }
    if let text = map.string("time", &diagnostics) {
      resources.time = Duration.seconds(in: text)
      if resources.time == nil {
        diagnostics.append(
          Diagnostic("expected a duration for 'time' like 30m or 2h, found '\(text)'", at: map["time"]?.location))
      }
    }
    resources.partition = map.string("partition", &diagnostics).flatMap {
      checkedWord($0, key: "partition", at: map["partition"]?.location, &diagnostics)
    }
    resources.account = map.string("account", &diagnostics).flatMap {
      checkedWord($0, key: "account", at: map["account"]?.location, &diagnostics)
    }
    for (option, location) in map.scalarList("sbatch", &diagnostics) {
      if let problem = problem(withOption: option) {
        diagnostics.append(Diagnostic(problem, at: location))
      } else {
        resources.sbatchOptions.append(option)
      }
    }
    return resources
  }

  /// Why an `sbatch` option is refused, or nil (the Slurm executor's one rule).
  static func problem(withOption option: String) -> String? {
    SbatchOptions.problem(withOption: option)?.description
  }

  private static func checkedMemory(_ text: String, at location: SourceLocation?, _ diagnostics: inout [Diagnostic])
    -> String?
  {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    let unit = text.dropFirst(digits.count)
    guard !digits.isEmpty, digits.count <= 12, ["", "K", "M", "G", "T"].contains(unit.uppercased()) else {
      diagnostics.append(Diagnostic("expected memory like 500M or 4G for 'mem', found '\(text)'", at: location))
      return nil
    }
    return text
  }

  private static func checkedWord(
    _ text: String, key: String, at location: SourceLocation?, _ diagnostics: inout [Diagnostic]
  ) -> String? {
    guard !text.isEmpty, text.count <= 200, text.allSatisfy({ $0.isLetter || $0.isNumber || "_-:.,".contains($0) })
    else {
      diagnostics.append(Diagnostic("'\(key)' holds characters sbatch does not take: '\(text)'", at: location))
      return nil
    }
    return text
  }
}

/// The executors a step may name.
package enum ExecutorName {
  package static let known = ["local", "slurm"]

  /// The name when it is known; a diagnostic with a suggestion otherwise.
  static func checked(_ name: String, at location: SourceLocation?, _ diagnostics: inout [Diagnostic]) -> String? {
    guard known.contains(name) else {
      diagnostics.append(
        Diagnostic("unknown executor '\(name)'; expected one of \(known.joined(separator: ", "))", at: location)
          .suggesting(name, from: known))
      return nil
    }
    return name
  }
}
