/// A params file as DVC reads it: its tree of values and every leaf with its key path, typed
/// value and place.
///
/// Nested mappings become dotted leaves (`train: {lr: 0.1}` gives `train.lr`); a list is one
/// value whatever its items (mixed lists included); an empty mapping is one leaf holding `{}`
/// and a null is one leaf holding null, so every key written in the file stays addressable.
package struct ParamsFile: Sendable, Hashable {
  /// One value of the file and its key path.
  package struct Leaf: Sendable, Hashable {
    package var path: ParameterKeyPath
    package var value: DVCValue
    /// Where the value was written.
    package var location: SourceLocation
    /// Where its key was written.
    package var keyLocation: SourceLocation
    /// False when a key on the path is not a string in Python (YAML `1:`), which DVC's
    /// templating cannot reach.
    package var keysAreStrings: Bool
  }

  /// The file's path as DVC names it (relative to the project, normalized).
  package var path: String
  package var format: ParamsFormat
  /// The whole file, a mapping.
  package var root: DVCNode
  /// Every leaf, in the order written.
  package var leaves: [Leaf]
  /// The whole file as a value, made once (templates and params lookups read it often).
  package var value: DVCValue
  /// For every key path that names a leaf or a section, the positions of its leaves (a
  /// section's leaves are consecutive, as they are collected depth first).
  private var sections: [ParameterKeyPath: Range<Int>] = [:]
  /// False when every leaf's key path is new where it is written (two keys of one text, `1`
  /// and `'1'`, make it true): then no two leaves share a path.
  package private(set) var mayRepeatLeafPaths = false

  package init(path: String, format: ParamsFormat, root: DVCNode) {
    self.path = path
    self.format = format
    self.root = root
    self.value = root.value
    let keys = Self.keyCount(of: root)
    var leaves: [Leaf] = []
    leaves.reserveCapacity(keys)
    var sections: [ParameterKeyPath: Range<Int>] = [:]
    sections.reserveCapacity(keys)  // a table grown step by step hashes every key again
    var repeated = false
    for entry in root.entries ?? [] {
      Self.collect(
        entry, prefix: ParameterKeyPath([]), strings: true, into: &leaves, sections: &sections, repeated: &repeated)
    }
    self.leaves = leaves
    self.sections = sections
    self.mayRepeatLeafPaths = repeated
  }

  /// The positions of the leaves a key path covers: those of a section, the leaf itself, or the
  /// leaf that holds the path (`layers.0` is in the leaf `layers`); empty when it names nothing.
  package func leafPositions(covering path: ParameterKeyPath) -> Range<Int> {
    if let range = sections[path] { return range }
    var segments = path.segments
    while !segments.isEmpty {
      segments.removeLast()
      if let range = sections[ParameterKeyPath(segments)], range.count == 1,
        leaves[range.lowerBound].path.segments == segments
      {
        return range
      }
    }
    return 0..<0
  }

  /// Collects the leaves below `entry`, depth first, and the range of them each key path on the
  /// way names. Two keys of one text (`1` and `'1'`) name one path: its range spans both.
  private static func collect(
    _ entry: DVCNode.Entry, prefix: ParameterKeyPath, strings: Bool, into leaves: inout [Leaf],
    sections: inout [ParameterKeyPath: Range<Int>], repeated: inout Bool
  ) {
    let path = prefix.appending(entry.key)
    let strings = strings && entry.keyIsString
    let start = leaves.count
    var isLeaf = false
    if let entries = entry.value.entries, !entries.isEmpty {
      for child in entries {
        collect(child, prefix: path, strings: strings, into: &leaves, sections: &sections, repeated: &repeated)
      }
    } else {
      isLeaf = true
      leaves.append(
        Leaf(
          path: path, value: entry.value.value, location: entry.value.location, keyLocation: entry.keyLocation,
          keysAreStrings: strings))
    }
    let end = leaves.count
    let known = sections.count
    Self.widen(&sections[path, default: start..<end], toCover: start..<end)  // one lookup
    if isLeaf, sections.count == known { repeated = true }  // the path was there already
  }

  /// How many keys the mapping holds at every depth: an upper bound of its leaves and sections.
  private static func keyCount(of node: DVCNode) -> Int {
    guard case .dict(let entries) = node.kind else { return 0 }
    return entries.reduce(entries.count) { $0 + keyCount(of: $1.value) }
  }

  private static func widen(_ range: inout Range<Int>, toCover other: Range<Int>) {
    range = min(range.lowerBound, other.lowerBound)..<max(range.upperBound, other.upperBound)
  }

  /// The node at a key path, or nil.
  package func node(at path: ParameterKeyPath) -> DVCNode? {
    var node = root
    for segment in path.segments {
      guard let next = node.entries?.last(where: { $0.key == segment })?.value else { return nil }
      node = next
    }
    return node
  }
}

/// Reads params files in the format their name calls for.
package enum ParamsFileReader {
  /// Parses `text`, the content of the file at `path` (as DVC names it), its places labelled
  /// `label` (the path by default); the top of the file must be a mapping.
  package static func parse(_ text: String, path: String, label: String? = nil) throws(DiagnosticError) -> ParamsFile {
    let format = ParamsFormat(path: path)
    let file = label ?? path
    let root: DVCNode
    switch format {
    case .yaml: root = try YAMLParamsReader().read(text, file: file)
    case .json: root = try JSONParamsReader().read(text, file: file)
    case .toml: root = try TOMLReader().read(text, file: file)
    case .python: root = try PythonParamsReader().read(text, file: file)
    }
    guard root.entries != nil else {
      throw DiagnosticError(
        Diagnostic(
          "expected a mapping at the top of the params file, found '\(root.pythonTypeName)'", at: root.location))
    }
    return ParamsFile(path: path, format: format, root: root)
  }
}
