/// The text of a data source's `.dvc` file once its outputs are saved, as `SingleStageFile.dump`
/// writes it: DVC re-reads the file with ruamel.yaml and applies the new values to it
/// (`apply_diff`), so keys keep their order, comments stay, a key DVC no longer writes goes
/// (a top-level `md5`; `nfiles` or `isexec` that no longer apply) and a new one is added at the
/// end of its mapping (`hash: md5` on a DVC 2 entry).
extension DVCDataSource {
  /// The new text, from the outputs' new hashes (one per output, in order).
  func updatedText(with hashes: [DVCHashInfo]) -> String {
    let before = root.value
    let after = updatedValue(with: hashes)
    if let edits = scalarEdits(from: before, to: after),
      let text = try? ParamsFileRewriter.rewrite(text, path: file, values: edits)
    {
      // Only values changed: they are written in place, the rest of the text as it was.
      return text
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
      var wanted: [DVCValue.Entry] = [.init(key: "md5", value: .string(info.md5)), .init(key: "size", value: .int(info.size))]
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

  /// The scalars that differ, by key path, when `after` has exactly the keys of `before`; nil
  /// when keys were added or removed (the file is then written anew, as DVC would lay it out).
  private func scalarEdits(from before: DVCValue, to after: DVCValue) -> [(ParameterKeyPath, DVCValue)]? {
    var edits: [(ParameterKeyPath, DVCValue)] = []
    func walk(_ a: DVCValue, _ b: DVCValue, _ path: [String]) -> Bool {
      switch (a, b) {
      case (.dict(let x), .dict(let y)):
        guard x.map(\.key) == y.map(\.key) else { return false }
        return zip(x, y).allSatisfy { walk($0.value, $1.value, path + [$0.key]) }
      case (.list(let x), .list(let y)):
        guard x.count == y.count else { return false }
        return zip(x, y).enumerated().allSatisfy { walk($1.0, $1.1, path + [String($0)]) }
      default:
        if a != b { edits.append((ParameterKeyPath(path), b)) }
        return !a.isCollection && !b.isCollection || a == b
      }
    }
    return walk(before, after, []) ? edits : nil
  }
}
