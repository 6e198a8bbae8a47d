/// Reads `name: value` bindings from a params file or a profile. Nested mappings bind dotted
/// names (`train: {lr: 0.1}` binds `train.lr`), except where the name is a dict parameter.
package enum BindingFileReader {
  /// Returns the bindings; undeclared names are errors with a "did you mean".
  package static func bindings(
    in node: YAMLNode, known: Set<String>, context: String, diagnostics: inout [Diagnostic]
  ) -> [FileBinding] {
    if node.isNull { return [] }
    guard node.pairs != nil else {
      diagnostics.append(
        Diagnostic("expected a mapping of parameter values in \(context), found \(node.kindName)", at: node.location))
      return []
    }
    var out: [FileBinding] = []
    collect(node, prefix: "", known: known, context: context, into: &out, diagnostics: &diagnostics)
    return out
  }

  private static func collect(
    _ node: YAMLNode, prefix: String, known: Set<String>, context: String,
    into out: inout [FileBinding], diagnostics: inout [Diagnostic]
  ) {
    var seen = Set<String>()
    for pair in node.pairs ?? [] {
      guard let key = pair.key.scalar else {
        diagnostics.append(Diagnostic("expected a parameter name in \(context)", at: pair.key.location))
        continue
      }
      let name = prefix.isEmpty ? key : prefix + "." + key
      if !seen.insert(key).inserted {
        diagnostics.append(Diagnostic("duplicate key '\(key)' in \(context)", at: pair.key.location))
        continue
      }
      if known.contains(name) {
        out.append(FileBinding(name: name, node: pair.value, location: pair.key.location))
      } else if pair.value.pairs != nil, known.contains(where: { $0.hasPrefix(name + ".") }) {
        collect(pair.value, prefix: name, known: known, context: context, into: &out, diagnostics: &diagnostics)
      } else {
        diagnostics.append(
          Diagnostic("unknown parameter '\(name)' in \(context)", at: pair.key.location)
            .suggesting(name, from: known))
      }
    }
  }
}
