import FoundationEssentials
import PipelineCore
import PipelineShell
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The real DVC (3.67.1), for the tests that compare pipeshell with it. Found through
/// `PIPESHELL_DVC` (the `dvc` executable of a virtual environment) or at
/// `/work/venvs/dvc/bin/dvc` (made by `Scripts/setup-dvc`); tests that need it are skipped,
/// with this reason, where it is absent.
package enum DVCTool {
  package static let skipReason =
    "DVC is not installed: run Scripts/setup-dvc, or set PIPESHELL_DVC to a dvc executable"

  /// The `dvc` executable, when installed.
  package static let executable: String? = {
    let candidates = [ProcessInfo.processInfo.environment["PIPESHELL_DVC"], "/work/venvs/dvc/bin/dvc"]
    return candidates.compactMap { $0 }.first { access($0, X_OK) == 0 }
  }()

  package static var isAvailable: Bool { executable != nil }

  /// The Python interpreter beside `dvc`, which can import DVC's modules.
  package static var python: String? {
    executable.map { Paths.folder(of: $0) + "/python" }
  }

  /// The repository's root, found from this file's place.
  package static let repositoryRoot: String = {
    var path = #filePath
    for _ in 0..<4 { path = Paths.folder(of: path) }
    return path
  }()

  package static var oracleScript: String { repositoryRoot + "/Scripts/dvc-oracle/oracle.py" }

  /// Runs a shell script in a folder holding `files`, beside pipeshell (`$P`) and DVC (`$DVC`,
  /// its analytics and update checks off); returns the combined output.
  package static func script(_ script: String, files: [String: String]) throws -> String {
    let environment = ["DVC": executable ?? "dvc", "DVC_NO_ANALYTICS": "1", "DVC_NO_UPDATE_CHECK": "1"]
    return try ProcessScript().run(script, files: files, environment: environment, timeout: 120).output
  }

  /// Output of a command run by `/bin/sh -c` in `folder`.
  package struct Result {
    package var status: ProcessOutcome
    package var stdout: String
    package var stderr: String
  }

  /// Runs a shell command with a small, fixed environment (DVC's analytics and update checks off).
  package static func shell(_ command: String, in folder: String = "/tmp", stdin: String? = nil) -> Result {
    let out = Mutex<[UInt8]>([]), err = Mutex<[UInt8]>([])
    var full = command
    if let stdin {
      let path = folder + "/.oracle-stdin-\(UInt32.random(in: 0...UInt32.max))"
      // A file that could not be written makes the redirect below fail and name it.
      _ = FileManager.default.createFile(atPath: path, contents: Data(stdin.utf8))
      full = "(\(command)) < '\(path)'; status=$?; rm -f '\(path)'; exit $status"
    }
    let environment = [
      "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": folder, "DVC_NO_ANALYTICS": "1", "LANG": "C.UTF-8",
      "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
      "DVC_SITE_CACHE_DIR": folder + "/.dvc-site-cache",
    ]
    let outcome = PosixProcessLauncher().run(
      ProcessRequest(command: full, environment: environment, workingDirectory: folder, timeout: 300),
      started: { _ in }
    ) { stream, bytes in
      if stream == .stdout { out.withLock { $0 += bytes } } else { err.withLock { $0 += bytes } }
    }
    return Result(
      status: outcome, stdout: String(decoding: out.withLock { $0 }, as: UTF8.self),
      stderr: String(decoding: err.withLock { $0 }, as: UTF8.self))
  }

  /// Runs the oracle script with DVC's Python; one output line per argument.
  package static func oracle(_ command: String, _ arguments: [String], stdin: String? = nil) -> [String] {
    guard let python else { return [] }
    let quoted = arguments.map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
    let result = shell("'\(python)' '\(oracleScript)' \(command) \(quoted)", stdin: stdin)
    return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }
}
