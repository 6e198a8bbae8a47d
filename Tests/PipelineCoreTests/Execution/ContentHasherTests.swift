import Testing

@testable import PipelineCore

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct ContentHasherTests {
  @Test(arguments: [
    ("", "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"),
    ("abc", "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"),
  ])
  func matchesPublishedBlake2bDigests(input: String, digest: String) {
    #expect(ContentHasher.hash(input) == digest)
    #expect(ContentHasher.hash(Array(input.utf8)) == digest)
  }

  @Test func hashingInPiecesEqualsHashingAtOnce() {
    let bytes = sampleBytes(count: 10_000)
    var hasher = IncrementalHasher()
    hasher.update(Array(bytes[..<3]))
    hasher.update(Array(bytes[3..<7_777]))
    hasher.update(Array(bytes[7_777...]))
    let digest = hasher.finalize()
    #expect(digest == ContentHasher.hash(bytes))
  }

  @Test func fieldsAreFramedSoBoundariesMatter() {
    var first = IncrementalHasher()
    first.updateField("ab")
    first.updateField("c")
    var second = IncrementalHasher()
    second.updateField("a")
    second.updateField("bc")
    let (one, other) = (first.finalize(), second.finalize())
    #expect(one != other)
  }

  @Test func aFileIsHashedByItsContentAcrossChunks() throws {
    let folder = TemporaryFolder()
    let bytes = sampleBytes(count: 3 * OpenFile.chunkSize + 123)
    let path = try folder.write(bytes, to: "big.bin")
    #expect(try ContentHasher.hashFile(atPath: path) == ContentHasher.hash(bytes))
    let empty = try folder.write([], to: "empty")
    #expect(try ContentHasher.hashFile(atPath: empty) == ContentHasher.hash(""))
  }

  @Test func aMissingFileIsAFileError() throws {
    let folder = TemporaryFolder()
    #expect(throws: HashingError.file(FileError(.open, path: folder.file("nope"), code: ENOENT))) {
      try ContentHasher.hashFile(atPath: folder.file("nope"))
    }
  }

  @Test func keyedHashesDifferFromPlainOnesAndAreStablePerStore() throws {
    let folder = TemporaryFolder()
    let other = TemporaryFolder()
    let key = try HashKey.loadOrCreate(inFolder: folder.path)
    let again = try HashKey.loadOrCreate(inFolder: folder.path)
    let otherKey = try HashKey.loadOrCreate(inFolder: other.path)
    let keyed = ContentHasher.keyedHash("hunter2-value", key: key)
    #expect(keyed != ContentHasher.hash("hunter2-value"))
    #expect(keyed == ContentHasher.keyedHash("hunter2-value", key: again))
    #expect(keyed != ContentHasher.keyedHash("hunter2-value", key: otherKey))
    #expect(ContentHasher.isDigest(keyed))
    #expect(folder.mode(folder.file(HashKey.fileName)) == 0o600)
    #expect(folder.read(folder.file(HashKey.fileName))?.count == 32)
  }

  @Test func aKeyFileOfTheWrongSizeIsRefused() throws {
    let folder = TemporaryFolder()
    try folder.write([1, 2, 3], to: HashKey.fileName)
    #expect(throws: HashingError.malformedKey(path: folder.file(HashKey.fileName), byteCount: 3)) {
      try HashKey.loadOrCreate(inFolder: folder.path)
    }
  }

  @Test func aKeyDoesNotPrintItself() throws {
    let key = try HashKey.random()
    #expect("\(key)" == "****")
    #expect(String(reflecting: key) == "****")
  }
}
