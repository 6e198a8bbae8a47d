#if canImport(Glibc)
  import Glibc
#endif

/// The folders a run makes beside a folder output to restore it from the cache
/// (`OUT.pipeshell-restore-PID`), journaled while they exist: a shell killed mid-restore
/// leaves one, and the next start removes it.
extension RestoreJournal {
  /// What a staging folder's name holds between the output's name and the process id.
  static let stagingMark = ".pipeshell-restore-"
  static let stagingSuffix = ".staging"

  /// Journals the staging folder at `location` (synced) before it is made; returns the entry's
  /// file, which the run removes once the folder is gone (renamed into place, or removed).
  func recordStaging(_ location: String) throws(FileError) -> String {
    try PosixFiles.makeFolders(folder, mode: 0o700)
    let marker = folder + "/" + ContentHasher.hash(location).prefix(32) + Self.stagingSuffix
    try PosixFiles.writeAtomically(Array(location.utf8), to: marker, mode: 0o600)
    return marker
  }

  /// Removes the staging folders of shells that are gone and forgets their entries; returns a
  /// note for each folder removed. A folder of a live shell is left to it.
  func removeAbandonedStaging() -> [String] {
    var notes: [String] = []
    for name in PosixFiles.names(in: folder).sorted() where name.hasSuffix(Self.stagingSuffix) {
      let marker = folder + "/" + name
      guard let location = FileText.read(marker), let owner = Self.stagingOwner(location) else {
        unlink(marker)
        continue
      }
      guard RunLock.ownerIsGone(pid: owner) else { continue }
      if PosixFiles.exists(location) {
        do {
          _ = try FolderRemoval.remove(location)
        } catch {
          notes.append("cannot remove \(location), a folder a killed shell left half-restored: \(error)")
          continue
        }
        notes.append("removed \(location), a folder a killed shell left half-restored")
      }
      unlink(marker)
    }
    return notes
  }

  /// The process id a staging folder's name ends with; nil for any other path, which is never
  /// removed.
  static func stagingOwner(_ location: String) -> pid_t? {
    guard location.hasPrefix("/"), !PathText.holdsNUL(location),
      let name = location.split(separator: "/").last, let mark = name.firstRange(of: stagingMark),
      mark.lowerBound > name.startIndex
    else { return nil }
    let digits = name[mark.upperBound...]
    guard !digits.isEmpty, digits.count <= 9, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let pid = pid_t(digits), pid > 0
    else { return nil }
    return pid
  }
}
