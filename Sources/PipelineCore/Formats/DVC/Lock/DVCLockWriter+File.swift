/// The text of `dvc.lock` with some stages' entries replaced or added, as DVC's
/// `Lockfile.dump_stages` leaves it: other entries untouched, new stages at the end.
extension DVCLockWriter {
  /// The new text; `existing` is the current file (nil or empty when there is none).
  package static func updated(
    _ existing: DVCLockFile?, with entries: [(name: String, entry: DVCValue)], newBefore anchor: String? = nil
  ) -> String {
    guard let existing, !existing.stages.isEmpty || existing.text.contains("stages:") else {
      return DVCYAMLWriter.document(
        .dict([
          .init(key: "schema", value: .string("2.0")),
          .init(key: "stages", value: .dict(entries.map { .init(key: $0.name, value: $0.entry) })),
        ]))
    }
    var lines = existing.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    // Each stage spans from its name to the line before the next name (or the end of `stages`).
    let starts = existing.stages.map { $0.location.line - 1 }
    let stagesEnd = endOfStages(lines, after: starts.last ?? 0)
    var replacements: [(range: Range<Int>, text: [String])] = []
    var appended: [String] = []
    for (name, entry) in entries {
      let text = entryLines(name, entry)
      if let index = existing.stages.firstIndex(where: { $0.name == name }) {
        let end = index + 1 < starts.count ? starts[index + 1] : stagesEnd
        replacements.append((starts[index]..<end, text))
      } else if let anchor, let index = existing.stages.firstIndex(where: { $0.name == anchor }) {
        replacements.append((starts[index]..<starts[index], text))
      } else {
        appended += text
      }
    }
    for replacement in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
      lines.replaceSubrange(replacement.range, with: replacement.text)
    }
    let insertAt = endOfStages(lines, after: lines.firstIndex { $0.hasPrefix("stages:") } ?? lines.count)
    lines.insert(contentsOf: appended, at: min(insertAt, lines.count))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The lines of one stage's entry, indented as under `stages:`.
  static func entryLines(_ name: String, _ entry: DVCValue) -> [String] {
    let document = DVCYAMLWriter.document(.dict([.init(key: "stages", value: .dict([.init(key: name, value: entry)]))]))
    return Array(
      document.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init))
  }

  /// The index of the first line after `start` that starts at column 0 (the next top-level key).
  static func endOfStages(_ lines: [String], after start: Int) -> Int {
    var index = start + 1
    while index < lines.count {
      let line = lines[index]
      if let first = line.first, first != " ", first != "#", first != "\t" { return index }
      index += 1
    }
    return lines.count
  }
}
