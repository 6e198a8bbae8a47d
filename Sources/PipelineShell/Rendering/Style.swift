/// ANSI text styling that leaves text unchanged when disabled.
///
/// The caller decides `enabled`: colour only on a terminal, and never with `NO_COLOR` set or
/// `--no-color` given. Each helper closes only its own attribute, so styles nest.
package struct Style: Sendable, Hashable {
  /// Whether escape sequences are written at all.
  package var enabled: Bool

  /// Creates a style that colours text only when `enabled`.
  package init(enabled: Bool) { self.enabled = enabled }

  /// A style that never writes escape sequences.
  package static let plain = Style(enabled: false)

  /// Bold text, for headers and names.
  package func bold(_ text: String) -> String { wrap(text, on: 1, off: 22) }
  /// Faint text, for secondary details.
  package func dim(_ text: String) -> String { wrap(text, on: 2, off: 22) }
  /// Red text, for errors and failed steps.
  package func red(_ text: String) -> String { wrap(text, on: 31, off: 39) }
  /// Green text, for successful steps.
  package func green(_ text: String) -> String { wrap(text, on: 32, off: 39) }
  /// Yellow text, for warnings and skipped steps.
  package func yellow(_ text: String) -> String { wrap(text, on: 33, off: 39) }
  /// Magenta text, for highlighted values.
  package func magenta(_ text: String) -> String { wrap(text, on: 35, off: 39) }
  /// Cyan text, for parameter names and reused steps.
  package func cyan(_ text: String) -> String { wrap(text, on: 36, off: 39) }

  private func wrap(_ text: String, on: Int, off: Int) -> String {
    guard enabled, !text.isEmpty else { return text }
    return "\u{1B}[\(on)m" + text + "\u{1B}[\(off)m"
  }
}
