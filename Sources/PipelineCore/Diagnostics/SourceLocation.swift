/// A position in a text file, 1-based, as people and editors count.
///
/// The file is held as a `SourceFileName`, a number: a large project keeps hundreds of thousands
/// of locations (every node of its files, every field of every stage), and a name held as a
/// `String` of its own would be reference-counted at every copy of each of them.
package struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  private var fileName: SourceFileName
  package var line: Int
  package var column: Int

  package init(file: String, line: Int, column: Int) {
    self.fileName = SourceFileName(file)
    self.line = line
    self.column = column
  }

  package var file: String {
    get { fileName.text }
    set { fileName = SourceFileName(newValue) }
  }

  /// Another position in the same file: readers make one location per file and move it, instead
  /// of looking the file's name up for every node.
  package func moved(line: Int, column: Int) -> SourceLocation {
    var moved = self
    moved.line = line
    moved.column = column
    return moved
  }

  /// `file:line:col`.
  package var description: String { "\(file):\(line):\(column)" }

  /// The location with an absolute file name shortened to its last path component; a relative
  /// one is kept whole (a DVC project's `configs/train.yaml` is not its `params.yaml`).
  package var short: String {
    let file = self.file
    let name = file.hasPrefix("/") ? file.split(separator: "/").last.map(String.init) ?? file : file
    return "\(name):\(line):\(column)"
  }
}
