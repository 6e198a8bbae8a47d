import PipelineCore

/// `tag RUN NAME...` / `tag RUN --remove NAME...`: labels runs (`runs --tag NAME` finds them).
struct TagCommand: ShellCommand {
  let name = "tag"
  let group = CommandGroup.history
  let usage = "tag RUN NAME... [--remove]"
  let abstract = "add tags to a run (or remove them); runs --tag finds them"
  let example = "tag 7 baseline"
  let controller: RunController
  static let remove = Flag("--remove")
  var flagNames: [String] { [Self.remove.name] }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [Self.remove], usage: usage)
    guard flags.rest.count >= 2 else { throw .usage("usage: \(usage)") }
    let run = try RunLookup(controller: controller, context: context).run(flags.rest[0].text)
    var tags: [String] = []
    for word in flags.rest.dropFirst() { tags.append(try TagName.check(word.text)) }
    let store = try controller.store(for: context)
    do {
      for tag in tags {
        if flags.has(Self.remove) {
          if try !store.removeTag(tag, fromRun: run.id) { context.output.line("run \(run.id) has no tag '\(tag)'") }
        } else {
          try store.addTag(tag, toRun: run.id)
        }
      }
      let now = try store.run(id: run.id)?.tags ?? []
      context.output.line("run \(run.id): " + (now.isEmpty ? "no tags" : "tags " + now.joined(separator: ", ")))
    } catch {
      throw .failed("cannot record the tags: \(error)")
    }
  }
}

/// `note RUN TEXT` / `note RUN --clear`: a run's note, shown by `runs`, `show run` and `--json`.
/// A value the session holds as a secret is masked in it.
struct NoteCommand: ShellCommand {
  let name = "note"
  let group = CommandGroup.history
  let usage = "note RUN TEXT... | note RUN --clear"
  let abstract = "write a note on a run (shown by runs and show run)"
  let example = "note 7 baseline before the new loss"
  let controller: RunController
  static let clear = Flag("--clear")
  var flagNames: [String] { [Self.clear.name] }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [Self.clear], usage: usage)
    guard let first = flags.rest.first, flags.has(Self.clear) ? flags.rest.count == 1 : flags.rest.count >= 2 else {
      throw .usage("usage: \(usage)")
    }
    let run = try RunLookup(controller: controller, context: context).run(first.text)
    var note: String?
    if !flags.has(Self.clear) {
      let text = flags.rest.dropFirst().map(\.text).joined(separator: " ")
      guard text.count <= RunStore.maximumNoteLength else {
        throw .usage("a note is at most \(RunStore.maximumNoteLength) characters; this one has \(text.count)")
      }
      note = KnownSecrets.masked(text, in: context.session)
    }
    do { try controller.store(for: context).setNote(note, ofRun: run.id) } catch {
      throw .failed("cannot record the note: \(error)")
    }
    context.output.line(note.map { "run \(run.id): \($0)" } ?? "run \(run.id): note removed")
  }
}

/// `delete run ID...`: marks runs deleted (`3`, `5-9`, `last`): they leave `runs`, `compare`
/// and `plot`, and no later run reuses their steps; `gc` then frees their logs and cache
/// entries. A running run is refused.
@MainActor
struct RunDeletion {
  let controller: RunController
  let context: CommandContext
  /// The most runs one command deletes.
  static let maximumCount = 100_000

  func delete(_ words: [String]) throws(CommandError) {
    let lookup = RunLookup(controller: controller, context: context)
    var ids: [Int] = []
    for word in words {
      if let dash = word.firstIndex(of: "-"), dash != word.startIndex, let low = Int(word[..<dash]),
        let high = Int(word[word.index(after: dash)...])
      {
        guard low <= high, high - low < Self.maximumCount else {
          throw .usage("expected a range of runs such as 3-7, found '\(word)'")
        }
        ids += Array(low...high)
      } else {
        ids.append(try lookup.run(word).id)
      }
      guard ids.count <= Self.maximumCount else { throw .usage("at most \(Self.maximumCount) runs at once") }
    }
    let store = try controller.store(for: context)
    let runs: [RunRecord]
    do { runs = try store.runs(ids: ids.uniqued) } catch { throw .failed("cannot read runs: \(error)") }
    let missing = Set(ids).subtracting(runs.map(\.id))
    if !missing.isEmpty { throw .rejected("no run \(missing.sorted().map(String.init).joined(separator: ", "))") }
    let running = runs.filter { $0.status == .running || $0.id == controller.active?.run.runID }
    if !running.isEmpty {
      throw .rejected(
        "run \(running.map { String($0.id) }.joined(separator: ", ")) is running; end it first (abort, or Ctrl-C)")
    }
    let marked: [Int]
    do { marked = try store.markDeleted(runs.map(\.id), at: context.services.clock.now()) } catch {
      throw .failed("cannot delete runs: \(error)")
    }
    let text = marked.map(String.init).joined(separator: ", ")
    context.output.line(
      marked.isEmpty
        ? "already deleted"
        : "deleted run\(marked.count == 1 ? "" : "s") \(text) ('gc' frees their logs and cache entries)")
  }
}

/// `gc [--dry]`: removes deleted runs' records and logs, cache entries no kept run needs, and
/// isolated copies kept after their run; prints what it freed (`--dry`: would free).
struct GCCommand: ShellCommand {
  let name = "gc"
  let group = CommandGroup.history
  let usage = "gc [--dry]"
  let abstract = "free deleted runs' logs, cache entries no kept run needs, and kept isolated copies"
  let example = "gc --dry"
  let controller: RunController
  static let dry = Flag("--dry")
  var flagNames: [String] { [Self.dry.name] }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [Self.dry], usage: usage)
    guard flags.rest.isEmpty else { throw .usage("usage: \(usage)") }
    if let active = controller.active {
      throw .rejected("run \(active.run.runID) is paused; end it first (continue or abort)")
    }
    let store = try controller.store(for: context)
    let dry = flags.has(Self.dry)
    let outcome: Result<RunStore.GarbageReport, RunStore.GarbageRefusal>
    do { outcome = try store.collectGarbage(dry: dry) } catch { throw .failed("gc: \(error)") }
    let report: RunStore.GarbageReport
    switch outcome {
    case .success(let done): report = done
    case .failure(.running(let ids)):
      throw .failed("run \(ids.map(String.init).joined(separator: ", ")) is running; gc when it has ended")
    }
    context.output.lines(GCReportText.lines(report, dry: dry))
  }
}

/// What `gc` says.
enum GCReportText {
  static func lines(_ r: RunStore.GarbageReport, dry: Bool) -> [String] {
    let verb = dry ? "would remove" : "removed"
    var lines: [String] = []
    if !r.deletedRuns.isEmpty {
      lines.append(
        "\(verb) \(r.deletedRuns.count) deleted run\(r.deletedRuns.count == 1 ? "" : "s") (\(ids(r.deletedRuns))): records and logs"
      )
    }
    if r.strayLogs > 0 {
      lines.append("\(verb) logs of \(r.strayLogs) run\(r.strayLogs == 1 ? "" : "s") the store no longer has")
    }
    if r.logBytes > 0 { lines.append("  logs: \(ByteCount.text(r.logBytes))") }
    if r.cacheEntries > 0 {
      lines.append(
        "\(verb) \(r.cacheEntries) cache entr\(r.cacheEntries == 1 ? "y" : "ies") no kept run needs: \(ByteCount.text(r.cacheBytes))"
      )
    }
    if !r.workspaces.isEmpty {
      lines.append(
        "\(verb) \(r.workspaces.count) kept isolated cop\(r.workspaces.count == 1 ? "y" : "ies") (run\(r.workspaces.count == 1 ? "" : "s") \(ids(r.workspaces))): \(ByteCount.text(r.workspaceBytes))"
      )
    }
    if lines.isEmpty { return ["nothing to free"] }
    return lines + [
      "\(dry ? "would free" : "freed") \(ByteCount.text(r.totalBytes))" + (dry ? " (dry run: nothing removed)" : "")
    ]
  }

  private static func ids(_ ids: [Int]) -> String {
    ids.count <= 10
      ? ids.map(String.init).joined(separator: ", ") : ids.prefix(10).map(String.init).joined(separator: ", ") + ", ..."
  }
}
