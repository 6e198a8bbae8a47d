/// What DVC records for a dependency that is an http(s) URL: the server's `ETag` as it sent it
/// (quotes included), which DVC names `checksum`, and the `Content-Length` as the size. DVC asks
/// with a HEAD request, following redirects; pipeshell asks `curl` the same.
package struct DVCURLInfo: Sendable, Hashable {
  package var checksum: String
  package var size: Int?

  /// True for the URLs DVC asks over HTTP.
  static func isHTTP(_ url: String) -> Bool {
    let lower = url.prefix(8).lowercased()
    return lower.hasPrefix("http://") || lower.hasPrefix("https://")
  }

  /// The info in the last block of response headers `curl -sIL` printed (one block per redirect);
  /// nil without an `ETag` there.
  static func parse(headers: String) -> DVCURLInfo? {
    let blocks = headers.replacing("\r\n", with: "\n").components(separatedBy: "\n\n").filter {
      !$0.trimmingSpaces.isEmpty
    }
    guard let last = blocks.last else { return nil }
    var checksum: String?
    var size: Int?
    for line in last.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].lowercased()
      let value = String(line[line.index(after: colon)...]).trimmingSpaces
      if name == "etag", !value.isEmpty { checksum = value }
      if name == "content-length", value.count <= 18, let number = Int(value), number >= 0 { size = number }
    }
    return checksum.map { DVCURLInfo(checksum: $0, size: size) }
  }
}

/// Asks for the info of http(s) URLs with `curl` (HEAD, redirects followed, 30 s at most);
/// nil where `curl` is missing, the server cannot be reached, or it sends no `ETag`.
package struct DVCURLInfoSource: Sendable {
  let launcher: any ProcessLauncher
  let environment: [String: String]
  let folder: String

  package init(launcher: any ProcessLauncher, environment: [String: String], folder: String) {
    self.launcher = launcher
    self.environment = environment
    self.folder = folder
  }

  func info(of url: String) -> DVCURLInfo? {
    guard DVCURLInfo.isHTTP(url), !url.utf8.contains(0) else { return nil }
    let command = "curl -sSIL --max-time 30 --max-redirs 10 -- " + ShellWord.quoted(url, always: true)
    let request = ProcessRequest(command: command, environment: environment, workingDirectory: folder, timeout: 40)
    let result = launcher.outputs(of: request)
    guard result.outcome == .exited(0) else { return nil }
    return DVCURLInfo.parse(headers: String(result.stdout.prefix(1 << 16)))
  }
}
