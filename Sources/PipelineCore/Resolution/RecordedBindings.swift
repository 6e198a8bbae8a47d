/// The bindings of a run's layers as the run store keeps them (JSON), so that a rerun replays
/// every layer as it was and derives every derived value again. A secret's value is never
/// written: a secret typed at the prompt, or bound through a layer that holds text, is kept as
/// a placeholder that the rerun fills from the session; a secret source (`--from-env` etc.)
/// is kept, and read again.
package enum RecordedBindings {
  /// One recorded binding: a replayable binding, or a secret to take from the session.
  package enum Entry: Sendable, Hashable {
    case binding(Binding)
    case secret(name: String, layer: Layer, source: ValueSource)

    package var name: String {
      switch self {
      case .binding(let b): return b.name
      case .secret(let name, _, _): return name
      }
    }
  }

  /// The bindings as JSON text; `secretNames` are the parameters whose values are secret.
  package static func encode(_ bindings: [Binding], secretNames: Set<String>) -> String {
    JSONWriter.text(.array(bindings.map { encode($0, secret: secretNames.contains($0.name)) }))
  }

  /// The entries read back; nil when the text is not a recording.
  package static func decode(_ text: String) -> [Entry]? {
    guard let items = JSONValue.parse(text)?.array else { return nil }
    var entries: [Entry] = []
    for item in items {
      guard let entry = decodeEntry(item) else { return nil }
      entries.append(entry)
    }
    return entries
  }

  private static func encode(_ binding: Binding, secret: Bool) -> JSONValue {
    let raw: JSONValue
    switch binding.raw {
    case .secretSource(let source): raw = encode(source)
    case .secret: raw = .object([("secret", .null)])
    case _ where secret: raw = .object([("secret", .null)])
    case .text(let text): raw = .object([("text", .string(text))])
    case .yaml(let node): raw = .object([("yaml", encode(node))])
    case .value(let value): raw = .object([("value", value.json)])
    }
    return .object([
      ("name", .string(binding.name)), ("layer", .string(binding.layer.description)), ("raw", raw),
      ("source", encode(binding.source)),
    ])
  }

  private static func decodeEntry(_ json: JSONValue) -> Entry? {
    guard let name = json["name"]?.string, let layerName = json["layer"]?.string,
      let layer = Layer.allCases.first(where: { $0.description == layerName }), let raw = json["raw"],
      let source = json["source"].flatMap(decodeSource)
    else { return nil }
    if raw["secret"] != nil { return .secret(name: name, layer: layer, source: source) }
    let value: RawValue
    if let text = raw["text"]?.string {
      value = .text(text)
    } else if let node = raw["yaml"], let yaml = decodeNode(node) {
      value = .yaml(yaml)
    } else if let json = raw["value"], let typed = Value(json: json) {
      value = .value(typed)
    } else if let secretSource = decodeSecretSource(raw) {
      value = .secretSource(secretSource)
    } else {
      return nil
    }
    return .binding(Binding(name: name, raw: value, layer: layer, source: source))
  }

  private static func encode(_ source: SecretSource) -> JSONValue {
    switch source {
    case .environment(let variable): return .object([("fromEnv", .string(variable))])
    case .file(let path): return .object([("fromFile", .string(path))])
    case .command(let command): return .object([("fromCmd", .string(command))])
    }
  }

  private static func decodeSecretSource(_ json: JSONValue) -> SecretSource? {
    if let variable = json["fromEnv"]?.string { return .environment(variable) }
    if let path = json["fromFile"]?.string { return .file(path) }
    if let command = json["fromCmd"]?.string { return .command(command) }
    return nil
  }

  /// A YAML node with where each part was written (errors in a replayed value point there).
  private static func encode(_ node: YAMLNode) -> JSONValue {
    let at = ("at", encode(node.location))
    switch node.kind {
    case .scalar(let text, let quoted): return .object([("s", .string(text)), ("q", .bool(quoted)), at])
    case .sequence(let items): return .object([("l", .array(items.map(encode))), at])
    case .mapping(let pairs):
      return .object([("m", .array(pairs.map { .array([encode($0.key), encode($0.value)]) })), at])
    }
  }

  private static func decodeNode(_ json: JSONValue) -> YAMLNode? {
    guard let location = json["at"].flatMap(decodeLocation) else { return nil }
    if let text = json["s"]?.string { return YAMLNode(.scalar(text, quoted: json["q"]?.bool ?? false), at: location) }
    if let items = json["l"]?.array {
      var nodes: [YAMLNode] = []
      for item in items {
        guard let node = decodeNode(item) else { return nil }
        nodes.append(node)
      }
      return YAMLNode(.sequence(nodes), at: location)
    }
    if let pairs = json["m"]?.array {
      var out: [YAMLNode.Pair] = []
      for pair in pairs {
        guard let both = pair.array, both.count == 2, let key = decodeNode(both[0]), let value = decodeNode(both[1])
        else {
          return nil
        }
        out.append(.init(key: key, value: value))
      }
      return YAMLNode(.mapping(out), at: location)
    }
    return nil
  }

  private static func encode(_ location: SourceLocation) -> JSONValue {
    .array([.string(location.file), .int(location.line), .int(location.column)])
  }

  private static func decodeLocation(_ json: JSONValue) -> SourceLocation? {
    guard let parts = json.array, parts.count == 3, let file = parts[0].string, let line = parts[1].int,
      let column = parts[2].int
    else { return nil }
    return SourceLocation(file: file, line: line, column: column)
  }

  private static func encode(_ source: ValueSource) -> JSONValue {
    switch source {
    case .pipelineDefault(let at): return .object([("default", encode(at))])
    case .paramsFile(let at): return .object([("file", encode(at))])
    case .profile(let name, let at): return .object([("profile", .string(name)), ("at", encode(at))])
    case .environment(let variable): return .object([("env", .string(variable))])
    case .command(let text, let origin): return .object([("command", .string(text)), ("origin", encode(origin))])
    }
  }

  private static func decodeSource(_ json: JSONValue) -> ValueSource? {
    if let at = json["default"].flatMap(decodeLocation) { return .pipelineDefault(at) }
    if let at = json["file"].flatMap(decodeLocation) { return .paramsFile(at) }
    if let name = json["profile"]?.string, let at = json["at"].flatMap(decodeLocation) { return .profile(name, at) }
    if let variable = json["env"]?.string { return .environment(variable) }
    if let text = json["command"]?.string, let origin = json["origin"].flatMap(decodeOrigin) {
      return .command(text, origin)
    }
    return nil
  }

  private static func encode(_ origin: CommandOrigin) -> JSONValue {
    switch origin {
    case .prompt(let line): return .object([("prompt", .int(line))])
    case .script(let file, let line): return .object([("script", .string(file)), ("line", .int(line))])
    case .commandLine: return .object([("commandLine", .bool(true))])
    case .commandOption(let index): return .object([("option", .int(index))])
    }
  }

  private static func decodeOrigin(_ json: JSONValue) -> CommandOrigin? {
    if let line = json["prompt"]?.int { return .prompt(line: line) }
    if let file = json["script"]?.string, let line = json["line"]?.int { return .script(file: file, line: line) }
    if json["commandLine"] != nil { return .commandLine }
    if let index = json["option"]?.int { return .commandOption(index: index) }
    return nil
  }
}
