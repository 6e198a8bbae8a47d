/// A NUL character in what a step passes to the system: the system reads a command line, an
/// environment value or a path only up to its first NUL, so the step would run something other
/// than what the plan shows and the run records (`echo a<NUL>b > out.txt` runs `echo a`). A
/// value can hold one (`"\0"` in YAML, `\u0000` in JSON); such a step does not start.
enum NULRule {
  /// One problem for the command, and one for each environment variable, holding a NUL; the
  /// values themselves are never shown (one may be a secret).
  static func problems(of step: Step, command: StepCommand, environment: [EnvironmentVariable]) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    if PathText.holdsNUL(command.revealed()) {
      problems.append(
        Diagnostic(
          "step '\(step.name)' has a command holding a NUL character, which no command line can pass",
          at: step.run.location,
          notes: ["the system would run the command cut short at the NUL; see which value holds it"]))
    }
    for variable in environment where holdsNUL(variable.value) {
      problems.append(
        Diagnostic(
          "step '\(step.name)' has an environment variable \(variable.name) holding a NUL character, "
            + "which no environment can pass", at: step.run.location))
    }
    return problems
  }

  private static func holdsNUL(_ value: EnvironmentVariable.Value) -> Bool {
    switch value {
    case .plain(let text): return PathText.holdsNUL(text)
    case .secret(let secret): return PathText.holdsNUL(secret.revealed())
    }
  }
}
