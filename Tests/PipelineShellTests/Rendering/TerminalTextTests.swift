import Testing

@testable import PipelineShell

@Suite struct TerminalTextTests {
  @Test(arguments: [
    ("plain", 5), ("", 0), ("\u{1B}[1m\u{1B}[31mred\u{1B}[39m\u{1B}[22m", 3),
    ("\u{1B}]8;;http://x\u{07}link\u{1B}]8;;\u{1B}\\", 4), ("café", 4), ("cafe\u{301}", 4),
    ("日本", 4), ("✅ ok", 5), ("●─│└", 4), ("⠁⠂", 2), ("a\u{200B}b", 2),
  ])
  func measuresVisibleColumns(text: String, width: Int) {
    #expect(TerminalText.width(text) == width)
  }

  @Test func padsByVisibleWidth() {
    let styled = Style(enabled: true).green("ok")
    #expect(TerminalText.stripped(TerminalText.padded(styled, to: 4)) == "ok  ")
    #expect(TerminalText.padded("日本", to: 5, right: true) == " 日本")
    #expect(TerminalText.padded("toolong", to: 3) == "toolong")
  }

  @Test func truncatesWithAnEllipsis() {
    #expect(TerminalText.truncated("abcdefgh", to: 5) == "abcd…")
    #expect(TerminalText.truncated("abc", to: 5) == "abc")
    #expect(TerminalText.truncated("日本語です", to: 5) == "日本…")
  }
}

/// Control characters shown as `cat -v` shows them, so that text from a value cannot drive the
/// terminal it is printed on.
@Suite struct ShowingControlsTests {
  @Test(arguments: [
    ("plain text", "plain text"), ("tab\tand\nline", "tab\tand\nline"), ("\u{1B}[2J", "^[[2J"),
    ("bell\u{07}", "bell^G"), ("nul\u{0}", "nul^@"), ("del\u{7F}", "del^?"), ("csi\u{9B}1m", "csi<U+009B>1m"),
    ("é and ¢", "é and ¢"),
  ])
  func controlsAreVisible(text: String, shown: String) {
    #expect(TerminalText.showingControls(text) == shown)
  }
}
