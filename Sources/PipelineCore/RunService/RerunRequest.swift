/// Builds the request that reruns an earlier run: its bindings, each layer as it was (every
/// binding set, when values changed while it was paused), replayed with the new overrides on
/// top, so every derived value is derived again; its dynamic values pinned; secrets from the
/// session (credentials are the user's now, not the run's: a recorded secret source is used only
/// when the session binds that secret no more). Runs recorded before bindings were kept fall
/// back to their recorded values.
package enum RerunRequest {
  /// The request, and notes for the user (a changed pipeline, a secret to bind again).
  package static func make(
    base: RunRecord, epochs: [RunStore.RecordedEpoch], current: ResolutionInput, tweaks: [Binding], command: String,
    jobs: Int
  ) -> (RunRequest, notes: [String]) {
    var notes: [String] = []
    if base.pipelineHash != current.pipeline.sourceHash {
      notes.append("the pipeline file changed since run \(base.id); its defaults and steps are today's")
    }
    var inputs: [ResolutionInput]
    if epochs.isEmpty {
      inputs = [fallbackInput(base, current: current, tweaks: tweaks)]
    } else {
      inputs = epochs.map { replay($0, base: base, current: current, tweaks: tweaks, notes: &notes) }
    }
    var request = RunRequest(input: inputs[0], command: command, jobs: jobs)
    request.epochs = inputs
    for step in base.steps where step.state != .pending { request.stepEpochs[step.name] = step.epoch }
    request.pinnedDynamicValues = base.dynamicValues
    request.parentRunID = base.id
    request.compareWith = base
    return (request, notes)
  }

  /// One recorded binding set as a resolution input, with `tweaks` replacing run values.
  private static func replay(
    _ epoch: RunStore.RecordedEpoch, base: RunRecord, current: ResolutionInput, tweaks: [Binding], notes: inout [String]
  ) -> ResolutionInput {
    var byLayer: [Layer: [Binding]] = [:]
    let sessionSecrets = (current.sessionBindings + current.runOverrides).filter(\.isSecretValue)
    for entry in epoch.entries {
      switch entry {
      case .binding(let binding) where binding.isSecretValue:
        let now = sessionSecrets.last { $0.name == binding.name } ?? binding
        byLayer[now.layer, default: []].append(now)
      case .binding(let binding):
        byLayer[binding.layer, default: []].append(binding)
      case .secret(let name, let layer, _):
        if let now = sessionSecrets.last(where: { $0.name == name }) {
          byLayer[now.layer, default: []].append(now)
        } else if layer == .environment, let now = current.environmentBindings.first(where: { $0.name == name }) {
          byLayer[.environment, default: []].append(now)
        } else if !notes.contains(where: { $0.contains("'\(name)'") }) {
          notes.append("secret '\(name)' was bound in run \(base.id) but is not bound now; bind it with 'secret \(name)'")
        }
      }
    }
    let tweaked = Set(tweaks.map(\.name))
    var input = current
    input.fileBindings = byLayer[.file] ?? []
    input.profile = base.profile
    input.recordedProfileBindings = byLayer[.profile] ?? []
    input.recordedEnvironmentBindings = byLayer[.environment] ?? []
    input.sessionBindings = byLayer[.session] ?? []
    input.runOverrides = (byLayer[.run] ?? []).filter { !tweaked.contains($0.name) } + tweaks
    return input
  }

  /// For a run recorded before bindings were kept: its recorded values that differ from what
  /// the session resolves to now, as run values (derived values then stay as recorded).
  private static func fallbackInput(_ base: RunRecord, current: ResolutionInput, tweaks: [Binding]) -> ResolutionInput {
    let tweaked = Set(tweaks.map(\.name))
    var pinned: [Binding] = []
    for record in base.parameters where !record.isSecret && record.isSet && !tweaked.contains(record.name) {
      guard let spec = current.pipeline.parameter(record.name), !spec.isSecret else { continue }
      let text: String
      switch record.typedValue {
      case .string(let s)?: text = s
      case let value?: text = value.literal
      case nil: text = record.fingerprintValue
      }
      pinned.append(
        Binding(
          name: record.name, raw: .text(text.replacingOccurrences(of: "${", with: "$${")), layer: .run,
          source: .command("as in run \(base.id)", .commandLine)))
    }
    var input = current
    input.runOverrides = pinned + tweaks
    return input
  }
}

extension Binding {
  /// True for a secret bound by value or by source.
  var isSecretValue: Bool {
    switch raw {
    case .secret, .secretSource: return true
    default: return false
    }
  }
}

extension String {
  /// The text with every occurrence of `target` replaced.
  package func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
