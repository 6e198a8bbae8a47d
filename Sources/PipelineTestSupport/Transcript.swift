import PipelineCore

/// A session script with its expected output written inline.
///
/// - `# FILE: NAME` followed by `# | line` lines creates a fixture file before the run.
/// - `# CHECK: text` is the next expected line of combined stdout+stderr; `{{regex}}` inside it
///   matches volatile parts (run ids, durations). `# CHECK-EMPTY:` expects an empty line.
/// - `# EXIT: N` is the expected exit status (default 0).
/// - `# ARGS: ...` are extra arguments before `-f SCRIPT` (e.g. `--keep-going`).
/// - `# STDIN` feeds the script on standard input instead of `-f`.
/// - `# ENV: NAME=VALUE` sets an environment variable for the run.
package struct Transcript: Sendable {
  package var name: String
  package var script: String
  package var files: [(name: String, text: String)] = []
  package var expected: [String] = []
  package var exitStatus: Int32 = 0
  package var arguments: [String] = []
  package var viaStandardInput = false
  package var environment: [String: String] = [:]

  package init(name: String, script: String) {
    self.name = name
    self.script = script
    var currentFile: Int?
    for raw in script.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(raw)
      if line.hasPrefix("# | ") || line == "# |", let index = currentFile {
        files[index].text += String(line.dropFirst(line == "# |" ? 3 : 4)) + "\n"
        continue
      }
      currentFile = nil
      if line.hasPrefix("# FILE: ") {
        files.append((String(line.dropFirst(8)).trimmingSpaces, ""))
        currentFile = files.count - 1
      } else if line.hasPrefix("# CHECK: ") {
        expected.append(String(line.dropFirst(9)))
      } else if line.hasPrefix("# CHECK-EMPTY:") {
        expected.append("")
      } else if line.hasPrefix("# EXIT: ") {
        exitStatus = Int32(String(line.dropFirst(8)).trimmingSpaces) ?? -1
      } else if line.hasPrefix("# ARGS: ") {
        arguments = String(line.dropFirst(8)).split(separator: " ").map(String.init)
      } else if line.hasPrefix("# STDIN") {
        viaStandardInput = true
      } else if line.hasPrefix("# ENV: "), let eq = line.dropFirst(7).firstIndex(of: "=") {
        let body = line.dropFirst(7)
        environment[String(body[..<eq])] = String(body[body.index(after: eq)...])
      }
    }
  }

  /// Compares actual output lines with the expectations; returns a line diff, or nil.
  package func mismatch(actual: [String]) -> String? {
    let ok = expected.count == actual.count && zip(expected, actual).allSatisfy { Self.matches($1, pattern: $0) }
    if ok { return nil }
    var report = ["transcript \(name): output differs (- expected, + actual)"]
    let count = max(expected.count, actual.count)
    for i in 0..<count {
      let e = i < expected.count ? expected[i] : nil
      let a = i < actual.count ? actual[i] : nil
      if let e, let a, Self.matches(a, pattern: e) {
        report.append("  " + a)
      } else {
        if let e { report.append("- " + e) }
        if let a { report.append("+ " + a) }
      }
    }
    return report.joined(separator: "\n")
  }

  /// True when `line` equals `pattern`, where `{{...}}` parts of the pattern are regexes.
  package static func matches(_ line: String, pattern: String) -> Bool {
    guard pattern.contains("{{") else { return line == pattern }
    var regex = "^"
    var rest = Substring(pattern)
    while let open = rest.firstRange(of: "{{") {
      regex += escape(rest[..<open.lowerBound])
      guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
        regex += escape(rest[open.lowerBound...])
        rest = ""
        break
      }
      regex += "(?:" + rest[open.upperBound..<close.lowerBound] + ")"
      rest = rest[close.upperBound...]
    }
    regex += escape(rest) + "$"
    guard let compiled = try? Regex(regex) else { return false }
    return (try? compiled.wholeMatch(in: line)) != nil
  }

  private static func escape(_ text: Substring) -> String {
    var out = ""
    for ch in text {
      if "\\^$.|?*+()[]{}/".contains(ch) { out.append("\\") }
      out.append(ch)
    }
    return out
  }
}
