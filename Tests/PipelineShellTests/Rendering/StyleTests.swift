import Testing

@testable import PipelineShell

@Suite struct StyleTests {
  typealias Helper = @Sendable (Style) -> (String) -> String
  static let helpers: [(String, Helper)] = [
    ("1", { $0.bold }), ("2", { $0.dim }), ("31", { $0.red }), ("32", { $0.green }),
    ("33", { $0.yellow }), ("35", { $0.magenta }), ("36", { $0.cyan }),
  ]

  @Test func disabledLeavesTextAlone() {
    for (_, helper) in Self.helpers {
      #expect(helper(.plain)("ok") == "ok")
      #expect(helper(Style(enabled: false))("ok") == "ok")
    }
  }

  @Test func enabledWrapsInItsOwnCode() {
    for (code, helper) in Self.helpers {
      let styled = helper(Style(enabled: true))("ok")
      #expect(styled.hasPrefix("\u{1B}[\(code)m"))
      #expect(TerminalText.stripped(styled) == "ok")
    }
    #expect(Style(enabled: true).red("") == "")
  }

  @Test func stylesNest() {
    let style = Style(enabled: true)
    #expect(style.bold(style.red("x")) == "\u{1B}[1m\u{1B}[31mx\u{1B}[39m\u{1B}[22m")
  }
}
