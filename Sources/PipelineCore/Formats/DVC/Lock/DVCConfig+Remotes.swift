#if canImport(Glibc)
  import Glibc
#endif

/// The remotes DVC's config files define, for `remote://name/path` dependencies: DVC refuses to
/// open a project whose stage names a remote no config defines ("remote 'name' doesn't exist",
/// `dvc/fs/__init__.py`), already when it lists the stages.
extension DVCConfig {
  /// The problems of the `remote://` dependencies of `stages` whose remote no config defines;
  /// `dvcFolder` is the project's `.dvc` folder.
  static func unknownRemoteProblems(of stages: [DVCStage], dvcFolder: String) -> [Diagnostic] {
    var known: Set<String>?
    var problems: [Diagnostic] = []
    for stage in stages where stage.hasExternalDeps {
      for dep in stage.deps {
        guard let name = remoteName(in: dep.path) else { continue }
        let names = known ?? remoteNames(in: dvcFolder)
        known = names
        // DVC looks the name up lower-cased, among the names as the config writes them.
        guard !names.contains(name.lowercased()) else { continue }
        problems.append(
          Diagnostic(
            "configuration error - config file error: remote '\(name)' doesn't exist (stage '\(stage.name)')",
            at: dep.location,
            notes: ["define it with 'dvc remote add \(name.lowercased()) URL' (DVC refuses the project too)"]))
      }
    }
    return problems
  }

  /// `name` of `remote://name/path` (as `urlparse` gives its netloc), nil for another path.
  static func remoteName(in path: String) -> String? {
    let prefix = "remote://"
    guard path.utf8.count > prefix.utf8.count, path.lowercased().hasPrefix(prefix) else { return nil }
    let rest = path.utf8.dropFirst(prefix.utf8.count)
    let end = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
    return String(decoding: rest[..<(end ?? rest.endIndex)], as: UTF8.self)
  }

  /// The remote names of every config DVC reads: the system's, the user's, the project's and
  /// its `config.local`.
  static func remoteNames(in dvcFolder: String) -> Set<String> {
    var names = Set<String>()
    let texts = outerConfigPaths().compactMap(readConfig) + files(in: dvcFolder).map(\.text)
    for text in texts {
      for line in lines(of: text) {
        guard case .section(let section) = line.kind, let name = remoteSectionName(section) else { continue }
        names.insert(name)
      }
    }
    return names
  }

  /// `storage` of a section `remote "storage"`.
  static func remoteSectionName(_ section: String) -> String? {
    let words = section.split(separator: " ", maxSplits: 1)
    guard words.count == 2, words[0].lowercased() == "remote" else { return nil }
    var name = words[1].trimmingSpacesSubstring
    if name.count >= 2, name.first == "\"", name.last == "\"" { name = name.dropFirst().dropLast() }
    return String(name)
  }

  /// The system's and the user's config files (`platformdirs` on Linux, as `dvc/dirs.py` finds
  /// them, or `DVC_SYSTEM_CONFIG_DIR` and `DVC_GLOBAL_CONFIG_DIR`).
  static func outerConfigPaths() -> [String] {
    func variable(_ name: String) -> String? {
      guard let value = getenv(name) else { return nil }
      let text = String(cString: value)
      return text.isEmpty ? nil : text
    }
    let system =
      variable("DVC_SYSTEM_CONFIG_DIR")
      ?? ((variable("XDG_CONFIG_DIRS")?.split(separator: ":").first.map(String.init) ?? "/etc/xdg") + "/dvc")
    let home = variable("HOME") ?? "/"
    let global = variable("DVC_GLOBAL_CONFIG_DIR") ?? ((variable("XDG_CONFIG_HOME") ?? home + "/.config") + "/dvc")
    return [system + "/config", global + "/config"]
  }
}
