/// A position in a text file, 1-based, as people and editors count.
package struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  package var file: String
  package var line: Int
  package var column: Int

  package init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:col`.
  package var description: String { "\(file):\(line):\(column)" }

  /// The location with an absolute file name shortened to its last path component; a relative
  /// one is kept whole (a DVC project's `configs/train.yaml` is not its `params.yaml`).
  package var short: String {
    let name = file.hasPrefix("/") ? file.split(separator: "/").last.map(String.init) ?? file : file
    return "\(name):\(line):\(column)"
  }
}
