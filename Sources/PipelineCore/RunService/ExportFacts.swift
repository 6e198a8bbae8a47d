/// What a format knows that an exporter (Argo) needs to write a workflow that does what a local
/// run does, without the exporter knowing the format: the parameters whose values the steps
/// read from files themselves (DVC's params files), which a workflow cannot change by passing
/// another value, and the environment variables the format sets to a folder of this machine
/// (`DVC_ROOT`), which must name the folder where the workflow's containers see it.
package struct ExportFacts: Sendable, Hashable {
  /// A value as it is in the file a step reads it from.
  package struct FileValue: Sendable, Hashable {
    /// The file, relative to the pipeline's folder.
    package var file: String
    /// The value written in it (as loaded).
    package var value: Value

    package init(file: String, value: Value) {
      self.file = file
      self.value = value
    }
  }

  /// By parameter name: the values the steps read from files themselves.
  package var valuesReadFromFiles: [String: FileValue]
  /// By variable name: the absolute local folder the format sets the variable to.
  package var folderVariables: [String: String]

  package init(valuesReadFromFiles: [String: FileValue] = [:], folderVariables: [String: String] = [:]) {
    self.valuesReadFromFiles = valuesReadFromFiles
    self.folderVariables = folderVariables
  }
}

extension PipelineRunSupport {
  /// None: the steps read their values from the workflow alone.
  package var exportFacts: ExportFacts { ExportFacts() }
}
