import CYAML

/// Tabs where DVC's YAML loader refuses them. ruamel.yaml takes only spaces between the parts
/// of a line in block context and between the words of a plain value (`scan_to_next_token`,
/// `scan_plain_spaces`), where libyaml takes tabs too: `cmd: echo a<TAB>` loads in libyaml but
/// DVC stops on it ("found character '\t' that cannot start any token"). Tabs stay allowed in
/// quoted and block values, inside flow collections (`[a,<TAB>b]`), and in comments.
enum YAMLTabs {
  /// Where the first tab DVC refuses is, or nil (also for text libyaml cannot scan: its own
  /// error is reported where the text is read).
  static func firstRefused(in text: String, file: String) -> SourceLocation? {
    guard ByteSearch.holds(UInt8(ascii: "\t"), in: text) else { return nil }
    // libyaml's marks count characters, after a byte order mark it skips.
    var characters = Array(text.unicodeScalars)
    if characters.first == "\u{FEFF}" { characters.removeFirst() }
    guard let ranges = tokenRanges(of: text, count: characters.count) else { return nil }
    var allowed = [Bool](repeating: false, count: characters.count + 1)
    var inScalar = [Bool](repeating: false, count: characters.count + 1)
    for range in ranges.allowed { for index in range where index < allowed.count { allowed[index] = true } }
    for range in ranges.scalars { for index in range where index < inScalar.count { inScalar[index] = true } }
    // Inside a flow collection a tab still ends a plain value, where DVC then stops.
    for range in ranges.plain { for index in range where index < allowed.count { allowed[index] = false } }
    // A block value's first line (`|2- # note`) is no part of its text.
    for header in ranges.headers {
      var index = header.lowerBound
      while index < header.upperBound, index < characters.count, !isBreak(characters[index]) {
        allowed[index] = false
        inScalar[index] = false
        index += 1
      }
    }
    var line = 1, column = 1, inComment = false
    for (index, character) in characters.enumerated() {
      if isBreak(character) {
        // `\r\n` is one line break.
        if !(character == "\r" && index + 1 < characters.count && characters[index + 1] == "\n") { line += 1 }
        (column, inComment) = (1, false)
        continue
      }
      if character == "#", !inScalar[index],
        index == 0 || characters[index - 1] == " " || characters[index - 1] == "\t"
          || isBreak(characters[index - 1])
      {
        inComment = true
      }
      if character == "\t", !inComment, !allowed[index] {
        return SourceLocation(file: file, line: line, column: column)
      }
      column += 1
    }
    return nil
  }

  /// YAML's line breaks.
  private static func isBreak(_ character: Unicode.Scalar) -> Bool {
    switch character {
    case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": return true
    default: return false
    }
  }

  /// The character ranges, from libyaml's tokens, of quoted and block values and of flow
  /// collections (where tabs are allowed), of every value (where a `#` is no comment), of plain
  /// values, and of block values (whose first line is their header).
  private static func tokenRanges(of text: String, count: Int) -> (
    allowed: [Range<Int>], scalars: [Range<Int>], plain: [Range<Int>], headers: [Range<Int>]
  )? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var allowed: [Range<Int>] = [], scalars: [Range<Int>] = [], plain: [Range<Int>] = []
      var headers: [Range<Int>] = [], flowStarts: [Int] = []
      while true {
        var token = yaml_token_t()
        guard yaml_parser_scan(&parser, &token) == 1 else { return nil }
        defer { yaml_token_delete(&token) }
        let start = min(Int(token.start_mark.index), count)
        let end = min(max(Int(token.end_mark.index), start), count)
        switch token.type {
        case YAML_STREAM_END_TOKEN: return (allowed, scalars, plain, headers)
        case YAML_FLOW_SEQUENCE_START_TOKEN, YAML_FLOW_MAPPING_START_TOKEN: flowStarts.append(start)
        case YAML_FLOW_SEQUENCE_END_TOKEN, YAML_FLOW_MAPPING_END_TOKEN:
          if let open = flowStarts.popLast(), flowStarts.isEmpty { allowed.append(open..<end) }
        case YAML_SCALAR_TOKEN:
          scalars.append(start..<end)
          switch token.data.scalar.style {
          case YAML_PLAIN_SCALAR_STYLE: plain.append(start..<end)
          case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE:
            allowed.append(start..<end)
            headers.append(start..<end)
          default: allowed.append(start..<end)
          }
        default: break
        }
      }
    }
  }
}
