/// What can be wrong with a params file (or `dvc.yaml` as data), as data; `diagnostic` makes
/// the text in one place.
package enum ParamsFileProblem: Error, Sendable, Hashable {
  /// The text does not follow the format's grammar.
  case syntax(ParamsFormat, String)
  /// A mapping holds the same key twice (DVC's YAML loader refuses it; TOML forbids it).
  case duplicateKey(String, first: SourceLocation)
  /// An integer outside 64 bits.
  case integerOutOfRange(String)
  /// A tab where ruamel.yaml takes only spaces (see `YAMLTabs`).
  case tab
  /// A number DVC's own loader fails on (`0b_`).
  case malformedNumber(String)
  /// A YAML merge key (`<<`) whose value is not a mapping or a list of mappings.
  case badMerge(found: String)
  /// More than one YAML document in a file.
  case severalDocuments
  /// Nesting deeper than the reader allows.
  case tooDeep(Int)
  /// A file larger than the reader allows.
  case tooLarge(Int)
  /// A NUL byte or text that is not UTF-8.
  case notText
  /// A Python literal pipeshell does not represent (complex numbers, bytes, sets).
  case unsupportedPythonValue(String)
  /// A YAML tag DVC's loader has no constructor for (`!custom`): DVC refuses the file.
  case unknownTag(String)
  /// A YAML tag DVC's loader reads into a Python type pipeshell has no kind for (`!!binary`).
  case unrepresentableTag(String, pythonType: String)
  /// A tag on the wrong kind of node (`!!str [1]`).
  case tagNeedsNode(String, expected: String, found: String)
  /// A tagged scalar DVC's loader cannot convert (`!!float abc`, `!!int 1.5`).
  case cannotConstruct(String, text: String)

  /// The problem as a diagnostic at `location`.
  package func diagnostic(at location: SourceLocation?) -> Diagnostic {
    switch self {
    case .syntax(let format, let message):
      return Diagnostic("invalid \(format.displayName): \(message)", at: location)
    case .duplicateKey(let key, let first):
      return Diagnostic(
        "duplicate key '\(key)'", at: location, notes: ["first written at \(first)"])
    case .tab:
      return Diagnostic(
        "found character '\\t' that cannot start any token", at: location,
        notes: [
          "DVC's YAML loader takes only spaces between the parts of a line, outside quotes, block values, [...] and comments;"
            + " replace the tab with spaces"
        ])
    case .integerOutOfRange(let text):
      return Diagnostic(
        "integer '\(text.count > 40 ? text.prefix(30) + "…" : text)' has more than \(BigIntegerText.maximumDigits) digits,"
          + " which Python (and so DVC) cannot write",
        at: location)
    case .malformedNumber(let text):
      return Diagnostic("'\(text)' is not a number DVC can read", at: location)
    case .badMerge(let found):
      return Diagnostic("a merge key '<<' needs a mapping or a list of mappings, found \(found)", at: location)
    case .severalDocuments:
      return Diagnostic("expected a single YAML document, found another one", at: location)
    case .tooDeep(let limit):
      return Diagnostic("nesting deeper than \(limit) levels", at: location)
    case .tooLarge(let limit):
      return Diagnostic("file is larger than \(limit >> 20) MiB", at: location)
    case .notText:
      return Diagnostic("file is not UTF-8 text", at: location)
    case .unsupportedPythonValue(let kind):
      return Diagnostic("pipeshell cannot use a Python \(kind) value as a parameter", at: location)
    case .unknownTag(let tag):
      return Diagnostic(
        "could not determine a constructor for the tag '\(tag)'", at: location,
        notes: [
          "DVC's YAML loader knows only the core schema's tags (!!str, !!int, !!float, !!bool, !!null, ...) "
            + "and refuses the file; remove the tag, or quote the value to keep it as text"
        ])
    case .unrepresentableTag(let tag, let pythonType):
      return Diagnostic(
        "pipeshell does not read '\(tag)' values", at: location,
        notes: ["DVC's YAML loader makes a Python '\(pythonType)' of it, which pipeshell has no kind of value for"])
    case .tagNeedsNode(let tag, let expected, let found):
      return Diagnostic("the tag '\(tag)' needs \(expected), found \(found)", at: location)
    case .cannotConstruct(let tag, let text):
      return Diagnostic(
        "cannot read '\(text)' as '\(tag)'", at: location,
        notes: ["DVC's YAML loader fails on it too: a tag sets the type, and the text must be one of its values"])
    }
  }
}
