/// Finds the value a stage's `params:` key names in a params file, as DVC does with
/// `dpath.get(config, key, separator=".")`: the key is split at dots, each part may be a glob
/// (`*`, `?`, `[seq]`, `**` for any depth), and it must match exactly one value (a leaf or a
/// whole section). Keys are Python strings: split, compared and matched by code point, never
/// by Swift's characters (`café` written composed and decomposed are two keys; a `.` before a
/// combining accent still splits).
package enum DVCParamsSelection {
  /// The outcome of looking a key up.
  package enum Match: Sendable, Hashable {
    case found(DVCValue)
    case missing
    /// A glob that matches several values (DVC then fails with `globs must match only one leaf`).
    case ambiguous(Int)
  }

  /// The value `key` selects in `root`, or nil when it selects none or several.
  package static func select(_ key: String, in root: DVCValue) -> DVCValue? {
    if case .found(let value) = match(key, in: root) { return value }
    return nil
  }

  /// The value `key` selects in `root`.
  package static func match(_ key: String, in root: DVCValue) -> Match {
    let pattern = key.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
    if !pattern.contains(where: isGlob) {
      var current = root
      for segment in pattern {
        switch current {
        case .dict(let entries):
          guard let next = entries.last(where: { samePoints($0.key, segment) })?.value else { return .missing }
          current = next
        case .list(let items):
          guard let position = listPosition(segment, count: items.count) else { return .missing }
          current = items[position]
        default:
          return .missing
        }
      }
      return .found(current)
    }
    var found: [DVCValue] = []
    walk(root, path: []) { path, value in
      if matches(path[...], pattern[...]) { found.append(value) }
      return found.count <= 1
    }
    switch found.count {
    case 0: return .missing
    case 1: return .found(found[0])
    default: return .ambiguous(found.count)
    }
  }

  /// True when a part of a key is a glob. By bytes, as `fnmatch` reads code points: a `*`
  /// followed by a combining accent is still a wildcard to DVC.
  package static func isGlob(_ segment: String) -> Bool {
    ByteSearch.contains(in: segment) { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }
  }

  /// Visits every value below the root with its path; stops when `visit` returns false.
  @discardableResult
  private static func walk(_ value: DVCValue, path: [String], _ visit: ([String], DVCValue) -> Bool) -> Bool {
    if !path.isEmpty, !visit(path, value) { return false }
    switch value {
    case .dict(let entries):
      for entry in entries where !walk(entry.value, path: path + [entry.key], visit) { return false }
    case .list(let items):
      for (index, item) in items.enumerated() where !walk(item, path: path + [String(index)], visit) { return false }
    default: break
    }
    return true
  }

  /// dpath's `segments.match`: each part by `fnmatchcase`, `**` for any number of parts.
  static func matches(_ path: ArraySlice<String>, _ pattern: ArraySlice<String>) -> Bool {
    guard let head = pattern.first else { return path.isEmpty }
    if samePoints(head, "**") {
      for split in path.startIndex...path.endIndex where matches(path[split...], pattern.dropFirst()) { return true }
      return false
    }
    guard let segment = path.first, fnmatch(Array(segment.unicodeScalars), Array(head.unicodeScalars)) else {
      return false
    }
    return matches(path.dropFirst(), pattern.dropFirst())
  }

  /// The item a key part names in a list of `count`, as dpath reads it with Python's `int()`:
  /// spaces around it, a sign, decimal digits of any script with single `_` between them; a
  /// negative index counts from the end. Nil when it is not a number or names no item.
  static func listPosition(_ segment: String, count: Int) -> Int? {
    let scalars = Array(segment.unicodeScalars)
    var start = 0
    var end = scalars.count
    while start < end, scalars[start].properties.isWhitespace { start += 1 }
    while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
    var negative = false
    if start < end, scalars[start] == "-" || scalars[start] == "+" {
      negative = scalars[start] == "-"
      start += 1
    }
    var value = 0
    var afterDigit = false
    for position in start..<max(start, end) {
      let scalar = scalars[position]
      if scalar == "_" {
        guard afterDigit else { return nil }
        afterDigit = false
        continue
      }
      guard scalar.properties.numericType == .decimal, let digit = scalar.properties.numericValue else { return nil }
      let (tens, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, carry) = tens.addingReportingOverflow(Int(digit))
      if overflow || carry { return nil }  // past the end of any list
      value = sum
      afterDigit = true
    }
    guard afterDigit else { return nil }
    let position = negative && value > 0 ? count - value : value  // -0 is 0
    return (0..<count).contains(position) ? position : nil
  }

  /// True when two keys are the same code points (their UTF-8 bytes are the same), as Python
  /// compares strings; Swift's `==` would also take a composed and a decomposed accent as equal.
  static func samePoints(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

  /// Python's `fnmatch.fnmatchcase`, over code points.
  static func fnmatch(_ text: [Unicode.Scalar], _ pattern: [Unicode.Scalar]) -> Bool {
    var memo: [Int: Bool] = [:]
    func go(_ t: Int, _ p: Int) -> Bool {
      let key = t * (pattern.count + 1) + p
      if let known = memo[key] { return known }
      var result: Bool
      if p == pattern.count {
        result = t == text.count
      } else {
        switch pattern[p] {
        case "*": result = go(t, p + 1) || (t < text.count && go(t + 1, p))
        case "?": result = t < text.count && go(t + 1, p + 1)
        case "[":
          if let (matched, next) = bracket(pattern, p, t < text.count ? text[t] : nil) {
            result = matched && go(t + 1, next)
          } else {
            result = t < text.count && text[t] == "[" && go(t + 1, p + 1)
          }
        default: result = t < text.count && text[t] == pattern[p] && go(t + 1, p + 1)
        }
      }
      memo[key] = result
      return result
    }
    return go(0, 0)
  }

  /// A `[...]` class at `p`: whether `c` is in it, and where the pattern goes on; nil when
  /// the bracket is not closed (it is then an ordinary character).
  private static func bracket(_ pattern: [Unicode.Scalar], _ p: Int, _ c: Unicode.Scalar?) -> (Bool, Int)? {
    var i = p + 1
    var negate = false
    if i < pattern.count, pattern[i] == "!" {
      negate = true
      i += 1
    }
    var members: [(Unicode.Scalar, Unicode.Scalar)] = []
    var first = true
    while i < pattern.count, pattern[i] != "]" || first {
      first = false
      if i + 2 < pattern.count, pattern[i + 1] == "-", pattern[i + 2] != "]" {
        members.append((pattern[i], pattern[i + 2]))
        i += 3
      } else {
        members.append((pattern[i], pattern[i]))
        i += 1
      }
    }
    guard i < pattern.count else { return nil }
    guard let c else { return (false, i + 1) }
    let inside = members.contains { $0.0 <= c && c <= $0.1 }
    return (inside != negate, i + 1)
  }
}
