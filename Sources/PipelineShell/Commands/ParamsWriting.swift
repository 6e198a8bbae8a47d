import PipelineCore

/// `params --write [NAME ...]`: the values the session resolves now (a `set`, a profile, an
/// environment variable) written into the params files they come from, for good, changing only
/// their text. Session values written this way are removed (the file holds them now), and the
/// pipeline is read again.
@MainActor
struct ParamsWriting {
  let context: CommandContext

  func write(names typed: [String]) throws(CommandError) {
    try PipelineLoading(context: context).reloadIfChanged()
    let pipeline = try context.session.requirePipeline()
    guard let support = pipeline.runSupport else {
      throw .rejected(
        "'params --write' writes into a DVC project's params files; this pipeline's values live in \(pipeline.file)",
        notes: ["edit params.yaml, or keep values with 'save FILE'"])
    }
    let parser = BindingParser(context: context)
    var names: [String] = []
    for name in typed { names.append(try parser.requireParameter(name).name) }
    let snapshot = try context.snapshot()
    if let problem = names.compactMap({ snapshot.parameters[$0]?.problem }).first { throw .invalid([problem]) }
    let candidates = names.isEmpty ? pipeline.parameterNames : names
    var values: [(name: String, value: Value)] = []
    for name in candidates {
      guard let resolved = snapshot.parameters[name], let value = resolved.value, let winner = resolved.winner,
        winner.layer != .file
      else { continue }
      if resolved.isSecret {
        throw .rejected("'\(name)' is a secret; pipeshell never writes a secret into a params file")
      }
      values.append((name, value))
    }
    guard !values.isEmpty else {
      context.output.line("nothing to write: every value\(names.isEmpty ? "" : " named") is the file's")
      return
    }
    let written: [(file: String, names: [String])]
    do { written = try support.writeValues(values) } catch { throw .invalid(error.diagnostics) }
    let loading = PipelineLoading(context: context)
    for (file, names) in written {
      context.output.line("wrote \(names.joined(separator: ", ")) into \(loading.displayPath(file))")
    }
    let notWritten = values.map(\.name).filter { name in !written.contains { $0.names.contains(name) } }
    if !notWritten.isEmpty {
      context.output.writeError("note: \(notWritten.joined(separator: ", ")) come from no params file; not written\n")
    }
    for (_, names) in written {
      for name in names where context.session.unbind(name) {
        context.output.line(context.style.dim("removed the session value of \(name) (the file holds it now)"))
      }
    }
    try loading.reloadIfChanged(quietly: true)
  }
}
