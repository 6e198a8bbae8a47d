import PipelineCore

/// `break [STEP [if EXPR]]`: lists breakpoints, or sets one before a step.
struct BreakCommand: ShellCommand {
  let name = "break"
  let aliases = ["b"]
  let group = CommandGroup.debugging
  let usage = "break [STEP [if EXPR]]"
  let abstract = "list breakpoints, or pause before a step (optionally only when EXPR holds)"
  let example = "break train if epochs > 10"
  let controller: RunController

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    argumentIndex == 0 ? .steps : (argumentIndex == 1 ? .words(["if"]) : .parameters)
  }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard let step = arguments.first else {
      if controller.breakpoints.isEmpty { context.output.line("no breakpoints") }
      for point in controller.breakpoints {
        // A condition may compare with a secret's value typed out: never shown back.
        context.output.line(
          KnownSecrets.masked("  " + point.step + (point.condition.map { " if " + $0.text } ?? ""), in: context.session)
        )
      }
      return
    }
    let pipeline = try context.session.requirePipeline()
    guard pipeline.step(step) != nil else { throw StepNames.unknown(step, in: pipeline) }
    var condition: Expression?
    if arguments.count > 1 {
      guard arguments[1] == "if", arguments.count > 2 else { throw .usage("usage: \(usage)") }
      do {
        condition = try ExpressionParser.parse(expressionText(context))
      } catch { throw .invalid(error.diagnostics) }
      let types = Dictionary(pipeline.parameters.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
      let problems = condition!.typeCheck(types, location: nil)
      if !problems.isEmpty { throw .invalid(problems) }
    }
    controller.breakpoints.removeAll { $0.step == step }
    controller.breakpoints.append(.init(step: step, condition: condition))
    context.output.line(
      KnownSecrets.masked("breakpoint before \(step)" + (condition.map { " if " + $0.text } ?? ""), in: context.session)
    )
  }
}

extension BreakCommand {
  /// The words after `if`, with quoted words quoted again (`label == 'b'`).
  @MainActor
  func expressionText(_ context: CommandContext) -> String {
    let words = context.session.commandWords
    guard let index = words.firstIndex(where: { $0.text == "if" && !$0.quoted }) else { return "" }
    return words[(index + 1)...].map { word in
      word.quoted ? "'" + word.text.replacingOccurrences("'", with: "\\'") + "'" : word.text
    }.joined(separator: " ")
  }
}

/// `delete STEP`: removes a breakpoint.
struct DeleteCommand: ShellCommand {
  let name = "delete"
  let group = CommandGroup.debugging
  let usage = "delete STEP | delete --all | delete run ID..."
  let abstract = "remove a breakpoint (delete run ID...: delete runs; gc frees what they used)"
  let example = "delete train"
  let controller: RunController

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .steps : .none }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    // `delete run 3 4`: runs; `delete run` alone is the breakpoint before a step named run.
    if arguments.count >= 2, arguments[0] == "run" {
      try RunDeletion(controller: controller, context: context).delete(Array(arguments.dropFirst()))
      return
    }
    guard arguments.count == 1 else { throw .usage("usage: \(usage)") }
    if arguments[0] == "--all" {
      controller.breakpoints.removeAll()
      return
    }
    guard controller.breakpoints.contains(where: { $0.step == arguments[0] }) else {
      var notes: [String] = []
      if let match = Suggestion.closest(to: arguments[0], in: controller.breakpoints.map(\.step)) {
        notes.append("did you mean '\(match)'?")
      }
      throw .rejected("no breakpoint before '\(arguments[0])'", notes: notes)
    }
    controller.breakpoints.removeAll { $0.step == arguments[0] }
  }
}

/// Step-name errors shared by commands.
enum StepNames {
  static func unknown(_ name: String, in pipeline: Pipeline) -> CommandError {
    var notes: [String] = []
    if let match = Suggestion.closest(to: name, in: pipeline.steps.map(\.name)) {
      notes.append("did you mean '\(match)'?")
    }
    notes.append("steps: " + pipeline.steps.map(\.name).joined(separator: ", "))
    return .rejected("unknown step '\(name)'", notes: notes)
  }
}

/// `status`: the paused run's steps and their states; done steps that used a parameter
/// changed since are marked stale.
struct StatusCommand: ShellCommand {
  let name = "status"
  let group = CommandGroup.debugging
  let usage = "status [--json]"
  let abstract = "the current run: each step and its state (stale when a value it used changed)"
  let example = "status"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [.json], usage: usage)
    guard flags.rest.isEmpty else { throw .usage("usage: \(usage)") }
    guard let active = controller.active, let input = try controller.projectedInput(context) else {
      if flags.has(.json) {
        context.printJSON(.object([("run", .null)]))
      } else {
        context.output.line("no run in progress")
      }
      return
    }
    let execution = active.run.execution
    let snapshot = active.run.snapshot(for: input)
    let results = execution.results
    let used = execution.valuesUsed
    let next = execution.nextStep()?.name
    var table = TextTable(columns: [.init(""), .init("STEP"), .init("STATE"), .init("DETAIL")])
    var json: [JSONValue] = []
    for planned in execution.plan.steps {
      let marker = planned.name == next ? "▶" : " "
      guard let result = results[planned.name] else {
        table.append([marker, planned.name, "pending", ""])
        json.append(
          .object([
            ("name", .string(planned.name)), ("state", .string("pending")), ("reason", .null), ("stale", .array([])),
          ]))
        continue
      }
      var detail = result.reason ?? ""
      let done = result.state == .ok || result.state == .reused
      let changed =
        done ? (used[planned.name] ?? [:]).filter { name, value in snapshot.value(name) != value }.keys.sorted() : []
      if !changed.isEmpty { detail = "stale: " + changed.map { "\($0) changed" }.joined(separator: ", ") }
      table.append([marker, planned.name, StepLine.state(result.state, style: context.style), detail])
      json.append(
        .object([
          ("name", .string(planned.name)), ("state", .string(result.state.rawValue)),
          ("reason", .optional(result.reason)),
          ("stale", .array(changed.map(JSONValue.string))),
        ]))
    }
    if flags.has(.json) {
      context.printJSON(
        .object([("run", .int(execution.runID)), ("pausedBefore", .optional(next)), ("steps", .array(json))]))
      return
    }
    context.output.line("run \(execution.runID)" + (next.map { ", paused before \($0)" } ?? ""))
    context.output.lines(table.render())
  }
}
