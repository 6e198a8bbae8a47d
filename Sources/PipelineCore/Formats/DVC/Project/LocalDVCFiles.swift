#if canImport(Glibc)
  import Glibc
#endif

/// A project's files on the local disk, under `root`.
package struct LocalDVCFiles: DVCFileAccess {
  /// Files larger than this are refused (params files are small; this bounds memory).
  package static let maximumBytes = 64 << 20

  package let root: String

  /// Files under `root`, an absolute path (it is normalized).
  package init(root: String) {
    self.root = DVCPath.normalize(root)
  }

  func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : DVCPath.join(root, path)
  }

  package func kind(of path: String) -> DVCFileKind {
    var info = stat()
    guard stat(absolute(path), &info) == 0 else { return .missing }
    return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
  }

  package func text(of path: String, at location: SourceLocation?) throws(DiagnosticError) -> String {
    do {
      let file = try OpenFile(absolute(path), flags: O_RDONLY)
      let bytes = try file.readBytes(upTo: Self.maximumBytes)
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw DiagnosticError(ParamsFileProblem.notText.diagnostic(at: SourceLocation(file: path, line: 1, column: 1)))
      }
      return text
    } catch let error as FileError {
      let reason = error.code == EFBIG ? "larger than \(Self.maximumBytes >> 20) MiB" : error.reason
      throw DiagnosticError(Diagnostic("cannot read '\(path)': \(reason)", at: location))
    } catch let error as DiagnosticError {
      throw error
    } catch {
      throw DiagnosticError(Diagnostic("cannot read '\(path)'", at: location))
    }
  }
}

/// Files held in memory, for tests and for loading text that is not on disk.
package struct InMemoryDVCFiles: DVCFileAccess {
  package var files: [String: String]
  package var root = ""

  package init(_ files: [String: String]) {
    self.files = files
  }

  package func kind(of path: String) -> DVCFileKind {
    let normalized = DVCPath.normalize(path)
    if files[normalized] != nil { return .file }
    return files.keys.contains { $0.hasPrefix(normalized + "/") } || normalized == "." ? .directory : .missing
  }

  package func text(of path: String, at location: SourceLocation?) throws(DiagnosticError) -> String {
    guard let text = files[DVCPath.normalize(path)] else {
      throw DiagnosticError(
        Diagnostic("cannot read '\(path)': \(FileError(.open, path: path, code: ENOENT).reason)", at: location))
    }
    return text
  }
}
