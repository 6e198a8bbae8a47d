import Glibc
import Testing

@testable import PipelineCore

/// Small text files read whole with POSIX calls: the text, and the limits a read keeps.
@Suite struct TextFileTests {
  static func write(_ bytes: [UInt8], in folder: TemporaryFolder) throws -> String {
    let path = folder.file("file.txt")
    let file = try OpenFile(path, flags: O_WRONLY | O_CREAT | O_TRUNC)
    try file.write(bytes)
    return path
  }

  @Test func readsTheWholeTextRepairingInvalidBytes() throws {
    let folder = TemporaryFolder()
    let path = try Self.write(Array("a: 1\nb: ü\n".utf8) + [0xFF, 0x0A], in: folder)
    #expect(try TextFile.read(path, upTo: 1 << 20) == "a: 1\nb: ü\n\u{FFFD}\n")
  }

  @Test func readsAnEmptyFileAndOneOfExactlyTheLimit() throws {
    let folder = TemporaryFolder()
    let empty = try Self.write([], in: folder)
    #expect(try TextFile.read(empty, upTo: 4) == "")
    let full = try Self.write(Array("abcd".utf8), in: folder)
    #expect(try TextFile.read(full, upTo: 4) == "abcd")
  }

  @Test func refusesAFileLargerThanTheLimit() throws {
    let folder = TemporaryFolder()
    let path = try Self.write(Array(repeating: UInt8(ascii: "x"), count: 10_000), in: folder)
    #expect(throws: FileError(.read, path: path, code: EFBIG)) { try TextFile.read(path, upTo: 9_999) }
    #expect(try TextFile.read(path, upTo: 10_000).utf8.count == 10_000)
  }

  @Test func aFolderAndAMissingFileAreErrorsThatSaySo() throws {
    let folder = TemporaryFolder()
    #expect(throws: FileError(.read, path: folder.path, code: EISDIR)) { try TextFile.read(folder.path, upTo: 100) }
    #expect(throws: FileError(.open, path: folder.file("none"), code: ENOENT)) {
      try TextFile.read(folder.file("none"), upTo: 100)
    }
    #expect(PosixFiles.exists(folder.path) && PosixFiles.isFolder(folder.path))
    #expect(!PosixFiles.exists(folder.file("none")) && !PosixFiles.isFolder(folder.file("none")))
  }

  /// What `fstat` says is not trusted as the end: a file may grow while it is read, and the
  /// kernel's files (`/proc`) say they hold nothing. The text past it is read, up to the limit.
  @Test func readsPastTheSizeFstatGaveUpToTheLimit() throws {
    let path = "/proc/self/cmdline"
    var info = stat()
    #expect(stat(path, &info) == 0 && info.st_size == 0)
    let text = try TextFile.read(path, upTo: 1 << 20)
    #expect(text.utf8.count > 10 && text.hasSuffix("\0"))
    #expect(throws: FileError(.read, path: path, code: EFBIG)) { try TextFile.read(path, upTo: 10) }
    #expect(try TextFile.read(path, upTo: text.utf8.count) == text)
  }

  @Test func theWorkingFolderIsTheProcesssOwn() {
    var buffer = [UInt8](repeating: 0, count: 4097)
    let named = buffer.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { getcwd($0.baseAddress, $0.count) != nil }
    }
    #expect(named)
    #expect(PosixFiles.workingFolder() == String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self))
  }
}
