/// What an export of a DVC project must know: every value of a params file is read by the
/// stages from the file on the shared volume (not from the workflow), and `DVC_ROOT` names the
/// repository's folder on this machine.
extension DVCRunSupport {
  package var exportFacts: ExportFacts {
    var values: [String: ExportFacts.FileValue] = [:]
    for (file, entries) in files {
      guard let loaded = project.paramsFile(file) else { continue }
      for entry in entries where values[entry.parameter] == nil {
        guard let value = loaded.node(at: entry.path)?.value else { continue }
        values[entry.parameter] = ExportFacts.FileValue(file: file, value: Value(value))
      }
    }
    return ExportFacts(valuesReadFromFiles: values, folderVariables: ["DVC_ROOT": root])
  }
}
