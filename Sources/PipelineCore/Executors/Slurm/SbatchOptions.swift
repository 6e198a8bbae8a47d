/// The `sbatch` options for a step's `resources:` and timeout, each checked and bounded, and the
/// rules for free-form options (`resources: {sbatch: [...]}`).
package enum SbatchOptions {
  /// The most CPUs one step may ask for.
  package static let maximumCPUs = 100_000
  /// The longest time limit pipeshell asks for, in minutes (a year).
  package static let maximumMinutes = 525_600
  /// The longest name, partition, account or GPU request passed on.
  static let maximumWordLength = 200

  /// Options pipeshell sets itself or that would take a job out of its control, with what to
  /// write instead where there is something.
  static let reserved: [(name: String, instead: String?)] = [
    ("--export", "the step's 'env:'"), ("--export-file", "the step's 'env:'"), ("--get-user-env", nil),
    ("--wrap", "'run:'"), ("--output", nil), ("--error", nil), ("--input", nil), ("--chdir", "'cwd:'"),
    ("--parsable", nil), ("--wait", nil), ("--array", "'sweep'"), ("--job-name", nil), ("--requeue", "'retries:'"),
    ("--no-requeue", nil), ("--test-only", nil), ("--uid", nil), ("--gid", nil),
    ("--cpus-per-task", "resources 'cpus'"), ("--mem", "resources 'mem'"), ("--gpus", "resources 'gpus'"),
    ("--time", "resources 'time' or the step's 'timeout'"), ("--partition", "resources 'partition'"),
    ("--account", "resources 'account'"),
  ]

  /// The options for `resources`, a pipeshell `timeout` and `killGrace` (seconds): typed keys
  /// first, then the free-form ones, each checked.
  ///
  /// Slurm's `--time` is in whole minutes and its limit is enforced late (a limit of one minute
  /// killed a job at 86 s here), so pipeshell enforces `timeout` itself and asks Slurm for the
  /// timeout and the kill grace rounded up plus one minute, as a backstop for when pipeshell is
  /// gone. An explicit `resources: {time: ...}` is passed as it is, rounded up.
  package static func options(for resources: StepResources, timeout: Double?, killGrace: Double) throws(SlurmProblem)
    -> [String]
  {
    var options: [String] = []
    if let cpus = resources.cpus {
      guard (1...maximumCPUs).contains(cpus) else {
        throw .resource(key: "cpus", value: String(cpus), expected: "1 to \(maximumCPUs)")
      }
      options.append("--cpus-per-task=\(cpus)")
    }
    if let memory = resources.memory { options.append("--mem=" + (try checkedMemory(memory))) }
    if let gpus = resources.gpus {
      options.append("--gpus=" + (try checkedWord(gpus, key: "gpus", extra: ":", expected: "a count like 2 or a100:2")))
    }
    if let minutes = try timeLimit(resources.time, timeout: timeout, killGrace: killGrace) {
      options.append("--time=\(minutes)")
    }
    if let partition = resources.partition {
      options.append(
        "--partition=" + (try checkedWord(partition, key: "partition", extra: ",", expected: "partition names")))
    }
    if let account = resources.account {
      options.append("--account=" + (try checkedWord(account, key: "account", extra: "", expected: "an account name")))
    }
    for option in resources.sbatchOptions {
      if let problem = problem(withOption: option) { throw problem }
      options.append(option)
    }
    return options
  }

  /// The time limit in whole minutes, rounded up, or nil when nothing limits the step.
  static func timeLimit(_ time: Double?, timeout: Double?, killGrace: Double) throws(SlurmProblem) -> Int? {
    if let time {
      guard time > 0, time <= Double(maximumMinutes * 60) else {
        throw .resource(key: "time", value: String(time) + " s", expected: "more than 0 and at most 365 days")
      }
      return Int((time / 60).rounded(.up))
    }
    guard let timeout, timeout.isFinite, timeout >= 0 else { return nil }
    let minutes = ((timeout + max(0, killGrace)) / 60).rounded(.up) + 1
    return Int(min(minutes, Double(maximumMinutes)))
  }

  /// Why a free-form option is refused, or nil: it must be one `--name` or `--name=value` word
  /// (a separate value word could be taken by sbatch as the script to run), and its name must
  /// not be, or abbreviate, an option pipeshell sets (sbatch accepts unambiguous abbreviations).
  package static func problem(withOption option: String) -> SlurmProblem? {
    guard option.hasPrefix("--"), !option.contains(where: { $0.isNewline || $0 == "\0" }) else {
      return .malformedOption(option)
    }
    let name = String(option.prefix { $0 != "=" })
    guard name.count > 2, name.dropFirst(2).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
    else { return .malformedOption(option) }
    for entry in reserved where entry.name.hasPrefix(name) {
      let shown = entry.name == name ? name : "\(name) (short for \(entry.name))"
      return .reservedOption(shown, instead: entry.instead)
    }
    return nil
  }

  /// `500M`, `4G`: digits and an optional K, M, G or T, as `--mem` takes it.
  private static func checkedMemory(_ text: String) throws(SlurmProblem) -> String {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    let unit = text.dropFirst(digits.count)
    guard !digits.isEmpty, digits.count <= 12, ["", "K", "M", "G", "T"].contains(unit.uppercased()) else {
      throw .resource(key: "mem", value: text, expected: "memory like 500M or 4G")
    }
    return text
  }

  /// Letters, digits, `_`, `-`, `.` and the characters in `extra`, at most 200 of them.
  private static func checkedWord(_ text: String, key: String, extra: String, expected: String) throws(SlurmProblem)
    -> String
  {
    let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || "_-.".contains(c) || extra.contains(c))
    }
    guard !text.isEmpty, text.count <= maximumWordLength, text.allSatisfy(allowed) else {
      throw .resource(key: key, value: text, expected: expected)
    }
    return text
  }
}
