/// A source line as an error excerpt shows it: the parts that hold secret values replaced by
/// `****`, and the caret's column moved with the text, so it still points at the same key or
/// at the hidden value.
package struct SourceExcerpt: Sendable, Hashable {
  /// The line with the hidden parts replaced.
  package var text: String
  /// The caret's column in `text` (1-based).
  package var caretColumn: Int

  /// The excerpt of `line` (line number `number`) with a caret at `column`, hiding `spans`.
  package init(line: String, number: Int, column: Int, hiding spans: [SourceSpan]) {
    let scalars = Array(line.unicodeScalars)
    let hidden = Self.merged(spans.compactMap { $0.columns(onLine: number) }, in: scalars)
    var out = String.UnicodeScalarView()
    var cursor = 1
    var caret = column
    var shift = 0
    var caretPlaced = false
    for range in hidden {
      out.append(contentsOf: scalars[(cursor - 1)..<(range.lowerBound - 1)])
      out.append(contentsOf: Secret.mask.unicodeScalars)
      if !caretPlaced, column < range.lowerBound {
        caret = column + shift
        caretPlaced = true
      } else if !caretPlaced, column < range.upperBound {
        caret = range.lowerBound + shift
        caretPlaced = true
      }
      shift += Secret.mask.unicodeScalars.count - range.count
      cursor = range.upperBound
    }
    out.append(contentsOf: scalars[min(scalars.count, cursor - 1)...])
    if !caretPlaced { caret = column + shift }
    text = String(out)
    caretColumn = max(1, caret)
    // A line of thousands of characters (minified JSON, a number of a million digits) is shown
    // around the caret only, with `…` where it goes on.
    let shown = Array(out)
    guard shown.count > Self.widest else { return }
    let start = max(0, min(caretColumn - 1 - Self.widest / 2, shown.count - Self.widest))
    let end = min(shown.count, start + Self.widest)
    var window = String.UnicodeScalarView()
    if start > 0 { window.append("…") }
    window.append(contentsOf: shown[start..<end])
    if end < shown.count { window.append("…") }
    text = String(window)
    caretColumn = caretColumn - start + (start > 0 ? 1 : 0)
  }

  /// The most characters of a line an excerpt shows.
  static let widest = 240

  /// The columns to hide, within the line, sorted and merged; a line hidden from its start
  /// keeps its indentation.
  static func merged(_ ranges: [Range<Int>], in scalars: [Unicode.Scalar]) -> [Range<Int>] {
    let indentation = (scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.count) + 1
    var result: [Range<Int>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      let lower = max(range.lowerBound, range.lowerBound == 1 ? indentation : 1)
      let upper = min(range.upperBound, scalars.count + 1)
      guard lower < upper else { continue }
      if let last = result.last, lower <= last.upperBound {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, upper)
      } else {
        result.append(lower..<upper)
      }
    }
    return result
  }
}
