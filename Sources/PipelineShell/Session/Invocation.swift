import PipelineCore

/// The command line of `pipeshell`, parsed.
package struct Invocation: Sendable, Equatable {
  package enum Mode: Sendable, Equatable {
    case interactive
    case script(String)
    case commands(String)
    case demo(folder: String?)
    case help
    case version
  }

  package var mode: Mode = .interactive
  package var pipeline: String?
  package var sets: [String] = []
  package var profile: String?
  package var keepGoing = false
  package var noColor = false
  package var historyFile: String?

  package static let usage = """
    usage: pipeshell [PIPELINE]                 interactive shell (loads PIPELINE if given)
           pipeshell -f SCRIPT [PIPELINE]       run a session script, then exit
           pipeshell -c "CMD; CMD" [PIPELINE]   run commands, then exit
           pipeshell --demo [FOLDER]            write and load the built-in example project
    options: --set N=V, --profile NAME, --keep-going, --no-color, --history FILE,
             --version, --help
    """

  /// Parses the arguments after the program name.
  package static func parse(_ arguments: [String]) -> Result<Invocation, CommandError> {
    var invocation = Invocation()
    var rest = arguments[...]
    func value(for flag: String) -> Result<String, CommandError> {
      guard let v = rest.popFirst() else { return .failure(.usage("\(flag) needs a value", notes: [usage])) }
      return .success(v)
    }
    while let argument = rest.popFirst() {
      switch argument {
      case "-f":
        guard case .success(let v) = value(for: "-f") else { return .failure(.usage("-f needs a script path")) }
        invocation.mode = .script(v)
      case "-c":
        guard case .success(let v) = value(for: "-c") else { return .failure(.usage("-c needs commands")) }
        invocation.mode = .commands(v)
      case "--demo":
        invocation.mode = .demo(folder: nil)
      case "--set":
        guard case .success(let v) = value(for: "--set") else { return .failure(.usage("--set needs NAME=VALUE")) }
        invocation.sets.append(v)
      case "--profile":
        guard case .success(let v) = value(for: "--profile") else { return .failure(.usage("--profile needs a name")) }
        invocation.profile = v
      case "--history":
        guard case .success(let v) = value(for: "--history") else { return .failure(.usage("--history needs a file")) }
        invocation.historyFile = v
      case "--keep-going": invocation.keepGoing = true
      case "--no-color": invocation.noColor = true
      case "--help", "-h": invocation.mode = .help
      case "--version": invocation.mode = .version
      default:
        if argument.hasPrefix("--set=") { invocation.sets.append(String(argument.dropFirst(6))); continue }
        if argument.hasPrefix("--profile=") { invocation.profile = String(argument.dropFirst(10)); continue }
        if argument.hasPrefix("-") {
          let options = [
            "-f", "-c", "--demo", "--set", "--profile", "--keep-going", "--no-color", "--history", "--version",
            "--help",
          ]
          var notes: [String] = []
          if let match = Suggestion.closest(to: argument, in: options) { notes.append("did you mean '\(match)'?") }
          return .failure(.usage("unknown option '\(argument)'", notes: notes + ["run 'pipeshell --help' for usage"]))
        }
        if case .demo = invocation.mode, invocation.pipeline == nil {
          invocation.mode = .demo(folder: argument)
          continue
        }
        guard invocation.pipeline == nil else {
          return .failure(.usage("unexpected argument '\(argument)'", notes: ["run 'pipeshell --help' for usage"]))
        }
        invocation.pipeline = argument
      }
    }
    return .success(invocation)
  }
}
