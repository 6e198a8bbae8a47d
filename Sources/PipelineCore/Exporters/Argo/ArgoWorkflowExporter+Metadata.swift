extension ArgoWorkflowExporter {
  /// `spec.arguments.parameters`: every parameter that is not a secret (nor derived from one),
  /// with its value now, its choices as `enum` (booleans as `true`/`false`) and its description.
  /// A parameter without a value (required, unbound) has none, so Argo asks for it at submission.
  func parameters(_ pipeline: Pipeline, snapshot: Snapshot, names: ArgoNames) -> [YAMLValue] {
    pipeline.parameters.compactMap { spec -> YAMLValue? in
      guard !spec.isSecret, !(snapshot.parameters[spec.name]?.isSecret ?? false), let argo = names.parameters[spec.name]
      else { return nil }
      var choices: [String]?
      if case .choice(let options) = spec.type { choices = options }
      if spec.type == .bool { choices = ["true", "false"] }
      return YAMLValue.map([
        ("name", .string(argo)),
        ("value", snapshot.value(spec.name).map { .string($0.text) }),
        ("enum", choices.map { .sequence($0.map(YAMLValue.string)) }),
        ("description", spec.description.map(YAMLValue.string)),
      ])
    }
  }

  /// `generateName` and the annotations that say where the workflow came from, which values
  /// were resolved at export (`fromFiles`: the values steps read from files, written into the
  /// manifest as they are there, by file), and how names were mapped.
  func metadata(
    _ pipeline: Pipeline, snapshot: Snapshot, names: ArgoNames, resolvedInSteps: [String: String],
    fromFiles: [(name: String, value: ExportFacts.FileValue)] = []
  ) -> YAMLValue {
    var annotations: [(String, YAMLValue?)] = [
      ("pipeshell.dev/pipeline", .string(pipeline.name)),
      ("pipeshell.dev/source-hash", .string(pipeline.sourceHash)),
      ("workflows.argoproj.io/description", pipeline.description.map(YAMLValue.string)),
    ]
    var derived: [(String, AnnotationJSON)] = []
    for spec in pipeline.parameters {
      guard let resolved = snapshot.parameters[spec.name], !resolved.isSecret, let value = resolved.value,
        let written = resolved.winner.flatMap(Self.writtenText), written.contains("${")
      else { continue }
      derived.append((spec.name, .object([("written", .string(written)), ("value", .string(value.text))])))
    }
    var resolved: [(String, AnnotationJSON)] = []
    if !derived.isEmpty { resolved.append(("parameters", .object(derived))) }
    if !resolvedInSteps.isEmpty {
      resolved.append(
        ("step-fields", .object(resolvedInSteps.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
    }
    if !fromFiles.isEmpty {
      var files: [(String, AnnotationJSON)] = []
      for (name, value) in fromFiles {
        let entry = (name, AnnotationJSON.string(value.value.text))
        if let index = files.firstIndex(where: { $0.0 == value.file }), case .object(let entries) = files[index].1 {
          files[index].1 = .object(entries + [entry])
        } else {
          files.append((value.file, .object([entry])))
        }
      }
      resolved.append(("params-files", .object(files)))
    }
    if !resolved.isEmpty {
      annotations.append(("pipeshell.dev/resolved-at-export", .string(AnnotationJSON.object(resolved).text)))
    }
    annotations.append(("pipeshell.dev/parameter-names", Self.renamed(names.parameters)))
    annotations.append(("pipeshell.dev/step-names", Self.renamed(names.steps)))
    return .map([
      ("generateName", .string(ArgoNames.kubernetesName(pipeline.name) + "-")),
      ("annotations", .map(annotations)),
    ])
  }

  /// A binding's text as written, without the quotes of a quoted YAML scalar.
  private static func writtenText(_ binding: Binding) -> String? {
    switch binding.raw {
    case .yaml(let node): return node.scalar ?? binding.writtenText
    case .text(let text): return text
    case .value(let value): return value.text
    case .secret, .secretSource: return nil
    }
  }

  /// `{"argo-name": "pipeshell.name"}` for the names that changed, or nil when none did.
  private static func renamed(_ map: [String: String]) -> YAMLValue? {
    let changed = map.filter { $0.key != $0.value }.sorted { $0.value < $1.value }
    guard !changed.isEmpty else { return nil }
    return .string(AnnotationJSON.object(changed.map { ($0.value, .string($0.key)) }).text)
  }
}

/// The little JSON the annotations hold: strings and objects of them, keys in the order given.
indirect enum AnnotationJSON {
  case string(String)
  case object([(String, AnnotationJSON)])

  var text: String {
    switch self {
    case .string(let value): return Self.quoted(value)
    case .object(let entries):
      return "{" + entries.map { Self.quoted($0.0) + ": " + $0.1.text }.joined(separator: ", ") + "}"
    }
  }

  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case _ where scalar.value < 0x20:
        let digits = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
