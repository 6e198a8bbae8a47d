import Glibc
import PipelineCore

/// The options `run`, `debug`, `rerun` and `sweep` share: `--jobs N`, `--no-cache`,
/// `--executor NAME`, `--wait`.
@MainActor
struct RunFlags {
  static let flags: [Flag] = [.jobs, .noCache, .executor, .wait]
  /// The most steps that may run at once.
  static let maximumJobs = 1024

  var jobs: Int
  var useCache: Bool
  var executor: String?
  var wait: Bool
  var rest: [Lexer.Word]

  init(_ parsed: ParsedFlags, defaultJobs: Int) {
    jobs = defaultJobs
    useCache = !parsed.has(.noCache)
    executor = parsed.value(.executor)
    wait = parsed.has(.wait)
    rest = parsed.rest
  }

  /// Reads `--jobs` from `parsed` (bounded).
  mutating func readJobs(_ parsed: ParsedFlags) throws(CommandError) {
    if let n = try parsed.number(.jobs, in: 1...Self.maximumJobs) { jobs = n }
  }

  func checkExecutor() throws(CommandError) {
    guard let executor, !ExecutorName.known.contains(executor) else { return }
    var notes: [String] = []
    if let match = Suggestion.closest(to: executor, in: ExecutorName.known) { notes.append("did you mean '\(match)'?") }
    throw .usage("unknown executor '\(executor)'; expected one of \(ExecutorName.known.joined(separator: ", "))", notes: notes)
  }

  /// The number of cores, the default for `--jobs`.
  static var cores: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

  /// A request for the session's bindings plus `overrides`, with these options.
  func request(_ overrides: [Binding], command: String, context: CommandContext) throws(CommandError) -> RunRequest {
    var request = RunRequest(input: try context.session.resolutionInput(runOverrides: overrides), command: command, jobs: jobs)
    request.useCache = useCache
    request.executor = executor
    request.waitForWorkspace = wait
    return request
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
    try run.checkExecutor()
    return (run, parsed)
  }
}

/// `run [N=V ...] [--jobs N] [--no-cache] [--executor E] [--wait]`: runs the whole pipeline.
struct RunCommand: ShellCommand {
  let name = "run"
  let group = CommandGroup.running
  let usage = "run [N=V ...] [--jobs N] [--no-cache] [--executor local|slurm] [--wait]"
  let abstract = "run the pipeline (steps whose fingerprint matches an earlier success are reused)"
  let example = "run epochs=5 --jobs 2"
  let controller: RunController

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
  let usage = "debug [N=V ...] [--no-cache] [--executor local|slurm] [--wait]"
  let abstract = "start a run paused before its first step (then step, continue, skip, abort)"
  let example = "debug lr=0.1"
  let controller: RunController

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
