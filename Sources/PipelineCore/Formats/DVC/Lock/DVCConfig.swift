/// The few settings of DVC's config (`.dvc/config`, then `.dvc/config.local`, INI files) that
/// change what pipeshell writes: `cache.dir`, and `parsing.bool` / `parsing.list`.
package enum DVCConfig {
  /// One line of a config file that says something: a `[section]`, a `key = value`, or text
  /// that is neither; `number` and `column` place it.
  struct Line {
    enum Kind {
      case section(String)
      case entry(key: String, value: String)
      case unreadable(String)
    }

    var kind: Kind
    var number: Int
    var column: Int
  }

  /// The texts of `config`, then `config.local` (the later winning), with their paths; each read
  /// up to 1 MiB.
  static func files(in dvcFolder: String) -> [(path: String, text: String)] {
    ["config", "config.local"].compactMap { name in
      let path = dvcFolder + "/" + name
      return readConfig(path).map { (path, $0) }
    }
  }

  /// A config file's text, read up to 1 MiB; nil when it cannot be read.
  static func readConfig(_ path: String) -> String? {
    try? TextFile.read(path, upTo: 1 << 20)
  }

  /// The lines of a config file as configobj reads them, without blank lines and comments.
  static func lines(of text: String) -> [Line] {
    var lines: [Line] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingSpacesSubstring
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      let column = raw.count - raw.drop { $0 == " " || $0 == "\t" }.count + 1
      let kind: Line.Kind
      if line.hasPrefix("["), line.hasSuffix("]") {
        kind = .section(sectionName(line))
      } else if let eq = line.firstIndex(of: "=") {
        kind = .entry(
          key: String(line[..<eq]).trimmingSpaces.lowercased(), value: valueText(line[line.index(after: eq)...]))
      } else {
        kind = .unreadable(String(line))
      }
      lines.append(Line(kind: kind, number: index + 1, column: column))
    }
    return lines
  }

  /// The value of `key` in `section`, the local config winning.
  static func value(_ section: String, _ key: String, in dvcFolder: String) -> String? {
    value(section, key, inFiles: files(in: dvcFolder))
  }

  /// The value of `key` in `section` of config files already read (`files(in:)`).
  static func value(_ section: String, _ key: String, inFiles files: [(path: String, text: String)]) -> String? {
    var found: String?
    for file in files {
      var current = ""
      for line in lines(of: file.text) {
        switch line.kind {
        case .section(let name): current = name.lowercased()
        case .entry(let name, let value) where current == section && name == key: found = value
        default: continue
        }
      }
    }
    return found
  }

  /// The name of a `[section]` line, without its brackets, spaces and quotes: `[ "parsing" ]` is
  /// `parsing`, and `['remote "storage"']` is `remote "storage"`.
  static func sectionName(_ line: Substring) -> String {
    let name = String(line.dropFirst().dropLast()).trimmingSpaces
    guard name.count >= 2, let first = name.first, first == "'" || first == "\"", name.last == first else {
      return name
    }
    return String(name.dropFirst().dropLast())
  }

  /// A `core` flag such as `no_scm` or `autostage`, read as DVC's schema reads it (`Bool`:
  /// `true` in any case; anything but `true`/`false` is refused when the project loads).
  static func flag(_ section: String, _ key: String, in dvcFolder: String) -> Bool {
    value(section, key, in: dvcFolder)?.lowercased() == "true"
  }

  /// A value as configobj reads it: the text inside quotes when quoted, else the text before an
  /// inline `#` comment, without the spaces around.
  static func valueText(_ written: Substring) -> String {
    let text = String(written).trimmingSpaces
    if text.count >= 2, let first = text.first, first == "'" || first == "\"",
      let close = text.dropFirst().firstIndex(of: first)
    {
      return String(text[text.index(after: text.startIndex)..<close])
    }
    return String(text.prefix { $0 != "#" }).trimmingSpaces
  }

  /// `cache.dir`, made absolute (DVC reads it relative to the `.dvc` folder).
  package static func cacheDirectory(in dvcFolder: String) -> String? {
    guard let dir = value("cache", "dir", in: dvcFolder) else { return nil }
    return DVCPath.normalize(dir.hasPrefix("/") ? dir : dvcFolder + "/" + dir)
  }

  /// `parsing.bool` and `parsing.list`, which shape dict unpacking in commands.
  package static func interpolationSettings(in dvcFolder: String) -> DVCInterpolation.Settings {
    interpolationSettings(inFiles: files(in: dvcFolder))
  }

  /// `parsing.bool` and `parsing.list` of config files already read (`files(in:)`).
  static func interpolationSettings(inFiles files: [(path: String, text: String)]) -> DVCInterpolation.Settings {
    DVCInterpolation.Settings(
      booleanOptional: value("parsing", "bool", inFiles: files)?.lowercased() == "boolean_optional",
      appendLists: value("parsing", "list", inFiles: files)?.lowercased() == "append")
  }
}
