/// How pipeshell's names become Argo's, and the rules Argo checks on names (its validator, not
/// its schema, enforces them, so pipeshell checks them itself).
///
/// - Parameters: letters, digits, `_` and `-` (Argo's `paramOrArtifactNameRegex`); every other
///   character (the `.` of `train.lr`) becomes `-`, which pipeshell's own names never hold.
/// - Tasks and templates: a letter or digit, then letters, digits and `-`, at most 128
///   (`workflowFieldNameFmt`); `_` and other characters become `-`.
/// Two names that map to the same Argo name are refused rather than silently merged.
package struct ArgoNames: Sendable {
  static let maximumFieldLength = 128

  /// Argo's name for each parameter and each step.
  private(set) var parameters: [String: String] = [:]
  private(set) var steps: [String: String] = [:]

  /// Maps every parameter (but those `excluded`, which are not workflow parameters) and step of
  /// `pipeline`, collecting the names that cannot be mapped.
  init(
    _ pipeline: Pipeline, excluding excluded: Set<String> = [],
    problems: inout [(problem: ArgoExportProblem, location: SourceLocation?)]
  ) {
    var taken: [String: String] = [:]
    for spec in pipeline.parameters where !excluded.contains(spec.name) {
      let argo = Self.parameterName(spec.name)
      if let other = taken[argo] {
        problems.append(
          (.sameArgoName(what: "parameter", argoName: argo, first: other, second: spec.name), spec.location))
      }
      taken[argo] = spec.name
      parameters[spec.name] = argo
    }
    taken = [:]
    for step in pipeline.steps {
      let argo = Self.fieldName(step.name)
      guard Self.isFieldName(argo) else {
        problems.append(
          (.unusableName(what: "step", name: step.name, reason: "at most 128 letters, digits and '-'"), step.location))
        continue
      }
      if let other = taken[argo] {
        problems.append((.sameArgoName(what: "step", argoName: argo, first: other, second: step.name), step.location))
      }
      taken[argo] = step.name
      steps[step.name] = argo
    }
  }

  /// `train.lr` -> `train-lr`.
  static func parameterName(_ name: String) -> String {
    String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "-" })
  }

  /// `prepare_data` -> `prepare-data`; leading `-` dropped.
  static func fieldName(_ name: String) -> String {
    let mapped = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    return String(mapped.drop { $0 == "-" })
  }

  /// Argo's rule for task and template names.
  static func isFieldName(_ name: String) -> Bool {
    guard let first = name.first, first.isASCII, first.isLetter || first.isNumber, name.count <= maximumFieldLength
    else {
      return false
    }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
  }

  /// Argo's rule for parameter names.
  static func isParameterName(_ name: String) -> Bool {
    !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
  }

  /// A Kubernetes object name (DNS subdomain): lower-case letters, digits, `-` and `.`, a letter
  /// or digit at each end, at most 253.
  static func isDNSSubdomain(_ name: String) -> Bool {
    guard let first = name.first, let last = name.last, name.count <= 253 else { return false }
    let allowed = { (c: Character) in c.isASCII && (c.isLowercase || c.isNumber) }
    return allowed(first) && allowed(last) && name.allSatisfy { allowed($0) || $0 == "-" || $0 == "." }
  }

  /// A key of a Kubernetes Secret: letters, digits, `-`, `_` and `.`, at most 253.
  static func isSecretKey(_ key: String) -> Bool {
    !key.isEmpty && key.count <= 253
      && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
  }

  /// A pipeline name as a Kubernetes name: lower case, other characters as `-`, at most 40
  /// (room for `-workspace` and the suffix Kubernetes adds to `generateName`).
  static func kubernetesName(_ name: String) -> String {
    var out = ""
    for c in name.lowercased() {
      let keep = c.isASCII && (c.isLetter || c.isNumber)
      if keep { out.append(c) } else if !out.isEmpty, out.last != "-" { out.append("-") }
      if out.count >= 40 { break }
    }
    while out.last == "-" { out.removeLast() }
    return out.isEmpty ? "pipeshell" : out
  }
}
