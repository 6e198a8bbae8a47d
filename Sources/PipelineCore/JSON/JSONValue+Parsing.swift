import FoundationEssentials

extension JSONValue: Decodable {
  /// Reads any JSON value; an object's keys come back sorted (JSON objects have no order, so
  /// what must keep an order is written as an array).
  package init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? container.decode(Int.self) {
      self = .int(i)
    } else if let d = try? container.decode(Double.self) {
      self = .double(d)
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let items = try? container.decode([JSONValue].self) {
      self = .array(items)
    } else {
      let entries = try container.decode([String: JSONValue].self)
      self = .object(entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
  }

  /// Parses JSON text; nil when it is not JSON.
  package static func parse(_ text: String) -> JSONValue? {
    try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
  }
}
