#if canImport(Glibc)
  import Glibc
#endif

/// The few settings of DVC's config (`.dvc/config`, then `.dvc/config.local`, INI files) that
/// change what pipeshell writes: `cache.dir`, and `parsing.bool` / `parsing.list`.
package enum DVCConfig {
  /// The value of `key` in `section`, the local config winning.
  static func value(_ section: String, _ key: String, in dvcFolder: String) -> String? {
    var found: String?
    for name in ["config", "config.local"] {
      guard let file = try? OpenFile(dvcFolder + "/" + name, flags: O_RDONLY),
        let bytes = try? file.readBytes(upTo: 1 << 20)
      else { continue }
      var current = ""
      for raw in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
        let line = raw.trimmingSpacesSubstring
        if line.hasPrefix("#") || line.hasPrefix(";") || line.isEmpty { continue }
        if line.hasPrefix("["), line.hasSuffix("]") {
          current = sectionName(line).lowercased()
          continue
        }
        guard current == section, let eq = line.firstIndex(of: "=") else { continue }
        if line[..<eq].trimmingSpacesSubstring.lowercased() == key {
          found = valueText(line[line.index(after: eq)...])
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
    DVCInterpolation.Settings(
      booleanOptional: value("parsing", "bool", in: dvcFolder)?.lowercased() == "boolean_optional",
      appendLists: value("parsing", "list", in: dvcFolder)?.lowercased() == "append")
  }
}
