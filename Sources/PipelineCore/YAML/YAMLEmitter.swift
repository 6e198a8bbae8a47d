import CYAML

/// Writes a `YAMLValue` as YAML text through libyaml's emitter (`yaml_emitter_emit`), which does
/// all quoting and escaping: block style, two-space indents, no line folding, UTF-8 as it is.
///
/// Strings are written plain only when every YAML reader takes them back as strings (YAML 1.1,
/// which Kubernetes and PyYAML speak, reads `yes`, `on`, `010` or `1:20` as other types);
/// otherwise libyaml picks single or double quotes. Text with line breaks is written as a literal
/// block (`|`) when libyaml can keep it exact that way, else double-quoted with escapes.
package enum YAMLEmitter {
  /// A libyaml emitter failure: its own message (`yaml_emitter_t.problem`).
  package struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
    package var problem: String
    package var description: String { "cannot write YAML: \(problem)" }
  }

  /// The document's YAML text.
  package static func emit(_ document: YAMLValue) throws(Failure) -> String {
    let sink = Sink()
    // libyaml keeps pointers into the emitter while it runs: it lives at one address.
    let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
    defer { emitter.deallocate() }
    guard yaml_emitter_initialize(emitter) == 1 else { throw Failure(problem: "out of memory") }
    defer { yaml_emitter_delete(emitter) }
    let context = Unmanaged.passUnretained(sink).toOpaque()
    yaml_emitter_set_output(
      emitter,
      { data, buffer, size in
        guard let data, let buffer else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(data).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
        return 1
      }, context)
    yaml_emitter_set_unicode(emitter, 1)
    yaml_emitter_set_indent(emitter, 2)
    yaml_emitter_set_width(emitter, -1)
    let writer = EventWriter(emitter: emitter)
    try withExtendedLifetime(sink) { () throws(Failure) in
      try writer.emit { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
      try writer.emit { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
      try writer.write(document)
      try writer.emit { yaml_document_end_event_initialize(&$0, 1) }
      try writer.emit { yaml_stream_end_event_initialize(&$0) }
    }
    return String(decoding: sink.bytes, as: UTF8.self)
  }

  /// True when `text` can be written without quotes and still be read back as this string by
  /// YAML 1.1 and 1.2 readers alike: a letter, `_` or `/` first, then letters, digits, `_`, `-`,
  /// `.` and `/`, and not a word those readers take as a boolean or null.
  static func isPlainSafe(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first.isASCIILetter || first == "_" || first == "/" else {
      return false
    }
    guard
      text.unicodeScalars.allSatisfy({
        $0.isASCIILetter || ("0"..."9").contains($0) || "_-./".unicodeScalars.contains($0)
      })
    else { return false }
    return !reservedWords.contains(text.lowercased())
  }

  private static let reservedWords: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]

  /// Collects what libyaml writes.
  private final class Sink {
    var bytes: [UInt8] = []
  }

  /// Sends events to the emitter; libyaml takes ownership of each event, also when it fails.
  private struct EventWriter {
    let emitter: UnsafeMutablePointer<yaml_emitter_t>

    func emit(_ initialize: (inout yaml_event_t) -> Int32) throws(Failure) {
      var event = yaml_event_t()
      guard initialize(&event) == 1 else { throw Failure(problem: "cannot make an event (out of memory)") }
      guard yaml_emitter_emit(emitter, &event) == 1 else {
        throw Failure(problem: emitter.pointee.problem.map { String(cString: $0) } ?? "unknown libyaml error")
      }
    }

    func write(_ value: YAMLValue) throws(Failure) {
      switch value {
      case .string(let text): try scalar(text, plain: Self.plainStyle(for: text))
      case .integer(let number): try scalar(String(number), plain: true)
      case .boolean(let flag): try scalar(flag ? "true" : "false", plain: true)
      case .sequence(let items):
        try emit { yaml_sequence_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE) }
        for item in items { try write(item) }
        try emit { yaml_sequence_end_event_initialize(&$0) }
      case .mapping(let entries):
        try emit { yaml_mapping_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
        for entry in entries {
          try scalar(entry.key, plain: Self.plainStyle(for: entry.key))
          try write(entry.value)
        }
        try emit { yaml_mapping_end_event_initialize(&$0) }
      }
    }

    /// `plain` true writes the text unquoted; false lets libyaml choose quotes, or a literal
    /// block for text with line breaks.
    private func scalar(_ text: String, plain: Bool) throws(Failure) {
      let style =
        plain ? YAML_PLAIN_SCALAR_STYLE : text.contains("\n") ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE
      var bytes = Array(text.utf8)
      try emit { event in
        bytes.withUnsafeMutableBufferPointer { buffer in
          yaml_scalar_event_initialize(
            &event, nil, nil, buffer.baseAddress, Int32(buffer.count), plain ? 1 : 0, 1, style)
        }
      }
    }

    private static func plainStyle(for text: String) -> Bool { YAMLEmitter.isPlainSafe(text) }
  }
}

extension Unicode.Scalar {
  fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
