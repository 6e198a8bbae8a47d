import Testing

@testable import PipelineCore

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct OutputCacheTests {
  @Test func storeThenRestoreGivesIdenticalContent() throws {
    let folder = TemporaryFolder()
    let cache = OutputCache(folder: folder.file(".pipeshell/cache"))
    let bytes = sampleBytes(count: 2 * OpenFile.chunkSize + 17)
    let output = try folder.write(bytes, to: "out/model.txt")
    let hash = try cache.store(output)
    #expect(hash == ContentHasher.hash(bytes))
    #expect(cache.contains(hash))
    #expect(cache.path(for: hash) == folder.file(".pipeshell/cache/\(hash.prefix(2))/\(hash)"))

    let restored = folder.file("elsewhere/deep/model.txt")
    #expect(try cache.restore(hash, to: restored))
    #expect(folder.read(restored) == bytes)
    #expect(folder.mode(restored) == 0o644)
  }

  @Test func restoringReplacesAnExistingFile() throws {
    let folder = TemporaryFolder()
    let cache = OutputCache(folder: folder.file("cache"))
    let hash = try cache.store(try folder.write(Array("new".utf8), to: "a"))
    let target = try folder.write(Array("old content".utf8), to: "b")
    #expect(try cache.restore(hash, to: target))
    #expect(folder.read(target) == Array("new".utf8))
  }

  @Test func storingTheSameContentTwiceKeepsOneCopyAndNoTemporaryFiles() throws {
    let folder = TemporaryFolder()
    let cache = OutputCache(folder: folder.file("cache"))
    let first = try cache.store(try folder.write(Array("same".utf8), to: "one"))
    let second = try cache.store(try folder.write(Array("same".utf8), to: "two"))
    #expect(first == second)
    #expect(folder.allFiles(in: cache.folder) == [cache.path(for: first)!])
  }

  @Test func theExecutableBitIsKept() throws {
    let folder = TemporaryFolder()
    let cache = OutputCache(folder: folder.file("cache"))
    let script = try folder.write(Array("#!/bin/sh\necho hi\n".utf8), to: "run.sh")
    chmod(script, 0o755)
    let hash = try cache.store(script)
    #expect(folder.mode(cache.path(for: hash)!) == 0o500)  // owner only, read-only
    #expect(try cache.restore(hash, to: folder.file("copy.sh")))
    #expect(folder.mode(folder.file("copy.sh")) == 0o755)
  }

  /// Equal content is kept once, with the first copy's bit; each output's own recorded mode is
  /// what it is restored with.
  @Test func aRecordedModeIsWhatARestoredFileGets() throws {
    let folder = TemporaryFolder()
    let cache = OutputCache(folder: folder.file("cache"))
    let plain = try folder.write(Array("same".utf8), to: "plain.txt")
    chmod(plain, 0o640)
    let tool = try folder.write(Array("same".utf8), to: "tool.sh")
    chmod(tool, 0o751)
    let hash = try cache.store(plain)
    #expect(try cache.store(tool) == hash)
    #expect(try cache.restore(hash, to: folder.file("tool-again.sh"), mode: 0o751))
    #expect(folder.mode(folder.file("tool-again.sh")) == 0o751)
    #expect(try cache.restore(hash, to: folder.file("plain-again.txt"), mode: 0o640))
    #expect(folder.mode(folder.file("plain-again.txt")) == 0o640)
    #expect(try cache.restore(hash, to: folder.file("unrecorded"), mode: nil))
    #expect(folder.mode(folder.file("unrecorded")) == 0o644, "the cached copy's bit (the first one stored)")
  }

  @Test func unknownOrMalformedDigestsAreNotFound() throws {
    let folder = TemporaryFolder()
    let cache = OutputCache(folder: folder.file("cache"))
    let unknown = ContentHasher.hash("never stored")
    #expect(!cache.contains(unknown))
    #expect(try !cache.restore(unknown, to: folder.file("x")))
    #expect(!cache.contains("../../etc/passwd"))
    #expect(try !cache.restore("../../etc/passwd", to: folder.file("x")))
    #expect(!PosixFiles.exists(folder.file("x")))
  }

  @Test func aDamagedEntryIsDroppedInsteadOfRestored() throws {
    let folder = TemporaryFolder()
    let cache = OutputCache(folder: folder.file("cache"))
    let hash = try cache.store(try folder.write(Array("good".utf8), to: "a"))
    let entry = cache.path(for: hash)!
    chmod(entry, 0o644)
    try folder.write(Array("evil".utf8), to: "cache/\(hash.prefix(2))/\(hash)")
    #expect(try !cache.restore(hash, to: folder.file("b")))
    #expect(!cache.contains(hash))
    #expect(!PosixFiles.exists(folder.file("b")))
  }

  @Test func storingAMissingFileIsAFileError() throws {
    let folder = TemporaryFolder()
    let cache = OutputCache(folder: folder.file("cache"))
    #expect(throws: StoreError.file(FileError(.open, path: folder.file("missing"), code: ENOENT))) {
      try cache.store(folder.file("missing"))
    }
  }
}
