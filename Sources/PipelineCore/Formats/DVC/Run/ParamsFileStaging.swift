/// The params files of a DVC project as a run shows them to its stages: before a stage runs,
/// each file whose values differ in the run (a `set`, a profile, a run override, a sweep point)
/// gets the run's values written in (only their text changes, `ParamsFileRewriter`), journaled
/// first so that a killed shell's next start puts it back (`RestoreJournal`); after the stage,
/// the user's bytes, mode and times are put back. Stages running at once share what is written.
struct ParamsFileStaging {
  /// A file holding the run's values now.
  private struct Staged {
    var original: [UInt8]
    var written: [UInt8]
    var file: ParamsFile
    var entry: RestoreJournal.Entry?
    /// The steps that need it as it is.
    var users: Set<String>
  }

  /// What a file must hold for one binding set: the bytes it held, and the bytes with the
  /// set's values (nil when they are the same).
  private struct Wanted {
    var original: [UInt8]
    var written: [UInt8]?
    var file: ParamsFile?
  }

  let support: DVCRunSupport
  let workspace: any Workspace
  /// Nil for a run in an isolated copy (the copy is thrown away; nothing to put back later).
  let journal: RestoreJournal?
  private var staged: [String: Staged] = [:]
  private var wanted: [Int: [String: Wanted]] = [:]
  private var byStep: [String: [String]] = [:]

  init(support: DVCRunSupport, workspace: any Workspace, journal: RestoreJournal?) {
    self.support = support
    self.workspace = workspace
    self.journal = journal
  }

  /// Writes the values of `snapshot` into the files for `step`; a message when it cannot.
  mutating func stage(for step: String, snapshot: Snapshot, epoch: Int) -> String? {
    for (file, values) in support.files {
      let path = location(file)
      let want: Wanted
      switch wantedContent(file, values: values, snapshot: snapshot, epoch: epoch, path: path) {
      case .success(let w): want = w
      case .failure(let failure): return failure.message
      }
      if var current = staged[file] {
        let desired = want.written ?? want.original
        if current.written != desired {
          // Another binding set's stage holds it: the later one wins (they cannot both see theirs).
          if let message = write(desired, to: path, original: current.original, entry: &current.entry) {
            return message
          }
          current.written = desired
          current.file = want.file ?? current.file
        }
        current.users.insert(step)
        staged[file] = current
      } else if let written = want.written, let parsed = want.file {
        var entry: RestoreJournal.Entry?
        if let message = write(written, to: path, original: want.original, entry: &entry) { return message }
        staged[file] = Staged(original: want.original, written: written, file: parsed, entry: entry, users: [step])
      } else {
        continue
      }
      byStep[step, default: []].append(file)
    }
    return nil
  }

  /// Puts back the files `step` used once no other stage uses them; returns notes.
  mutating func release(_ step: String) -> [String] {
    var notes: [String] = []
    for file in byStep.removeValue(forKey: step) ?? [] {
      guard var current = staged[file] else { continue }
      current.users.remove(step)
      if current.users.isEmpty {
        staged[file] = nil
        if let note = restore(file, current) { notes.append(note) }
      } else {
        staged[file] = current
      }
    }
    return notes
  }

  /// Puts back every file still holding the run's values (the run ended).
  mutating func releaseAll() -> [String] {
    let all = staged
    staged = [:]
    byStep = [:]
    return all.sorted { $0.key < $1.key }.compactMap { restore($0.key, $0.value) }
  }

  /// The params files as they are on disk now (those holding the run's values as written). A
  /// params file that a stage writes (a tuning stage's `best.json`) is read again: DVC reads
  /// the values a stage ran with when it records the stage, after the stage that writes them.
  func currentFiles() -> [String: ParamsFile] {
    var files = Dictionary(support.project.paramsFiles.map { ($0.path, $0) }, uniquingKeysWith: { _, last in last })
    for path in support.writtenParamsFiles where staged[path] == nil {
      let bytes = RestoreJournal.readBytes(DVCPath.join(support.folder, path))
      files[path] = bytes.flatMap { try? ParamsFileReader.parse(String(decoding: $0, as: UTF8.self), path: path) }
    }
    for (path, current) in staged { files[path] = current.file }
    return files
  }

  private func location(_ file: String) -> String {
    workspace.location(of: DVCPath.normalize(support.folder + "/" + file))
  }

  /// What the file must hold for the binding set (worked out once per set, while the file on
  /// disk stays as it was).
  private mutating func wantedContent(
    _ file: String, values: [(path: ParameterKeyPath, parameter: String)], snapshot: Snapshot, epoch: Int,
    path: String
  ) -> Result<Wanted, StagingFailure> {
    let onDisk = staged[file]?.original ?? RestoreJournal.readBytes(path)
    if let known = wanted[epoch]?[file], let onDisk, known.original == onDisk { return .success(known) }
    guard let original = onDisk else { return .success(Wanted(original: [], written: nil)) }
    let text = String(decoding: original, as: UTF8.self)
    let parsed: ParamsFile
    do { parsed = try ParamsFileReader.parse(text, path: file) } catch {
      return .failure(
        StagingFailure(
          "cannot read \(file) to write the run's values into it: \(error.diagnostics.first?.message ?? "")"))
    }
    var changes: [(ParameterKeyPath, DVCValue)] = []
    // In a file a stage writes, a value as the file held it when the project loaded is older
    // than the file: only a value the user gave (a `set`, a profile, a run override) goes in.
    let written = support.writtenParamsFiles.contains(file)
    for (keyPath, name) in values {
      guard let resolved = snapshot.parameters[name], let value = resolved.value,
        let old = parsed.node(at: keyPath)?.value, !written || resolved.winner?.layer != .file
      else { continue }
      let new = DVCValue(value, shapedLike: old)
      if new == old { continue }
      // Checked when the run is planned too; never written, whatever happens.
      if resolved.isSecret {
        return .failure(StagingFailure("'\(name)' holds a secret, which pipeshell never writes into \(file)"))
      }
      changes.append((keyPath, new))
    }
    var want = Wanted(original: original, written: nil)
    if !changes.isEmpty {
      do {
        let rewritten = try ParamsFileRewriter.rewrite(text, path: file, values: changes)
        want.written = Array(rewritten.utf8)
        want.file = try ParamsFileReader.parse(rewritten, path: file)
      } catch let problem as ParamsFileRewriter.Problem {
        return .failure(StagingFailure("cannot write the run's values into \(file): \(problem.diagnostic.message)"))
      } catch {
        return .failure(StagingFailure("cannot write the run's values into \(file): \(error)"))
      }
    }
    wanted[epoch, default: [:]][file] = want
    return .success(want)
  }

  /// Writes `bytes` over the file, journaled first (the journal says what it held before).
  private func write(_ bytes: [UInt8], to path: String, original: [UInt8], entry: inout RestoreJournal.Entry?)
    -> String?
  {
    do {
      if let journal { entry = try journal.record(path, original: original, written: bytes) }
      try RestoreJournal.overwrite(path, with: bytes)
      return nil
    } catch {
      return "cannot write the run's values into \(path): \(error)"
    }
  }

  private func restore(_ file: String, _ current: Staged) -> String? {
    if let entry = current.entry, let journal { return journal.restore(entry) }
    do {
      try RestoreJournal.overwrite(location(file), with: current.original)
      return nil
    } catch {
      return "cannot put back \(file): \(error)"
    }
  }
}

/// Why a params file cannot show a stage the run's values.
struct StagingFailure: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
