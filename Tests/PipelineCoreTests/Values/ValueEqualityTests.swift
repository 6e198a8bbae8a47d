import Testing

@testable import PipelineCore

/// A NaN read from a params file is the same value every time it is read: equal to itself, in
/// a list or a dict too, and one key of a table (Swift's `Double` finds it unequal to itself).
struct ValueEqualityTests {
  @Test func aNaNEqualsItselfAndHashesAlike() {
    let values: [Value] = [.float(.nan), .list([.float(1), .float(.nan)]), .dict(["w": .float(.nan)])]
    for value in values {
      #expect(value == value)
      #expect(Set([value, value]).count == 1)
    }
    #expect(Value.float(.nan) != .float(1))
    #expect(Value.float(-0.0) == .float(0.0))
    let dvc: [DVCValue] = [.float(.nan), .list([.float(.nan)]), .dict([.init(key: "w", value: .float(.nan))])]
    for value in dvc {
      #expect(value == value)
      #expect(Set([value, value]).count == 1)
    }
  }

  @Test func pythonEqualityKeepsNaNUnequalExceptAsTheSameYAMLObject() {
    #expect(!DVCValue.float(.nan).pythonEquals(.float(.nan)))
    #expect(!DVCValue.float(.nan).pythonEquals(.float(.nan), sameNaNObject: true))
    #expect(!DVCValue.list([.float(.nan)]).pythonEquals(.list([.float(.nan)])))
    #expect(DVCValue.list([.float(.nan)]).pythonEquals(.list([.float(.nan)]), sameNaNObject: true))
    #expect(DVCValue.float(.nan).differsFromItsRecord(readFrom: .yaml))
    #expect(!DVCValue.list([.float(.nan)]).differsFromItsRecord(readFrom: .yaml))
    #expect(DVCValue.list([.float(.nan)]).differsFromItsRecord(readFrom: .json))
  }
}
