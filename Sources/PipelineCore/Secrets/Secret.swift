/// A secret value that cannot print itself.
///
/// `description`, `debugDescription` and reflection all show `****`; the clear text is only
/// reachable through `revealed()`, which is called where a step's environment is built and
/// where the masker is fed.
package struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// What every secret shows instead of its value.
  package static let mask = "****"
  /// The shortest value accepted: shorter ones would mask ordinary text.
  package static let minimumLength = 4
  /// The longest value accepted: the masker's tables grow with each secret's length.
  package static let maximumBytes = 4096

  private let storage: String

  package init(_ value: String) { storage = value }

  /// Returns the clear text. Call only to build a step environment or feed the masker.
  package func revealed() -> String { storage }

  package var description: String { Secret.mask }
  package var debugDescription: String { Secret.mask }
  package var customMirror: Mirror { Mirror(self, children: [:]) }
}
