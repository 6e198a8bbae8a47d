import PipelineCore

/// Resolves and plans pipelines with fixed dynamic sources: the whole run path up to the
/// processes, with no command run and no file read.
package enum FuzzResolution {
  /// The session binding of `token`, read from `FUZZ_TOKEN` at resolution.
  package static let tokenBinding = Binding(
    name: "token", raw: .secretSource(.environment("FUZZ_TOKEN")), layer: .session,
    source: .command("secret token --from-env FUZZ_TOKEN", .commandLine))

  /// The resolution input of `pipeline` with the fixture environment and the given bindings.
  package static func input(
    _ pipeline: Pipeline, fileBindings: [Binding] = [], profile: String? = nil, sessionBindings: [Binding] = []
  ) -> ResolutionInput {
    ResolutionInput(
      pipeline: pipeline, fileBindings: fileBindings, profile: profile, environment: Fixture.environment,
      sessionBindings: sessionBindings)
  }

  /// Resolves `input` alone (as `params` and `explain` do).
  package static func snapshot(_ input: ResolutionInput) -> Snapshot {
    Resolver(sources: FixedSources(), input: input).resolve(input)
  }

  /// Resolves and plans `input` with one set of dynamic values, as a run starts.
  package static func plan(_ input: ResolutionInput) -> (Snapshot, Plan) {
    let dynamic = DynamicValues(sources: FixedSources(), environment: input.environment, folder: input.pipeline.folder)
    let (snapshots, plan) = RunPlanning(dynamic: dynamic, executor: nil).plan([input], stepEpochs: [:])
    return (snapshots[0], plan)
  }

  /// The fixture pipeline resolved with `token` bound, once: the values conditions see.
  package static let fixtureSnapshot = snapshot(input(Fixture.pipeline, sessionBindings: [tokenBinding]))

  /// Renders diagnostics as the shell does, with the source line from `text` (or none) and a
  /// caret; `secretNames` are the secret parameters the shell knows from its pipeline.
  package static func render(
    _ diagnostics: [Diagnostic], text: String?, secretNames: Set<String> = []
  ) -> String {
    DiagnosticRenderer(sourceText: { _ in text }, secretNames: secretNames).render(diagnostics)
  }
}
