/// The precedence layers, lowest first: the highest layer that binds a parameter wins.
/// This is the one place the order is written.
package enum Layer: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
  case `default`
  case file
  case profile
  case environment
  case session
  case run

  package static func < (a: Layer, b: Layer) -> Bool { a.rawValue < b.rawValue }

  /// The layer's name as shown in `params` and `explain`.
  package var description: String {
    switch self {
    case .default: return "default"
    case .file: return "file"
    case .profile: return "profile"
    case .environment: return "env"
    case .session: return "session"
    case .run: return "run"
    }
  }

  /// Highest first, as `explain` lists them.
  package static let highestFirst: [Layer] = allCases.reversed()
}
