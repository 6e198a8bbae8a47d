import PipelineCore
import PipelineShell
import Synchronization

/// Files in memory: the shell reads and writes them as if on disk, and nothing touches the real
/// one. Folders are implied by the files' paths.
package final class MemoryFileSystem: FileSystem {
  private let files: Mutex<[String: String]>
  package let currentDirectory: String

  /// A file system holding `files` (absolute paths), with `currentDirectory` as the working folder.
  package init(files: [String: String], currentDirectory: String) {
    self.files = Mutex(files)
    self.currentDirectory = currentDirectory
  }

  package func read(_ path: String) throws(CommandError) -> String {
    guard let text = files.withLock({ $0[path] }) else { throw .failed("no such file: '\(path)'") }
    return text
  }

  package func write(_ text: String, to path: String) throws(CommandError) {
    if isDirectory(path) { throw .failed("cannot write '\(path)'") }
    files.withLock { $0[path] = text }
  }

  package func exists(_ path: String) -> Bool { files.withLock { $0[path] != nil } || isDirectory(path) }

  package func isDirectory(_ path: String) -> Bool {
    let prefix = path.hasSuffix("/") ? path : path + "/"
    return files.withLock { $0.keys.contains { $0.hasPrefix(prefix) } }
  }

  /// The text itself stands for the file's size and time: it changes when the file does.
  package func stamp(_ path: String) -> String? { files.withLock { $0[path] }.map { String($0.hashValue) } }

  package func contents(of folder: String) -> [String] {
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    let names = files.withLock { $0.keys.filter { $0.hasPrefix(prefix) } }
    return Set(names.map { String($0.dropFirst(prefix.count).prefix { $0 != "/" }) }).sorted()
  }
}
