import Dispatch
import Synchronization
import Testing

@testable import PipelineCore

/// Locations hold their file as a number given once per name: equal names give equal
/// locations (and hashes) in every thread, and the name reads back as it was written.
@Suite struct SourceFileNameTests {
  @Test func aLocationReadsBackItsFileAndComparesByIt() {
    let long = "/tmp/pipeshell-bench.AbCdEf/matrix-4000/dvc.yaml"
    let a = SourceLocation(file: long, line: 3, column: 7)
    let b = SourceLocation(file: String(long.utf8.map { Character(UnicodeScalar($0)) }), line: 3, column: 7)
    #expect(a.file == long)
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    #expect(a != SourceLocation(file: long + "x", line: 3, column: 7))
    #expect(a.description == long + ":3:7")
    #expect(a.short == "dvc.yaml:3:7")
  }

  @Test func aMovedLocationKeepsItsFileAndAChangedFileIsAnother() {
    var location = SourceLocation(file: "params.yaml", line: 1, column: 1)
    let moved = location.moved(line: 9, column: 4)
    #expect(moved == SourceLocation(file: "params.yaml", line: 9, column: 4))
    location.file = "configs/extra.yaml"
    #expect(location.file == "configs/extra.yaml")
    #expect(location != SourceLocation(file: "params.yaml", line: 1, column: 1))
    #expect(SourceLocation(file: "", line: 0, column: 0).file == "")
  }

  /// Many threads naming the same files at once get one number per name.
  @Test func namesGivenFromManyThreadsAtOnceAgree() {
    let names = (0..<64).map { "/work/project-\($0 % 8)/stage-\($0 % 8).yaml" }
    let found = Mutex<[PipelineCore.SourceLocation]>([])
    DispatchQueue.concurrentPerform(iterations: names.count) { index in
      let location = SourceLocation(file: names[index], line: 1, column: 1)
      found.withLock { $0.append(location) }
    }
    let locations = found.withLock { $0 }
    #expect(Set(locations).count == 8)
    #expect(Set(locations.map(\.file)) == Set(names))
  }
}
