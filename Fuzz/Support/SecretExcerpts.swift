import PipelineCore

/// Checks that error excerpts never show a secret's value written in the file they quote:
/// a secret parameter's `default:` in a pipeline, or a secret's value in a params file.
package enum SecretExcerpts {
  /// Secret values written in a pipeline file: scalar defaults of parameters whose type is
  /// `secret`.
  package static func inPipeline(_ text: String) -> [String] {
    guard let root = try? YAMLReader().read(text, file: "pipeline.yaml") else { return [] }
    let params = root.pairs?.first { $0.key.scalar == "params" }?.value.pairs ?? []
    return params.compactMap { pair in
      guard let keys = pair.value.pairs,
        keys.contains(where: { $0.key.scalar == "type" && $0.value.scalar == "secret" })
      else { return nil }
      return keys.first { $0.key.scalar == "default" }?.value.scalar
    }
  }

  /// Secret values written in a params file of the fixture: scalars bound to `token`.
  package static func inParams(_ text: String) -> [String] {
    guard let root = try? YAMLReader().read(text, file: "params.yaml") else { return [] }
    return (root.pairs ?? []).compactMap { $0.key.scalar == "token" ? $0.value.scalar : nil }
  }

  /// Renders `diagnostics` with the file's lines (as the shell shows them), and fails when
  /// that shows one of `values` that the
  /// messages and notes alone do not (so the excerpt showed it). Only values that can be told
  /// apart are checked: four characters or more, on one line, written once in the file.
  package static func check(
    _ diagnostics: [Diagnostic], text: String, values: [String], secretNames: Set<String> = []
  ) {
    let checked = values.filter { value in
      value.count >= 4 && !value.contains("\n") && text.ranges(of: value).count == 1
    }
    let shown = FuzzResolution.render(diagnostics, text: text, secretNames: secretNames)
    guard !checked.isEmpty else { return }
    let bare = FuzzResolution.render(diagnostics, text: nil, secretNames: secretNames)
    for value in checked where shown.contains(value) && !bare.contains(value) {
      fuzzRequire(false, "an excerpt shows the secret \(fuzzShow(value)):\n\(shown)")
    }
  }
}

/// Source files in memory, for the pipeline formats.
package struct MemorySourceFiles: SourceFiles {
  package var files: [String: String]

  package init(_ files: [String: String]) { self.files = files }

  package func text(_ path: String, shownAs: String) throws(DiagnosticError) -> String {
    guard let text = files[path] else { throw DiagnosticError(Diagnostic("no such file: '\(shownAs)'")) }
    return text
  }

  package func exists(_ path: String) -> Bool { files[path] != nil }

  package func shown(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
