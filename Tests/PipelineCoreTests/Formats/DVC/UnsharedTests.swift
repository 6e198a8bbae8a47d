import Testing

@testable import PipelineCore

/// The copies each worker of a large group reads: equal to the original, in storage of their own.
@Suite struct UnsharedTests {
  static func address(_ text: String) -> UInt? {
    var copy = text
    return copy.withUTF8 { $0.baseAddress.map { UInt(bitPattern: $0) } }
  }

  @Test func aLongStringGetsStorageOfItsOwnAndAShortOneStaysInline() {
    let long = String(repeating: "matrix-4000/", count: 3) + "dvc.yaml"
    #expect(long.unshared == long)
    #expect(Self.address(long.unshared) != Self.address(long))
    #expect("dvc.yaml".unshared == "dvc.yaml")
  }

  /// A context whose one top-level key `p` holds `node`, read from `file`.
  static func context(holding node: DVCNode, from file: String) -> DVCContext {
    var context = DVCContext()
    let source = DVCValueSource(file: file, path: ParameterKeyPath([]))
    context.root = DVCContext.Value(
      kind: .merged(
        keys: ["p"], children: ["p": DVCContext.Value(kind: .node(node), origin: .file(source), isNode: false)]),
      origin: .local(source: "", path: []), isNode: false)
    return context
  }

  /// Values are counted up to a limit: a context too large to copy is found without walking
  /// all of it.
  @Test func valuesAreCountedUpToALimit() throws {
    let node = try YAMLParamsReader().read("a: [{x: 1, y: 2}, {x: 3, y: 4}]\nb: 5\n", file: "p.yaml")
    #expect(node.valueCount(upTo: 100) == 9)
    #expect(node.valueCount(upTo: 4) == 4)
    var context = Self.context(holding: node, from: "p.yaml")
    #expect(context.valueCount(upTo: 100) == 10)
    context.item = DVCContext.Value(kind: .node(node), origin: .local(source: "item", path: []), isNode: false)
    #expect(context.valueCount(upTo: 100) == 19)
    #expect(context.valueCount(upTo: 12) == 12)
  }

  @Test func aNodeAndAContextAreCopiedWhole() throws {
    let text =
      "a_rather_long_key_name:\n  - {k: \"a value longer than fifteen\", n: 1.5}\n  - 2020-01-01\nb: [true, null]\n"
    let node = try YAMLParamsReader().read(text, file: "some/folder/params.yaml")
    let copy = node.unshared
    #expect(copy == node)
    #expect(Self.address(copy.entries?[0].key ?? "") != Self.address(node.entries?[0].key ?? ""))
    #expect(copy.location == node.location)  // a location holds its file as a number: nothing to copy
    var context = Self.context(holding: node, from: "some/folder/params.yaml")
    context.item = DVCContext.Value(kind: .list([]), origin: .local(source: "item", path: []), isNode: false)
    let copied = context.unshared
    #expect(copied.root.plain == context.root.plain)
    #expect(copied.select(["p", "a_rather_long_key_name", "0", "k"])?.plain == .string("a value longer than fifteen"))
    #expect(
      copied.select(["p", "b"])?.origin
        == .file(DVCValueSource(file: "some/folder/params.yaml", path: ParameterKeyPath(["b"]))))
    #expect(copied.item?.isList == true)
  }
}
