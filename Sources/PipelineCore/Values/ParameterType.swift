/// The declared type of a parameter.
package indirect enum ParameterType: Sendable, Hashable {
  case string
  case int
  case float
  case bool
  case choice([String])
  case list(items: ParameterType)
  case dict
  case path
  case secret
  /// Any value, typed as written (YAML 1.2 for typed text): a `null` of a DVC params file, or
  /// the items of a list whose items differ in type. pipeshell's own files never declare it.
  case any

  /// The type's name as written in a pipeline file.
  package var name: String {
    switch self {
    case .string: return "string"
    case .int: return "int"
    case .float: return "float"
    case .bool: return "bool"
    case .choice: return "choice"
    case .list(let items): return "list of \(items.name)"
    case .dict: return "dict"
    case .path: return "path"
    case .secret: return "secret"
    case .any: return "any"
    }
  }

  /// The names accepted after `type:`.
  package static let declarableNames = [
    "string", "int", "float", "bool", "choice", "list", "dict", "path", "secret",
  ]

  /// Words accepted as booleans, with their meaning.
  package static let boolWords: [String: Bool] = [
    "true": true, "false": false, "yes": true, "no": false,
    "on": true, "off": false, "1": true, "0": false,
  ]
}
