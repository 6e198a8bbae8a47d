import FoundationEssentials
import PipelineCore
import PipelineShell
import Synchronization

/// Runs a `/bin/sh` script in a fresh folder holding some files, with `$P` the built
/// `pipeshell` binary: for tests of the real binary as a user's shell script drives it.
package struct ProcessScript {
  package var binary: String

  package init(binary: String = TranscriptRunner.builtBinary()) { self.binary = binary }

  /// Runs `script`; returns its combined output (one pipe, so standard output and standard error
  /// stay in the order they were written) and exit status.
  package func run(
    _ script: String, files: [String: String] = [:], environment: [String: String] = [:], timeout: Double = 60
  ) throws -> (output: String, status: Int32) {
    let folder = try TemporaryFolder.make(prefix: "process")
    defer { TemporaryFolder.remove(folder) }
    for (name, text) in files {
      try FileManager.default.createDirectory(
        atPath: Paths.folder(of: folder + "/" + name), withIntermediateDirectories: true)
      _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8))
    }
    var variables = [
      "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": folder, "XDG_STATE_HOME": folder + "/state", "P": binary,
      "LANG": "C.UTF-8", "TMPDIR": folder,
    ]
    variables.merge(environment) { $1 }
    let collected = ByteCollector()
    let outcome = PosixProcessLauncher().run(
      ProcessRequest(
        command: "exec 2>&1\n" + script, environment: variables, workingDirectory: folder, timeout: timeout)
    ) { _, bytes in collected.append(bytes) }
    let status: Int32 = if case .exited(let code) = outcome { code } else { -1 }
    return (collected.text, status)
  }
}
