import Testing

@testable import PipelineCore

/// A command that reads a secret may print it on stderr when it fails (`vault` echoing a bad
/// token, a script under `set -x`): its error output is never quoted in the error; a command
/// that reads no secret still has it quoted, since it tells what went wrong.
@Suite struct SecretSourceFailureTests {
  typealias R = ResolverTests

  static let failing = FakeSources(commands: [
    "vault read token": .failure(DynamicSourceFailure("exit status 2", errorOutput: "+ echo hunter2-from-stderr"))
  ])

  @Test func aFailingFromCmdDoesNotShowItsErrorOutput() throws {
    let binding = Binding(
      name: "api_key", raw: .secretSource(.command("vault read token")), layer: .session,
      source: .command("secret api_key --from-cmd 'vault read token'", .prompt(line: 1)))
    let snapshot = R.resolve(try R.params(R.secrets), session: [binding], sources: Self.failing)
    let problem = try #require(snapshot.parameters["api_key"]?.problem)
    #expect(!problem.message.contains("hunter2"))
    #expect(
      problem.message.hasSuffix(
        "secret source --from-cmd \"vault read token\": exit status 2 (its error output is not shown: it may hold the secret)"
      ))
  }

  @Test func aFailingCommandInASecretsDefaultDoesNotShowItsErrorOutput() throws {
    let pipeline = try R.params("  api_key: {type: secret, default: \"${cmd:vault read token}\"}\n")
    let problem = try #require(R.resolve(pipeline, sources: Self.failing).parameters["api_key"]?.problem)
    #expect(!problem.message.contains("hunter2"))
    #expect(problem.message.contains("exit status 2 (its error output is not shown: it may hold the secret)"))
  }

  @Test func aFailingCommandOfAnOrdinaryValueStillShowsItsErrorOutput() throws {
    let pipeline = try R.params("  sha: {type: string, default: \"${cmd:vault read token}\"}\n")
    let problem = try #require(R.resolve(pipeline, sources: Self.failing).parameters["sha"]?.problem)
    #expect(problem.message.hasSuffix("${cmd:vault read token} failed: exit status 2: + echo hunter2-from-stderr"))
  }

  @Test func theLocalCommandSourceKeepsErrorOutputApart() {
    let sources = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: ["PATH": "/usr/bin:/bin"])
    let result = sources.commandOutput("echo out; echo hunter2-on-stderr >&2; exit 3", in: "/")
    guard case .failure(let failure) = result else {
      Issue.record("the command should fail")
      return
    }
    #expect(failure.summary == "exit status 3")
    #expect(failure.errorOutput == "hunter2-on-stderr")
    #expect(failure.message == "exit status 3: hunter2-on-stderr")
  }
}
