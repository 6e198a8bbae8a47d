/// `params --write`: values into the params files for good, as a run writes them for a stage
/// (only their text changes: comments, order and layout stay), but left there.
extension DVCRunSupport {
  package func writeValues(_ values: [(name: String, value: Value)]) throws(DiagnosticError) -> [(
    file: String, names: [String]
  )] {
    var written: [(file: String, names: [String])] = []
    for (file, entries) in files {
      let wanted = values.compactMap { value in entries.first { $0.parameter == value.name }.map { ($0, value.value) } }
      guard !wanted.isEmpty else { continue }
      let path = DVCPath.normalize(folder + "/" + file)
      guard let bytes = RestoreJournal.readBytes(path) else {
        throw DiagnosticError(Diagnostic("cannot read '\(path)' to write values into it"))
      }
      let text = String(decoding: bytes, as: UTF8.self)
      let parsed = try ParamsFileReader.parse(text, path: file)
      var changes: [(ParameterKeyPath, DVCValue)] = []
      var names: [String] = []
      for (entry, value) in wanted {
        if case .secret = value {
          throw DiagnosticError(
            Diagnostic("'\(entry.parameter)' holds a secret, which pipeshell never writes into \(file)"))
        }
        guard let old = parsed.node(at: entry.path)?.value else {
          throw DiagnosticError(Diagnostic("\(file) no longer has '\(entry.parameter)'; reload the project first"))
        }
        let new = DVCValue(value, shapedLike: old)
        if new == old { continue }
        changes.append((entry.path, new))
        names.append(entry.parameter)
      }
      guard !changes.isEmpty else { continue }
      let rewritten: String
      do { rewritten = try ParamsFileRewriter.rewrite(text, path: file, values: changes) } catch {
        throw DiagnosticError(error.diagnostic)
      }
      do { try RestoreJournal.overwrite(path, with: Array(rewritten.utf8)) } catch {
        throw DiagnosticError(Diagnostic("\(error)"))
      }
      written.append((path, names))
    }
    return written
  }
}
