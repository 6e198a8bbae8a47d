/// A YAML node with the place it was written, produced by `YAMLReader`.
package struct YAMLNode: Sendable, Hashable {
  package enum Kind: Sendable, Hashable {
    /// A scalar's text and whether it was quoted (quoted scalars are always strings).
    case scalar(String, quoted: Bool)
    case sequence([YAMLNode])
    case mapping([Pair])
  }

  /// A mapping entry.
  package struct Pair: Sendable, Hashable {
    package var key: YAMLNode
    package var value: YAMLNode
  }

  package var kind: Kind
  package var location: SourceLocation
  /// Where the node's text starts and ends (quotes and brackets included), as libyaml marks
  /// them; set by `YAMLReader`, used to rewrite one value of a file and leave the rest as it is.
  package var extent: YAMLExtent?
  /// The node's explicit tag as libyaml resolves it (`!!float` is `tag:yaml.org,2002:float`,
  /// `!custom` stays `!custom`, a lone `!` is `!`), or nil when none was written. DVC's loader
  /// types values by these tags, so its reader needs them; pipeshell's own format ignores them.
  package var tag: String?

  package init(_ kind: Kind, at location: SourceLocation, tag: String? = nil) {
    self.kind = kind
    self.location = location
    self.tag = tag
  }

  /// Nodes are equal by kind and location; the extent is bookkeeping that a copy made without
  /// the text (a stored binding read back) does not have, and one place holds one tag.
  package static func == (a: YAMLNode, b: YAMLNode) -> Bool { a.kind == b.kind && a.location == b.location }
  package func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
    hasher.combine(location)
  }

  /// The scalar's text, or nil for a collection.
  package var scalar: String? {
    if case .scalar(let text, _) = kind { return text }
    return nil
  }

  /// True for a plain (unquoted) `null`, `~` or empty scalar.
  package var isNull: Bool {
    if case .scalar(let text, let quoted) = kind, !quoted {
      return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }
    return false
  }

  /// The mapping's entries, or nil.
  package var pairs: [Pair]? {
    if case .mapping(let pairs) = kind { return pairs }
    return nil
  }

  /// The sequence's items, or nil.
  package var items: [YAMLNode]? {
    if case .sequence(let items) = kind { return items }
    return nil
  }

  /// What kind of node this is, for error messages.
  package var kindName: String {
    switch kind {
    case .scalar: return "a scalar"
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    }
  }
}

/// The text of a node in its file: from `start` up to (not including) `end`.
package struct YAMLExtent: Sendable, Hashable {
  package var start: SourceLocation
  package var end: SourceLocation

  package init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = end
  }
}
