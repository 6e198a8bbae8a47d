import PipelineCore

/// `checkout RUN [--force] [--dry]`: brings a run's kept outputs into the pipeline's folder
/// byte for byte (like `dvc exp apply`). A file changed since (its content no run recorded)
/// is not overwritten without `--force`. Refused while a run works in the folder.
struct CheckoutCommand: ShellCommand {
  let name = "checkout"
  let group = CommandGroup.history
  let usage = "checkout RUN [--force] [--dry]"
  let abstract = "bring a run's kept outputs into the pipeline's folder, byte for byte"
  let example = "checkout 7"
  let controller: RunController
  static let force = Flag("--force")
  static let dry = Flag("--dry")
  var flagNames: [String] { [Self.force, Self.dry].map(\.name) }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [Self.force, Self.dry], usage: usage)
    guard flags.rest.count == 1 else { throw .usage("usage: \(usage)") }
    if let active = controller.active {
      throw .rejected("run \(active.run.runID) is paused; end it first (continue or abort)")
    }
    let pipeline = try context.session.requirePipeline()
    let run = try RunLookup(controller: controller, context: context).run(flags.rest[0].text)
    let store = try controller.store(for: context)
    let checkout: Checkout
    do { checkout = try Checkout(run: run, into: pipeline.folder, store: store) } catch {
      throw .failed("cannot read run \(run.id): \(error)")
    }
    guard !checkout.entries.isEmpty else {
      context.output.line("run \(run.id) kept no outputs (only declared outputs of steps that ran are kept)")
      return
    }
    let changed = checkout.changedSince
    if !changed.isEmpty, !flags.has(Self.force) {
      throw .failed(
        "checkout would overwrite \(changed.map { "'\($0.path)'" }.joined(separator: ", ")), changed since (no run recorded"
          + " that content); add --force to overwrite")
    }
    let lines = checkout.entries.map { entry in
      "  \(entry.path)  " + Self.describe(entry.action, forced: flags.has(Self.force))
    }
    if flags.has(Self.dry) {
      context.output.line("checkout run \(run.id) (dry run: nothing written):")
      context.output.lines(lines)
      return
    }
    let lock: WorkspaceLock
    do { lock = try WorkspaceLock.acquire(inFolder: store.folder, wait: false) } catch {
      throw RunController.commandError(error, waited: false)
    }
    defer { lock.release() }
    let written: [Checkout.Entry]
    do { written = try checkout.apply(force: flags.has(Self.force)) } catch { throw .failed("checkout: \(error)") }
    context.output.line(
      "checkout run \(run.id): \(written.count) of \(checkout.entries.count) output\(checkout.entries.count == 1 ? "" : "s") written"
    )
    context.output.lines(lines)
    let unavailable = checkout.entries.filter { if case .unavailable = $0.action { return true } else { return false } }
    if !unavailable.isEmpty {
      throw .failed(
        "\(unavailable.count) output\(unavailable.count == 1 ? "" : "s") of run \(run.id) could not be brought back")
    }
  }

  static func describe(_ action: Checkout.Entry.Action, forced: Bool) -> String {
    switch action {
    case .unchanged: return "unchanged"
    case .restore: return "restored"
    case .changedSince: return forced ? "overwritten (--force)" : "changed since"
    case .unavailable(let why): return "not available: \(why)"
    }
  }
}
