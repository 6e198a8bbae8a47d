/// Writes values as YAML byte for byte as DVC writes `dvc.lock` (ruamel.yaml's round-trip
/// dumper with block style): mappings and sequences in block style with sequences inside
/// mappings not indented, `{}` and `[]` for empty ones, null as nothing, floats as Python's
/// `repr`, strings plain when they read back as the same string and quoted as ruamel quotes
/// them otherwise, long lines folded at 80 columns.
package enum DVCYAMLWriter {
  /// The document for a mapping (or any value), ending with a line break.
  package static func document(_ value: DVCValue) -> String {
    var emitter = RuamelEmitter()
    node(value, in: &emitter, context: .root)
    emitter.writeIndent()  // the document's end
    return String(emitter.output)
  }

  enum Context { case root, mappingValue, sequenceItem }

  static func node(_ value: DVCValue, in e: inout RuamelEmitter, context: Context) {
    switch value {
    case .dict(let entries) where !entries.isEmpty:
      let saved = e.indent
      e.indent = e.indent.map { $0 + 2 } ?? 0
      for entry in entries { mappingEntry(entry, in: &e) }
      e.indent = saved
    case .list(let items) where !items.isEmpty:
      let saved = e.indent
      // In a mapping, a sequence right after its key is not indented (`indentless`).
      if !(context == .mappingValue && !e.indention) { e.indent = e.indent.map { $0 + 2 } ?? 0 }
      for item in items {
        e.writeIndent()
        e.writeIndicator("-", needWhitespace: true, indention: true)
        node(item, in: &e, context: .sequenceItem)
      }
      e.indent = saved
    case .dict:
      e.writeIndicator("{", needWhitespace: true, whitespace: true)
      e.writeIndicator("}", needWhitespace: false)
    case .list:
      e.writeIndicator("[", needWhitespace: true, whitespace: true)
      e.writeIndicator("]", needWhitespace: false)
    default:
      scalar(value, in: &e, context: context)
    }
  }

  static func mappingEntry(_ entry: DVCValue.Entry, in e: inout RuamelEmitter) {
    e.writeIndent()
    let text = entry.keyIsString ? entry.key : PythonKeys.writtenText(entry.key)
    let key = Array(text.unicodeScalars)
    let analysis = RuamelEmitter.analyze(key)
    let saved = e.indent
    if key.count < 128, !analysis.multiline {
      e.indent = (e.indent ?? 0) + 2
      e.writeScalar(text, implicit: !entry.keyIsString || YAMLScalarResolver.isPlainString(text), simpleKey: true)
      e.indent = saved
      e.writeIndicator(":", needWhitespace: false)
    } else {
      e.writeIndicator("?", needWhitespace: true, indention: true)
      e.indent = (e.indent ?? 0) + 2
      e.writeScalar(text, implicit: !entry.keyIsString || YAMLScalarResolver.isPlainString(text), simpleKey: false)
      e.indent = saved
      e.writeIndent()
      e.writeIndicator(":", needWhitespace: true, indention: true)
    }
    node(entry.value, in: &e, context: .mappingValue)
  }

  static func scalar(_ value: DVCValue, in e: inout RuamelEmitter, context: Context) {
    let saved = e.indent
    e.indent = (e.indent ?? -2) + 2
    if context == .sequenceItem { e.writeIndent() }
    switch value {
    case .string(let s): e.writeScalar(s, implicit: YAMLScalarResolver.isPlainString(s), simpleKey: false)
    case .timestamp(let t): e.writeScalar(t, implicit: true, simpleKey: false)
    default: e.writeScalar(text(of: value), implicit: true, simpleKey: false)
    }
    e.indent = saved
  }

  /// The plain text ruamel's representer gives a non-string scalar.
  static func text(of value: DVCValue) -> String {
    switch value {
    case .null: return ""
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .bigInt(let digits): return digits
    case .float(let f):
      if f.isNaN { return ".nan" }
      if f.isInfinite { return f > 0 ? ".inf" : "-.inf" }
      return PythonText.float(f).lowercased()
    default: return ""
    }
  }
}
