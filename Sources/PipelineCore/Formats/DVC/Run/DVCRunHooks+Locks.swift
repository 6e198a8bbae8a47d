/// The paths of a stage in DVC's stage lock table, as `dvc repro` locks them around a stage
/// (`@rwlocked(read=["deps"], write=["outs"])` on `Stage.reproduce`).
extension DVCRunHooks {
  /// Takes DVC's locks for the stage; DVC's message when another process holds one.
  func takeLocks(for step: PlannedStep, stage: DVCStage) -> String? {
    guard let locks else { return nil }
    let paths = Self.lockedPaths(
      of: DVCStageAsRun.make(stage, step: step, layout: support.commandLayouts[step.name], root: support.root),
      absolute: locks.absolute)
    return locks.begin(step.name, read: paths.read, write: paths.write)
  }

  /// Absolute paths of the dependencies (params files included) and outputs (metrics and plots
  /// included), in DVC's order. Dependencies on other repositories or remote URLs are not
  /// files of this one: DVC leaves imports out, and a URL names no local path.
  static func lockedPaths(of stage: DVCStage, absolute: (String) -> String) -> (read: [String], write: [String]) {
    let deps = stage.deps.map(\.path).filter { !$0.contains("://") } + stage.params.map(\.file)
    return (
      deps.map { absolute(stage.projectPath($0)) },
      stage.outs.map { absolute(stage.projectPath($0.path.path)) }
    )
  }
}

extension DVCRunHooks {
  /// Before a stage is looked at, the data sources it depends on are reproduced, as `dvc repro`
  /// reproduces them before it; DVC's message when one fails. A frozen stage's dependencies are
  /// not followed (`get_active_graph`), so neither are its data sources.
  func reproduceDataSources(for step: PlannedStep, stage: DVCStage) -> String? {
    guard let dataSources, !stage.frozen else { return nil }
    let ran = DVCStageAsRun.make(stage, step: step, layout: support.commandLayouts[step.name], root: support.root)
    let paths = ran.deps.map(\.path).filter { !$0.contains("://") }.map {
      DVCPath.resolve(ran.projectPath($0), in: support.folder)
    }
    return dataSources.reproduce(forDependencies: paths)
  }
}
