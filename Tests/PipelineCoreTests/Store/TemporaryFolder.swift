import FoundationEssentials

@testable import PipelineCore

#if canImport(Glibc)
  import Glibc
#endif

/// A fresh folder under the system temporary folder, removed with everything in it when
/// the value goes away.
final class TemporaryFolder {
  let path: String

  init() {
    var template = Array("/tmp/pipeshell-store-XXXXXX".utf8CString)
    guard mkdtemp(&template) != nil else { fatalError("mkdtemp failed: \(errno)") }
    path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Returns the path of `name` inside the folder.
  func file(_ name: String) -> String { "\(path)/\(name)" }

  /// Writes `bytes` to `name` (creating folders on the way) and returns its path.
  @discardableResult
  func write(_ bytes: [UInt8], to name: String) throws -> String {
    let destination = file(name)
    try FileManager.default.createDirectory(
      atPath: PosixFiles.parentFolder(of: destination), withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: destination))
    return destination
  }

  /// Returns the bytes of a file, or nil when it cannot be read.
  func read(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { Array($0) }
  }

  /// Returns the permission bits of a file.
  func mode(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : -1
  }

  /// Returns the paths of every file below `folder`, recursively.
  func allFiles(in folder: String? = nil) -> [String] {
    let root = folder ?? path
    guard let names = try? FileManager.default.subpathsOfDirectory(atPath: root) else { return [] }
    return names.map { "\(root)/\($0)" }.filter { !PosixFiles.isFolder($0) }
  }
}

extension Array where Element == UInt8 {
  /// True when `needle` occurs somewhere in these bytes.
  func containsSequence(_ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, count >= needle.count else { return needle.isEmpty }
    return (0...(count - needle.count)).contains { start in
      self[start..<(start + needle.count)].elementsEqual(needle)
    }
  }
}

/// Deterministic pseudo-random bytes, so failures reproduce.
func sampleBytes(count: Int, seed: UInt64 = 42) -> [UInt8] {
  var state = seed
  return (0..<count).map { _ in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return UInt8(truncatingIfNeeded: state >> 33)
  }
}
