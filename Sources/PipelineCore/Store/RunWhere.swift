/// `runs where EXPR`: a condition in the `when:` language over a run's parameters (their
/// recorded typed values) and metrics (numbers), such as `lr > 0.01 and loss < 0.2`. A name
/// that is both a parameter and a metric means the parameter. A run that lacks a name the
/// condition reads does not match. Secrets are never recorded, so they cannot be tested.
package struct RunWhere: Sendable {
  /// The parsed condition.
  package let expression: Expression

  /// Parses the condition text.
  package init(_ text: String) throws(DiagnosticError) {
    expression = try ExpressionParser.parse(text)
  }

  /// Problems of the condition before any run is read: names that are neither a parameter
  /// of the pipeline nor a metric of the runs (with "did you mean"), secrets, comparisons
  /// that can never hold.
  package func problems(parameters: [ParameterSpec], metrics: Set<String>) -> [Diagnostic] {
    var types: [String: ParameterType] = [:]
    for name in metrics { types[name] = .float }
    var problems: [Diagnostic] = []
    for spec in parameters {
      if spec.isSecret, expression.referencedNames.contains(spec.name) {
        problems.append(
          Diagnostic("'\(spec.name)' is a secret; its values are never recorded, so runs cannot be filtered by it"))
      }
      types[spec.name] = spec.type
    }
    return problems + expression.typeCheck(types, location: nil)
  }

  /// True when `run` satisfies the condition.
  package func matches(_ run: RunRecord) -> Bool {
    let parameters = Dictionary(run.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let metrics = RunComparison.metrics(of: run)
    do {
      return try expression.evaluate { name in
        if let record = parameters[name] { return record.isSecret ? nil : record.typedValue }
        return metrics[name].map(Value.float)
      }
    } catch {
      return false
    }
  }
}

/// `runs --sort KEY` (`-KEY` for descending): runs ordered by a metric or a parameter; numbers
/// by value, other values by their text; runs without the key last, ties newest first.
package struct RunOrder: Sendable, Hashable {
  /// The metric or parameter sorted by.
  package var key: String
  /// True for `-KEY`: largest first.
  package var descending: Bool

  /// Reads `loss` or `-loss`.
  package init(_ text: String) {
    descending = text.hasPrefix("-")
    key = descending ? String(text.dropFirst()) : text
  }

  /// `runs` sorted by the key.
  package func sorted(_ runs: [RunRecord]) -> [RunRecord] {
    let keyed = runs.map { run -> (run: RunRecord, key: SortKey) in (run, sortKey(of: run)) }
    return keyed.sorted { a, b in
      switch (a.key, b.key) {
      case (.number(let x), .number(let y)) where x != y: return descending ? x > y : x < y
      case (.text(let x), .text(let y)) where x != y: return descending ? x > y : x < y
      case _ where a.key.rank != b.key.rank: return a.key.rank < b.key.rank
      default: return a.run.id > b.run.id
      }
    }.map(\.run)
  }

  /// A run's value of the key: numbers first, then texts, then runs without it.
  private enum SortKey {
    case number(Double)
    case text(String)
    case missing

    var rank: Int {
      switch self {
      case .number: return 0
      case .text: return 1
      case .missing: return 2
      }
    }
  }

  private func sortKey(of run: RunRecord) -> SortKey {
    if let record = run.parameters.first(where: { $0.name == key }) {
      guard !record.isSecret, let value = record.typedValue else { return .missing }
      if let number = value.number, number.isFinite { return .number(number) }
      return .text(value.text)
    }
    guard let metric = RunComparison.metrics(of: run)[key], metric.isFinite else { return .missing }
    return .number(metric)
  }
}
