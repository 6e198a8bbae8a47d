#if canImport(Glibc)
  import Glibc
#endif

/// The `.dvcignore` files of a DVC repository, read as DVC reads them when it walks a folder it
/// hashes (`DvcIgnoreFilter`): the patterns in force in a folder are DVC's own, then those of
/// every `.dvcignore` from the repository's root down to that folder that is not itself left
/// out by the ones above.
struct DVCIgnoreFilter {
  /// The repository's root (the folder holding `.dvc`).
  let root: String

  /// The patterns in force in `folder` (absolute; one outside the root has DVC's own only).
  func patterns(in folder: String) throws(DVCHashingError) -> DVCIgnorePatterns {
    let root = PathText.normalized(self.root)
    var patterns = DVCIgnorePatterns.defaults(root: root)
    guard let relative = PathText.relative(folder, to: root) else { return patterns }
    var current = root
    let steps = relative.isEmpty ? [] : relative.split(separator: "/").map(String.init)
    for step in [""] + steps {
      if !step.isEmpty { current = current == "/" ? "/" + step : current + "/" + step }
      guard !patterns.ignores(".dvcignore", in: current, isFolder: false) else { continue }
      let file = current == "/" ? "/.dvcignore" : current + "/.dvcignore"
      guard let lines = try Self.lines(of: file) else { continue }
      let shown = PathText.relative(file, to: root) ?? file
      do {
        patterns = try patterns.merged(
          with: DVCIgnorePatterns(
            folder: current, patterns: lines.map(\.text), origins: lines.map { "\(shown):\($0.number):\($0.text)" }))
      } catch {
        throw .invalidIgnorePattern(path: file, pattern: error.pattern)
      }
    }
    return patterns
  }

  /// A `.dvcignore` larger than this is refused (DVC would read it whole).
  static let maximumBytes = 1 << 20

  /// One kept line of a `.dvcignore`, with its number among all the file's lines.
  struct Line: Equatable {
    var number: Int
    var text: String
  }

  /// The lines DVC keeps of a `.dvcignore` (`from_file`): stripped, without blank lines and
  /// comments; nil when there is no such file.
  static func lines(of path: String) throws(DVCHashingError) -> [Line]? {
    guard access(path, F_OK) == 0, !PosixFiles.isFolder(path) else { return nil }
    let bytes: [UInt8]
    do {
      bytes = try OpenFile(path, flags: O_RDONLY).readBytes(upTo: maximumBytes)
    } catch {
      throw .file(error)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else { throw .ignoreFileNotText(path: path) }
    return lines(ofText: text)
  }

  /// The kept lines of a `.dvcignore`'s text. Python reads it with universal newlines:
  /// `\r\n` and `\r` end lines too.
  static func lines(ofText text: String) -> [Line] {
    text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .map { Line(number: $0.offset + 1, text: Self.stripped(String($0.element))) }
      .filter { !$0.text.isEmpty && !$0.text.hasPrefix("#") }
  }

  /// Python's `str.strip()`: whitespace off both ends.
  static func stripped(_ text: String) -> String {
    var scalars = Substring(text).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
