import PipelineCore

/// `runs [N] [--status S] [--tag T] [--sweep ID] [--sort [-]KEY] [--deleted] [where EXPR]
/// [--json]`: recent runs with what changed against the run before (in the list), their tags,
/// notes and metrics; filtered by status, tag, sweep, and a condition over parameters and
/// metrics (`where lr > 0.01 and loss < 0.2`, the `when:` language); sorted by a metric or
/// parameter (`-KEY`: descending) instead of newest first.
struct RunsCommand: ShellCommand {
  let name = "runs"
  let group = CommandGroup.history
  let usage = "runs [N] [--status S,..] [--tag T,..] [--sweep ID] [--sort [-]KEY] [--deleted] [where EXPR] [--json]"
  let abstract = "recent runs: id, when, status, what changed, tags, metrics; filtered and sorted"
  let example = "runs 20 --status ok --sort loss where lr > 0.01"
  let controller: RunController
  /// The most runs one listing shows (and a sorted or `where` listing reads).
  static let maximumCount = 100_000
  static let status = Flag("--status", value: "S,..")
  static let tag = Flag("--tag", value: "T,..")
  static let sweep = Flag("--sweep", value: "ID")
  static let sort = Flag("--sort", value: "[-]KEY")
  static let deleted = Flag("--deleted")
  var flagNames: [String] { [Flag.json, Self.status, Self.tag, Self.sweep, Self.sort, Self.deleted].map(\.name) }

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    switch previous.last {
    case "--status": return .words(RunStatus.allCases.map(\.rawValue))
    case "--sort", "where": return .parameters
    default: return .words(["where"])
    }
  }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let (words, condition) = RunQueryWords.split(invocation.words)
    let flags = try ParsedFlags(
      words, flags: [.json, Self.status, Self.tag, Self.sweep, Self.sort, Self.deleted], usage: usage)
    guard flags.rest.count <= 1 else { throw .usage("unexpected '\(flags.rest[1].text)'", notes: ["usage: \(usage)"]) }
    let limit =
      try flags.rest.first.map { (word: Lexer.Word) throws(CommandError) -> Int in
        guard let n = Int(word.text), (1...Self.maximumCount).contains(n) else {
          throw .usage(
            "expected a number of runs from 1 to \(Self.maximumCount), found '\(word.text)'", notes: ["usage: \(usage)"]
          )
        }
        return n
      } ?? 10
    let store = try controller.store(for: context)
    var filter = RunStore.RunFilter(includeDeleted: flags.has(Self.deleted))
    filter.statuses = try RunQueryWords.statuses(flags.value(Self.status))
    filter.tags = try flags.value(Self.tag).map(RunQueryWords.tags) ?? []
    filter.sweepID = try flags.value(Self.sweep).map { (text) throws(CommandError) in
      try SweepLookup.id(text, store: store, context: context)
    }
    let query = try condition.map { (text) throws(CommandError) in
      try RunQueryWords.condition(text, store: store, context: context)
    }
    let order = flags.value(Self.sort).map(RunOrder.init)
    let runs = try RunQueryWords.runs(filter, where: query, order: order, limit: limit + 1, store: store)
    let shown = Array(runs.prefix(limit))
    // What changed since the run before each one, whatever the filter or order shows next.
    var changes: [[RunComparison.ParameterChange]?] = []
    for (index, run) in shown.enumerated() {
      var before: RunRecord?
      if index + 1 < runs.count, let next = Optional(runs[index + 1]), next.id == run.id - 1 {
        before = next
      } else {
        do { before = try store.run(before: run.id) } catch { throw .failed("cannot read runs: \(error)") }
      }
      changes.append(before.map { RunComparison.parameterChanges(from: $0, to: run) })
    }
    if flags.has(.json) {
      context.printJSON(.array(zip(shown, changes).map { run, changed in RecordJSON.summary(run, changed: changed) }))
      return
    }
    guard !runs.isEmpty else {
      let filtered = !filter.statuses.isEmpty || !filter.tags.isEmpty || filter.sweepID != nil || query != nil
      context.output.line(filtered ? "no runs match" : "no runs yet; start one with 'run'")
      return
    }
    context.output.lines(RunsTable.lines(shown, changes: changes, style: context.style))
  }
}

/// The table `runs` prints; tags and notes get columns only when a shown run has them.
enum RunsTable {
  static func lines(_ runs: [RunRecord], changes: [[RunComparison.ParameterChange]?], style: Style) -> [String] {
    let tagged = runs.contains { !$0.tags.isEmpty }
    let noted = runs.contains { $0.note != nil }
    var columns: [TextTable.Column] = [.init("RUN", alignment: .right), .init("WHEN"), .init("STATUS")]
    if tagged { columns.append(.init("TAGS")) }
    columns += [.init("COMMAND"), .init("CHANGED")]
    if noted { columns.append(.init("NOTE")) }
    columns.append(.init("METRICS"))
    var table = TextTable(columns: columns)
    for (run, changed) in zip(runs, changes) {
      let text = changed.map { RunComparison.summary($0) } ?? "(first)"
      var row = [String(run.id), TimeText.local(run.startedAt), run.deletedAt == nil ? run.status.rawValue : "deleted"]
      if tagged { row.append(run.tags.joined(separator: ",")) }
      row += [
        ParameterDisplay.truncated(run.command, limit: 24),
        text.isEmpty ? "-" : ParameterDisplay.truncated(text, limit: 48),
      ]
      if noted { row.append(ParameterDisplay.truncated(run.note ?? "", limit: 32)) }
      row.append(MetricText.text(RunComparison.metrics(of: run)))
      table.append(row)
    }
    return table.render()
  }
}

/// Reading what selects runs: `where` conditions, statuses, tags; and the selection itself.
@MainActor
enum RunQueryWords {
  /// The words outside the condition, and the condition: the words after an unquoted `where`
  /// up to the first `--option` (options may follow the condition), joined; a quoted word is a
  /// string literal, unless it is the whole condition.
  static func split(_ words: [Lexer.Word]) -> ([Lexer.Word], String?) {
    guard let at = words.firstIndex(where: { !$0.quoted && $0.text == "where" }) else { return (words, nil) }
    let end = words[(at + 1)...].firstIndex { !$0.quoted && $0.text.hasPrefix("--") } ?? words.endIndex
    let after = Array(words[(at + 1)..<end])
    let outside = Array(words[..<at]) + Array(words[end...])
    if after.count == 1, after[0].quoted { return (outside, after[0].text) }
    let text = after.map { word in
      word.quoted
        ? "'" + word.text.replacingOccurrences("\\", with: "\\\\").replacingOccurrences("'", with: "\\'") + "'"
        : word.text
    }.joined(separator: " ")
    return (outside, text)
  }

  /// `ok,failed` as statuses.
  static func statuses(_ text: String?) throws(CommandError) -> Set<RunStatus> {
    guard let text else { return [] }
    var statuses = Set<RunStatus>()
    for part in text.split(separator: ",").map(String.init) {
      guard let status = RunStatus(rawValue: part) else {
        var notes: [String] = []
        if let match = Suggestion.closest(to: part, in: RunStatus.allCases.map(\.rawValue)) {
          notes.append("did you mean '\(match)'?")
        }
        throw .usage(
          "unknown status '\(part)'; expected \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))",
          notes: notes)
      }
      statuses.insert(status)
    }
    return statuses
  }

  /// `best,v2` as tags (each checked).
  static func tags(_ text: String) throws(CommandError) -> [String] {
    var tags: [String] = []
    for part in text.split(separator: ",").map(String.init) { tags.append(try TagName.check(part)) }
    return tags
  }

  /// The `where` condition, checked against the pipeline's parameters and the recorded metrics.
  static func condition(_ text: String, store: RunStore, context: CommandContext) throws(CommandError) -> RunWhere {
    let condition: RunWhere
    do { condition = try RunWhere(text) } catch { throw .invalid(error.diagnostics.map { Self.placed($0, text) }) }
    let metrics: Set<String>
    do { metrics = try store.metricNames() } catch { throw .failed("cannot read runs: \(error)") }
    let problems = condition.problems(parameters: try context.session.requirePipeline().parameters, metrics: metrics)
    if !problems.isEmpty { throw .invalid(problems.map { Self.placed($0, text) }) }
    return condition
  }

  /// A problem of the condition, with the condition shown.
  private static func placed(_ diagnostic: Diagnostic, _ text: String) -> Diagnostic {
    var placed = diagnostic
    placed.message = "where \(text): " + diagnostic.message
    return placed
  }

  /// The runs that pass `filter` and `condition`, newest first (or in `order`), at most `limit`.
  static func runs(
    _ filter: RunStore.RunFilter, where condition: RunWhere?, order: RunOrder?, limit: Int, store: RunStore
  ) throws(CommandError) -> [RunRecord] {
    do {
      guard condition != nil || order != nil else { return try store.runs(ids: store.runIDs(filter, limit: limit)) }
      let ids = try store.runIDs(filter, limit: RunsCommand.maximumCount)
      var found: [RunRecord] = []
      for start in stride(from: 0, to: ids.count, by: 500) {
        let page = try store.runs(ids: Array(ids[start..<min(ids.count, start + 500)]))
        found += condition.map { c in page.filter(c.matches) } ?? page
        if order == nil, found.count >= limit { break }
      }
      return Array((order?.sorted(found) ?? found).prefix(limit))
    } catch {
      throw .failed("cannot read runs: \(error)")
    }
  }
}

/// Tag names: letters, digits and `_ . : -`, at most 64 characters.
enum TagName {
  static func check(_ text: String) throws(CommandError) -> String {
    guard !text.isEmpty, text.count <= RunStore.maximumTagLength,
      text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.:-".contains($0)) })
    else {
      throw .usage(
        "a tag is letters, digits and _ . : - (at most \(RunStore.maximumTagLength) characters), found '\(text)'")
    }
    return text
  }
}

/// Finds a sweep by id (`3`) or `last` (the newest of the loaded pipeline).
@MainActor
enum SweepLookup {
  static func id(_ text: String, store: RunStore, context: CommandContext) throws(CommandError) -> Int {
    do {
      if text == "last" {
        let pipeline = try context.session.requirePipeline()
        guard let sweep = try store.sweeps(pipelineName: pipeline.name, limit: 1).first else {
          throw CommandError.rejected("no sweeps of \(pipeline.name) yet")
        }
        return sweep.id
      }
      guard let id = Int(text), id > 0 else {
        throw CommandError.usage("expected a sweep number or 'last', found '\(text)'")
      }
      guard try store.sweep(id: id) != nil else { throw CommandError.rejected("no sweep \(id)") }
      return id
    } catch let error as CommandError {
      throw error
    } catch {
      throw .failed("cannot read sweeps: \(error)")
    }
  }
}
