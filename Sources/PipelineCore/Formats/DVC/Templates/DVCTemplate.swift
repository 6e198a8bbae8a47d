/// A string of a DVC stage after expansion, as literal text and references to values of params
/// files, so pipeshell can render it again when a value changes (`set train.lr 0.2` changes
/// the `cmd` that holds `${train.lr}`).
///
/// Values of `item`, `key` and inline `vars` are substituted when stages are expanded, as DVC
/// substitutes them; a reference to a value read from a file (`params.yaml`, a `vars` file)
/// stays a reference, also when it was reached through `item` (`foreach: ${models}`).
package struct DVCTemplate: Sendable, Hashable, CustomStringConvertible {
  /// One piece of a template.
  package enum Part: Sendable, Hashable {
    case literal(String)
    case reference(DVCReference)
  }

  package var parts: [Part]
  /// True when the string was exactly one `${...}`: DVC then keeps the value's own type (a
  /// bool stays a bool; a dict in `cmd` becomes the whole command), instead of its text.
  package var isExact: Bool

  package init(parts: [Part], isExact: Bool = false) {
    self.parts = parts
    self.isExact = isExact
  }

  /// A template of plain text.
  package static func literal(_ text: String) -> DVCTemplate {
    DVCTemplate(parts: [.literal(text)])
  }

  /// The references, in order.
  package var references: [DVCReference] {
    parts.compactMap { if case .reference(let r) = $0 { return r } else { return nil } }
  }

  /// True when a part is a reference (without making the list of them).
  package var holdsReference: Bool {
    parts.contains { if case .reference = $0 { true } else { false } }
  }

  /// The literal text when the template holds no reference.
  package var literalText: String? {
    guard !holdsReference else { return nil }
    return parts.map { if case .literal(let text) = $0 { return text } else { return "" } }.joined()
  }

  /// The template with `${key.path}` for each reference, naming the value it reads in its file
  /// (`${models.small.lr}` for a `${item.lr}` written in a `foreach` over `${models}`).
  package var description: String {
    parts.map { part in
      switch part {
      case .literal(let text): return text
      case .reference(let r): return "${" + r.source.path.description + "}"
      }
    }.joined()
  }
}

/// A `${...}` that reads a value of a params file.
package struct DVCReference: Sendable, Hashable {
  /// The expression as DVC normalizes it (`train.lr`, `layers.0`; brackets become dots).
  package var expression: String
  /// The value it reads.
  package var source: DVCValueSource
  /// Where the `${` was written.
  package var location: SourceLocation

  package init(expression: String, source: DVCValueSource, location: SourceLocation) {
    self.expression = expression
    self.source = source
    self.location = location
  }
}

/// A value (or a part of one) of a params file: the file as DVC names it and the key path in
/// it, list indexes included (`layers.0` is index 0 of the leaf `layers`).
package struct DVCValueSource: Sendable, Hashable, CustomStringConvertible {
  package var file: String
  package var path: ParameterKeyPath

  package init(file: String, path: ParameterKeyPath) {
    self.file = file
    self.path = path
  }

  /// `params.yaml:train.lr`
  package var description: String { file + ":" + path.description }
}
