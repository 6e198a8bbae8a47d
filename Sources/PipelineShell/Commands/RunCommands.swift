import PipelineCore

/// Reads `--jobs N` and `--no-cache` from a run command's words.
struct RunFlags {
  var jobs: Int
  var useCache = true
  var rest: [String] = []

  init(_ words: [String], defaultJobs: Int) throws(CommandError) {
    jobs = defaultJobs
    var iterator = words.makeIterator()
    while let word = iterator.next() {
      switch word {
      case "--jobs", "-j":
        guard let text = iterator.next(), let n = Int(text), n >= 1 else { throw .usage("--jobs needs a number of 1 or more") }
        jobs = n
      case "--no-cache": useCache = false
      default:
        if word.hasPrefix("--jobs="), let n = Int(word.dropFirst(7)), n >= 1 { jobs = n } else { rest.append(word) }
      }
    }
  }

  /// The number of cores, the default for `--jobs`.
  static var cores: Int { max(1, Int(sysconfCores())) }
}

import Glibc
private func sysconfCores() -> Int { sysconf(Int32(_SC_NPROCESSORS_ONLN)) }

/// `run [N=V ...] [--jobs N] [--no-cache]`: runs the whole pipeline.
struct RunCommand: ShellCommand {
  let name = "run"
  let group = CommandGroup.running
  let usage = "run [N=V ...] [--jobs N] [--no-cache]"
  let abstract = "run the pipeline (steps whose fingerprint matches an earlier success are reused)"
  let example = "run epochs=5 --jobs 2"
  let controller: RunController

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .overrides }

  func execute(_ arguments: [String], in context: CommandContext) throws(CommandError) {
    let flags = try RunFlags(arguments, defaultJobs: RunFlags.cores)
    let (overrides, rest) = try BindingParser(context: context).overrides(flags.rest, layer: .run)
    guard rest.isEmpty else { throw .usage("unexpected '\(rest[0])'", notes: ["usage: \(usage)"]) }
    try controller.begin(.init(overrides: overrides, jobs: flags.jobs, useCache: flags.useCache, command: context.session.commandText), context: context)
  }
}

/// `debug [N=V ...]`: starts a run paused before its first step.
struct DebugCommand: ShellCommand {
  let name = "debug"
  let group = CommandGroup.debugging
  let usage = "debug [N=V ...] [--no-cache]"
  let abstract = "start a run paused before its first step (then step, continue, skip, abort)"
  let example = "debug lr=0.1"
  let controller: RunController

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .overrides }

  func execute(_ arguments: [String], in context: CommandContext) throws(CommandError) {
    let flags = try RunFlags(arguments, defaultJobs: 1)
    let (overrides, rest) = try BindingParser(context: context).overrides(flags.rest, layer: .run)
    guard rest.isEmpty else { throw .usage("unexpected '\(rest[0])'", notes: ["usage: \(usage)"]) }
    try controller.begin(
      .init(overrides: overrides, jobs: 1, debug: true, useCache: flags.useCache, command: context.session.commandText),
      context: context)
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

  func execute(_ arguments: [String], in context: CommandContext) throws(CommandError) {
    guard arguments.isEmpty else { throw .usage("usage: \(usage)") }
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

  func execute(_ arguments: [String], in context: CommandContext) throws(CommandError) {
    guard arguments.isEmpty else { throw .usage("usage: \(usage)") }
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

  func execute(_ arguments: [String], in context: CommandContext) throws(CommandError) {
    guard arguments.isEmpty else { throw .usage("usage: \(usage)") }
    guard let run = controller.active, let next = run.execution.nextStep() else {
      throw .usage("no run is paused", notes: ["start one with 'debug'"])
    }
    run.execution.skip(next.name)
    if let after = run.execution.nextStep() {
      context.output.line("paused before \(after.name)")
    } else {
      let summary = run.execution.finishIfDone()
      controller.clear()
      if summary.status != .ok { throw .failed("") }
    }
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

  func execute(_ arguments: [String], in context: CommandContext) throws(CommandError) {
    guard let run = controller.active else { throw .usage("no run is paused") }
    run.execution.abort()
    controller.clear()
  }
}
