/// Replaces every occurrence of any secret (and its encodings, see `SecretVariants`) in a byte
/// stream with `****`, however the stream is split into chunks.
///
/// Only the bytes that may still be the start of a secret are held back (at most the longest
/// pattern minus one, and the line breaks within a wrapped encoding); everything else is
/// returned at once so live output is not delayed. Overlapping or adjacent occurrences become
/// a single `****`.
package struct StreamMasker: Sendable {
  private let automaton: PatternAutomaton?
  /// The automaton's current row (state times stride).
  private var row = 0
  /// Bytes fed so far.
  private var consumed = 0
  /// Bytes neither returned nor covered by a returned mask, ending at `consumed`.
  private var pending: [UInt8] = []
  /// Where the last returned mask ends; a match starting at or before it extends it silently.
  private var maskEnd = Int.min
  /// Matches found but not yet returned, sorted, merged, in stream positions.
  private var matches: [Range<Int>] = []
  /// True once a secret (or an encoding of one) was found in the stream.
  package private(set) var foundSecret = false

  /// Builds the matcher for `secrets` and all their variants; empty secrets are ignored.
  package init(secrets: [String]) {
    automaton = AutomatonCache.automaton(for: secrets)
  }

  /// The number of bytes held back because they may begin a secret.
  var heldBackCount: Int { pending.count }

  /// The length of the longest pattern masked, in bytes (0 without secrets).
  var longestPattern: Int { automaton?.longestPattern ?? 0 }

  /// Consumes the next chunk of the stream and returns what can be shown now, masked.
  package mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
    guard let automaton else { return bytes }
    let start = consumed
    row = bytes.withUnsafeBufferPointer { input in
      automaton.scan(input, from: row) { end, row in
        let info = automaton.info(row: row)
        let window = StreamWindow(pending: pending, newBytes: bytes, newStart: start)
        // A literal match's length is known; one that may hold line breaks is counted back.
        let literal = start &+ end &- Int(info.matchBytes)
        let from = min(literal, window.start(ofPositions: Int(info.matchPositions), endingAt: start &+ end))
        record(from..<start &+ end)
      }
    }
    consumed += bytes.count
    let info = automaton.info(row: row)
    let window = StreamWindow(pending: pending, newBytes: bytes, newStart: start)
    let held = min(
      consumed - Int(info.holdBytes), window.start(ofPositions: Int(info.holdPositions), endingAt: consumed))
    return emit(upTo: held, newBytes: bytes, newStart: start)
  }

  /// Ends the stream: returns the held-back tail, masked, and starts afresh.
  package mutating func flush() -> [UInt8] {
    guard automaton != nil else { return [] }
    let output = emit(upTo: consumed, newBytes: [], newStart: consumed)
    row = 0
    maskEnd = Int.min
    return output
  }

  /// Masks a whole text at once.
  package static func mask(_ text: String, secrets: [String]) -> String {
    var masker = StreamMasker(secrets: secrets)
    let output = masker.feed(Array(text.utf8)) + masker.flush()
    return String(decoding: output, as: UTF8.self)
  }

  /// Adds a match, merging it with earlier ones it overlaps or touches.
  private mutating func record(_ match: Range<Int>) {
    foundSecret = true
    var lower = match.lowerBound
    while let last = matches.last, last.upperBound >= lower {
      lower = min(lower, last.lowerBound)
      matches.removeLast()
    }
    matches.append(lower..<match.upperBound)
  }

  /// Returns the stream from the first pending byte up to `boundary`, each match that starts
  /// before it replaced by one mask, and keeps the rest pending. `newBytes` were just fed and
  /// start at stream position `newStart`; `pending` ends there.
  private mutating func emit(upTo boundary: Int, newBytes: [UInt8], newStart: Int) -> [UInt8] {
    if pending.isEmpty, matches.isEmpty, maskEnd <= newStart, boundary == consumed {
      return newBytes  // nothing held, masked or pending: the chunk as it came, not a copy of it
    }
    let window = StreamWindow(pending: pending, newBytes: newBytes, newStart: newStart)
    var output: [UInt8] = []
    output.reserveCapacity(max(0, boundary - window.start))
    var cursor = max(window.start, maskEnd)
    var resolved = 0
    for match in matches {
      if match.lowerBound <= maskEnd {
        maskEnd = max(maskEnd, match.upperBound)
      } else if match.lowerBound < boundary {
        window.append(cursor..<match.lowerBound, to: &output)
        output += Self.maskBytes
        maskEnd = match.upperBound
      } else {
        break
      }
      cursor = max(cursor, maskEnd)
      resolved += 1
    }
    matches.removeFirst(resolved)
    if cursor < boundary {
      window.append(cursor..<boundary, to: &output)
      cursor = boundary
    }
    pending = []
    window.append(cursor..<consumed, to: &pending)
    return output
  }

  /// The bytes a mask is written as.
  static let maskBytes = Array(Secret.mask.utf8)
}

/// The not-yet-returned part of the stream: the pending bytes followed by the new chunk.
private struct StreamWindow {
  let pending: [UInt8]
  let newBytes: [UInt8]
  let newStart: Int

  /// The stream position of the first pending byte.
  var start: Int { newStart - pending.count }

  /// Where the last `positions` bytes other than line breaks before stream position `end`
  /// begin: the start of a match (or partial match) of a pattern that allows line breaks.
  /// Never before the window: what the automaton still tracks is all in it.
  func start(ofPositions positions: Int, endingAt end: Int) -> Int {
    var position = end
    var counted = 0
    while counted < positions, position > start {
      position -= 1
      if !MaskPattern.isLineBreak(byte(at: position)) { counted += 1 }
    }
    return position
  }

  /// The byte at a stream position within the window.
  func byte(at position: Int) -> UInt8 {
    position < newStart ? pending[position - start] : newBytes[position - newStart]
  }

  /// Appends the bytes at stream positions `range` (within the window) to `output`.
  func append(_ range: Range<Int>, to output: inout [UInt8]) {
    guard !range.isEmpty else { return }
    if range.lowerBound < newStart {
      output += pending[(range.lowerBound - start)..<(min(range.upperBound, newStart) - start)]
    }
    if range.upperBound > newStart {
      output += newBytes[(max(range.lowerBound, newStart) - newStart)..<(range.upperBound - newStart)]
    }
  }
}
