import FoundationEssentials

/// Reading a pipeline file and naming its folder.
enum Files {
  static func read(_ path: String) throws -> String {
    do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
      throw BenchFailure("cannot read \(path): \(error)")
    }
  }

  /// The absolute folder holding `path`.
  static func folder(of path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    guard let slash = absolute.lastIndex(of: "/") else { return "." }
    return slash == absolute.startIndex ? "/" : String(absolute[..<slash])
  }

  static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }
}
