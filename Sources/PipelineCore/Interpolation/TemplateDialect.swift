/// How a template is rendered: pipeshell's rules, or DVC's for the strings of a `dvc.yaml`
/// stage (`dvc/parsing/interpolate.py`). The one `TemplateEvaluator` renders both; the format
/// that read the pipeline picks the dialect of each field.
package enum TemplateDialect: Sendable, Hashable {
  case pipeshell
  case dvc(DVCTemplateRules)
}

/// DVC's rules for one string of a stage.
package struct DVCTemplateRules: Sendable, Hashable {
  /// The string is (a line of) `cmd`: a dict is unpacked into options there, refused elsewhere.
  package var inCommand: Bool
  /// The string is exactly one `${...}`: DVC keeps the value itself (which must then be text,
  /// as `cmd` and paths are), without turning `\${` into `${`.
  package var exact: Bool
  /// DVC's `parsing.bool` and `parsing.list` settings, for dict unpacking.
  package var settings: DVCInterpolation.Settings

  package init(inCommand: Bool, exact: Bool, settings: DVCInterpolation.Settings) {
    self.inCommand = inCommand
    self.exact = exact
    self.settings = settings
  }
}

/// A `${...}` of a DVC stage: a value of a params file, or a part of one. Each value of a
/// params file is a parameter, so the reference names the parameters it reads: one (a value,
/// or an item inside it: `${layers[0]}` reads `layers`, then index `0`) or several (a section:
/// `${train}` is the dict of `train.lr`, `train.epochs`, ...).
package struct DVCValueReference: Sendable, Hashable {
  /// One parameter the value is made of, with its key path inside the value (empty when the
  /// reference reads the parameter's value itself, or inside it).
  package struct Piece: Sendable, Hashable {
    package var path: [String]
    package var parameter: String

    package init(path: [String], parameter: String) {
      self.path = path
      self.parameter = parameter
    }
  }

  /// The expression as written (normalized: `layers.0`), for messages.
  package var expression: String
  package var pieces: [Piece]
  /// Keys and list indexes below the one parameter read (`["0"]` for `${layers[0]}`).
  package var index: [String]

  package init(expression: String, pieces: [Piece], index: [String] = []) {
    self.expression = expression
    self.pieces = pieces
    self.index = index
  }

  /// The parameters read, in order.
  package var parameters: [String] { pieces.map(\.parameter) }
}
