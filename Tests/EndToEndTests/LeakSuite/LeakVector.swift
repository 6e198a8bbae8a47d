import Testing

/// One scenario of the leak suite: files, environment and a way of driving the shell, with a
/// secret that must show nowhere (see `LeakRunner` for where it looks).
///
/// Text in `files`, `environment`, `arguments` and the session may hold placeholders:
/// `%SECRET%` the value as it is, `%SECRET_YAML%` a YAML double-quoted scalar of it,
/// `%SECRET_SH%` a shell single-quoted word of it, `%CAPTURE%` shell commands by which a step
/// records its own `/proc/PID/cmdline` and its parent's (both then searched too).
struct LeakVector: Sendable, CustomTestStringConvertible {
  /// How the shell is driven.
  enum Session: Sendable {
    /// `pipeshell ARGS -f session.psh` with this script.
    case script(String)
    /// `pipeshell ARGS -c TEXT`.
    case commands(String)
    /// A `/bin/sh` script; `$P` is the binary.
    case shell(String)
    /// `pipeshell ARGS` at a terminal (a pseudo-terminal), typing these lines.
    case terminal([TerminalInput])
  }

  /// What is typed at the terminal.
  enum TerminalInput: Sendable {
    /// A command line, then wait for the next prompt.
    case line(String)
    /// `secret NAME`, then the value typed at the hidden prompt.
    case hidden(command: String, value: String)
  }

  var name: String
  var secret: String = LeakSecrets.plain
  var files: [String: String] = [:]
  var environment: [String: String] = [:]
  var arguments: [String] = []
  var session: Session
  /// Files the scenario's own steps write with the secret in them (not pipeshell's doing),
  /// left out of the search.
  var ownFiles: [String] = []
  /// False when no step that records its command line (`%CAPTURE%`) runs; else the suite
  /// checks that one did, so the command lines were searched.
  var capturesCommandLines = true
  /// Text the shell's output must hold: proof that the scenario went where it was meant to.
  var expect: [String] = []
  /// Why the vector is not run yet: `leaks until: <the fix>`.
  var disabled: String?
  /// True when the vector runs steps on the one-node Slurm cluster (cancelled where it
  /// cannot come up, as the Slurm tests are).
  var needsSlurm = false

  var testDescription: String { name }
}

/// Secret values with awkward bytes.
enum LeakSecrets {
  static let plain = "s3cr3t-T0ken-9f8e7d6c5b4a"
  static let metacharacters = #"p@ss'w"rd $HOME `id` \ ; | & * ? < > ( ) { } [ ] ~ ! #x"#
  static let unicode = "pässwörd-日本語-🔑-geheim"
  static let multiLine = "-----BEGIN TEST KEY-----\nMIIEowIBAAKCAQEA7x9\nQ2hhcmxpZSBzYXlzIGhp\n-----END TEST KEY-----"
  static let spaces = "correct horse battery staple"
  static let long = String(repeating: "Zk9xLm-q7Tp3-", count: 8) + "tail"
  static let base64Like = "YWJjZGVmZ2hpamtsbW5v"
  static let urlish = "a/b?c=d&e=f%20g+h:i@j"
  /// Terminal control characters (ESC, BEL) inside: what shows them as carets must mask first.
  static let controls = "t0k\u{1B}[2Jen-Esc\u{7}4pe-9f8e7d"
  /// The one an earlier run used, for vectors with two runs.
  static let other = "0th3r-S3cr3t-a1b2c3d4e5"

  static let all = [plain, metacharacters, unicode, multiLine, spaces, long, base64Like, urlish]
}

extension LeakVector {
  /// A pipeline named `leak` with the secret parameter `tok` (and `user`, a plain string),
  /// these extra parameter lines and these steps (YAML, indented by 2).
  static func pipeline(params: String = "", steps: String) -> String {
    "name: leak\nparams:\n  tok: {type: secret, required: true}\n  user: {type: string, default: ana}\n" + params
      + "steps:\n" + steps
  }

  /// One step `show` printing with `command` (lines of shell, indented by 6 here), with the
  /// secret in `$TOKEN` and the command line captured.
  static func printing(_ command: String, params: String = "", env: String = "TOKEN: \"${tok}\"") -> String {
    let body = ("%CAPTURE%\n" + command).split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
    return pipeline(params: params, steps: "  show:\n    env: {\(env)}\n    run: |\n\(body)\n")
  }

  /// The usual start: the secret from `$TOKEN`.
  static let bind = "secret tok --from-env TOKEN\n"
  /// The environment the usual start reads.
  static let tokenEnvironment = ["TOKEN": "%SECRET%"]
}
