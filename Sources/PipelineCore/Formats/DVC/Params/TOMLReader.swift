/// Reads TOML 1.0 text, as DVC reads `.toml` params files (through tomlkit), into `DVCNode`s
/// with their lines and columns: tables, arrays of tables, dotted keys, inline tables, every
/// string, number and date form, and the rules that forbid defining a key or a table twice.
/// Dates and times are kept as written (`DVCNode.Kind.timestamp`).
///
/// Written here because Debian packages no TOML parser in C (only C++ ones).
package struct TOMLReader: Sendable {
  package var maximumDepth = 64
  package var maximumBytes = 64 << 20

  package init() {}

  /// Parses `text` read from `file` into a mapping.
  package func read(_ text: String, file: String) throws(DiagnosticError) -> DVCNode {
    var parser = TOMLParser(cursor: TextCursor(text, file: file), maximumDepth: maximumDepth)
    if parser.cursor.bytes.count > maximumBytes {
      throw DiagnosticError(ParamsFileProblem.tooLarge(maximumBytes).diagnostic(at: parser.cursor.location))
    }
    try parser.document()
    return parser.node(table: 0)
  }
}

/// The parser's state: the text and the tables built so far, kept in an array and referred to
/// by index, so that a `[header]` can reopen a table made earlier.
struct TOMLParser {
  /// How a table came to exist, which decides whether it may be defined again.
  enum Origin { case root, header, implicit, dotted }

  /// A value slot in a table.
  enum Slot {
    case value(DVCNode)
    case table(Int)
    case arrayOfTables([Int], SourceLocation)
  }

  struct Table {
    var origin: Origin
    var location: SourceLocation
    var keys: [String] = []
    var keyLocations: [SourceLocation] = []
    var slots: [String: Slot] = [:]
  }

  var cursor: TextCursor
  let maximumDepth: Int
  var tables: [Table]
  var current = 0

  init(cursor: TextCursor, maximumDepth: Int) {
    self.cursor = cursor
    self.maximumDepth = maximumDepth
    tables = [Table(origin: .root, location: cursor.location)]
  }

  func fail(_ message: String, at location: SourceLocation? = nil) -> DiagnosticError {
    DiagnosticError(ParamsFileProblem.syntax(.toml, message).diagnostic(at: location ?? cursor.location))
  }

  // MARK: - Lines

  mutating func document() throws(DiagnosticError) {
    while !cursor.isAtEnd {
      skipBlanks()
      if try endOfLine() { continue }
      if cursor.current == UInt8(ascii: "[") {
        try header()
      } else {
        let (path, locations) = try key()
        skipBlanks()
        guard cursor.take("=") else { throw fail("expected '=' after a key") }
        skipBlanks()
        let value = try self.value(depth: 0)
        try assign(path, locations, value, in: current)
      }
      skipBlanks()
      guard try endOfLine() else { throw fail("expected the end of the line") }
    }
  }

  mutating func skipBlanks() {
    while cursor.current == 0x20 || cursor.current == 0x09 { cursor.advance() }
  }

  /// Takes a comment and a line break (or the end); false when something else follows.
  mutating func endOfLine() throws(DiagnosticError) -> Bool {
    if cursor.current == UInt8(ascii: "#") { try comment() }
    if cursor.isAtEnd { return true }
    if cursor.take("\n") || cursor.take("\r\n") { return true }
    return false
  }

  mutating func comment() throws(DiagnosticError) {
    while let c = cursor.current, c != 0x0A {
      if c == 0x0D, cursor.peek() == 0x0A { return }
      if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("a control character is not allowed in a comment") }
      cursor.advance()
    }
  }

  mutating func header() throws(DiagnosticError) {
    let location = cursor.location
    let isArray = cursor.take("[[")
    if !isArray { cursor.advance() }
    skipBlanks()
    let (path, locations) = try key()
    skipBlanks()
    guard cursor.take(isArray ? "]]" : "]") else {
      throw fail("expected '\(isArray ? "]]" : "]")' to close the table header")
    }
    var table = 0
    for (index, part) in path.dropLast().enumerated() {
      table = try descend(from: table, part, at: locations[index], creating: .implicit, throughArrays: true)
    }
    let last = path[path.count - 1], lastLocation = locations[locations.count - 1]
    current =
      isArray
      ? try appendArrayTable(in: table, last, at: lastLocation, header: location)
      : try defineTable(in: table, last, at: lastLocation)
  }

  // MARK: - Tables

  /// The table at `key` in `table`, created with `origin` when missing.
  mutating func descend(
    from table: Int, _ key: String, at location: SourceLocation, creating origin: Origin, throughArrays: Bool
  ) throws(DiagnosticError) -> Int {
    switch tables[table].slots[key] {
    case nil:
      return addTable(in: table, key, at: location, origin: origin)
    case .table(let child):
      return child
    case .arrayOfTables(let children, _) where throughArrays:
      return children[children.count - 1]
    case .arrayOfTables, .value:
      throw fail("key '\(key)' is already defined as a value, not a table", at: location)
    }
  }

  mutating func addTable(in table: Int, _ key: String, at location: SourceLocation, origin: Origin) -> Int {
    tables.append(Table(origin: origin, location: location))
    let child = tables.count - 1
    insert(key, .table(child), at: location, in: table)
    return child
  }

  mutating func insert(_ key: String, _ slot: Slot, at location: SourceLocation, in table: Int) {
    if tables[table].slots[key] == nil {
      tables[table].keys.append(key)
      tables[table].keyLocations.append(location)
    }
    tables[table].slots[key] = slot
  }

  mutating func defineTable(in table: Int, _ key: String, at location: SourceLocation) throws(DiagnosticError) -> Int {
    switch tables[table].slots[key] {
    case nil:
      return addTable(in: table, key, at: location, origin: .header)
    case .table(let child) where tables[child].origin == .implicit:
      tables[child].origin = .header
      return child
    case .table:
      throw fail("table '\(key)' is defined twice", at: location)
    case .arrayOfTables, .value:
      throw fail("key '\(key)' is already defined; it cannot be a table too", at: location)
    }
  }

  mutating func appendArrayTable(
    in table: Int, _ key: String, at location: SourceLocation, header: SourceLocation
  ) throws(DiagnosticError) -> Int {
    tables.append(Table(origin: .header, location: header))
    let child = tables.count - 1
    switch tables[table].slots[key] {
    case nil:
      insert(key, .arrayOfTables([child], header), at: location, in: table)
    case .arrayOfTables(let children, let start):
      tables[table].slots[key] = .arrayOfTables(children + [child], start)
    case .table, .value:
      throw fail("key '\(key)' is already defined; it cannot be an array of tables", at: location)
    }
    return child
  }

  /// Sets a dotted key to a value in `table`.
  mutating func assign(
    _ path: [String], _ locations: [SourceLocation], _ value: DVCNode, in table: Int
  ) throws(DiagnosticError) {
    var target = table
    for (index, part) in path.dropLast().enumerated() {
      if case .table(let child)? = tables[target].slots[part], tables[child].origin == .header {
        throw fail("table '\(part)' is already defined; dotted keys cannot add to it", at: locations[index])
      }
      target = try descend(from: target, part, at: locations[index], creating: .dotted, throughArrays: false)
    }
    let last = path[path.count - 1]
    guard tables[target].slots[last] == nil else {
      throw fail("key '\(last)' is defined twice", at: locations[locations.count - 1])
    }
    insert(last, .value(value), at: locations[locations.count - 1], in: target)
  }

  /// The finished tree of one table.
  func node(table: Int) -> DVCNode {
    let t = tables[table]
    var entries: [DVCNode.Entry] = []
    for (index, key) in t.keys.enumerated() {
      let value: DVCNode
      switch t.slots[key] {
      case .value(let node)?: value = node
      case .table(let child)?: value = node(table: child)
      case .arrayOfTables(let children, let location)?: value = DVCNode(.list(children.map(node(table:))), at: location)
      case nil: continue
      }
      entries.append(DVCNode.Entry(key: key, keyLocation: t.keyLocations[index], value: value))
    }
    return DVCNode(.dict(entries), at: t.location)
  }
}
