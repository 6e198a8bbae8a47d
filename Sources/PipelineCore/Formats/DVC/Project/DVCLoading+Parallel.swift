/// The stages of a large `foreach`/`matrix` group resolved on every core: each worker resolves a
/// run of consecutive items with its own copy of the loading state, and the runs are joined in
/// order, so the stages, their names and the first error are the same as one after another.
extension DVCLoading {
  /// Groups smaller than this are resolved on the calling thread.
  static let parallelThreshold = ParallelChunks.threshold

  /// The most values of a context each worker gets a copy of.
  static let largestCopiedContext = 10_000

  struct Chunk: Sendable {
    var stages: [DVCStage]
    var structural: [DVCValueSource]
  }

  mutating func generateInParallel(
    _ group: String, _ iterations: Iterations, body: [DVCNode.Entry], at location: SourceLocation, context: DVCContext
  ) throws(DiagnosticError) -> [DVCStage] {
    let prototype = self
    // A context of a few thousand values is copied for each worker; a larger one (params files
    // may hold millions) is shared, as copying it would cost more memory than sharing costs time.
    let copiesContext = context.valueCount(upTo: Self.largestCopiedContext) < Self.largestCopiedContext
    let outcomes = ParallelChunks.map(iterations.count) { range -> Result<Chunk, DiagnosticError> in
      var worker = prototype
      worker.resolver.structural = []
      worker.resolver.forgetCompiled()
      var local = copiesContext ? context.unshared : context
      let body = body.map(\.unshared)
      var stages: [DVCStage] = []
      stages.reserveCapacity(range.count)
      do throws(DiagnosticError) {
        for index in range {
          let iteration = iterations[index]
          local.item = iteration.item
          local.key = iteration.key.map { Self.local(.string($0), at: location) }
          stages.append(
            try worker.stage(
              "\(group)@\(iteration.suffix)", group: group, definition: body, at: location, context: local))
        }
        return .success(Chunk(stages: stages, structural: worker.resolver.structural))
      } catch {
        return .failure(error)
      }
    }
    var stages: [DVCStage] = []
    stages.reserveCapacity(iterations.count)
    for outcome in outcomes {
      let chunk = try outcome.get()
      stages += chunk.stages
      resolver.structural += chunk.structural
    }
    return stages
  }
}
