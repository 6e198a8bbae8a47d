import FuzzSupport
import PipelineCore

/// Params files and profiles: YAML read into bindings of the fixture pipeline's parameters,
/// then resolved as the `file` layer (as the shell does for `params.yaml` and `load --params`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParams(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  check(input.rest())
  return 0
}

private let known = Set(Fixture.pipeline.parameterNames)

private func check(_ text: String) {
  let node: YAMLNode
  do {
    node = try YAMLReader().read(text, file: "params.yaml")
  } catch {
    fuzzRequire(!error.diagnostics.isEmpty, "a read error without a diagnostic")
    _ = FuzzResolution.render(error.diagnostics, text: text)
    return
  }
  var diagnostics: [Diagnostic] = []
  let read = BindingFileReader.bindings(in: node, known: known, context: "params.yaml", diagnostics: &diagnostics)
  _ = FuzzResolution.render(diagnostics, text: text)
  for binding in read {
    fuzzRequire(known.contains(binding.name), "a binding of an undeclared name '\(binding.name)'")
  }
  guard diagnostics.isEmpty else { return }
  let bindings = read.filter { Fixture.pipeline.parameter($0.name)?.isSecret == false }.map {
    Binding(name: $0.name, raw: .yaml($0.node), layer: .file, source: .paramsFile($0.node.location))
  }
  let snapshot = FuzzResolution.snapshot(FuzzResolution.input(Fixture.pipeline, fileBindings: bindings))
  _ = FuzzResolution.render(snapshot.problems, text: text)
  for (name, resolved) in snapshot.parameters {
    _ = resolved.value?.display
    if let value = resolved.value, bindings.last(where: { $0.name == name }) != nil, resolved.winner?.layer == .file {
      fuzzRequire(
        !value.containsSecret || resolved.spec.isSecret || !resolved.inputs.isEmpty,
        "\(name) became a secret from nothing")
    }
  }
}
