import Testing

@testable import PipelineCore

/// Rendered text joined once from its pieces: the same text as joining them one by one, and
/// the masked text apart only once a secret goes in.
@Suite struct TextPiecesTests {
  @Test(arguments: [
    [], [""], ["a"], ["python train.py --lr ", "0.1"], ["café ", "e\u{301}", " ", "日本語のテキスト"],
    ["a-piece-longer-than-fifteen-bytes", "", "-and-more"],
  ])
  func concatenatingJoinsThePiecesByteForByte(pieces: [String]) {
    let joined = String.concatenating(pieces)
    #expect(Array(joined.utf8) == pieces.flatMap { Array($0.utf8) })
  }

  @Test func theMaskedTextDiffersOnlyOnceASecretGoesIn() {
    var pieces = TextPieces(expected: 4)
    pieces.append("curl -H ")
    var out = TemplateEvaluator.Rendered()
    pieces.finish(into: &out)
    #expect(out.text == "curl -H " && out.masked == "curl -H " && !out.secret)

    pieces.append("s3cr3t", secret: true)
    pieces.append(" https://x")
    out = TemplateEvaluator.Rendered()
    pieces.finish(into: &out)
    #expect(out.text == "curl -H s3cr3t https://x")
    #expect(out.masked == "curl -H \(Secret.mask) https://x")
    #expect(out.secret)
  }
}
