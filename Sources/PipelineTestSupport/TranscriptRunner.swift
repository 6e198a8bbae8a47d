import FoundationEssentials
import Glibc
import PipelineCore
import PipelineShell
import Synchronization

/// Runs a transcript against the built `pipeshell` binary in a fresh folder with its own
/// HOME and XDG folders, and returns the combined output lines and exit status.
package struct TranscriptRunner {
  package var binary: String

  package init(binary: String = TranscriptRunner.builtBinary()) { self.binary = binary }

  /// The `pipeshell` binary next to the running test bundle.
  package static func builtBinary() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let exe = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
    var folder = String(exe[..<(exe.lastIndex(of: "/") ?? exe.endIndex)])
    while !folder.isEmpty, !FileManager.default.fileExists(atPath: folder + "/pipeshell") {
      guard let slash = folder.lastIndex(of: "/") else { break }
      folder = String(folder[..<slash])
    }
    return folder + "/pipeshell"
  }

  /// Runs the transcript; returns output lines and the exit status.
  package func run(_ transcript: Transcript) throws -> (lines: [String], status: Int32) {
    let folder = try TemporaryFolder.make(prefix: "transcript-\(transcript.name)")
    defer { TemporaryFolder.remove(folder) }
    for file in transcript.files {
      let path = folder + "/" + file.name
      try FileManager.default.createDirectory(atPath: Paths.folder(of: path), withIntermediateDirectories: true)
      _ = FileManager.default.createFile(atPath: path, contents: Data(file.text.utf8))
      if file.name.hasSuffix(".sh") { chmod(path, 0o755) }
    }
    let scriptPath = folder + "/" + transcript.name + ".psh"
    _ = FileManager.default.createFile(atPath: scriptPath, contents: Data(transcript.script.utf8))
    let args = transcript.arguments.map(Self.quote).joined(separator: " ")
    let command =
      transcript.viaStandardInput
      ? "exec \(Self.quote(binary)) \(args) < \(Self.quote(scriptPath)) 2>&1"
      : "exec \(Self.quote(binary)) \(args) -f \(Self.quote(transcript.name + ".psh")) 2>&1"
    var environment = [
      "HOME": folder + "/home", "XDG_STATE_HOME": folder + "/state", "XDG_CONFIG_HOME": folder + "/config",
      "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TMPDIR": folder, "USER": "tester",
    ]
    environment.merge(transcript.environment) { $1 }
    let collected = ByteCollector()
    let outcome = PosixProcessLauncher().run(
      ProcessRequest(command: command, environment: environment, workingDirectory: folder, timeout: 120)
    ) { _, bytes in collected.append(bytes) }
    var text = collected.text.replacingOccurrences(folder + "/", with: "")
    text = text.replacingOccurrences(folder, with: ".")
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let status: Int32 = if case .exited(let code) = outcome { code } else { -1 }
    return (lines, status)
  }

  static func quote(_ s: String) -> String { "'" + s.replacingOccurrences("'", with: "'\\''") + "'" }
}

extension String {
  func replacingOccurrences(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

/// Collects a child's output from the launcher's callback.
final class ByteCollector: Sendable {
  private let bytes = Mutex<[UInt8]>([])
  func append(_ more: [UInt8]) { bytes.withLock { $0 += more } }
  var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
}

/// Temporary folders for tests.
package enum TemporaryFolder {
  /// Creates a new empty folder under the system temp folder.
  package static func make(prefix: String) throws -> String {
    let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    var template = Array("\(base)/pipeshell-\(prefix)-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw TemporaryFolderError.cannotCreate
    }
    return String(cString: made)
  }

  /// Removes a folder and everything in it.
  package static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

  package enum TemporaryFolderError: Error { case cannotCreate }
}
