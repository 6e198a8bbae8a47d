import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The stages of a large `foreach`/`matrix` group resolved on every core: each worker resolves a
/// run of consecutive items with its own copy of the loading state, and the runs are joined in
/// order, so the stages, their names and the first error are the same as one after another.
extension DVCLoading {
  /// Groups smaller than this are resolved on the calling thread.
  static let parallelThreshold = 512

  struct Chunk: Sendable {
    var stages: [DVCStage]
    var structural: [DVCValueSource]
  }

  mutating func generateInParallel(
    _ group: String, _ iterations: [Iteration], body: [DVCNode.Entry], at location: SourceLocation, context: DVCContext
  ) throws(DiagnosticError) -> [DVCStage] {
    let cores = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    let size = (iterations.count + cores - 1) / cores
    let ranges = stride(from: 0, to: iterations.count, by: size).map { $0..<min($0 + size, iterations.count) }
    let prototype = self
    let results = Mutex<[Int: Result<Chunk, DiagnosticError>]>([:])
    DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
      var worker = prototype
      worker.resolver.structural = []
      var local = context
      var stages: [DVCStage] = []
      stages.reserveCapacity(ranges[index].count)
      let outcome: Result<Chunk, DiagnosticError>
      do throws(DiagnosticError) {
        for iteration in iterations[ranges[index]] {
          local.item = iteration.item
          local.key = iteration.key.map { Self.local(.string($0), at: location) }
          stages.append(
            try worker.stage(
              "\(group)@\(iteration.suffix)", group: group, definition: body, at: location, context: local))
        }
        outcome = .success(Chunk(stages: stages, structural: worker.resolver.structural))
      } catch {
        outcome = .failure(error)
      }
      results.withLock { $0[index] = outcome }
    }
    var stages: [DVCStage] = []
    stages.reserveCapacity(iterations.count)
    let finished = results.withLock { $0 }
    for index in ranges.indices {
      guard let outcome = finished[index] else { continue }
      let chunk = try outcome.get()
      stages += chunk.stages
      resolver.structural += chunk.structural
    }
    return stages
  }
}
