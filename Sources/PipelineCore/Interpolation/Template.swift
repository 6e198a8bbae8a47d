/// A string with `${...}` references, parsed once.
package struct Template: Sendable, Hashable {
  /// One piece of a template.
  package enum Part: Sendable, Hashable {
    case literal(String)
    /// `${name}`: another parameter.
    case parameter(String)
    /// `${env:VAR}`, `${env:VAR:-fallback}` or `${env:VAR-fallback}`.
    case environment(String, fallback: EnvironmentFallback?)
    /// `${cmd:COMMAND}`: the command's trimmed stdout.
    case command(String)
    /// `${file:PATH}`: the file's trimmed contents.
    case file(String)
    /// `${a.b}` of a DVC stage (dialect `dvc` only): a value of a params file, or part of one.
    case dvcValue(DVCValueReference)
  }

  /// The text used in place of an environment variable, and when, as in POSIX `sh`.
  package struct EnvironmentFallback: Sendable, Hashable {
    package var text: String
    /// `:-` uses the fallback when the variable is unset or empty; `-` only when it is unset.
    package var whenEmpty: Bool

    package init(_ text: String, whenEmpty: Bool) {
      self.text = text
      self.whenEmpty = whenEmpty
    }
  }

  package var parts: [Part]
  /// The text as written; nil when it is the parts written back (`partsAsWritten`).
  private var writtenSource: String?
  /// The rules the template is rendered by.
  package var dialect: TemplateDialect = .pipeshell
  /// The text as DVC's loader rendered it, from the values the params files held then (nil
  /// when not known). While every parameter the template reads keeps that value, rendering it
  /// again gives this text: a plan of thousands of stages takes it instead (`LoadedValues`).
  package var loadedText: String?

  package init(parts: [Part], source: String, dialect: TemplateDialect = .pipeshell) {
    self.parts = parts
    self.writtenSource = source
    self.dialect = dialect
  }

  /// A template whose text is its parts written back: literal text as it is, each DVC value as
  /// `${expression}`. The text is made only when asked for (a DVC `matrix` makes thousands of
  /// templates, and only `help` shows one).
  package init(writtenAs parts: [Part], dialect: TemplateDialect, loadedText: String? = nil) {
    self.parts = parts
    self.writtenSource = nil
    self.dialect = dialect
    self.loadedText = loadedText
  }

  /// The text as written.
  package var source: String {
    writtenSource ?? partsAsWritten
  }

  private var partsAsWritten: String {
    var text = ""
    for part in parts {
      switch part {
      case .literal(let literal): text += literal
      case .dvcValue(let value): text += "${" + value.expression + "}"
      case .parameter(let name): text += "${" + name + "}"
      case .environment(let name, let fallback):
        text += "${env:" + name + (fallback.map { ($0.whenEmpty ? ":-" : "-") + $0.text } ?? "") + "}"
      case .command(let command): text += "${cmd:" + command + "}"
      case .file(let path): text += "${file:" + path + "}"
      }
    }
    return text
  }

  /// A template of plain text.
  package static func literal(_ text: String) -> Template {
    Template(parts: text.isEmpty ? [] : [.literal(text)], source: text)
  }

  /// The parameters this template references.
  package var parameterNames: [String] {
    var names: [String] = []
    forEachParameterName { names.append($0) }
    return names
  }

  /// Each parameter this template references, in order, without putting them in an array.
  package func forEachParameterName(_ body: (String) -> Void) {
    // By index, in place: a loop over the parts copied each one it passed.
    for index in parts.indices {
      switch parts[index] {
      case .parameter(let name): body(name)
      case .dvcValue(let reference):
        let pieces = reference.pieces
        for piece in pieces.indices { body(pieces[piece].parameter) }
      case .literal, .environment, .command, .file: continue
      }
    }
  }

  /// True when the template has no references or dynamic sources.
  package var isLiteral: Bool { parts.allSatisfy { if case .literal = $0 { true } else { false } } }

  /// The parameter name when the template is exactly one `${name}`.
  package var singleParameter: String? {
    if dialect == .pipeshell, parts.count == 1, case .parameter(let name) = parts[0] { return name }
    return nil
  }

  /// True when it reads the environment, runs a command or reads a file.
  package var isDynamic: Bool {
    parts.contains {
      switch $0 {
      case .environment, .command, .file: return true
      default: return false
      }
    }
  }
}
