/// The text of a data source's `.dvc` file once its outputs are saved, as `SingleStageFile.dump`
/// writes it: DVC re-reads the file with ruamel.yaml and applies the new values to it
/// (`apply_diff`), so keys keep their order, comments stay, a key DVC no longer writes goes
/// (a top-level `md5`; `nfiles` or `isexec` that no longer apply) and a new one is added at the
/// end of its mapping (`hash: md5` on a DVC 2 entry).
extension DVCDataSource {
  /// The new text, from the outputs' new hashes (one per output, in order).
  func updatedText(with hashes: [DVCHashInfo]) -> String {
    let after = updatedValue(with: hashes)
    if let edited = editedInPlace(to: after) {
      // Only values changed: they are written in place, the rest of the text as it was.
      return edited
    }
    return DVCYAMLWriter.document(after)
  }

  /// The file's content with the outputs' new hashes (`Output.dumpd` through `apply_diff`).
  func updatedValue(with hashes: [DVCHashInfo]) -> DVCValue {
    var top = (root.value.entries ?? []).filter { $0.key != "md5" }
    guard let outsIndex = top.firstIndex(where: { $0.key == "outs" }), case .list(let outs) = top[outsIndex].value
    else { return .dict(top) }
    var updated: [DVCValue] = []
    for (position, out) in outs.enumerated() {
      guard position < hashes.count, var fields = out.entries else {
        updated.append(out)
        continue
      }
      let info = hashes[position]
      var wanted: [DVCValue.Entry] = [
        .init(key: "md5", value: .string(info.md5)), .init(key: "size", value: .int(info.size)),
      ]
      if let count = info.fileCount { wanted.append(.init(key: "nfiles", value: .int(count))) }
      if info.isExecutable, !info.isDirectory { wanted.append(.init(key: "isexec", value: .bool(true))) }
      wanted.append(.init(key: "hash", value: .string("md5")))
      let managed: Set<String> = ["md5", "size", "nfiles", "isexec", "hash"]
      let wantedKeys = Set(wanted.map(\.key))
      fields.removeAll { managed.contains($0.key) && !wantedKeys.contains($0.key) }
      for field in wanted {
        if let index = fields.firstIndex(where: { $0.key == field.key }) {
          fields[index].value = field.value
        } else {
          fields.append(field)
        }
      }
      updated.append(.dict(fields))
    }
    top[outsIndex].value = .list(updated)
    return .dict(top)
  }

  /// The text with each changed value written over the old one, when `after` has exactly the
  /// keys of the file (nil otherwise, or when the new text does not read back as `after`).
  private func editedInPlace(to after: DVCValue) -> String? {
    var edits: [(node: DVCNode, value: DVCValue)] = []
    func walk(_ node: DVCNode, _ value: DVCValue) -> Bool {
      switch (node.kind, value) {
      case (.dict(let x), .dict(let y)):
        guard x.map(\.key) == y.map(\.key) else { return false }
        return zip(x, y).allSatisfy { walk($0.value, $1.value) }
      case (.list(let x), .list(let y)):
        guard x.count == y.count else { return false }
        return zip(x, y).allSatisfy { walk($0, $1) }
      default:
        if node.isCollection || value.isCollection { return node.value == value }
        if node.value != value { edits.append((node, value)) }
        return true
      }
    }
    guard walk(root, after) else { return nil }
    let lines = LineIndex(text)
    var bytes = Array(text.utf8)
    let sorted = edits.compactMap { edit -> (Range<Int>, String)? in
      guard let extent = edit.node.extent,
        let literal = ValueLiterals.text(edit.value, format: .yaml, replacing: edit.node, in: text, lines: lines)
      else { return nil }
      return (lines.offset(of: extent.start)..<lines.offset(of: extent.end), literal)
    }
    guard sorted.count == edits.count else { return nil }
    for (range, literal) in sorted.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
      bytes.replaceSubrange(range, with: Array(literal.utf8))
    }
    let result = String(decoding: bytes, as: UTF8.self)
    guard (try? YAMLParamsReader().read(result, file: file))?.value == after else { return nil }
    return result
  }
}
