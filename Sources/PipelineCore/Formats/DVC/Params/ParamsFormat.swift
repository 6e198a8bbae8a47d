/// The formats DVC reads params files in, chosen as DVC chooses them: by the file name's
/// extension, lower-cased, with every extension other than `.json`, `.toml` and `.py` read as
/// YAML (`dvc/utils/serialize/__init__.py`, `LOADERS`).
package enum ParamsFormat: String, Sendable, Hashable, CaseIterable {
  case yaml, json, toml, python

  /// The format of the file at `path`.
  package init(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    // Python's `os.path.splitext`: leading dots of the name do not start an extension.
    let stem = name.drop { $0 == "." }
    guard let dot = stem.lastIndex(of: ".") else {
      self = .yaml
      return
    }
    switch stem[dot...].lowercased() {
    case ".json": self = .json
    case ".toml": self = .toml
    case ".py": self = .python
    default: self = .yaml
    }
  }

  /// The name people use for the format, in messages.
  package var displayName: String {
    switch self {
    case .yaml: return "YAML"
    case .json: return "JSON"
    case .toml: return "TOML"
    case .python: return "Python"
    }
  }
}
