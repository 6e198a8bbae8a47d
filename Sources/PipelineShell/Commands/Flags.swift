import PipelineCore

/// A command's `--flag` options, declared once for parsing, help and completion.
struct Flag: Sendable, Hashable {
  var name: String
  var short: String?
  /// The value's placeholder (`N`, `STEP`), or nil for a flag without a value.
  var value: String?

  init(_ name: String, short: String? = nil, value: String? = nil) {
    self.name = name
    self.short = short
    self.value = value
  }

  /// `--jobs N`, as usage shows it.
  var usage: String { value.map { "\(name) \($0)" } ?? name }

  static let jobs = Flag("--jobs", short: "-j", value: "N")
  static let noCache = Flag("--no-cache")
  static let executor = Flag("--executor", value: "local|slurm")
  static let wait = Flag("--wait")
  static let json = Flag("--json")
  static let isolated = Flag("--isolated")
  static let logLimit = Flag("--log-limit", value: "SIZE")
  static let keepGoing = Flag("--keep-going", short: "-k")
}

/// Flags read from a command's words; the other words, in order, are `rest`.
struct ParsedFlags {
  private(set) var values: [String: String] = [:]
  private(set) var present: Set<String> = []
  private(set) var rest: [Lexer.Word] = []

  /// Reads `words` against `flags`: `--name VALUE`, `--name=VALUE`, the short form; an
  /// unknown `--word` is a usage error with a "did you mean".
  init(_ words: [Lexer.Word], flags: [Flag], usage: String) throws(CommandError) {
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard !word.quoted, word.text.hasPrefix("-"), word.text.count > 1, Double(word.text) == nil else {
        rest.append(word)
        continue
      }
      let (name, inline) = Self.split(word.text)
      guard let flag = flags.first(where: { $0.name == name || $0.short == name }) else {
        var notes: [String] = []
        if let match = Suggestion.closest(to: name, in: flags.map(\.name)) { notes.append("did you mean '\(match)'?") }
        throw .usage("unknown option '\(name)'", notes: notes + ["usage: \(usage)"])
      }
      present.insert(flag.name)
      guard flag.value != nil else { continue }
      if let inline {
        values[flag.name] = inline
      } else if index < words.count {
        values[flag.name] = words[index].text
        index += 1
      } else {
        throw .usage("\(flag.name) needs a value (\(flag.value ?? ""))", notes: ["usage: \(usage)"])
      }
    }
  }

  /// True when the flag was given.
  func has(_ flag: Flag) -> Bool { present.contains(flag.name) }

  /// The flag's value, if given.
  func value(_ flag: Flag) -> String? { values[flag.name] }

  /// The flag's value as a whole number in `range`.
  func number(_ flag: Flag, in range: ClosedRange<Int>) throws(CommandError) -> Int? {
    guard let text = values[flag.name] else { return nil }
    guard let n = Int(text), range.contains(n) else {
      throw .usage("\(flag.name) needs a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text)'")
    }
    return n
  }

  private static func split(_ text: String) -> (String, String?) {
    guard text.hasPrefix("--"), let eq = text.firstIndex(of: "=") else { return (text, nil) }
    return (String(text[..<eq]), String(text[text.index(after: eq)...]))
  }
}
