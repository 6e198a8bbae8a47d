/// A value type's fields in one shared, immutable box: a value copied thousands of times (a
/// parameter spec into every resolved parameter, a step into every planned step) then costs
/// one reference count instead of one per field. Setting a field makes a new box, so the box
/// is never written while another copy or thread reads it.
struct SharedFields<Fields: Sendable>: Sendable {
  private final class Box: Sendable {
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var box: Box

  init(_ fields: Fields) { box = Box(fields) }

  var fields: Fields { box.fields }

  mutating func set<T>(_ field: WritableKeyPath<Fields, T>, _ value: T) {
    var fields = box.fields
    fields[keyPath: field] = value
    box = Box(fields)
  }

  /// True when both share one box (then their fields are equal without comparing them).
  func sharesBox(with other: SharedFields) -> Bool { box === other.box }
}

extension SharedFields: Equatable where Fields: Equatable {
  static func == (a: SharedFields, b: SharedFields) -> Bool { a.sharesBox(with: b) || a.fields == b.fields }
}

extension SharedFields: Hashable where Fields: Hashable {
  func hash(into hasher: inout Hasher) { fields.hash(into: &hasher) }
}
