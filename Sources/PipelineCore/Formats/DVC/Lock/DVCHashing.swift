#if canImport(Glibc)
  import Glibc
#endif

/// What DVC 3 records about a file or folder (`dvc_data.hashfile`): its MD5 (a folder's is the
/// MD5 of its `.dir` manifest, with `.dir` after it), its size, a folder's number of files, and
/// whether a file is executable.
package struct DVCHashInfo: Sendable, Hashable {
  package var md5: String
  package var size: Int
  /// For folders: how many files they hold.
  package var fileCount: Int?
  /// For files: any execute bit set.
  package var isExecutable: Bool

  package var isDirectory: Bool { fileCount != nil }

  /// The fields `dvc.lock` records after `path` and `hash`, in DVC's order.
  package var lockFields: [DVCValue.Entry] {
    var fields = [DVCValue.Entry(key: "md5", value: .string(md5)), DVCValue.Entry(key: "size", value: .int(size))]
    if let fileCount { fields.append(DVCValue.Entry(key: "nfiles", value: .int(fileCount))) }
    if isExecutable { fields.append(DVCValue.Entry(key: "isexec", value: .bool(true))) }
    return fields
  }
}

/// One file of a folder, as the folder's manifest lists it.
package struct DVCManifestEntry: Sendable, Hashable {
  /// The path inside the folder, `/`-separated.
  package var relpath: String
  package var md5: String
  package var size: Int
  package var isExecutable: Bool
  /// The file on disk.
  package var path: String
}

/// Why something could not be hashed.
package enum DVCHashingError: Error, Sendable, Hashable, CustomStringConvertible {
  case file(FileError)
  /// DVC refuses a `.dvcignore` inside a folder it tracks.
  case ignoreFileInside(folder: String)
  /// A `.dvcignore` that is not UTF-8 text, which DVC cannot read.
  case ignoreFileNotText(path: String)
  /// A `.dvcignore` line that is no pattern (one ending in a lone `\`), which DVC refuses.
  case invalidIgnorePattern(path: String, pattern: String)

  package var description: String {
    switch self {
    case .file(let error): return error.description
    case .ignoreFileInside(let folder): return ".dvcignore file should not be in collected dir path: '\(folder)'"
    case .ignoreFileNotText(let path): return "\(path): a .dvcignore must be UTF-8 text, as DVC reads it"
    case .invalidIgnorePattern(let path, let pattern):
      return "\(path): '\(pattern)' is not a pattern (a '\\' at the end escapes nothing); DVC refuses it too"
    }
  }
}

/// Hashes files and folders exactly as DVC 3 does (`md5`; `md5-dos2unix` for entries written by
/// DVC 2, which have no `hash: md5`).
package enum DVCHashing {
  /// Hashes what is at `path`; nil when nothing is there. A folder is hashed without what the
  /// `.dvcignore` files from `repositoryRoot` down leave out.
  package static func hash(path: String, legacy: Bool = false, repositoryRoot: String? = nil)
    throws(DVCHashingError) -> DVCHashInfo?
  {
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw .file(FileError(.inspect, path: path, code: errno))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      return try directory(path: path, legacy: legacy, repositoryRoot: repositoryRoot).0
    }
    return try file(path: path, legacy: legacy)
  }

  /// A file's MD5, size and execute bits.
  package static func file(path: String, legacy: Bool = false) throws(DVCHashingError) -> DVCHashInfo {
    do throws(FileError) {
      let file = try OpenFile(path, flags: O_RDONLY)
      var info = stat()
      guard fstat(file.descriptor, &info) == 0 else { throw FileError(.inspect, path: path, code: errno) }
      let md5 = legacy ? try dos2unixMD5(file) : try plainMD5(file)
      let executable = info.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH) != 0
      return DVCHashInfo(md5: md5, size: Int(info.st_size), fileCount: nil, isExecutable: executable)
    } catch {
      throw .file(error)
    }
  }

  private static func plainMD5(_ file: borrowing OpenFile) throws(FileError) -> String {
    var hasher = MD5Hasher()
    try file.forEachChunk { hasher.update($0) }
    return hasher.finalize()
  }

  /// DVC 2's `md5-dos2unix`: in each MiB read, `\r\n` becomes `\n` when the MiB's first 512
  /// bytes look like text (no NUL, at most 30% of other bytes than printable ASCII and
  /// `\n\r\t\f\b`).
  private static func dos2unixMD5(_ file: borrowing OpenFile) throws(FileError) -> String {
    var hasher = MD5Hasher()
    var pending: [UInt8] = []
    func flush(_ chunk: [UInt8], _ hasher: inout MD5Hasher) {
      let block = chunk.prefix(512)
      let nonText = block.filter { !((32..<127).contains($0) || [10, 13, 9, 12, 8].contains($0)) }.count
      let isText = block.isEmpty || (!block.contains(0) && Double(nonText) / Double(block.count) <= 0.30)
      guard isText else { return hasher.update(chunk) }
      var out: [UInt8] = []
      out.reserveCapacity(chunk.count)
      var i = 0
      while i < chunk.count {
        if chunk[i] == 13, i + 1 < chunk.count, chunk[i + 1] == 10 {
          i += 1
          continue
        }
        out.append(chunk[i])
        i += 1
      }
      hasher.update(out)
    }
    try file.forEachChunk { bytes in
      pending.append(contentsOf: bytes)
      if pending.count >= 1 << 20 {
        flush(Array(pending.prefix(1 << 20)), &hasher)
        pending.removeFirst(1 << 20)
      }
    }
    if !pending.isEmpty { flush(pending, &hasher) }
    return hasher.finalize()
  }
}
