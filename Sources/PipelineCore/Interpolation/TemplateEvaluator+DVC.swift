/// DVC's dialect of the one template engine (`dvc/parsing/interpolate.py`, `Context.resolve_str`):
/// each `${...}` reads a params value (the parameters it is made of, at their current values),
/// which becomes text as DVC writes it (`true`/`false`, Python's `str()` of numbers and `None`),
/// a dict only in `cmd` and unpacked into options, a list never; after joining, every `\${`
/// becomes `${`. An exact template (`${x}` alone) keeps the value, which must be text.
extension TemplateEvaluator {
  func renderDVC(_ template: Template, rules: DVCTemplateRules) -> Result<Rendered, Failure> {
    var out = Rendered()
    // Room made once: a plan renders thousands of commands of a few pieces each.
    var room = 0
    var references = 0
    for part in template.parts {
      switch part {
      case .literal(let text): room += text.utf8.count
      case .dvcValue(let reference):
        room += 16
        references += reference.pieces.count
      default: continue
      }
    }
    // Built as bytes and made text once (a `String` append cost a few hundred instructions).
    var text: [UInt8] = []
    text.reserveCapacity(room)
    // The text with secrets masked, apart from `text` once a secret goes in.
    var masked: [UInt8]?
    func add(_ piece: String, secret: Bool) {
      if secret, masked == nil { masked = text }
      masked?.appendUTF8(of: secret ? Secret.mask : piece)
      text.appendUTF8(of: piece)
    }
    func finished() -> Rendered {
      var done = out
      done.text = String(decoding: text, as: UTF8.self)
      if let masked { done.masked = String(decoding: masked, as: UTF8.self) }
      return done
    }
    if references > 0 { out.parameters.reserveCapacity(references) }
    for part in template.parts {
      switch part {
      case .literal(let literal):
        add(literal, secret: false)
      case .dvcValue(let reference):
        // From the pieces in place (`parameters` makes a new list each time it is asked).
        for piece in reference.pieces where !out.parameters.contains(piece.parameter) {
          out.parameters.append(piece.parameter)
        }
        let piece: Result<DVCPiece, Failure>
        if let memo {
          piece = memo.piece(reference, rules) { dvcPiece(reference, rules: rules) }
        } else {
          piece = dvcPiece(reference, rules: rules)
        }
        switch piece {
        case .success(let piece):
          add(piece.text, secret: piece.secret)
          out.secret = out.secret || piece.secret
          if rules.exact { return .success(finished()) }
        case .failure(let failure): return .failure(failure)
        }
      default:
        return .failure(Failure("'\(template.source)': a DVC stage's string holds only ${key.path} references"))
      }
    }
    out = finished()
    let unescaped = DVCTemplateRenderer.unescaped(out.text)
    if unescaped != out.text {
      if out.secret { out.masked = DVCTemplateRenderer.unescaped(out.masked) }
      out.text = unescaped
    }
    return .success(out)
  }

  /// The text of one `${...}` as `rules` write it.
  private func dvcPiece(_ reference: DVCValueReference, rules: DVCTemplateRules) -> Result<DVCPiece, Failure> {
    let value: DVCValue
    var secret = false
    switch dvcValue(of: reference) {
    case .success(let (read, isSecret)):
      value = read
      secret = isSecret
    case .failure(let failure): return .failure(failure)
    }
    if rules.exact {
      guard case .string(let text) = value else {
        return .failure(
          Failure(
            "'${\(reference.expression)}' is \(Self.article(value)), but this field needs text (DVC keeps the "
              + "value of a field that is exactly one ${...})"))
      }
      return .success(DVCPiece(text: text, secret: secret))
    }
    do {
      try DVCInterpolation.validate(value, inCommand: rules.inCommand)
      return .success(DVCPiece(text: try DVCInterpolation.text(value, settings: rules.settings), secret: secret))
    } catch {
      return .failure(Failure("failed to interpolate '${\(reference.expression)}': \(error.message)"))
    }
  }

  /// The value a reference reads, built from its parameters, and whether any is secret.
  private func dvcValue(of reference: DVCValueReference) -> Result<(DVCValue, Bool), Failure> {
    var secret = false
    var pieces: [(path: [String], value: DVCValue)] = []
    for piece in reference.pieces {
      switch lookup(piece.parameter) {
      case .unknown: return .failure(Failure("unknown parameter '\(piece.parameter)'"))
      case .failed(let failure): return .failure(failure)
      case .value(let value, let isSecret):
        secret = secret || isSecret
        pieces.append((piece.path, DVCValue(value)))
      }
    }
    let whole: DVCValue
    if pieces.count == 1, pieces[0].path.isEmpty {
      whole = pieces[0].value
    } else {
      whole = DVCValue.assembled(pieces)
    }
    guard !reference.index.isEmpty else { return .success((whole, secret)) }
    guard let inner = DVCTemplateRenderer.value(at: ParameterKeyPath(reference.index), in: whole) else {
      return .failure(
        Failure("'${\(reference.expression)}': the value has no item '\(reference.index.joined(separator: "."))'"))
    }
    return .success((inner, secret))
  }

  private static func article(_ value: DVCValue) -> String {
    switch value {
    case .int: return "an int"
    case .list: return "a list"
    case .dict: return "a dict"
    default: return "a \(value.pythonTypeName)"
    }
  }
}
