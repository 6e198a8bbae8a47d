/// An explicit YAML tag as DVC's loader reads it: ruamel.yaml's `SafeConstructor` knows the
/// core-schema tags (`constructor.py`, `add_default_constructor`) and refuses every other one.
enum YAMLTag: Equatable {
  /// No tag, or the non-specific `!`: the value is typed by its text. Ruamel's composer types a
  /// quoted scalar tagged `!` by its text too (`! "1"` is the int 1), unlike the YAML spec.
  case none(nonSpecific: Bool)
  case str, int, float, bool, null, timestamp, seq, map, omap, pairs
  /// `!!merge`: only meaningful on a mapping key, where it makes the key a merge key (`<<`).
  case merge
  /// A tag ruamel reads into a Python value pipeshell has no kind for (`!!binary` makes
  /// `bytes`, `!!set` a `set`); `name` is the tag as written in short form.
  case unrepresentable(name: String, pythonType: String)
  /// A tag ruamel has no constructor for (`!custom`); it fails on the file.
  case unknown(name: String)

  /// The prefix libyaml puts in place of the `!!` handle.
  static let corePrefix = "tag:yaml.org,2002:"

  init(_ tag: String?) {
    guard let tag else {
      self = .none(nonSpecific: false)
      return
    }
    if tag == "!" {
      self = .none(nonSpecific: true)
      return
    }
    guard tag.hasPrefix(Self.corePrefix) else {
      self = .unknown(name: tag)
      return
    }
    switch tag.dropFirst(Self.corePrefix.count) {
    case "str": self = .str
    case "int": self = .int
    case "float": self = .float
    case "bool": self = .bool
    case "null": self = .null
    case "timestamp": self = .timestamp
    case "seq": self = .seq
    case "map": self = .map
    case "omap": self = .omap
    case "pairs": self = .pairs
    case "merge": self = .merge
    case "binary": self = .unrepresentable(name: "!!binary", pythonType: "bytes")
    case "set": self = .unrepresentable(name: "!!set", pythonType: "set")
    default: self = .unknown(name: Self.shortName(tag))
    }
  }

  /// The tag as a user writes it: `!!float` for the core schema's `tag:yaml.org,2002:float`.
  static func shortName(_ tag: String) -> String {
    tag.hasPrefix(corePrefix) ? "!!" + tag.dropFirst(corePrefix.count) : tag
  }

  /// The tag's short name, for messages.
  var name: String {
    switch self {
    case .none: return "!"
    case .unrepresentable(let name, _), .unknown(let name): return name
    default: return "!!\(self)"
    }
  }

  /// True for a mapping key that merges another mapping in: a plain `<<` (typed by its text,
  /// so `! "<<"` too) or any key tagged `!!merge`, as ruamel's `flatten_mapping` decides.
  static func isMergeKey(_ key: YAMLNode) -> Bool {
    guard case .scalar(let text, let quoted) = key.kind else { return YAMLTag(key.tag) == .merge }
    switch YAMLTag(key.tag) {
    case .merge: return true
    case .none(let nonSpecific): return text == "<<" && (!quoted || nonSpecific)
    default: return false
    }
  }
}
