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

  /// The location with the file name shortened to its last path component.
  package var short: String {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    return "\(name):\(line):\(column)"
  }
}
