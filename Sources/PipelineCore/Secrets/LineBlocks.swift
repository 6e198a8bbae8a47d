/// The block structure of a YAML file that may not parse, read from indentation alone: which
/// line each line belongs under. `LineScan` uses it for declarations written over several
/// lines (`tok:` / `type: secret` / `default: ...`), where no one line says both that the
/// parameter is a secret and what its default is.
struct LineBlocks {
  /// For each line, the blanks before its text; nil for a blank or comment line.
  let indent: [Int?]
  /// For each line, the nearest earlier line indented less (blank and comment lines are
  /// skipped), or nil at the top level.
  let parent: [Int?]

  init(_ lines: [[Unicode.Scalar]]) {
    let indent = lines.map(Self.indentation)
    var parent: [Int?] = []
    var open: [(line: Int, indent: Int)] = []  // the lines the next one may belong under
    for (index, own) in indent.enumerated() {
      guard let own else {
        parent.append(open.last?.line)
        continue
      }
      while let last = open.last, last.indent >= own { open.removeLast() }
      parent.append(open.last?.line)
      open.append((index, own))
    }
    self.indent = indent
    self.parent = parent
  }

  /// The blanks before a line's text; nil for a blank or comment line.
  static func indentation(_ line: [Unicode.Scalar]) -> Int? {
    guard let first = line.firstIndex(where: { $0 != " " && $0 != "\t" }), line[first] != "#" else { return nil }
    return first
  }

  /// The lines under `line`: those after it up to the next one indented as much or less.
  func lines(under line: Int) -> Range<Int> {
    guard let own = indent[line] else { return (line + 1)..<(line + 1) }
    var end = line + 1
    while end < indent.count, indent[end].map({ $0 > own }) ?? true { end += 1 }
    return (line + 1)..<end
  }
}
