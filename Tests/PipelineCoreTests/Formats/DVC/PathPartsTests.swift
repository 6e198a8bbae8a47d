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
    #expect(PathParts.of(path) { $0.map { String(decoding: $0, as: UTF8.self) } } == parts)
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

  /// Python's `posixpath` and `str.startswith` look at code points, not at characters: a slash
  /// or `..` followed by a combining mark is still a slash or `..` (Swift's `hasPrefix` would
  /// say no, since the mark makes one character of it).
  @Test(arguments: [
    ("a", "b", "a/b"), ("a/", "b", "a/b"), ("a", "/b", "/b"), ("a", "/\u{301}b", "/\u{301}b"),
    ("a/\u{301}", "b", "a/\u{301}/b"), ("", "b", "b"),
  ])
  func joinLooksAtTheFirstAndLastByte(base: String, path: String, joined: String) {
    #expect(DVCPath.join(base, path).utf8.elementsEqual(joined.utf8))
  }

  @Test(arguments: [
    ("a/b", true), ("a//b", false), ("a/./b", false), ("a/../b", false), ("./a", false), ("a/", false),
    (".", true), ("..", false), ("", false), ("/a", true), ("...", true), ("a/..\u{301}", true),
    ("\u{301}./b", true), ("models/m000-0.pkl", true),
  ])
  func aNormalPathIsFoundByItsBytes(path: String, isNormal: Bool) {
    #expect(DVCPath.isNormal(path) == isNormal)
    if isNormal { #expect(DVCPath.normalize(path).utf8.elementsEqual(path.utf8)) }
  }

  /// A stage's path that leaves the project's folder and comes back is written as DVC writes it;
  /// one that only starts with `..` and a combining mark is a name in the folder, left alone.
  @Test func aProjectPathLeavingTheFolderIsFoundByItsBytes() {
    var fields = DVCStage.Fields(
      name: "s", group: nil, location: SourceLocation(file: "dvc.yaml", line: 1, column: 1), commands: [],
      commandTexts: [], commandIsList: false, wdir: "sub", deps: [], params: [], outs: [], frozen: false,
      alwaysChanged: false, desc: nil, meta: nil, usedValues: [], folder: "/work/project")
    #expect(DVCStage(fields).projectPath("../sub/x.csv") == "sub/x.csv")
    #expect(DVCStage(fields).projectPath("../../project/y.csv") == "y.csv")
    #expect(DVCStage(fields).projectPath("..\u{301}/z").utf8.elementsEqual("sub/..\u{301}/z".utf8))
    fields.wdir = "."
    #expect(DVCStage(fields).projectPath("../project/w") == "w")
  }

  /// DVC's `is_valid_filename`: `*.dvc` and `dvc.yaml` (anywhere) are DVC's own names.
  @Test(arguments: [
    ("x.dvc", true), ("a/x.dvc", true), (".dvc", true), ("dvc.yaml", true), ("sub/dvc.yaml", true),
    ("mydvc.yaml", false), ("x.dvcx", false), ("dvc", false), ("dvc.yaml/x", false), ("", false),
  ])
  func dvcFileNamesAreFoundByTheirEnd(path: String, isDVCFile: Bool) {
    #expect(DVCLoading.isDVCFileName(path) == isDVCFile)
    #expect(DVCPath.ends(path, with: ".dvc") == path.hasSuffix(".dvc"))
  }

  /// A dependency with a URL scheme is read from another file system, as DVC's `get_cloud_fs`
  /// decides; a one-letter scheme is a Windows drive, and a path without `://` is the project's.
  @Test(arguments: [
    ("https://example.com/data.csv", true), ("http://x", true), ("s3://bucket/key", true),
    ("remote://myr/x.csv", true), ("gs://b/o", true), ("azure://c/p", true), ("ssh://host/p", true),
    ("HTTPS://x", true), ("webdavs://h/p", true), ("C://data", false), ("data/x.csv", false), ("1a://x", false),
    ("a b://x", false), ("https:/x", false), ("https:x", false), ("./https://x", false), ("", false),
    ("file:///tmp/x", false), ("ftp://h/x", false), ("ds://name", false), ("git+https://x/y", false),
  ])
  func aURLIsFoundByItsScheme(path: String, isURL: Bool) {
    #expect(DVCPath.isURL(path) == isURL)
  }
}
