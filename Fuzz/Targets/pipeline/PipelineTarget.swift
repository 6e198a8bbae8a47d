import FuzzSupport
import PipelineCore

/// Pipeline files: load (YAML, model, every validation rule), render the diagnostics with
/// their source lines, and resolve and plan what loads, with every profile.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  check(input.rest())
  return 0
}

private func check(_ text: String) {
  let pipeline: Pipeline
  do {
    let (loaded, warnings) = try PipelineLoader().load(text: text, file: "pipeline.yaml", folder: Fixture.folder)
    _ = FuzzResolution.render(warnings, text: text)
    pipeline = loaded
  } catch {
    fuzzRequire(error.diagnostics.contains { $0.severity == .error }, "load failed without an error")
    SecretExcerpts.check(error.diagnostics, text: text, values: SecretExcerpts.inPipeline(text))
    return
  }
  let secrets = pipeline.parameters.filter(\.isSecret).map {
    Binding(
      name: $0.name, raw: .secretSource(.environment("FUZZ_TOKEN")), layer: .session,
      source: .command("secret", .commandLine))
  }
  for profile in [nil] + pipeline.profiles.map(\.name) {
    let (snapshot, plan) = FuzzResolution.plan(
      FuzzResolution.input(pipeline, profile: profile, sessionBindings: secrets))
    _ = FuzzResolution.render(snapshot.problems + snapshot.warnings + plan.problems, text: text)
    for step in plan.steps { _ = (step.declaredEnvironment, step.command.masked) }
  }
}
