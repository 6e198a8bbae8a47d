/// The one place `${...}` templates become text. Parameter defaults, params files, profiles,
/// session and run values, and every step field are rendered here with one set of rules:
/// `${name}` is the parameter's value (written as `RenderingContext` says), `${env:VAR}`,
/// `${env:VAR:-d}` and `${env:VAR-d}` follow POSIX `sh`, and `${cmd:...}`/`${file:...}` are read
/// once per run through `DynamicValues`.
package struct TemplateEvaluator {
  /// A parameter as a template sees it.
  package enum Reference {
    /// Its value, and whether it is a secret (or derived from one).
    case value(Value, secret: Bool)
    /// It has no usable value; the failure says why.
    case failed(Failure)
    /// No parameter has this name.
    case unknown
  }

  /// Why a template could not be rendered.
  package struct Failure: Error, Sendable {
    package var message: String
    /// A reference cycle (`a -> b -> a`).
    package var isCycle = false
    /// The template failed only because a parameter it reads has a problem of its own.
    package var followsFromOtherProblem = false

    package init(_ message: String, isCycle: Bool = false, followsFromOtherProblem: Bool = false) {
      self.message = message
      self.isCycle = isCycle
      self.followsFromOtherProblem = followsFromOtherProblem
    }
  }

  /// A rendered template.
  package struct Rendered: Sendable {
    /// The text with secrets in clear: only for a step's environment or command.
    package var text = ""
    /// The text with every secret shown as `****`: the text itself until a secret goes in
    /// (nearly every template), so it is not built twice.
    package var masked: String {
      get { maskedApart ?? text }
      set { maskedApart = newValue }
    }
    private var maskedApart: String?
    /// True when a secret went into the text.
    package var secret = false
    /// The parameters read, in order, each once.
    package var parameters: [String] = []
    /// The dynamic sources read (`cmd:...`, `file:...`, `env:...`).
    package var dynamicSources: [String] = []

    package init() {}

    /// Text known without rendering (`Template.loadedText`).
    init(text: String) {
      self.text = text
    }
  }

  package let dynamic: DynamicValues
  /// Environment variables whose values are secrets (a secret's `--from-env` source, the
  /// `PIPESHELL_<NAME>` of a secret parameter): reading one makes the text secret.
  package var secretEnvironment: Set<String> = []
  /// Leaves a failed command's error output out of the failure (rendering a secret's value).
  package var hidesCommandOutput = false
  /// True for text that holds a known secret's value (what a command or file returned).
  package var holdsSecret: (String) -> Bool = { _ in false }
  /// Keeps what DVC references rendered to, when set: only for an evaluator whose lookup
  /// answers the same for a name every time (one snapshot's).
  package var memo: TemplateMemo?
  /// A parameter by name, as templates see it.
  let lookup: (String) -> Reference

  package init(dynamic: DynamicValues, lookup: @escaping (String) -> Reference) {
    self.dynamic = dynamic
    self.lookup = lookup
  }

  /// Renders `template` for `context`.
  package func render(_ template: Template, for context: RenderingContext) -> Result<Rendered, Failure> {
    if case .dvc(let rules) = template.dialect { return renderDVC(template, rules: rules) }
    var out = Rendered()
    // Plain text (a DVC stage's `DVC_ROOT`, most paths) is itself: nothing to look up.
    if template.parts.count == 1, case .literal(let text) = template.parts[0] {
      out.text = text
      return .success(out)
    }
    for part in template.parts {
      switch part {
      case .literal(let text):
        out.append(text)
      case .parameter(let name):
        if !out.parameters.contains(name) { out.parameters.append(name) }
        switch lookup(name) {
        case .unknown: return .failure(Failure("unknown parameter '\(name)'"))
        case .failed(let failure): return .failure(failure)
        case .value(let value, let secret):
          out.append(value.rendered(for: context), secret: secret)
        }
      case .environment(let variable, let fallback):
        out.dynamicSources.append("env:" + variable)
        let value = dynamic.environmentValue(variable)
        if let value, !(value.isEmpty && fallback?.whenEmpty == true) {
          let secret = secretEnvironment.contains(variable) || holdsSecret(value)
          if secret { dynamic.markSecret(["env:" + variable]) }
          out.append(value, secret: secret)
        } else if let fallback {
          out.append(fallback.text)
        } else {
          return .failure(
            Failure("environment variable \(variable) is not set (write ${env:\(variable):-default} for a fallback)"))
        }
      case .command(let command):
        out.dynamicSources.append("cmd:" + command)
        switch dynamic.command(command) {
        case .success(let text):
          if holdsSecret(text) { dynamic.markSecret(["cmd:" + command]) }
          out.append(text, secret: holdsSecret(text))
        case .failure(let failure):
          let reason = hidesCommandOutput ? failure.messageForSecret : failure.message
          return .failure(Failure("${cmd:\(command)} failed: \(reason)"))
        }
      case .file(let path):
        out.dynamicSources.append("file:" + path)
        switch dynamic.file(path) {
        case .success(let text):
          if holdsSecret(text) { dynamic.markSecret(["file:" + path]) }
          out.append(text, secret: holdsSecret(text))
        case .failure(let failure): return .failure(Failure("${file:\(path)}: \(failure.message)"))
        }
      case .dvcValue(let reference):
        // Only DVC's dialect reads these; a pipeshell template never holds one.
        return .failure(Failure("'${\(reference.expression)}' is rendered only by DVC's rules"))
      }
    }
    return .success(out)
  }
}

extension TemplateEvaluator.Rendered {
  mutating func append(_ piece: String, secret: Bool = false) {
    if secret || maskedApart != nil {
      var masked = maskedApart ?? text
      maskedApart = nil  // so that the text grows in place
      masked += secret ? Secret.mask : piece
      maskedApart = masked
      self.secret = self.secret || secret
    }
    text += piece
  }
}
