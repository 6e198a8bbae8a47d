import Testing

@testable import PipelineCore

/// `ShellWord.quoted` read back by the real `/bin/sh`. Found while fuzzing the command lexer's
/// quoting (`Scripts/fuzz command`), which shared the flaw: the quote was split by Character,
/// and `'` followed by a combining mark is one Character, so it stayed unescaped and ended the
/// quote for `sh`, which ran the rest of the word as commands.
@Suite struct ShellWordTests {
  static let sh = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: ["PATH": "/usr/bin:/bin"])

  @Test(arguments: [
    "plain", "a b", "it's", "", "$HOME `id` \"q\" \\ ;|&", "x'\u{301}; echo INJECTED", "'\u{301}",
    "x'\u{301}; echo INJECTED; '\u{301}", "\u{600}'x", "new\nline", "e\u{301}t\u{e9}",
  ])
  func shReadsTheQuotedWordBackUnchanged(word: String) throws {
    for always in [false, true] {
      let quoted = ShellWord.quoted(word, always: always)
      let printed = try Self.sh.commandOutput("printf '%s' " + quoted, in: "/").get()
      #expect(printed == word, "\(quoted)")
    }
  }
}
