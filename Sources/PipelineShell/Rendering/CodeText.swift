import PipelineCore

/// The code a run used, for `show run` and `diff`.
enum CodeText {
  /// The most changed files named.
  static let shownFiles = 10

  /// `code  git 3f2a9c1, 2 files changed: train.py, data.py`.
  static func lines(_ code: CodeVersion) -> [String] {
    ["code  " + summary(code)]
  }

  /// `git 3f2a9c1` with the changed files, if any.
  static func summary(_ code: CodeVersion) -> String {
    var text = "git \(code.shortCommit)"
    guard code.isDirty else { return text + " (clean)" }
    let count = code.changedFiles.count + code.moreChanged
    let names = code.changedFiles.prefix(shownFiles).map(\.path)
    let more = count - names.count
    text += ", \(count) file\(count == 1 ? "" : "s") changed: " + names.joined(separator: ", ")
    if more > 0 { text += ", +\(more) more" }
    return text
  }

  /// What `diff` says about the code of two runs; a warning when it differs (nothing when
  /// neither run was in a git work tree).
  static func comparison(_ old: RunRecord, _ new: RunRecord) -> [String] {
    switch (old.code, new.code) {
    case (nil, nil): return []
    case (let a?, let b?) where a.isSameCode(as: b):
      return ["code: the same (git \(a.shortCommit)\(a.isDirty ? " with the same uncommitted changes" : ""))"]
    case (let a, let b):
      var lines = [
        "warning: the runs used different code",
        "  run \(old.id): " + (a.map(summary) ?? "not in a git work tree"),
        "  run \(new.id): " + (b.map(summary) ?? "not in a git work tree"),
      ]
      if let a, let b, a.commit == b.commit {
        let differing = Set(a.changedFiles).symmetricDifference(b.changedFiles).map(\.path)
        if !differing.isEmpty {
          lines.append(
            "  uncommitted changes differ in: "
              + Array(Set(differing)).sorted().prefix(shownFiles).joined(separator: ", "))
        }
      }
      return lines
    }
  }
}
