/// How DVC turns a value into text inside a longer string (`dvc/parsing/interpolate.py`,
/// `to_str`): `true`/`false` for booleans, Python's `str()` for other scalars (`None`, `1e-05`),
/// and, in `cmd` only, a dict unpacked into command-line options.
package enum DVCInterpolation {
  /// DVC's `parsing` settings (`dvc config parsing.bool`, `parsing.list`), which shape dict
  /// unpacking.
  package struct Settings: Sendable, Hashable {
    /// `store_true` (default): a false value writes nothing; `boolean_optional`: `--no-KEY`.
    package var booleanOptional: Bool
    /// `nargs` (default): `--KEY a b`; `append`: `--KEY a --KEY b`.
    package var appendLists: Bool

    package init(booleanOptional: Bool = false, appendLists: Bool = false) {
      self.booleanOptional = booleanOptional
      self.appendLists = appendLists
    }

    /// DVC's defaults.
    package static let standard = Settings()
  }

  /// Why a value cannot be put in a string.
  package enum Problem: Error, Sendable, Hashable {
    /// A list, a dict outside `cmd`, or a date (`Cannot interpolate data of type 'list'`).
    case cannotInterpolate(typeName: String)
    /// A list inside a list of an unpacked dict.
    case nestedIterable(key: String)

    /// DVC's message.
    package var message: String {
      switch self {
      case .cannotInterpolate(let name): return "Cannot interpolate data of type '\(name)'"
      case .nestedIterable(let key): return "Cannot interpolate nested iterable in '\(key)'"
      }
    }
  }

  /// Checks a value DVC puts into a field (`validate_value`): scalars and null always; a dict
  /// only in `cmd`; lists never.
  package static func validate(_ value: DVCValue, inCommand: Bool) throws(Problem) {
    switch value {
    case .list, .timestamp: throw .cannotInterpolate(typeName: value.pythonTypeName)
    case .dict where !inCommand: throw .cannotInterpolate(typeName: "dict")
    default: return
    }
  }

  /// The text of a value inside a longer string.
  package static func text(_ value: DVCValue, settings: Settings = .standard) throws(Problem) -> String {
    switch value {
    case .bool(let b): return b ? "true" : "false"
    case .dict(let entries): return try unpacked(entries, settings: settings)
    default: return PythonText.str(value)
    }
  }

  /// A dict as command-line options: nested keys joined with `.`, `--key value` with strings
  /// quoted as `shlex.quote` quotes them, `--flag` for true, lists as several values.
  package static func unpacked(_ entries: [DVCValue.Entry], settings: Settings) throws(Problem) -> String {
    var flat: [(String, DVCValue)] = []
    flatten(entries, prefix: "", into: &flat)
    var out = ""
    for (key, value) in flat {
      switch value {
      case .bool(true): out += "--\(key) "
      case .bool(false): if settings.booleanOptional { out += "--no-\(key) " }
      case .string(let s): out += "--\(key) \(shellQuoted(s)) "
      case .list(let items):
        for (n, item) in items.enumerated() {
          let text: String
          switch item {
          case .string(let s): text = shellQuoted(s)
          case .list, .dict: throw .nestedIterable(key: key)
          default: text = PythonText.str(item)
          }
          out += settings.appendLists || n == 0 ? "--\(key) \(text) " : "\(text) "
        }
      case .dict: break  // an empty dict: `flatten_dict` drops it
      default: out += "--\(key) \(PythonText.str(value)) "
      }
    }
    while out.last == " " { out.removeLast() }
    return out
  }

  private static func flatten(_ entries: [DVCValue.Entry], prefix: String, into flat: inout [(String, DVCValue)]) {
    for entry in entries {
      let key = prefix.isEmpty ? entry.key : prefix + "." + entry.key
      if case .dict(let inner) = entry.value, !inner.isEmpty {
        flatten(inner, prefix: key, into: &flat)
      } else if case .dict = entry.value {
        continue
      } else {
        flat.append((key, entry.value))
      }
    }
  }

  /// Python's `shlex.quote`: the text as is when it holds only `[A-Za-z0-9_@%+=:,./-]`,
  /// otherwise in single quotes (a single quote written as `'"'"'`); `''` when empty.
  package static func shellQuoted(_ s: String) -> String {
    if s.isEmpty { return "''" }
    let safe = s.unicodeScalars.allSatisfy { c in
      c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "_@%+=:,./-".unicodeScalars.contains(c))
    }
    if safe { return s }
    return "'" + s.replacing("'", with: "'\"'\"'") + "'"
  }
}
