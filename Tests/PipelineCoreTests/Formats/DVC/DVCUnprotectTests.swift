import Glibc
import Testing

@testable import PipelineCore

/// A `persist: true` output DVC linked to its cache becomes a private copy before its stage
/// runs again, so appending to it leaves DVC's cache object as it was.
@Suite struct DVCUnprotectTests {
  @Test func linkedFilesBecomeCopiesAndTheirTargetsStayAsTheyWere() throws {
    let folder = TemporaryFolder()
    let cached = try folder.write(Array("1\n".utf8), to: "cache/ab/cdef")
    _ = chmod(cached, 0o444)
    _ = try folder.write(Array("x\n".utf8), to: "out/plain.txt")
    #expect(symlink(cached, folder.file("out/soft.txt")) == 0)
    #expect(link(cached, folder.file("out/hard.txt")) == 0)
    #expect(symlink(folder.file("missing"), folder.file("out/dangling")) == 0)
    #expect(symlink(folder.file("cache"), folder.file("out/folder-link")) == 0)

    try DVCUnprotect.unprotect(folder.file("out"), fileMode: 0o644)

    for name in ["soft.txt", "hard.txt"] {
      let path = folder.file("out/" + name)
      var info = stat()
      #expect(lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_nlink == 1, "\(name)")
      #expect(info.st_mode & 0o200 != 0, "\(name) is writable by its owner")
      #expect(folder.read(path) == Array("1\n".utf8))
      let append = try OpenFile(path, flags: O_WRONLY | O_APPEND)
      try append.write(Array("2\n".utf8))
    }
    #expect(folder.read(cached) == Array("1\n".utf8), "DVC's cache object is as it was")
    var info = stat()
    #expect(lstat(folder.file("out/dangling"), &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    #expect(lstat(folder.file("out/folder-link"), &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    #expect(folder.read(folder.file("out/plain.txt")) == Array("x\n".utf8))
  }
}
