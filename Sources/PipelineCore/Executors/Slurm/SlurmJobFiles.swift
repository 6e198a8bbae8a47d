import Glibc

/// The files of pipeshell's Slurm jobs, in one owner-only (0700) folder under the pipeline's
/// `.pipeshell/slurm/`, which the nodes must see at the same path (a shared file system):
///
/// - `run<RUN>.<STEP>.<ATTEMPT>.<random>.sh`: the batch script, removed as soon as sbatch has
///   read it (Slurm keeps its own copy). It holds no secret: the step's command reaches the job
///   in its environment, like every other value.
/// - `job-<ID>.out` and `job-<ID>.err`: what the job prints, written by Slurm unmasked, read
///   while the job runs and removed when the attempt ends.
struct SlurmJobFiles: Sendable {
  /// The environment variable that carries the step's command into the job.
  static let commandVariable = "PIPESHELL_SLURM_COMMAND"

  let folder: String

  private init(absolute folder: String) { self.folder = folder }

  /// Creates `folder` (and its parents) when missing, makes it owner-only and returns the files
  /// in it by its absolute path, which must hold no `%` or `\\` (sbatch would read those in
  /// `--output` as a pattern).
  static func prepare(_ folder: String) throws(SlurmProblem) -> SlurmJobFiles {
    do { try PosixFiles.makeFolders(folder, mode: 0o700) } catch { throw .file(error) }
    guard chmod(folder, 0o700) == 0 else { throw .file(.current(.write, path: folder)) }
    guard let absolute = SlurmExecutor.absolutePath(folder) else { throw .file(.current(.inspect, path: folder)) }
    guard !absolute.contains("%"), !absolute.contains("\\") else {
      throw .unusablePath(absolute, reason: "sbatch reads '%' and '\\' in an output path as a pattern")
    }
    return SlurmJobFiles(absolute: absolute)
  }

  /// The `--output`/`--error` pattern: Slurm puts the job id in place of `%j`.
  func pattern(_ stream: OutputStream) -> String { folder + "/job-%j" + Self.suffix(stream) }

  /// Where job `jobID` writes `stream`.
  func path(_ stream: OutputStream, jobID: String) -> String { folder + "/job-" + jobID + Self.suffix(stream) }

  private static func suffix(_ stream: OutputStream) -> String { stream == .stdout ? ".out" : ".err" }

  /// Writes the batch script for one attempt and returns its path.
  func writeScript(runID: Int, step: String, attempt: Int, workingDirectory: String) throws(SlurmProblem) -> String {
    let stem = "run\(runID).\(Self.safeName(step)).\(attempt)"
    var template = Array("\(folder)/\(stem).XXXXXX".utf8CString)
    let fd = mkstemp(&template)
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    guard fd >= 0 else { throw .file(.current(.open, path: path)) }
    let file = OpenFile(adopting: fd, path: path)
    do { try file.write(Array(Self.script(step: step, workingDirectory: workingDirectory).utf8)) } catch {
      throw .file(error)
    }
    return path
  }

  /// The batch script: enter the working folder (Slurm would run the job in /tmp if it could
  /// not), then run the command from the environment with `/bin/sh -c`, as a local step runs.
  static func script(step: String, workingDirectory: String) -> String {
    """
    #!/bin/sh
    # pipeshell step \(safeName(step)). The command arrives in \(commandVariable), so that this
    # file, which Slurm keeps, never holds a secret.
    cd \(SlurmTools.quoted(workingDirectory)) || exit 126
    pipeshell_command=$\(commandVariable)
    unset \(commandVariable)
    exec /bin/sh -c "$pipeshell_command"

    """
  }

  /// Removes both output files of a job; a file already gone is fine.
  func removeOutputs(jobID: String) {
    for stream in [OutputStream.stdout, .stderr] { unlink(path(stream, jobID: jobID)) }
  }

  /// A step name as it may appear in file and job names: letters, digits, `_`, `-` and `.`
  /// kept, anything else as `_`, at most 60 characters.
  static func safeName(_ name: String) -> String {
    String(name.prefix(60).map { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) ? $0 : "_" })
  }
}
