import CYAML

/// Where each value of a YAML document is written: its path of mapping keys (and list
/// indices), where it starts and ends, and its text when it is a scalar.
///
/// `YAMLNode` keeps only where a node starts; error excerpts need where a value ends too, to
/// hide a secret's value and nothing else (`SecretSourceSpans`).
package struct YAMLValueSpan: Sendable, Hashable {
  /// Mapping keys and list indices from the document's root to the value.
  package var path: [String]
  /// The scalar's text; nil for a list, a mapping or an alias.
  package var scalar: String?
  /// Where the value starts and ends (the end is just past it).
  package var span: SourceSpan
}

/// Reads the value spans of the first document of a YAML text through libyaml's events.
package enum YAMLSpans {
  /// The spans of every value, in document order, up to the end of the first document or to
  /// the first syntax error (then `complete` is false).
  package static func values(in text: String) -> (spans: [YAMLValueSpan], complete: Bool) {
    guard text.utf8.count <= YAMLReader().maximumBytes, !ByteSearch.holds(0, in: text) else { return ([], false) }
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return ([], false) }
    defer { yaml_parser_delete(&parser) }
    var walker = SpanWalker()
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return (walker.spans, false) }
        defer { yaml_event_delete(&event) }
        if walker.consume(event) { return (walker.spans, true) }
      }
    }
  }
}

/// Follows the events, keeping the path to the current node.
private struct SpanWalker {
  /// An open mapping or list: its path, where it started, and what comes next in it.
  struct Frame {
    let path: [String]
    let start: yaml_mark_t
    let isMapping: Bool
    var index = 0
    var key: String?
    var expectingKey = true
  }

  var frames: [Frame] = []
  var spans: [YAMLValueSpan] = []

  /// Consumes one event; returns true at the end of the first document.
  mutating func consume(_ event: yaml_event_t) -> Bool {
    switch event.type {
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let text =
        scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self) } ?? ""
      if let path = valuePath(keyText: text) {
        spans.append(YAMLValueSpan(path: path, scalar: text, span: Self.span(event.start_mark, event.end_mark)))
      }
    case YAML_ALIAS_EVENT:
      if let path = valuePath(keyText: "*") {
        spans.append(YAMLValueSpan(path: path, scalar: nil, span: Self.span(event.start_mark, event.end_mark)))
      }
    case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
      // A collection used as a key has no path of its own; its contents are no values.
      let path = valuePath(keyText: "?") ?? (frames.last?.path ?? []) + ["?"]
      frames.append(Frame(path: path, start: event.start_mark, isMapping: event.type == YAML_MAPPING_START_EVENT))
    case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
      guard let frame = frames.popLast() else { return false }
      if frame.path.last != "?" {
        spans.append(YAMLValueSpan(path: frame.path, scalar: nil, span: Self.span(frame.start, event.end_mark)))
      }
    case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
      return true
    default:
      break
    }
    return false
  }

  /// The path of a node that starts now, or nil when it is a mapping key (whose text becomes
  /// the key of the next value). Moves the enclosing frame on.
  mutating func valuePath(keyText: String) -> [String]? {
    guard !frames.isEmpty else { return [] }
    let top = frames.count - 1
    if frames[top].isMapping {
      if frames[top].expectingKey {
        frames[top].key = keyText
        frames[top].expectingKey = false
        return nil
      }
      frames[top].expectingKey = true
      return frames[top].path + [frames[top].key ?? "?"]
    }
    frames[top].index += 1
    return frames[top].path + [String(frames[top].index - 1)]
  }

  static func span(_ start: yaml_mark_t, _ end: yaml_mark_t) -> SourceSpan {
    SourceSpan(
      start: (line: Int(start.line) + 1, column: Int(start.column) + 1),
      end: (line: Int(end.line) + 1, column: Int(end.column) + 1))
  }
}
