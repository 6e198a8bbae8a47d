import Glibc
import Synchronization

/// Dynamic sources on the real machine: `${cmd:}` through the process launcher (with the
/// shell's environment), `${file:}` and `must_exist` on the disk.
package struct LocalDynamicSources: DynamicSources {
  package var launcher: any ProcessLauncher
  package var environment: [String: String]
  /// Seconds a `${cmd:}` may take.
  package var timeout: Double = 30

  package init(launcher: any ProcessLauncher, environment: [String: String]) {
    self.launcher = launcher
    self.environment = environment
  }

  package func commandOutput(_ command: String, in folder: String) -> Result<String, DynamicSourceFailure> {
    let request = ProcessRequest(command: command, environment: environment, workingDirectory: folder, timeout: timeout)
    let (outcome, stdout, stderr) = launcher.outputs(of: request)
    switch outcome {
    case .exited(0): return .success(stdout)
    case .exited(let code):
      return .failure(DynamicSourceFailure("exit status \(code)", errorOutput: stderr.trimmingSpaces))
    case .timedOut: return .failure(DynamicSourceFailure("timed out after \(Int(timeout)) s"))
    case .interrupted: return .failure(DynamicSourceFailure("interrupted"))
    case .signaled(let signal): return .failure(DynamicSourceFailure("killed by signal \(signal)"))
    case .failedToStart(let reason): return .failure(DynamicSourceFailure("could not start: \(reason)"))
    }
  }

  package func fileContents(_ path: String) -> Result<String, DynamicSourceFailure> {
    do {
      return .success(try TextFile.read(path, upTo: TextFile.largestFile))
    } catch {
      switch error.code {
      case ENOENT: return .failure(DynamicSourceFailure("no such file '\(path)'"))
      case EFBIG: return .failure(DynamicSourceFailure("'\(path)' is larger than \(TextFile.largestFile >> 20) MiB"))
      default: return .failure(DynamicSourceFailure("cannot read '\(path)'"))
      }
    }
  }

  package func fileExists(_ path: String) -> Bool { PosixFiles.exists(path) }

  /// A file's text, or nil when it cannot be read.
  package static func readFile(_ path: String) -> String? { try? TextFile.read(path, upTo: TextFile.largestFile) }
}

/// Gathers a child's output from the launcher's callback (which may run on another thread).
final class OutputCollector: Sendable {
  private let buffers = Mutex<(out: [UInt8], err: [UInt8])>(([], []))
  /// Keeps at most this many bytes of each stream.
  let limit = 1 << 20

  func append(_ stream: OutputStream, _ bytes: [UInt8]) {
    buffers.withLock { b in
      switch stream {
      case .stdout: if b.out.count < limit { b.out += bytes }
      case .stderr: if b.err.count < limit { b.err += bytes }
      }
    }
  }

  var texts: (String, String) {
    buffers.withLock { (String(decoding: $0.out, as: UTF8.self), String(decoding: $0.err, as: UTF8.self)) }
  }
}
