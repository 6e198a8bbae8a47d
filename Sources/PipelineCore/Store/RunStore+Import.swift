extension RunStore {
  /// Records finished runs in one transaction (a bulk import, such as a benchmark filling a
  /// large store); returns their new ids in order. Each record's `id` is ignored and its
  /// runs hold no lock. Secrets are checked as in `beginRun`: a secret parameter must carry
  /// a keyed digest, never its value.
  package func importRuns(_ runs: [RunRecord]) throws(StoreError) -> [Int] {
    for run in runs {
      for parameter in run.parameters where parameter.isSecret {
        guard ContentHasher.isDigest(parameter.fingerprintValue) else {
          throw .secretNotHashed(parameter: parameter.name)
        }
      }
    }
    return try write { (connection) throws(SQLiteError) in
      var ids: [Int] = []
      ids.reserveCapacity(runs.count)
      for run in runs {
        let new = NewRun(
          startedAt: run.startedAt, pipelineName: run.pipelineName, pipelineHash: run.pipelineHash,
          profile: run.profile, command: run.command, parentRunID: run.parentRunID,
          parameters: run.parameters)
        let id = try Self.insertRun(new, ownerPID: run.ownerPID, ownerLock: nil, into: connection)
        for step in run.steps {
          try Self.upsertStep(step, runID: id, into: connection)
        }
        _ = try Self.finish(
          runID: id, status: run.status, finishedAt: run.finishedAt ?? run.startedAt, in: connection)
        ids.append(id)
      }
      return ids
    }
  }
}
