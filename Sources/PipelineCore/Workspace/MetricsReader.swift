import FoundationEssentials

/// Reads step metrics: `::metric NAME=NUMBER` lines on stdout and `metrics:` JSON files of
/// numbers (nested objects flatten to dotted names).
package enum MetricsReader {
  /// The metric on one output line, if it is a `::metric` line.
  package static func metric(inLine line: Substring) -> (String, Double)? {
    guard line.hasPrefix("::metric ") else { return nil }
    let body = line.dropFirst(9)
    guard let eq = body.firstIndex(of: "=") else { return nil }
    let name = body[..<eq].trimmingSpacesSubstring
    guard !name.isEmpty, let value = Double(body[body.index(after: eq)...].trimmingSpacesSubstring) else { return nil }
    return (String(name), value)
  }

  /// The numbers in a metrics file's text, read by the file's extension (see `ParamsFormat`):
  /// nested mappings flatten to dotted names; values other than numbers are left out; nil when
  /// the text is not a mapping in its format.
  package static func metrics(in text: String, path: String) -> [String: Double]? {
    if ParamsFormat(path: path) == .json { return metrics(inJSON: text) }
    guard let file = try? ParamsFileReader.parse(text, path: path) else { return nil }
    var out: [String: Double] = [:]
    for leaf in file.leaves {
      switch leaf.value {
      case .int(let i): out[leaf.path.segments.joined(separator: ".")] = Double(i)
      case .float(let f): out[leaf.path.segments.joined(separator: ".")] = f
      default: continue
      }
    }
    return out
  }

  /// The numbers in a JSON metrics file's text; nil when it is not a JSON object.
  package static func metrics(inJSON text: String) -> [String: Double]? {
    guard let decoded = try? JSONDecoder().decode(JSONNumberTree.self, from: Data(text.utf8)) else { return nil }
    guard case .object = decoded else { return nil }
    var out: [String: Double] = [:]
    decoded.flatten(prefix: "", into: &out)
    return out
  }
}

/// A JSON document reduced to what metrics need: objects and numbers (other values ignored).
enum JSONNumberTree: Decodable {
  case number(Double)
  case object([String: JSONNumberTree])
  case other

  init(from decoder: any Decoder) throws {
    let single = try decoder.singleValueContainer()
    if let n = try? single.decode(Double.self) {
      self = .number(n)
    } else if let o = try? single.decode([String: JSONNumberTree].self) {
      self = .object(o)
    } else {
      self = .other
    }
  }

  func flatten(prefix: String, into out: inout [String: Double]) {
    switch self {
    case .number(let n): out[prefix] = n
    case .object(let o): for (k, v) in o { v.flatten(prefix: prefix.isEmpty ? k : prefix + "." + k, into: &out) }
    case .other: break
    }
  }
}

extension Substring {
  var trimmingSpacesSubstring: Substring {
    var s = self
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
    return s
  }
}
