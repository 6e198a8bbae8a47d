import FuzzSupport
import PipelineCore

/// Params files: read as the shell reads `params.yaml` and `load --params` (YAML, bindings of
/// the fixture's parameters, secrets refused), then resolved as the `file` layer. Error
/// excerpts must not show the secret's value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParams(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  check(input.rest())
  return 0
}

private let known = Set(Fixture.pipeline.parameterNames)
private let path = Fixture.folder + "/params.yaml"

private func check(_ text: String) {
  let files = MemorySourceFiles([path: text])
  let read: ParamsFileBindings
  do {
    read = try PipeshellFormat.readParamsFile(path, pipeline: Fixture.pipeline, automatic: true, files: files)
  } catch {
    fuzzRequire(!error.diagnostics.isEmpty, "a read error without a diagnostic")
    SecretExcerpts.check(error.diagnostics, text: text, values: SecretExcerpts.inParams(text))
    return
  }
  for binding in read.bindings {
    fuzzRequire(known.contains(binding.name), "a binding of an undeclared name '\(binding.name)'")
    fuzzRequire(Fixture.pipeline.parameter(binding.name)?.isSecret == false, "a secret bound in a params file")
  }
  let snapshot = FuzzResolution.snapshot(FuzzResolution.input(Fixture.pipeline, fileBindings: read.bindings))
  _ = FuzzResolution.render(snapshot.problems, text: text, secretNames: ["token"])
  for resolved in snapshot.parameters.values { _ = resolved.value?.display }
}
