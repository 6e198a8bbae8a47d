/// A small evaluator for the part of expr-lang (the language of Argo's `{{= }}` tags, v1.17.7)
/// that the `when:` translation writes, following expr's own rules as its source states them:
/// numbers compare across int and float, `==` between different kinds is false, ordering needs
/// two numbers or two strings, `&&` `||` `!` take booleans only, `in` compares with `==`,
/// `asInt`/`asFloat` parse strings as Go's strconv does, strings take `\'` `\\` `\n` `\t` `\r`
/// and `\uXXXX` escapes. Anything else is an error, so a translation outside the subset fails
/// the test rather than passing by accident. (Argo's own library cannot be run here: the Go
/// module proxy is not reachable from these machines.)
struct ExprSubset {
  indirect enum Value: Equatable {
    case int(Int), float(Double), string(String), bool(Bool), array([Value]), map([String: Value])
    case function(String)
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  enum Token: Equatable {
    case number(String), string(String), name(String), symbol(String)
  }

  private let tokens: [Token]
  private var index = 0
  private let environment: [String: Value]

  /// Evaluates `text` with `workflow.parameters` holding `parameters` (all strings, as in Argo).
  static func evaluate(_ text: String, parameters: [String: String]) throws -> Value {
    let workflow = Value.map(["parameters": .map(parameters.mapValues { .string($0) })])
    var parser = ExprSubset(
      tokens: try tokenize(text),
      environment: [
        "workflow": workflow, "asInt": .function("asInt"), "asFloat": .function("asFloat"), "len": .function("len"),
      ])
    let value = try parser.or()
    guard parser.index == parser.tokens.count else { throw Failure("unexpected \(parser.tokens[parser.index])") }
    return value
  }

  private init(tokens: [Token], environment: [String: Value]) {
    self.tokens = tokens
    self.environment = environment
  }

  // MARK: Tokens

  static func tokenize(_ text: String) throws -> [Token] {
    let chars = Array(text.unicodeScalars)
    var tokens: [Token] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == " " { i += 1; continue }
      if ("0"..."9").contains(c) {
        var j = i
        while j < chars.count,
          ("0"..."9").contains(chars[j]) || chars[j] == "." || chars[j] == "e" || chars[j] == "E"
            || ((chars[j] == "-" || chars[j] == "+") && (chars[j - 1] == "e" || chars[j - 1] == "E"))
        { j += 1 }
        tokens.append(.number(String(String.UnicodeScalarView(chars[i..<j]))))
        i = j
      } else if c == "'" {
        var out = String.UnicodeScalarView()
        i += 1
        while i < chars.count, chars[i] != "'" {
          if chars[i] == "\\" {
            i += 1
            guard i < chars.count else { throw Failure("escape at end") }
            switch chars[i] {
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "u":
              guard i + 4 < chars.count,
                let code = UInt32(String(String.UnicodeScalarView(chars[(i + 1)...(i + 4)])), radix: 16),
                let scalar = Unicode.Scalar(code)
              else { throw Failure("bad \\u escape") }
              out.append(scalar)
              i += 4
            default: throw Failure("escape \\\(chars[i]) outside the subset")
            }
          } else {
            out.append(chars[i])
          }
          i += 1
        }
        guard i < chars.count else { throw Failure("unterminated string") }
        tokens.append(.string(String(out)))
        i += 1
      } else if c.properties.isAlphabetic || c == "_" {
        var j = i
        while j < chars.count, chars[j].properties.isAlphabetic || chars[j] == "_" || ("0"..."9").contains(chars[j]) {
          j += 1
        }
        tokens.append(.name(String(String.UnicodeScalarView(chars[i..<j]))))
        i = j
      } else {
        let two = i + 1 < chars.count ? String(String.UnicodeScalarView([c, chars[i + 1]])) : ""
        if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
          tokens.append(.symbol(two))
          i += 2
        } else if "!<>()[],.-".unicodeScalars.contains(c) {
          tokens.append(.symbol(String(c)))
          i += 1
        } else {
          throw Failure("character \(c) outside the subset")
        }
      }
    }
    return tokens
  }

  // MARK: Grammar: || < && < comparisons and `in` < unary < postfix

  private mutating func accept(_ symbol: String) -> Bool {
    guard index < tokens.count, tokens[index] == .symbol(symbol) else { return false }
    index += 1
    return true
  }

  private mutating func or() throws -> Value {
    var left = try and()
    while accept("||") {
      guard case .bool(let l) = left else { throw Failure("|| on \(left)") }
      let right = try and()
      guard case .bool(let r) = right else { throw Failure("|| on \(right)") }
      left = .bool(l || r)
    }
    return left
  }

  private mutating func and() throws -> Value {
    var left = try comparison()
    while accept("&&") {
      guard case .bool(let l) = left else { throw Failure("&& on \(left)") }
      let right = try comparison()
      guard case .bool(let r) = right else { throw Failure("&& on \(right)") }
      left = .bool(l && r)
    }
    return left
  }

  private mutating func comparison() throws -> Value {
    var left = try unary()
    while true {
      if index < tokens.count, tokens[index] == .name("in") {
        index += 1
        guard case .array(let items) = try unary() else { throw Failure("in needs an array") }
        left = .bool(items.contains { Self.equal($0, left) })
        continue
      }
      guard let op = ["==", "!=", "<=", ">=", "<", ">"].first(where: { accept($0) }) else { return left }
      let right = try unary()
      switch op {
      case "==": left = .bool(Self.equal(left, right))
      case "!=": left = .bool(!Self.equal(left, right))
      default: left = .bool(try Self.order(op, left, right))
      }
    }
  }

  private mutating func unary() throws -> Value {
    if accept("!") {
      guard case .bool(let b) = try unary() else { throw Failure("! on a non-bool") }
      return .bool(!b)
    }
    if accept("-") {
      switch try unary() {
      case .int(let i): return .int(-i)
      case .float(let f): return .float(-f)
      default: throw Failure("- on a non-number")
      }
    }
    return try postfix()
  }

  private mutating func postfix() throws -> Value {
    var value = try primary()
    while true {
      if accept(".") {
        guard index < tokens.count, case .name(let key) = tokens[index], case .map(let map) = value else {
          throw Failure("bad member access")
        }
        index += 1
        value = map[key] ?? .map([:])
      } else if accept("[") {
        let key = try or()
        guard accept("]"), case .string(let k) = key, case .map(let map) = value, let found = map[k] else {
          throw Failure("bad index")
        }
        value = found
      } else if accept("(") {
        guard case .function(let name) = value else { throw Failure("call of a non-function") }
        let argument = try or()
        guard accept(")") else { throw Failure("one argument expected") }
        value = try Self.call(name, argument)
      } else {
        return value
      }
    }
  }

  private mutating func primary() throws -> Value {
    guard index < tokens.count else { throw Failure("unexpected end") }
    let token = tokens[index]
    index += 1
    switch token {
    case .number(let text):
      if let int = Int(text) { return .int(int) }
      guard let float = Double(text) else { throw Failure("bad number \(text)") }
      return .float(float)
    case .string(let text): return .string(text)
    case .name("true"): return .bool(true)
    case .name("false"): return .bool(false)
    case .name(let name):
      guard let value = environment[name] else { throw Failure("unknown name \(name)") }
      return value
    case .symbol("("):
      let value = try or()
      guard accept(")") else { throw Failure(") expected") }
      return value
    case .symbol("["):
      var items: [Value] = []
      if accept("]") { return .array(items) }
      repeat { items.append(try or()) } while accept(",")
      guard accept("]") else { throw Failure("] expected") }
      return .array(items)
    default: throw Failure("unexpected \(token)")
    }
  }

  // MARK: Semantics

  static func equal(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.int(let x), .float(let y)): return Double(x) == y
    case (.float(let x), .int(let y)): return x == Double(y)
    default: return a == b
    }
  }

  static func order(_ op: String, _ a: Value, _ b: Value) throws -> Bool {
    func compare<T: Comparable>(_ x: T, _ y: T) -> Bool {
      switch op {
      case "<": return x < y
      case "<=": return x <= y
      case ">": return x > y
      default: return x >= y
      }
    }
    switch (a, b) {
    case (.int(let x), .int(let y)): return compare(x, y)
    case (.int(let x), .float(let y)): return compare(Double(x), y)
    case (.float(let x), .int(let y)): return compare(x, Double(y))
    case (.float(let x), .float(let y)): return compare(x, y)
    // Go compares strings byte by byte.
    case (.string(let x), .string(let y)):
      return compare(Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? -1 : x == y ? 0 : 1, 0)
    default: throw Failure("\(op) on \(a) and \(b)")
    }
  }

  static func call(_ name: String, _ argument: Value) throws -> Value {
    switch (name, argument) {
    case ("asInt", .string(let text)):
      guard let int = Int(text) else { throw Failure("asInt('\(text)') fails") }
      return .int(int)
    case ("asInt", .int): return argument
    case ("asFloat", .string(let text)):
      guard let float = Double(text), !text.isEmpty else { throw Failure("asFloat('\(text)') fails") }
      return .float(float)
    case ("asFloat", .int(let int)): return .float(Double(int))
    case ("len", .array(let items)): return .int(items.count)
    case ("len", .string(let text)): return .int(text.utf8.count)
    default: throw Failure("\(name)(\(argument)) outside the subset")
    }
  }
}
