import Testing

@testable import PipelineCore

@Suite struct ParamsFileRewriterTests {
  static func path(_ text: String) -> ParameterKeyPath {
    (try? ParameterKeyPath.parse(text).get()) ?? ParameterKeyPath([])
  }

  static func rewrite(_ text: String, _ file: String, _ values: [(String, DVCValue)]) throws -> String {
    try ParamsFileRewriter.rewrite(text, path: file, values: values.map { (path($0.0), $0.1) })
  }

  @Test func changesOnlyTheValuesInYAML() throws {
    let text = """
      # training
      train:
        lr: 0.001   # learning rate
        name: 'model'
        title: "a \\"title\\""
        layers:
          - 64
          - 32
        # keep me
        opt: {name: adam, beta: 0.9}
        epochs: 10
      seed: 1

      """
    let out = try Self.rewrite(
      text, "params.yaml",
      [
        ("train.lr", .float(0.2)), ("train.name", .string("it's")), ("train.title", .string("new")),
        ("train.layers", .list([.int(128)])), ("train.opt.beta", .float(0.95)), ("seed", .string("1")),
        ("train.epochs", .string("a, b")),
      ])
    #expect(
      out == """
        # training
        train:
          lr: 0.2   # learning rate
          name: 'it''s'
          title: "new"
          layers:
            [128]
          # keep me
          opt: {name: adam, beta: 0.95}
          epochs: a, b
        seed: "1"

        """)
  }

  @Test func quotesYAMLTextThatWouldReadAsAnotherType() throws {
    let out = try Self.rewrite(
      "a: x\nb: [x, y]\n", "p.yaml", [("a", .string("true")), ("b", .list([.string("1"), .string("a,b"), .null]))])
    #expect(out == "a: \"true\"\nb: [\"1\", \"a,b\", null]\n")
  }

  @Test func changesOnlyTheValuesInJSON() throws {
    let text = "{\n  \"train\": {\"lr\": 0.001, \"layers\": [64, 32]},\n  \"name\": \"x\"\n}\n"
    let out = try Self.rewrite(
      text, "p.json", [("train.lr", .float(1e-05)), ("train.layers", .list([])), ("name", .string("é \"q\""))])
    #expect(out == "{\n  \"train\": {\"lr\": 1e-05, \"layers\": []},\n  \"name\": \"é \\\"q\\\"\"\n}\n")
  }

  @Test func changesOnlyTheValuesInTOML() throws {
    let text = "# c\n[train]\nlr = 0.001 # rate\nlayers = [\n  64,\n  32,\n]\n\n[data]\npath = 'a/b'\n"
    let out = try Self.rewrite(
      text, "p.toml", [("train.lr", .float(0.5)), ("train.layers", .list([.int(1)])), ("data.path", .string("c\\d"))])
    #expect(out == "# c\n[train]\nlr = 0.5 # rate\nlayers = [1]\n\n[data]\npath = \"c\\\\d\"\n")
  }

  @Test func changesOnlyTheValuesInPython() throws {
    let text =
      "import os\nlr = 0.001  # rate\n\nclass Train:\n    epochs = 10\n    def __init__(self):\n        self.name = 'm'\n"
    let out = try Self.rewrite(
      text, "p.py", [("lr", .float(0.1)), ("Train.epochs", .int(20)), ("Train.name", .string("it's"))])
    #expect(
      out
        == "import os\nlr = 0.1  # rate\n\nclass Train:\n    epochs = 20\n    def __init__(self):\n        self.name = \"it's\"\n"
    )
  }

  @Test func refusesWhatItCannotWrite() {
    #expect(throws: ParamsFileRewriter.Problem.self) { try Self.rewrite("a: 1\n", "p.yaml", [("b", .int(1))]) }
    #expect(throws: ParamsFileRewriter.Problem.self) { try Self.rewrite("a = 1\n", "p.toml", [("a", .null)]) }
    #expect(throws: ParamsFileRewriter.Problem.self) {
      try Self.rewrite("a: {b: 1}\n", "p.yaml", [("a", .dict([])), ("a.b", .int(2))])
    }
  }

  @Test func keepsEveryOtherByte() throws {
    let text = "a: 1\r\nb:   2    # two\r\n\r\nc: [1,2]\r\n"
    let out = try Self.rewrite(text, "p.yaml", [("b", .int(3))])
    #expect(out == "a: 1\r\nb:   3    # two\r\n\r\nc: [1,2]\r\n")
  }
}
