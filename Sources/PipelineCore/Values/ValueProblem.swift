/// Why a value does not fit its parameter; rendered to text in one place.
package indirect enum ValueProblem: Error, Sendable, Hashable, CustomStringConvertible {
  case notOfType(text: String, expected: ParameterType)
  case notAChoice(text: String, choices: [String])
  case belowMinimum(text: String, minimum: String)
  case aboveMaximum(text: String, maximum: String)
  case patternMismatch(text: String, pattern: String)
  case invalidPattern(pattern: String)
  case tooShort(length: Int, minimum: Int)
  case tooLong(length: Int, maximum: Int)
  case pathMissing(String)
  case secretTooShort
  case secretTooLong(bytes: Int)
  case item(index: Int, ValueProblem)
  case missingRequired

  package var description: String {
    switch self {
    case .notOfType(let text, let type):
      return "'\(text)' is not \(Self.article(type))"
    case .notAChoice(let text, let choices):
      return "'\(text)' is not one of \(choices.joined(separator: ", "))"
    case .belowMinimum(let text, let minimum):
      return "\(text) is below the minimum \(minimum)"
    case .aboveMaximum(let text, let maximum):
      return "\(text) is above the maximum \(maximum)"
    case .patternMismatch(let text, let pattern):
      return "'\(text)' does not match the pattern \(pattern)"
    case .invalidPattern(let pattern):
      return "the pattern \(pattern) is not a valid regular expression"
    case .tooShort(let length, let minimum):
      return "length \(length) is below the minimum length \(minimum)"
    case .tooLong(let length, let maximum):
      return "length \(length) is above the maximum length \(maximum)"
    case .pathMissing(let path):
      return "path '\(path)' does not exist"
    case .secretTooShort:
      return "a secret must have at least \(Secret.minimumLength) characters (shorter ones would mask ordinary text)"
    case .secretTooLong(let bytes):
      return
        "a secret may have at most \(Secret.maximumBytes) bytes, this one has \(bytes) (pass larger credentials as a file path)"
    case .item(let index, let problem):
      return "item \(index + 1): \(problem)"
    case .missingRequired:
      return "no value given for a required parameter"
    }
  }

  /// The problem with the offending value shown as `****`, for a value built from a secret.
  package var masked: ValueProblem {
    switch self {
    case .notOfType(_, let type): return .notOfType(text: Secret.mask, expected: type)
    case .notAChoice(_, let choices): return .notAChoice(text: Secret.mask, choices: choices)
    case .belowMinimum(_, let minimum): return .belowMinimum(text: Secret.mask, minimum: minimum)
    case .aboveMaximum(_, let maximum): return .aboveMaximum(text: Secret.mask, maximum: maximum)
    case .patternMismatch(_, let pattern): return .patternMismatch(text: Secret.mask, pattern: pattern)
    case .pathMissing: return .pathMissing(Secret.mask)
    case .item(let index, let problem): return .item(index: index, problem.masked)
    default: return self
    }
  }

  private static func article(_ type: ParameterType) -> String {
    switch type {
    case .int: return "an int (whole number)"
    case .float: return "a float (number)"
    case .bool: return "a bool (true/false, yes/no, on/off, 1/0)"
    case .list(let items): return "a list of \(items.name) (like [1, 2])"
    case .dict: return "a dict (like {key: value})"
    default: return "a \(type.name)"
    }
  }
}
