/// DVC's config files (`.dvc/config`, `.dvc/config.local`) checked as DVC checks them when it
/// opens the repository (`dvc/config_schema.py`): DVC refuses the whole project over a line it
/// cannot read, a section written twice, an unknown section, or an unknown or invalid key of
/// `core` and `parsing` (whose values shape the commands pipeshell renders). The options of
/// remotes, caches and machines are many and left to DVC.
extension DVCConfig {
  static let sections: Set<String> = [
    "core", "cache", "remote", "state", "index", "machine", "feature", "plots", "exp", "parsing", "hydra", "studio",
    "db",
  ]
  static let coreFlags: Set<String> = [
    "interactive", "analytics", "hardlink_lock", "no_scm", "autostage", "experiments", "check_update",
  ]
  static let coreTexts: Set<String> = ["remote", "site_cache_dir", "machine", "checksum_jobs"]
  static let parsingChoices = ["bool": ["store_true", "boolean_optional"], "list": ["nargs", "append"]]

  /// The problems of the config files in `dvcFolder`, each at its line; `label` names a file
  /// as the user sees it.
  static func problems(in dvcFolder: String, label: (String) -> String) -> [Diagnostic] {
    files(in: dvcFolder).flatMap { problems(ofText: $0.text, file: label($0.path)) }
  }

  /// The problems of one config file's text.
  static func problems(ofText text: String, file: String) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    var seen = Set<String>()
    var section = ""
    for line in lines(of: text) {
      let at = SourceLocation(file: file, line: line.number, column: line.column)
      func refuse(_ what: String) { problems.append(Self.problem(what, at: at)) }
      switch line.kind {
      case .section(let name):
        if !seen.insert(name).inserted { refuse("the section [\(name)] is written twice") }
        section = name.lowercased()
        // `remote "storage"`: a remote (or machine, or db) and its name.
        let kind = section.split(separator: " ").first.map(String.init) ?? section
        if !Self.sections.contains(kind) { refuse("[\(name)] is not a section of DVC's config") }
      case .unreadable(let text):
        refuse("'\(text)' is neither a [section] nor a 'key = value' line")
      case .entry(let key, _) where section.isEmpty:
        refuse("'\(key)' is outside any [section]")
      case .entry(let key, let value):
        if let problem = Self.problem(key: key, value: value, section: section) { refuse(problem) }
      }
    }
    return problems
  }

  private static func problem(key: String, value: String, section: String) -> String? {
    switch section {
    case "core":
      if coreFlags.contains(key) {
        return ["true", "false"].contains(value.lowercased()) ? nil : "core.\(key) is '\(value)', not true or false"
      }
      if key == "checksum_jobs", (Int(value) ?? 0) < 1 {
        return "core.checksum_jobs is '\(value)', not a number from 1"
      }
      return coreTexts.contains(key) ? nil : "'\(key)' is not a key of [core]"
    case "parsing":
      guard let choices = parsingChoices[key] else { return "'\(key)' is not a key of [parsing]" }
      if choices.contains(value.lowercased()) { return nil }
      return "parsing.\(key) is '\(value)', not one of \(choices.joined(separator: ", "))"
    default:
      return nil
    }
  }

  private static func problem(_ what: String, at location: SourceLocation) -> Diagnostic {
    Diagnostic(
      "DVC cannot read its config: \(what)", at: location,
      notes: ["DVC refuses this project too; fix the line, by hand or with 'dvc config'"])
  }
}
