import Glibc

/// How a job ended according to Slurm's job completion log, for a job the controller no longer
/// lists (it forgets ended jobs after `MinJobAge`; without slurmdbd, `sacct` cannot help).
///
/// Only `JobCompType=jobcomp/filetxt` is read: its lines are `JobId=12 ... JobState=FAILED ...
/// NodeList=node1 ... ExitCode=7:0`. The log grows without end, so only its last 4 MiB are read.
enum SlurmCompletionLog {
  static let tailBytes = 4 << 20

  /// The job's last line in the log, as a report; nil when there is no such log or line.
  static func report(for jobID: String, tools: SlurmTools) -> SlurmJobReport? {
    guard let path = location(tools: tools), let text = tail(of: path) else { return nil }
    let key = "JobId=\(jobID) "
    guard let line = text.split(whereSeparator: \.isNewline).last(where: { $0.hasPrefix(key) }) else { return nil }
    return parse(String(line), jobID: jobID)
  }

  /// Reads one line of the log into a report.
  static func parse(_ line: String, jobID: String) -> SlurmJobReport? {
    var fields: [String: String] = [:]
    for word in line.split(separator: " ") {
      guard let equals = word.firstIndex(of: "=") else { continue }
      fields[String(word[..<equals])] = String(word[word.index(after: equals)...])
    }
    guard let state = fields["JobState"], let exit = fields["ExitCode"] else { return nil }
    let parts = exit.split(separator: ":")
    guard parts.count == 2, let code = Int32(parts[0]), let signal = Int32(parts[1]), (0...255).contains(code),
      (0...127).contains(signal)
    else { return nil }
    let nodes = fields["NodeList"] ?? ""
    return SlurmJobReport(
      jobID: jobID, state: SlurmJobState(state), waitStatus: code << 8 | signal, nodes: nodes == "(null)" ? "" : nodes,
      reason: "None", name: fields["Name"] ?? "")
  }

  /// The log's path from `scontrol show config`, when the cluster keeps a text log.
  private static func location(tools: SlurmTools) -> String? {
    let result = tools.run("scontrol", ["show", "config"], timeout: 30)
    guard result.outcome == .exited(0) else { return nil }
    var type: String?
    var path: String?
    for line in result.output.split(whereSeparator: \.isNewline) {
      let parts = line.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
      guard parts.count == 2 else { continue }
      if parts[0] == "JobCompType" { type = parts[1] }
      if parts[0] == "JobCompLoc" { path = parts[1] }
    }
    guard type == "jobcomp/filetxt", let path, path.hasPrefix("/") else { return nil }
    return path
  }

  /// The last `tailBytes` of the file, or nil when it cannot be read.
  private static func tail(of path: String) -> String? {
    guard let file = try? OpenFile(path, flags: O_RDONLY) else { return nil }  // no log: the end is unknown
    var info = stat()
    guard fstat(file.descriptor, &info) == 0 else { return nil }
    let start = max(0, Int(info.st_size) - tailBytes)
    guard lseek(file.descriptor, off_t(start), SEEK_SET) >= 0,
      let bytes = try? file.readBytes(upTo: tailBytes + (1 << 16))
    else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }
}
