/// Reading and writing the stage lock table's JSON as DVC does: read with Python's `json` rules
/// and checked against DVC's schema (`{"read": {str: [holder]}, "write": {str: holder}}`, a
/// holder exactly `{"pid": int, "cmd": str}`, no other key); written as `json.dump` writes it
/// (`", "` and `": "` separators, non-ASCII escaped).
extension DVCRWLockTable {
  /// The most text read: DVC's tables hold a few entries per running stage.
  package static let maximumBytes = 16 << 20

  /// The table held by `text`, read from `file` (named in the problems); an empty text is a
  /// corrupted file, as for DVC.
  package static func parse(_ text: String, file: String) throws(DVCRWLockTableProblem) -> DVCRWLockTable {
    if text.utf8.count > maximumBytes {
      throw .corrupted(file: file, detail: "it is larger than \(maximumBytes >> 20) MiB")
    }
    let root: DVCNode
    do {
      var reader = JSONParamsReader()
      reader.maximumDepth = 16
      reader.falsyDocumentIsEmptyMapping = false  // DVC's schema refuses anything but an object
      root = try reader.read(text, file: file)
    } catch {
      let first = error.diagnostics.first
      let place = first?.location.map { "line \($0.line), column \($0.column): " } ?? ""
      throw .corrupted(file: file, detail: place + (first?.message ?? "not JSON"))
    }
    guard let top = root.entries else {
      throw .format(file: file, detail: "it does not hold a JSON object")
    }
    var table = DVCRWLockTable(read: nil, write: nil)
    for entry in top {
      switch entry.key {
      case "read":
        table.read = try readers(entry.value, file: file)
      case "write":
        table.write = try writers(entry.value, file: file)
        if table.read == nil { table.writeFirst = true }
      default:
        throw .format(file: file, detail: "'\(entry.key)' is not a key of the file (only 'read' and 'write' are)")
      }
    }
    // DVC's schema fills a missing section with an empty one.
    if table.read == nil { table.read = [] }
    if table.write == nil { table.write = [] }
    return table
  }

  private static func readers(_ node: DVCNode, file: String) throws(DVCRWLockTableProblem) -> [Readers] {
    guard let entries = node.entries else {
      throw .format(file: file, detail: "'read' is a \(node.pythonTypeName), not an object")
    }
    var result: [Readers] = []
    for entry in entries {
      guard case .list(let items) = entry.value.kind else {
        throw .format(
          file: file, detail: "'read' of '\(entry.key)' is a \(entry.value.pythonTypeName), not a list of holders")
      }
      var holders: [Holder] = []
      for item in items { holders.append(try holder(item, of: "'read' of '\(entry.key)'", file: file)) }
      result.append(Readers(path: entry.key, holders: holders))
    }
    return result
  }

  private static func writers(_ node: DVCNode, file: String) throws(DVCRWLockTableProblem) -> [Writer] {
    guard let entries = node.entries else {
      throw .format(file: file, detail: "'write' is a \(node.pythonTypeName), not an object")
    }
    var result: [Writer] = []
    for entry in entries {
      result.append(
        Writer(path: entry.key, holder: try holder(entry.value, of: "'write' of '\(entry.key)'", file: file)))
    }
    return result
  }

  private static func holder(_ node: DVCNode, of what: String, file: String) throws(DVCRWLockTableProblem) -> Holder {
    guard let entries = node.entries else {
      throw .format(file: file, detail: "\(what) is a \(node.pythonTypeName), not {\"pid\": ..., \"cmd\": ...}")
    }
    var pid: Int?
    var cmd: String?
    for entry in entries {
      switch (entry.key, entry.value.kind) {
      case ("pid", .int(let value)): pid = value
      case ("pid", .bigInt(let digits)):
        throw .format(file: file, detail: "the pid in \(what) is \(digits), beyond any process id")
      case ("cmd", .string(let value)): cmd = value
      case ("pid", _), ("cmd", _):
        let expected = entry.key == "pid" ? "an integer" : "a string"
        throw .format(
          file: file, detail: "the \(entry.key) in \(what) is a \(entry.value.pythonTypeName), not \(expected)")
      default:
        throw .format(
          file: file, detail: "'\(entry.key)' in \(what) is not a key of a holder (only 'pid' and 'cmd' are)")
      }
    }
    guard let pid, let cmd else {
      throw .format(file: file, detail: "\(what) has no '\(pid == nil ? "pid" : "cmd")'")
    }
    return Holder(pid: pid, cmd: cmd)
  }

  /// The table as `json.dump` writes it (one line, no newline at the end).
  package var json: String {
    var sections: [String] = []
    if let read {
      let items = read.map { r in
        Self.quoted(r.path) + ": [" + r.holders.map(Self.object).joined(separator: ", ") + "]"
      }
      sections.append("\"read\": {" + items.joined(separator: ", ") + "}")
    }
    if let write {
      let items = write.map { w in Self.quoted(w.path) + ": " + Self.object(w.holder) }
      let text = "\"write\": {" + items.joined(separator: ", ") + "}"
      if writeFirst { sections.insert(text, at: 0) } else { sections.append(text) }
    }
    return "{" + sections.joined(separator: ", ") + "}"
  }

  private static func object(_ holder: Holder) -> String {
    "{\"pid\": \(holder.pid), \"cmd\": " + quoted(holder.cmd) + "}"
  }

  private static func quoted(_ text: String) -> String { DVCHashing.jsonString(text) }
}
