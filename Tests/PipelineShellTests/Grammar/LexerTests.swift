import PipelineCore
import Testing

@testable import PipelineShell

/// The command lexer's quoting; the round trips were found by fuzzing (`Scripts/fuzz command`).
@Suite struct LexerTests {
  static func texts(_ line: String) throws -> [[String]] {
    try Lexer.split(line).get().map { $0.map(\.text) }
  }

  @Test func splitsWordsQuotesAndCommands() throws {
    #expect(
      try Self.texts(#"set a 'b c'; get "d\"e" f\ g # note"#) == [["set", "a", "b c"], ["get", #"d"e"#, "f g"]])
    #expect(try Lexer.split("'x' y").get().first?.map(\.quoted) == [true, false])
  }

  @Test(arguments: [
    "plain", "two words", "it's", "", "a;b", "#hash", "back\\slash", "tab\there", "new\nline",
    // A quote, a backslash or a space followed by a combining mark is one character, but the
    // lexer must still see the quote, the escape or the space.
    "'\u{301}", "\u{301}start", "x\\\u{301}", "\"\u{301}", "é", "e\u{301}", "\t\u{355}",
    // A prepended mark joins the quote that follows it into one character.
    "\u{600}", "a\u{600}'b",
  ])
  func quotedWordsSplitBackUnchanged(word: String) throws {
    for always in [false, true] {
      let quoted = Lexer.quote(word, always: always)
      #expect(try Self.texts(quoted) == [[word]], "\(quoted)")
    }
  }

  @Test func aCombiningMarkDoesNotHideAQuote() throws {
    #expect(try Self.texts("say '\u{301}x' y") == [["say", "\u{301}x", "y"]])
    #expect(try Self.texts("say \"a\u{301}\" \\\u{301}") == [["say", "a\u{301}", "\u{301}"]])
  }

  /// A NUL would end a path for the system: `load "/\0x/p.yaml"` once opened a store at `/`
  /// and made it owner-only (found by the command fuzz target).
  @Test func aNULCharacterIsRefusedWhereItIs() {
    let problem = Lexer.Problem(message: "a command line cannot hold a NUL character", column: 7)
    #expect(throws: problem) { try Lexer.split("load \"\0x/p.yaml\"").get() }
    #expect(throws: problem) { try Lexer.split("load '\0x'").get() }
  }

  @Test func unclosedQuotesSayWhere() {
    #expect(throws: Lexer.Problem(message: "unclosed single quote", column: 5)) { try Lexer.split("set 'abc").get() }
    #expect(throws: Lexer.Problem(message: "unclosed double quote", column: 8)) { try Lexer.split("set \"abc").get() }
  }

  @Test(arguments: [
    Value.string("a\nb\tc"), .string("say \"hi\""), .string("back\\slash"), .string("it's"), .string(""),
    .string("\u{301}mark"), .string("two  spaces"),
  ])
  func aStringLiteralReadsBackThroughTheLexer(value: Value) throws {
    let words = try Self.texts(value.literal)
    #expect(words.count == 1)
    #expect(ValueParser.parse(words[0].joined(separator: " "), as: .string) == .success(value), "\(value.literal)")
  }
}
