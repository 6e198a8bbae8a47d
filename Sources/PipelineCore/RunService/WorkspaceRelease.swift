/// Ends an isolated run's copy of the folder with the run: removed when the run succeeded (its
/// outputs, folders file by file, are in the cache); kept when it did not succeed, to look at
/// what went wrong. `gc` removes kept copies. Also tells when a step wrote into a file the copy
/// shares with the folder by hard link.
struct WorkspaceRelease: RunEventSubscriber {
  let copy: WorkspaceCopy
  let runID: Int
  let notes: RunNotes

  func handle(_ event: RunEvent) {
    guard case .runFinished(let summary) = event else { return }
    let written = copy.changedLinkedFiles()
    if !written.isEmpty {
      notes.add(
        "a step wrote into \(written.map { "'\($0)'" }.joined(separator: ", ")), shared with the pipeline's folder by"
          + " hard link (declared as an input): the folder's file changed too")
    }
    if summary.status != .ok {
      notes.add("run \(runID) did not succeed; its isolated copy is kept in \(copy.location) (gc removes it)")
      return
    }
    do { try FolderRemoval.remove(copy.location) } catch {
      notes.add("the isolated copy \(copy.location) could not be removed: \(error)")
    }
  }
}
