import Testing

@testable import PipelineShell

@Suite struct TextTableTests {
  @Test func alignsColumnsLeftAndRight() {
    let table = TextTable(
      columns: [.init("name"), .init("value", alignment: .right), .init("layer")],
      rows: [
        ["epochs", "20", "session"], ["lr", "0.005", "profile"], ["model", "mlp", "default"],
      ])
    #expect(
      table.render() == [
        "name    value  layer",
        "epochs     20  session",
        "lr      0.005  profile",
        "model     mlp  default",
      ])
  }

  @Test func ansiStylesDoNotMoveColumns() {
    let style = Style(enabled: true)
    var table = TextTable(
      columns: [
        .init("step", style: { style.bold($0) }),
        .init("state", style: { $0 == "failed" ? style.red($0) : style.green($0) }),
        .init("time", alignment: .right),
      ])
    table.headerStyle = { style.dim($0) }
    table.append(["prepare", "ok", "0.4 s"])
    table.append(["train", "failed", "12.1 s"])
    let lines = table.render()
    #expect(
      lines.map(TerminalText.stripped) == [
        "step     state     time",
        "prepare  ok       0.4 s",
        "train    failed  12.1 s",
      ])
    #expect(lines[2].contains("\u{1B}[31mfailed\u{1B}[39m"))
    #expect(Set(lines.map(TerminalText.width)).count == 1)
  }

  @Test func withoutHeaderIndentedAndUnicode() {
    var table = TextTable(columns: [.init(), .init(alignment: .right)], showsHeader: false)
    table.indent = "  "
    table.gap = " | "
    table.rows = [["日本", "1"], ["naïve", "22"], ["e\u{301}", "333"]]
    #expect(
      table.render() == [
        "  日本  |   1",
        "  naïve |  22",
        "  é     | 333",
      ])
  }

  @Test func raggedRowsNewlinesAndNoTrailingSpaces() {
    let table = TextTable(
      columns: [.init("a"), .init("b")], rows: [["x"], ["yy", "two\nlines", "extra"], []])
    #expect(
      table.render() == [
        "a   b",
        "x",
        "yy  two↵lines  extra",
        "",
      ])
  }

  /// Padding wider than any run of spaces kept for it, on either side.
  @Test func widePaddingLeftAndRight() {
    let wide = String(repeating: "w", count: 150)
    let table = TextTable(
      columns: [.init("n", alignment: .right), .init("name"), .init("last")],
      rows: [[wide, wide, "x"], ["1", "a", "y"]],
      showsHeader: false)
    #expect(
      table.render() == [
        wide + "  " + wide + "  x",
        String(repeating: " ", count: 149) + "1  a" + String(repeating: " ", count: 149) + "  y",
      ])
  }

  @Test func emptyTableIsItsHeader() {
    #expect(TextTable(columns: [.init("id"), .init("when")]).render() == ["id  when"])
    #expect(TextTable(columns: [], showsHeader: false).render() == [])
  }
}
