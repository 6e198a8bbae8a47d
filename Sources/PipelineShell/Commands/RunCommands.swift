import Glibc
import PipelineCore

/// The options `run`, `debug`, `rerun` and `sweep` share: `--jobs N`, `--no-cache`,
/// `--executor NAME`, `--wait`, `--isolated`, `--log-limit SIZE`, `--keep-going`.
@MainActor
struct RunFlags {
  nonisolated static let flags: [Flag] = [.jobs, .noCache, .executor, .wait, .isolated, .logLimit, .keepGoing]
  /// The most steps that may run at once.
  static let maximumJobs = 1024
  /// The largest `--log-limit` (1 TiB).
  static let maximumLogLimit = 1 << 40

  var jobs: Int
  var useCache: Bool
  var executor: String?
  var wait: Bool
  var isolated: Bool
  /// Run on after a failed step where a DVC project stops (`dvc repro -k`).
  var keepGoing: Bool
  /// Bytes each step's log keeps; nil for no limit.
  var logLimit: Int? = RunRequest.defaultLogLimit
  var rest: [Lexer.Word]

  init(_ parsed: ParsedFlags, defaultJobs: Int) {
    jobs = defaultJobs
    useCache = !parsed.has(.noCache)
    executor = parsed.value(.executor)
    wait = parsed.has(.wait)
    isolated = parsed.has(.isolated)
    keepGoing = parsed.has(.keepGoing)
    rest = parsed.rest
  }

  /// Reads `--jobs` from `parsed` (bounded).
  mutating func readJobs(_ parsed: ParsedFlags) throws(CommandError) {
    if let n = try parsed.number(.jobs, in: 1...Self.maximumJobs) { jobs = n }
  }

  /// Reads `--log-limit SIZE` (`10M`, `512k`, `none`).
  mutating func readLogLimit(_ parsed: ParsedFlags) throws(CommandError) {
    guard let text = parsed.value(.logLimit) else { return }
    if text == "none" || text == "0" {
      logLimit = nil
      return
    }
    guard let bytes = ByteCount.parse(text, maximum: Self.maximumLogLimit), bytes > 0 else {
      throw .usage(
        "--log-limit needs a size such as 10M, 512k or 1G (at most 1T), or 'none', found '\(text)'")
    }
    logLimit = bytes
  }

  func checkExecutor() throws(CommandError) {
    guard let executor, !ExecutorName.known.contains(executor) else { return }
    var notes: [String] = []
    if let match = Suggestion.closest(to: executor, in: ExecutorName.known) { notes.append("did you mean '\(match)'?") }
    throw .usage(
      "unknown executor '\(executor)'; expected one of \(ExecutorName.known.joined(separator: ", "))", notes: notes)
  }

  /// The number of cores, the default for `--jobs`.
  static var cores: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

  /// A request for the session's bindings plus `overrides`, with these options.
  func request(_ overrides: [Binding], command: String, context: CommandContext) throws(CommandError) -> RunRequest {
    var request = RunRequest(
      input: try context.session.resolutionInput(runOverrides: overrides), command: command, jobs: jobs)
    apply(to: &request)
    return request
  }

  /// Sets the options that are not bindings on `request`.
  func apply(to request: inout RunRequest) {
    request.useCache = useCache
    request.executor = executor
    request.waitForWorkspace = wait
    request.isolated = isolated
    request.logLimit = logLimit
    request.keepGoing = keepGoing
  }
}

extension RunFlags {
  /// Parses the shared flags and `--jobs`, in one go.
  static func parse(
    _ words: [Lexer.Word], defaultJobs: Int, extra: [Flag] = [], usage: String
  ) throws(CommandError) -> (RunFlags, ParsedFlags) {
    let parsed = try ParsedFlags(words, flags: flags + extra, usage: usage)
    var run = RunFlags(parsed, defaultJobs: defaultJobs)
    try run.readJobs(parsed)
    try run.readLogLimit(parsed)
    try run.checkExecutor()
    return (run, parsed)
  }
}

/// `run [N=V ...] [--jobs N] [--no-cache] [--executor E] [--wait]`: runs the whole pipeline.
struct RunCommand: ShellCommand {
  let name = "run"
  let group = CommandGroup.running
  let usage =
    "run [N=V ...] [--jobs N] [--no-cache] [--isolated] [--executor local|slurm] [--wait] [--log-limit SIZE] [--keep-going]"
  let abstract = "run the pipeline (steps whose fingerprint matches an earlier success are reused)"
  let example = "run epochs=5 --jobs 2"
  let controller: RunController
  var flagNames: [String] { RunFlags.flags.map(\.name) }

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .overrides }

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .current }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let (flags, _) = try RunFlags.parse(invocation.words, defaultJobs: RunFlags.cores, usage: usage)
    let (overrides, rest) = try BindingParser(context: context).overrides(flags.rest, layer: .run)
    guard rest.isEmpty else { throw .usage("unexpected '\(rest[0])'", notes: ["usage: \(usage)"]) }
    let request = try flags.request(overrides, command: context.session.commandText, context: context)
    try controller.begin(.init(request: request), context: context)
  }
}

/// `debug [N=V ...]`: starts a run paused before its first step.
struct DebugCommand: ShellCommand {
  let name = "debug"
  let group = CommandGroup.debugging
  let usage =
    "debug [N=V ...] [--no-cache] [--isolated] [--executor local|slurm] [--wait] [--log-limit SIZE] [--keep-going]"
  let abstract = "start a run paused before its first step (then step, continue, skip, abort)"
  let example = "debug lr=0.1"
  let controller: RunController
  var flagNames: [String] { RunFlags.flags.filter { $0 != .jobs }.map(\.name) }

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .overrides }

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .current }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let (flags, _) = try RunFlags.parse(invocation.words, defaultJobs: 1, usage: usage)
    let (overrides, rest) = try BindingParser(context: context).overrides(flags.rest, layer: .run)
    guard rest.isEmpty else { throw .usage("unexpected '\(rest[0])'", notes: ["usage: \(usage)"]) }
    var request = try flags.request(overrides, command: context.session.commandText, context: context)
    request.jobs = 1
    try controller.begin(.init(request: request, debug: true), context: context)
  }
}

/// `step` (`s`): runs the next step of the paused run.
struct StepCommand: ShellCommand {
  let name = "step"
  let aliases = ["s"]
  let group = CommandGroup.debugging
  let usage = "step"
  let abstract = "run the next step of the paused run, then pause again"
  let example = "step"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    guard invocation.words.isEmpty else { throw .usage("usage: \(usage)") }
    controller.lastDebuggerCommand = "step"
    try controller.stepOnce(context: context)
  }
}

/// `continue` (`c`): runs to the next breakpoint or the end.
struct ContinueCommand: ShellCommand {
  let name = "continue"
  let aliases = ["c"]
  let group = CommandGroup.debugging
  let usage = "continue"
  let abstract = "run the paused run to the next breakpoint or the end"
  let example = "continue"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    guard invocation.words.isEmpty else { throw .usage("usage: \(usage)") }
    controller.lastDebuggerCommand = "continue"
    try controller.proceed(context: context, ignoringFirstStop: true)
  }
}

/// `skip`: skips the next step of the paused run.
struct SkipCommand: ShellCommand {
  let name = "skip"
  let group = CommandGroup.debugging
  let usage = "skip"
  let abstract = "skip the next step of the paused run"
  let example = "skip"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    guard invocation.words.isEmpty else { throw .usage("usage: \(usage)") }
    try controller.skipNext(context: context)
  }
}

/// `abort`: ends the paused run.
struct AbortCommand: ShellCommand {
  let name = "abort"
  let group = CommandGroup.debugging
  let usage = "abort"
  let abstract = "end the paused run; steps not run stay pending"
  let example = "abort"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    guard let active = controller.active else { throw .usage("no run is paused") }
    active.run.abort()
    controller.clear()
  }
}
