import Testing

@testable import PipelineCore

/// `.dvcignore` lines as pathspec translates them (the comparison with DVC itself is in
/// `DVCIgnoreAgainstDVCTests`, where DVC is installed).
@Suite struct DVCIgnoreRuleTests {
  @Test(arguments: [
    ("*.log", #"^(?:.+/)?[^/]*\.log(?:/|$)"#), ("/build/", "^build/"), ("a/**/b", "^a(?:/.+)?/b(?:/|$)"),
    ("**", "."), ("*", "."), ("*/", "/"), ("[!a]d", "^(?:.+/)?[^a]d(?:/|$)"), ("\\#x", "^(?:.+/)?\\#x(?:/|$)"),
  ])
  func patternsBecomeWhatPathspecMakesOfThem(_ pattern: String, _ expression: String) throws {
    #expect(try DVCIgnoreRule(pattern)?.expression == expression)
  }

  @Test(arguments: ["", "   ", "# comment", "/", "[bad"])
  func linesThatMatchNothingAreDropped(_ line: String) throws {
    #expect(try DVCIgnoreRule(line) == nil)
  }

  @Test func aLoneTrailingBackslashIsRefused() {
    #expect(throws: DVCIgnoreRule.Invalid.self) { try DVCIgnoreRule("name\\") }
  }

  /// Stars in a row match what one does; they must not make matching take exponential time.
  @Test func manyStarsInARowMatchAsOne() throws {
    let rule = try #require(try DVCIgnoreRule("a" + String(repeating: "*", count: 40) + "b"))
    #expect(rule.matches(String(repeating: "a", count: 60) + "b"))
    #expect(!rule.matches(String(repeating: "a", count: 60)))
    #expect(rule.matches("dir/acb/inside"))
  }

  @Test func aDeeperFilesLinesAreRewrittenAsDVCRewritesThem() {
    #expect(DVCIgnorePatterns.rewritten("*.tmp", below: "sub") == "sub/**/*.tmp")
    #expect(DVCIgnorePatterns.rewritten("/build", below: "a/b") == "a/b/build")
    #expect(DVCIgnorePatterns.rewritten("x/y", below: "sub") == "sub/x/y")
    #expect(DVCIgnorePatterns.rewritten("!keep.log", below: "sub") == "!/sub/**/keep.log")
    #expect(DVCIgnorePatterns.rewritten("**/cache", below: "sub") == "sub/**/cache")
    #expect(DVCIgnorePatterns.rewritten("dir/", below: "sub") == "sub/**/dir/")
  }
}
