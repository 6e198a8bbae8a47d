import Testing

@testable import PipelineCore

@Suite struct SweepGridTests {
  static let crossed = SweepGrid(axes: [
    .init(name: "a", values: ["1", "2"]), .init(name: "b", values: ["x", "y", "z"]),
  ])

  @Test func aCrossedGridWalksTheLastAxisFastest() {
    #expect(Self.crossed.count == 6)
    #expect(
      (0..<6).map { Self.crossed.point($0) } == [
        ["1", "x"], ["1", "y"], ["1", "z"], ["2", "x"], ["2", "y"], ["2", "z"],
      ])
    #expect(Self.crossed.label(4) == "a=2 b=y")
  }

  @Test func pairedValuesGoTogetherAndCrossTheRest() {
    let grid = SweepGrid(groups: [
      .init(axes: [.init(name: "lr", values: ["0.1", "0.2"]), .init(name: "epochs", values: ["10", "20"])]),
      .init(axes: [.init(name: "model", values: ["a", "b"])]),
    ])
    #expect(grid.count == 4)
    #expect(
      (0..<4).map { grid.point($0) } == [
        ["0.1", "10", "a"], ["0.1", "10", "b"], ["0.2", "20", "a"], ["0.2", "20", "b"],
      ])
    #expect(grid.text == "lr=0.1,0.2 ~ epochs=10,20 model=a,b")
    #expect(SweepGrid(json: grid.json) == grid)
  }

  @Test func aCountThatOverflowsIsNil() {
    let huge = SweepGrid(axes: (0..<20).map { SweepGrid.Axis(name: "p\($0)", values: (0..<100).map(String.init)) })
    #expect(huge.count == nil)
  }

  @Test(arguments: [
    "[]", "[[]]", "[[{\"name\": \"a\", \"values\": []}]]",
    "[[{\"name\": \"a\", \"values\": [\"1\"]}, {\"name\": \"b\", \"values\": [\"1\", \"2\"]}]]",
  ])
  func storedGridsThatAreNotGridsAreRefused(_ text: String) {
    let json = JSONValue.parse(text)
    #expect(json.flatMap(SweepGrid.init(json:)).map { $0.groups.isEmpty } ?? true)
  }
}
