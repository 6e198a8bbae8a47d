import PipelineShell
import Testing

@Suite("Completion") @MainActor
struct CompletionTests {
  /// What one Tab does after typing `line`.
  private func tab(_ line: String) throws -> CompletionAction {
    try CompletionFixtures.completer().complete(line).action
  }

  @Test(arguments: [
    ("expl", CompletionAction.insert("ain ")),
    ("expo", .insert("rt ")),
    ("", .list([
      "abort", "break", "compare", "continue", "debug", "delete", "demo", "diff", "explain", "export", "get", "help", "history",
      "load", "logs", "params", "plan", "plot", "profile", "quit", "reload", "rerun", "run", "runs", "save", "secret",
      "set", "shell", "show", "skip", "source", "status", "step", "sweep", "unset", "validate",
    ])),
    ("p", .list(["params", "plan", "plot", "profile"])),
    ("se", .list(["secret", "set"])),
    ("zz", .nothing),
    ("get epochs; expl", .insert("ain ")),
    ("# exp", .nothing),
  ])
  func commandNames(line: String, expected: CompletionAction) throws {
    #expect(try tab(line) == expected)
  }

  @Test(arguments: [
    ("explain ep", CompletionAction.insert("ochs ")),
    ("explain tr", .insert("ain_model ")),
    ("explain epochs ", .nothing),
    ("get ", .list(["api_key", "data_path", "epochs", "lr", "model", "train_model"])),
    ("set model ", .list(["linear", "mlp", "tree"])),
    ("set model m", .insert("lp ")),
    ("set train_model ", .list(["false", "no", "off", "on", "true", "yes"])),
    ("set train_model o", .list(["off", "on"])),
    ("set train_model y", .insert("es ")),
    ("set epochs ", .nothing),
  ])
  func parametersAndValues(line: String, expected: CompletionAction) throws {
    #expect(try tab(line) == expected)
  }

  @Test(arguments: [
    ("set model=linear ep", CompletionAction.insert("ochs=")),
    ("set model=linear model=t", .insert("ree ")),
    ("set mo", .insert("del ")),
    ("set model=", .list(["linear", "mlp", "tree"])),
    ("set api_key=", .nothing),
    ("plan model=l", .insert("inear ")),
    ("plan train_model=t", .insert("rue ")),
  ])
  func overrides(line: String, expected: CompletionAction) throws {
    #expect(try tab(line) == expected)
  }

  @Test(arguments: [
    ("plan ", CompletionAction.list(["evaluate", "prepare", "train"])),
    ("plan pr", .insert("epare ")),
    ("profile ", .list(["dev", "none", "prod"])),
    ("profile n", .insert("one ")),
    ("help expl", .insert("ain ")),
    ("secret api_key --from-e", .insert("nv ")),
  ])
  func stepsProfilesAndWords(line: String, expected: CompletionAction) throws {
    #expect(try tab(line) == expected)
  }

  @Test(arguments: [
    ("load d", CompletionAction.insert("ata/")),
    ("load data/", .insert("t")),
    ("load data/t", .list(["test.csv", "train.csv"])),
    ("load data/tr", .insert("ain.csv ")),
    ("load pa", .insert("rams.yaml ")),
    ("load p", .list(["params.yaml", "pipeline.yaml"])),
    ("load pi", .insert("peline.yaml ")),
    ("load my", .insert("\\ file.txt ")),
    ("load 'my", .insert(" file.txt' ")),
    ("load .h", .insert("idden ")),
    ("set data_path da", .insert("ta/")),
    ("load /p/da", .insert("ta/")),
  ])
  func paths(line: String, expected: CompletionAction) throws {
    #expect(try tab(line) == expected)
  }

  @Test func listsEveryCandidateWhenNothingIsTyped() throws {
    let completion = try CompletionFixtures.completer().complete("load ")
    #expect(completion.candidates.map(\.display) == ["data/", "my file.txt", "params.yaml", "pipeline.yaml"])
  }

  @Test func withoutAPipelineOnlyCommandsComplete() throws {
    let completer = try CompletionFixtures.completer()
    var bare = completer
    bare.pipeline = nil
    #expect(bare.complete("explain ep").action == .nothing)
    #expect(bare.complete("expl").action == .insert("ain "))
  }
}
