/// Renders a `DVCTemplate` with the current values of the params files, exactly as DVC renders
/// the string it came from (`Context.resolve_str`, `str_interpolate`): an exact `${...}` gives
/// the value itself; otherwise each value's text (`DVCInterpolation.text`) is put in its place
/// and every `\${` of the result becomes `${`.
package enum DVCTemplateRenderer {
  /// Why a template cannot be rendered with the values given.
  package enum Problem: Error, Sendable, Hashable {
    /// The value a reference reads is gone (its key was removed from the file).
    case missing(DVCReference)
    /// The value cannot be put in this string (a list, or a dict outside `cmd`).
    case interpolation(DVCReference, DVCInterpolation.Problem)
  }

  /// Renders `template`; `inCommand` allows dict unpacking (only `cmd` allows it); `lookup`
  /// returns the current value of a params file's key path (or of a part of it).
  package static func render(
    _ template: DVCTemplate, inCommand: Bool, settings: DVCInterpolation.Settings = .standard,
    lookup: (DVCValueSource) -> DVCValue?
  ) throws(Problem) -> DVCValue {
    if template.isExact, template.parts.count == 1 {
      switch template.parts[0] {
      case .literal(let text): return .string(text)
      case .reference(let reference):
        guard let value = lookup(reference.source) else { throw .missing(reference) }
        do {
          try DVCInterpolation.validate(value, inCommand: inCommand)
        } catch {
          throw .interpolation(reference, error)
        }
        return value
      }
    }
    var text = ""
    for part in template.parts {
      switch part {
      case .literal(let literal):
        text += literal
      case .reference(let reference):
        guard let value = lookup(reference.source) else { throw .missing(reference) }
        do {
          try DVCInterpolation.validate(value, inCommand: inCommand)
          text += try DVCInterpolation.text(value, settings: settings)
        } catch {
          throw .interpolation(reference, error)
        }
      }
    }
    return .string(unescaped(text))
  }

  /// The rendered text: every `\${` becomes `${`, as DVC's last step does.
  static func unescaped(_ text: String) -> String {
    // Most text holds no backslash: it is returned as it is, without a copy of its bytes.
    guard ByteSearch.holds(UInt8(ascii: "\\"), in: text) else { return text }
    // Copied once, each `\${` without its backslash (removing them in place moved the rest of
    // the text for each one).
    let bytes = Array(text.utf8)
    var kept: [UInt8] = []
    kept.reserveCapacity(bytes.count)
    var found = false
    var i = 0
    while i < bytes.count {
      if i + 2 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "$"),
        bytes[i + 2] == UInt8(ascii: "{")
      {
        found = true
        kept.append(contentsOf: [UInt8(ascii: "$"), UInt8(ascii: "{")])
        i += 3
        continue
      }
      kept.append(bytes[i])
      i += 1
    }
    return found ? String(decoding: kept, as: UTF8.self) : text
  }

  /// The value at a key path of a params file's tree, read as DVC reads it: a mapping by key, a
  /// list by index (negative indexes count from the end).
  package static func value(at path: ParameterKeyPath, in root: DVCValue) -> DVCValue? {
    var current = root
    for segment in path.segments {
      switch current {
      case .dict(let entries):
        guard let next = entries.last(where: { $0.key == segment })?.value else { return nil }
        current = next
      case .list(let items):
        guard let index = DVCContext.Value.pythonInt(segment) else { return nil }
        let position = index < 0 ? items.count + index : index
        guard (0..<items.count).contains(position) else { return nil }
        current = items[position]
      default:
        return nil
      }
    }
    return current
  }
}
