/// A typed parameter value.
package enum Value: Sendable, Hashable {
  case string(String)
  case int(Int)
  case float(Double)
  case bool(Bool)
  case list([Value])
  case dict(ValueDict)
  case secret(Secret)
  /// No value: a `null` of a params file (DVC projects); pipeshell's own files never bind one.
  case null

  /// True when this value, or anything inside it, is a secret.
  package var containsSecret: Bool {
    switch self {
    case .secret: return true
    case .list(let items): return items.contains { $0.containsSecret }
    case .dict(let entries): return entries.values.contains { $0.containsSecret }
    default: return false
    }
  }

  /// Equal values, a float NaN equal to itself (as its text is): a params file's `.nan` is the
  /// same value run after run, so a run's values, their changes and the run store agree.
  package static func == (a: Value, b: Value) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
    case (.bool(let x), .bool(let y)): return x == y
    case (.list(let x), .list(let y)): return x == y
    case (.dict(let x), .dict(let y)): return x == y
    case (.secret(let x), .secret(let y)): return x == y
    case (.null, .null): return true
    default: return false
    }
  }

  package func hash(into hasher: inout Hasher) {
    switch self {
    case .string(let x): hasher.combine(0); hasher.combine(x)
    case .int(let x): hasher.combine(1); hasher.combine(x)
    case .float(let x): hasher.combine(2); hasher.combine(x.isNaN ? Double.nan : x)  // every NaN alike
    case .bool(let x): hasher.combine(3); hasher.combine(x)
    case .list(let x): hasher.combine(4); hasher.combine(x)
    case .dict(let x): hasher.combine(5); hasher.combine(x)
    case .secret(let x): hasher.combine(6); hasher.combine(x)
    case .null: hasher.combine(7)
    }
  }

  /// The number, for comparisons in conditions and range checks.
  package var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .float(let f): return f
    default: return nil
    }
  }
}

extension Value {
  /// The text a value becomes when interpolated into a string or a command line.
  /// Secrets show as `****`; use `revealedText` to build an environment.
  package var text: String { render(reveal: false, quoteStrings: false) }

  /// The interpolation text with secrets in clear; only for step environments.
  package var revealedText: String { render(reveal: true, quoteStrings: false) }

  /// The value as a person reads it in a table: strings quoted, secrets masked.
  package var display: String { render(reveal: false, quoteStrings: true) }

  /// The value as a literal that the prompt parser reads back to the same value.
  package var literal: String {
    switch self {
    case .string(let s): return Value.quoteIfNeeded(s)
    default: return render(reveal: false, quoteStrings: true)
    }
  }

  func render(reveal: Bool, quoteStrings: Bool) -> String {
    switch self {
    case .string(let s): return quoteStrings ? Value.quoted(s) : s
    case .int(let i): return String(i)
    case .float(let f): return Value.format(f)
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    case .secret(let s): return reveal ? s.revealed() : Secret.mask
    case .list(let items):
      let inner = items.map { $0.render(reveal: reveal, quoteStrings: quoteStrings) }
      return "[" + inner.joined(separator: ", ") + "]"
    case .dict(let entries):
      let inner = entries.sorted { $0.key < $1.key }.map {
        (quoteStrings ? Value.flowKey($0.key) : $0.key) + ": "
          + $0.value.render(reveal: reveal, quoteStrings: quoteStrings)
      }
      return "{" + inner.joined(separator: ", ") + "}"
    }
  }

  /// Formats a float the shortest way that reads back the same (`0.01`, `1e-06`, `2.0`).
  package static func format(_ f: Double) -> String {
    if f.isNaN { return "nan" }
    if f.isInfinite { return f > 0 ? "inf" : "-inf" }
    if f == f.rounded(), abs(f) < 1e15 { return String(Int(f)) + ".0" }
    return "\(f)"
  }

  /// Quotes a string (double quotes by default) with backslash escapes, as YAML reads a
  /// double-quoted string (conditions read the single-quoted form). Goes by Unicode scalar,
  /// as the readers of quoted text do: a quote or a `\` followed by a combining mark is one
  /// character, but still a quote or an escape to them.
  package static func quoted(_ s: String, mark: Unicode.Scalar = "\"") -> String {
    var out = String(mark)
    for scalar in s.unicodeScalars {
      switch scalar {
      case mark: out += "\\" + String(mark)
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case _ where mark == "\"" && isUnprintable(scalar):
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + String(mark)
  }

  /// Characters a YAML double-quoted string may not hold as they are (controls, byte order
  /// mark, non-characters) or would fold as line breaks (NEL, LS, PS); in a table they would
  /// reach the terminal as control codes.
  private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }

  /// A dict key as written in a flow mapping: bare when it is a plain name (`team`,
  /// `train.lr`), else double-quoted, so `{"a: b": 1}` reads back with its key.
  static func flowKey(_ key: String) -> String {
    func isWord(_ s: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "_"
    }
    guard let first = key.unicodeScalars.first, isWord(first),
      key.unicodeScalars.allSatisfy({ isWord($0) || $0 == "." || $0 == "-" || $0 == "/" })
    else { return quoted(key) }
    return key
  }

  /// Quotes a string only when it holds characters a command line would split on, as the
  /// shell's lexer reads it back: in double quotes, with a `\` before `"` and `\` only (the
  /// lexer takes `\n` as a backslash and an `n`, so a newline or a tab stays as it is).
  package static func quoteIfNeeded(_ s: String) -> String {
    let plain = !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || "_-./:@+%,".contains($0) }
    if plain { return s }
    var out = "\""
    for scalar in s.unicodeScalars {
      if scalar == "\"" || scalar == "\\" { out += "\\" }
      out.unicodeScalars.append(scalar)
    }
    return out + "\""
  }
}
