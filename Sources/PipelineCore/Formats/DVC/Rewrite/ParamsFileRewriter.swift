/// Writes new values into a params file's text, changing only the text of those values:
/// comments, order, layout and every other byte stay as they were. Used to show a stage the
/// run's values in the file it reads (the user's file is restored byte for byte afterwards),
/// and to write the current values into the files for good.
package enum ParamsFileRewriter {
  /// Why a value could not be written.
  package enum Problem: Error, Sendable {
    case noSuchKey(ParameterKeyPath, file: String)
    /// A value the format cannot hold (TOML has no null).
    case notRepresentable(ParameterKeyPath, DVCValue, ParamsFormat)
    /// Two values whose texts overlap (a section and a key inside it).
    case overlapping(ParameterKeyPath, ParameterKeyPath)
    /// The file would not read back with the new values (a bug; nothing is written).
    case unverified(ParameterKeyPath, file: String)
    case unreadable(DiagnosticError)

    package var diagnostic: Diagnostic {
      switch self {
      case .noSuchKey(let path, let file): return Diagnostic("'\(file)' has no value '\(path)' to change")
      case .notRepresentable(let path, let value, let format):
        return Diagnostic("\(format.displayName) cannot hold the value \(PythonText.repr(value)) of '\(path)'")
      case .overlapping(let a, let b):
        return Diagnostic("'\(a)' and '\(b)' cannot both be changed (one holds the other)")
      case .unverified(let path, let file):
        return Diagnostic("writing '\(path)' into '\(file)' would change more than that value")
      case .unreadable(let error): return error.diagnostics.first ?? Diagnostic("cannot read the params file")
      }
    }
  }

  /// The text of the file `path` (its extension picks the format) with `values` written in.
  package static func rewrite(_ text: String, path: String, values: [(ParameterKeyPath, DVCValue)]) throws(Problem)
    -> String
  {
    let file: ParamsFile
    do {
      file = try ParamsFileReader.parse(text, path: path)
    } catch {
      throw .unreadable(error)
    }
    let lines = LineIndex(text)
    var edits: [(range: Range<Int>, text: String, path: ParameterKeyPath)] = []
    for (keyPath, value) in values {
      guard let node = file.node(at: keyPath), let extent = node.extent else { throw .noSuchKey(keyPath, file: path) }
      guard let literal = ValueLiterals.text(value, format: file.format, replacing: node, in: text, lines: lines) else {
        throw .notRepresentable(keyPath, value, file.format)
      }
      let start = lines.offset(of: extent.start)
      let end =
        file.format == .yaml
        ? lines.offset(of: Self.yamlEnd(node, text: text, lines: lines)) : lines.offset(of: extent.end)
      edits.append((start..<max(start, end), literal, keyPath))
    }
    edits.sort { $0.range.lowerBound > $1.range.lowerBound }
    for (a, b) in zip(edits, edits.dropFirst()) where b.range.upperBound > a.range.lowerBound {
      throw .overlapping(b.path, a.path)
    }
    var bytes = Array(text.utf8)
    for edit in edits { bytes.replaceSubrange(edit.range, with: Array(edit.text.utf8)) }
    let result = String(decoding: bytes, as: UTF8.self)
    try verify(result, path: path, values: values, before: file)
    return result
  }

  /// A YAML node's end: a block collection ends with its last item (libyaml ends it where the
  /// next token starts, past blank lines and comments).
  static func yamlEnd(_ node: DVCNode, text: String, lines: LineIndex) -> SourceLocation {
    guard let extent = node.extent else { return node.location }
    let isFlow =
      lines.byte(at: extent.start, in: text).map { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") } ?? true
    let last: DVCNode? = node.items?.last ?? node.entries?.last?.value
    guard node.isCollection, !isFlow, let last else { return extent.end }
    return yamlEnd(last, text: text, lines: lines)
  }

  /// Reads the new text back: the changed values must be the new ones, every other leaf as before.
  private static func verify(_ text: String, path: String, values: [(ParameterKeyPath, DVCValue)], before: ParamsFile)
    throws(Problem)
  {
    let after: ParamsFile
    do {
      after = try ParamsFileReader.parse(text, path: path)
    } catch {
      throw .unverified(values[0].0, file: path)
    }
    for (keyPath, value) in values where after.node(at: keyPath)?.value != value {
      if let now = after.node(at: keyPath)?.value, now.pythonEquals(value) { continue }
      throw .unverified(keyPath, file: path)
    }
    let changed = values.map(\.0)
    for leaf in before.leaves
    where !changed.contains(where: { $0.isPrefix(of: leaf.path) || leaf.path.isPrefix(of: $0) }) {
      guard after.node(at: leaf.path)?.value == leaf.value else {
        throw .unverified(leaf.path, file: path)
      }
    }
  }
}

/// Byte offsets of lines, to turn a line and a column (in characters) into a byte offset.
struct LineIndex {
  private var starts: [Int] = [0]
  private let bytes: [UInt8]

  init(_ text: String) {
    bytes = Array(text.utf8)
    for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
  }

  func offset(of location: SourceLocation) -> Int {
    guard location.line - 1 < starts.count else { return bytes.count }
    var offset = starts[max(0, location.line - 1)]
    var column = 1
    while column < location.column, offset < bytes.count, bytes[offset] != 0x0A {
      offset += 1
      while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      column += 1
    }
    return offset
  }

  func byte(at location: SourceLocation, in text: String) -> UInt8? {
    let offset = offset(of: location)
    return offset < bytes.count ? bytes[offset] : nil
  }
}
