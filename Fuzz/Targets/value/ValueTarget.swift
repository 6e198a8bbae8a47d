import FuzzSupport
import PipelineCore
import PipelineShell

/// Typed values: parse text as each parameter type, check constraints, and read the value's
/// literal back; the same text read as YAML goes through the node parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValue(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  let type = types[input.choice(types.count)]
  var spec = ParameterSpec(name: "p", type: type, location: .init(file: "pipeline.yaml", line: 3, column: 3))
  switch input.choice(7) {
  case 1: (spec.minimum, spec.maximum) = (1, 1000)
  case 2: (spec.minimum, spec.maximum) = (-0.5, 0.5)
  case 3: spec.pattern = "^[a-z0-9-]+$"
  case 4: (spec.minLength, spec.maxLength) = (2, 8)
  case 5: spec.pattern = input.text(until: 0)
  case 6: (spec.minimum, spec.maxLength, spec.pattern) = (0, 3, "[0-9]")
  default: break
  }
  check(input.rest(), spec: spec)
  return 0
}

private let types: [ParameterType] = [
  .string, .int, .float, .bool, .choice(["linear", "tree", "a b", ""]), .list(items: .int),
  .list(items: .float), .list(items: .string), .list(items: .bool), .list(items: .dict), .list(items: .path),
  .dict, .path, .secret,
]

private func check(_ text: String, spec: ParameterSpec) {
  _ = spec.constraintSummary
  switch ValueParser.parse(text, as: spec.type) {
  case .failure(let problem):
    _ = problem.description
    _ = problem.masked.description
  case .success(let value):
    checkValue(value, spec: spec)
  }
  if let node = try? YAMLReader().read(text, file: "<value>") {
    _ = ValueParser.inferred(node).display
    if case .success(let value) = ValueParser.parse(node, as: spec.type) { checkValue(value, spec: spec) }
  }
}

private func checkValue(_ value: Value, spec: ParameterSpec) {
  _ = (value.text, value.display, value.revealedText)
  if let problem = ConstraintChecker.check(value, against: spec) {
    _ = problem.description
    if value.containsSecret {
      fuzzRequire(problem == problem.masked, "a problem with a secret shows its value: \(problem)")
    }
  }
  guard !value.containsSecret else { return }
  // In a `run:` command a list is its items as shell words, each read back whole.
  if case .list(let items) = value {
    let line = value.rendered(for: .commandLine)
    let words = (try? Lexer.split(line).get())?.flatMap { $0.map(\.text) }
    let expected = items.map { $0.rendered(for: .text) }
    // A NUL cannot be typed: the lexer refuses such a line (and the planner such a command), as
    // for a string below.
    let holdsNUL = expected.contains { $0.utf8.contains(0) }
    fuzzRequire(
      holdsNUL ? words == nil : words == expected,
      "\(fuzzShow(value)) in a command line is \(fuzzShow(line)), words \(fuzzShow(words))")
  }
  // The run store keeps the value's type exactly (tagged JSON).
  let stored = JSONWriter.text(value.json)
  let restored = JSONValue.parse(stored).flatMap(Value.init(json:))
  if !containsNaN(value) {
    fuzzRequire(restored == value, "\(fuzzShow(value)) is stored as \(stored) and reads back as \(fuzzShow(restored))")
  }
  guard !containsNaN(value) else { return }
  switch spec.type {
  case .string, .path, .choice:
    // A NUL cannot be typed: the lexer refuses it (the system would cut a path or a command
    // there), so such a value (from a params file) has no literal to read back.
    if case .string(let s) = value, s.utf8.contains(0) {
      guard case .failure(let problem) = Lexer.split(value.literal) else {
        return fuzzRequire(false, "literal \(fuzzShow(value.literal)) holding a NUL splits")
      }
      return fuzzRequire(problem.message.contains("NUL"), "a NUL is refused as \(problem.message)")
    }
    // Strings: the literal is read back by the prompt's lexer, then by the value parser.
    guard case .success(let commands) = Lexer.split(value.literal), commands.count <= 1 else {
      return fuzzRequire(false, "literal \(fuzzShow(value.literal)) of \(fuzzShow(value)) does not split")
    }
    let words = commands.first.map { $0.map(\.text) } ?? []
    let back = ValueParser.parse(words.joined(separator: " "), as: spec.type)
    fuzzRequire(
      back == .success(value),
      "literal \(fuzzShow(value.literal)) reads back as \(fuzzShow(back)), not \(fuzzShow(value))")
  default:
    let back = ValueParser.parse(value.literal, as: spec.type)
    fuzzRequire(
      back == .success(value),
      "literal \(fuzzShow(value.literal)) reads back as \(fuzzShow(back)), not \(fuzzShow(value))")
  }
}

private func containsNaN(_ value: Value) -> Bool {
  switch value {
  case .float(let f): return f.isNaN
  case .list(let items): return items.contains(where: containsNaN)
  case .dict(let entries): return entries.values.contains(where: containsNaN)
  default: return false
  }
}
