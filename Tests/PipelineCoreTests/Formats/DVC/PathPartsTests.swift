import Testing

@testable import PipelineCore

/// Paths split and cut by their bytes, as the system reads them: a slash is a slash even when a
/// combining mark follows it (which makes one `Character` of the two).
@Suite struct PathPartsTests {
  @Test(arguments: [
    ("a/b/c", ["a", "b", "c"]), (".", []), ("", []), ("/a//b/", ["a", "b"]),
    ("models/m000-0.pkl", ["models", "m000-0.pkl"]),
    ("a/\u{301}b", ["a", "\u{301}b"]), ("é/ü", ["é", "ü"]),
  ])
  func partsAreThoseBetweenSlashes(path: String, parts: [String]) {
    #expect(PathParts(path).map(String.init) == parts)
  }

  @Test(arguments: [
    ("a/b", "a"), ("/a", "/"), ("a", "."), ("/a/b/c.txt", "/a/b"), ("a/\u{301}b", "a"), ("ü/x", "ü"),
  ])
  func theParentFolderEndsAtTheLastSlashByte(path: String, parent: String) {
    #expect(PosixFiles.parentFolder(of: path) == parent)
    #expect(String(DVCIgnoredOutputs.folderPart(of: path)) == parent)
  }

  /// Names are told apart by their bytes, as the file system tells them apart: `é` written as
  /// one character and as `e` with a combining accent are two names (two files can have them),
  /// though Swift finds the two strings equal.
  @Test func pathBytesCompareAndHashByBytes() {
    let composed = "models/\u{E9}.pkl", decomposed = "models/e\u{301}.pkl"
    #expect(composed == decomposed)
    #expect(PathBytes(composed[...]) != PathBytes(decomposed[...]))
    let long = "a-folder-name-longer-than-fifteen/x"
    #expect(PathBytes(long.dropLast(2)) == PathBytes("a-folder-name-longer-than-fifteen"[...]))
    #expect(Set([PathBytes(composed[...]), PathBytes(decomposed[...]), PathBytes(composed[...])]).count == 2)
  }
}
