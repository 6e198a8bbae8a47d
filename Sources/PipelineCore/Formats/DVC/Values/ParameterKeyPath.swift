/// A parameter name as a list of key segments, rendered as SEAMS.md's "Parameter names" say:
/// a segment of ASCII letters, digits, `_` and `-` is written bare and joined with `.`
/// (`train.lr`, `train.log-level`, `stages.0`); any other segment is written in brackets with
/// `[`, `]` and `\` escaped by a backslash (`data[a.b]`, `paths[/tmp/x]`, `[a\[0\]]`).
///
/// Keys of DVC params files may hold any text (`log-level`, `0`, `a.b`), so a name cannot be
/// split on dots; this keeps every key addressable while plain names stay as people write them.
package struct ParameterKeyPath: Sendable, Hashable, CustomStringConvertible {
  package var segments: [String]

  package init(_ segments: [String]) {
    self.segments = segments
  }

  /// The name as written: `train.lr`, `data[a.b]`, `[x y].z`.
  package var description: String {
    if let plain = plainDescription { return plain }
    var out = ""
    for (index, segment) in segments.enumerated() {
      if isWrittenBare(segment, at: index) {
        if index > 0 { out += "." }
        out += segment
      } else {
        out += "[" + Self.escaped(segment) + "]"
      }
    }
    return out
  }

  /// Whether the segment at `index` is written without brackets. A name never starts with a
  /// digit (it would read as a number): a first key `0` is `[0]`. A first key that starts with
  /// a digit, or that a condition reads as a word of its own (`not`, `in`, ...) before more
  /// keys, is written in brackets too (`[0].a`, `[in].x`).
  private func isWrittenBare(_ segment: String, at index: Int) -> Bool {
    Self.isWrittenBare(segment)
      && (index > 0 || (!Self.startsWithDigit(segment) && (segments.count == 1 || !Self.isConditionWord(segment))))
  }

  /// The name when every segment is written bare (nearly every name): the segments joined with
  /// dots in one allocation, where appending them one by one cost 1,900 instructions a name,
  /// and names are written for every parameter of every step a DVC project maps.
  private var plainDescription: String? {
    guard !segments.isEmpty else { return nil }
    var count = segments.count - 1
    for (index, segment) in segments.enumerated() {
      guard isWrittenBare(segment, at: index) else { return nil }
      count += segment.utf8.count
    }
    return String(unsafeUninitializedCapacity: count) { buffer in
      var end = 0
      for segment in segments {
        if end > 0 {
          buffer[end] = UInt8(ascii: ".")
          end += 1
        }
        end = buffer[end...].initialize(fromContentsOf: segment.utf8)
      }
      return end
    }
  }

  /// The environment-variable form: the name upper-cased with every character other than an
  /// ASCII letter or digit turned into `_` (`train.log-level` becomes `TRAIN_LOG_LEVEL`).
  package var environmentName: String {
    ParameterName.environmentSuffix(description)
  }

  /// This path followed by more segments (one new list: `segments + [segment]` made two for
  /// every key of every params file).
  package func appending(_ segment: String) -> ParameterKeyPath {
    var longer = segments
    longer.append(segment)
    return ParameterKeyPath(longer)
  }

  /// True when `other` starts with every segment of this path.
  package func isPrefix(of other: ParameterKeyPath) -> Bool {
    other.segments.count >= segments.count && Array(other.segments.prefix(segments.count)) == segments
  }

  /// The words a condition reserves.
  static let conditionWords: Set<String> = ["and", "or", "not", "in", "true", "false"]

  /// True for one of `conditionWords`; a longer key is not hashed to find out.
  static func isConditionWord(_ segment: String) -> Bool {
    segment.utf8.count <= 5 && conditionWords.contains(segment)
  }

  private static func startsWithDigit(_ segment: String) -> Bool {
    segment.utf8.first.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false
  }

  /// True for a segment the canonical name writes without brackets: a bare one whose every `-`
  /// stands between two other characters (`log-level`), as a condition reads a name; `a--b` and
  /// `-x` are read bare when typed but written `[a--b]`, `[-x]`.
  static func isWrittenBare(_ segment: String) -> Bool {
    let dash = UInt8(ascii: "-")
    // One pass over the bytes: every name of a large project is written through here.
    var previous = dash  // so that a leading `-` is refused as a doubled one is
    let refused = ByteSearch.contains(in: segment) { byte in
      if !isBareByte(byte) || (byte == dash && previous == dash) { return true }
      previous = byte
      return false
    }
    return !refused && !segment.isEmpty && previous != dash
  }

  /// True for a segment that may be typed without brackets.
  package static func isBare(_ segment: String) -> Bool {
    !segment.isEmpty && segment.utf8.allSatisfy(isBareByte)
  }

  private static func isBareByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
      return true
    default:
      return false
    }
  }

  private static func escaped(_ segment: String) -> String {
    var out = String.UnicodeScalarView()
    // By scalar: a bracket followed by a combining mark is still a bracket to a condition.
    for scalar in segment.unicodeScalars {
      // `[` too: a condition reads a bracket inside a key as the start of a list.
      if scalar == "]" || scalar == "[" || scalar == "\\" { out.append("\\") }
      out.append(scalar)
    }
    return String(out)
  }
}

extension ParameterKeyPath {
  /// Why a name could not be read, with the offset (in Unicode scalars) where reading stopped.
  package struct ParseProblem: Error, Sendable, Hashable {
    package var message: String
    package var offset: Int
  }

  /// Reads a rendered name back into its segments; the exact inverse of `description`.
  package static func parse(_ text: String) -> Result<ParameterKeyPath, ParseProblem> {
    let chars = Array(text.unicodeScalars)
    var segments: [String] = []
    var i = 0
    if chars.isEmpty { return .failure(ParseProblem(message: "a parameter name is empty", offset: 0)) }
    while i < chars.count {
      if chars[i] == "[" {
        var segment = ""
        var j = i + 1
        var closed = false
        while j < chars.count {
          if chars[j] == "\\", j + 1 < chars.count, chars[j + 1] == "]" || chars[j + 1] == "[" || chars[j + 1] == "\\" {
            segment.unicodeScalars.append(chars[j + 1])
            j += 2
          } else if chars[j] == "]" {
            closed = true
            break
          } else {
            segment.unicodeScalars.append(chars[j])
            j += 1
          }
        }
        guard closed else { return .failure(ParseProblem(message: "'[' is not closed by ']'", offset: i)) }
        segments.append(segment)
        i = j + 1
        if i < chars.count, chars[i] == "." {
          i += 1
          guard i < chars.count, chars[i] != "[" else {
            return .failure(ParseProblem(message: "expected a key after '.'", offset: i))
          }
        } else if i < chars.count, chars[i] != "[" {
          return .failure(ParseProblem(message: "expected '.' or '[' after ']'", offset: i))
        }
        continue
      }
      var segment = ""
      let start = i
      while i < chars.count, chars[i] != ".", chars[i] != "[" {
        segment.unicodeScalars.append(chars[i])
        i += 1
      }
      guard isBare(segment) else {
        let message =
          segment.isEmpty
          ? "expected a key" : "'\(segment)' must be written in brackets, as [\(escaped(segment))]"
        return .failure(ParseProblem(message: message, offset: start))
      }
      segments.append(segment)
      if i < chars.count, chars[i] == "." {
        i += 1
        guard i < chars.count, chars[i] != "[" else {
          return .failure(ParseProblem(message: "expected a key after '.'", offset: i))
        }
      }
    }
    return .success(ParameterKeyPath(segments))
  }
}
