import FoundationEssentials
import PipelineTestSupport
import Testing

@testable import PipelineCore

/// `.dvcignore` files read by pipeshell and by DVC itself (its `DvcIgnoreFilter`, through
/// Scripts/dvc-oracle): for each project, whether each path is left out must be the same; and a
/// folder output hashed with them must hash as `dvc add` hashes it.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCIgnoreAgainstDVCTests {
  /// A project's `.dvcignore` files (by folder) and the paths asked about (`d:` a folder, `f:` a file).
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var ignoreFiles: [String: String]
    var paths: [String]
    var description: String { name }
  }

  static let everyday = [
    "f:a.log", "f:keep.log", "f:sub/a.log", "f:sub/keep.log", "d:build", "f:build/x", "f:sub/build/x", "d:sub/build",
    "f:data/raw/1.csv", "d:data/raw", "f:data/raw", "f:x/data/raw/2", "d:cache", "f:a/cache", "f:a/b/cache/c",
    "f:a/x/y/b", "f:a/b", "f:ab", "f:foo/bar", "f:foo", "d:foo/bar", "f:foo/bar/baz", "f:ax", "f:abx", "f:ac",
    "f:bc", "f:cc", "f:ad", "f:bd", "f:#hash", "f:name ", "f:name", "f:trailing", "f:.git", "d:.git", "d:.hg",
    "f:.hg", "d:.dvc", "f:x/.dvc", "d:x/.dvc", "f:café.tmp", "f:über/x", "f:[bad", "f:q[x]", "f:qx",
  ]

  static let cases = [
    Case(
      name: "patterns of every kind",
      ignoreFiles: [
        "": """
        # a comment
        *.log
        !keep.log
        /build/
        data/raw/
        **/cache
        a/**/b
        foo/*
        ?x
        [ab]c
        [!a]d
        \\#hash
        trailing   
        *.tmp
        über/
        [bad
        q\\[x]
        """
      ], paths: everyday),
    Case(
      name: "DVC's own patterns alone", ignoreFiles: [:],
      paths: everyday + ["d:a/.git", "f:a/.git/x", "f:a/.hg/x", "f:a/.dvc", "d:a/.dvc", "f:.dvc/config", "f:.gitx"]),
    Case(name: "every file", ignoreFiles: ["": "*\n!*.log\n"], paths: everyday),
    Case(name: "every folder", ignoreFiles: ["": "*/\n"], paths: everyday),
    Case(name: "double stars", ignoreFiles: ["": "**\n!**/keep.log\n"], paths: everyday),
    Case(name: "a folder left out cannot be brought back", ignoreFiles: ["": "foo/\n!foo/bar\n"], paths: everyday),
    Case(
      name: "nested files, deeper ones win",
      ignoreFiles: [
        "": "*.log\n/x/\nsub/secret\n",
        "sub": "!keep.log\nbuild\n/data/raw\nc*\n",
        "a/b": "!cache\n*\n",
        "x": "everything\n",
      ],
      paths: everyday + [
        "f:sub/c1", "f:sub/q/c2", "f:sub/data/raw", "f:sub/x/data/raw", "f:sub/secret", "f:a/b/z", "f:a/b/cache",
        "d:a/b/cache", "f:x/everything", "f:sub/deep/keep.log",
      ]),
    Case(
      name: "a .dvcignore that is left out is not read",
      ignoreFiles: ["": "hidden/.dvcignore\n", "hidden": "*\n", "shown": "*\n!keep.log\n"],
      paths: ["f:hidden/a", "f:hidden/keep.log", "f:shown/a", "f:shown/keep.log", "d:hidden/x", "d:shown/x"]),
  ]

  static func project(_ testCase: Case) throws -> TemporaryFolder {
    try repository(ignoreFiles: testCase.ignoreFiles)
  }

  /// A DVC repository without git, with `.dvcignore` files by folder (`""` for the root).
  static func repository(ignoreFiles: [String: String]) throws -> TemporaryFolder {
    let folder = TemporaryFolder()
    _ = try folder.write(Array("[core]\n    no_scm = True\n".utf8), to: ".dvc/config")
    for (place, text) in ignoreFiles {
      _ = try folder.write(Array(text.utf8), to: (place.isEmpty ? "" : place + "/") + ".dvcignore")
    }
    return folder
  }

  static func ours(_ root: String, _ item: String) throws -> Bool {
    let (kind, path) = (item.prefix(1), String(item.dropFirst(2)))
    let full = root + "/" + path
    let directory = PosixFiles.parentFolder(of: full)
    let name = String(full.dropFirst(directory.count + 1))
    return try DVCIgnoreFilter(root: root).patterns(in: directory).ignores(name, in: directory, isFolder: kind == "d")
  }

  @Test(arguments: cases)
  func whatIsLeftOutIsWhatDVCLeavesOut(_ testCase: Case) throws {
    let folder = try Self.project(testCase)
    let python = try #require(DVCTool.python)
    let words = testCase.paths.map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
    let oracle = DVCTool.shell("'\(python)' '\(DVCTool.oracleScript)' ignored . \(words)", in: folder.path)
    try #require(oracle.status.succeeded, "\(oracle.stderr)")
    let theirs = oracle.stdout.split(separator: "\n").map { $0 == "1" }
    try #require(theirs.count == testCase.paths.count, "\(oracle.stdout)")
    for (path, dvc) in zip(testCase.paths, theirs) {
      #expect(try Self.ours(folder.path, path) == dvc, "\(testCase.name): \(path) is left out by DVC: \(dvc)")
    }
  }

  @Test func aFolderHashesAsDVCAddHashesItWithoutWhatIsLeftOut() throws {
    let folder = try Self.project(
      Case(name: "hash", ignoreFiles: ["": "*.tmp\n!important.tmp\nscratch/\n", "out/sub": ""], paths: []))
    for (path, text) in [
      ("out/a.txt", "a"), ("out/b.tmp", "b"), ("out/important.tmp", "i"), ("out/scratch/x", "x"),
      ("out/sub/c.tmp", "c"), ("out/sub/d.txt", "d"), ("out/sub/scratch", "a file, not a folder"),
    ] {
      _ = try folder.write(Array(text.utf8), to: path)
    }
    try? FileManager.default.removeItem(atPath: folder.file("out/sub/.dvcignore"))
    let add = DVCTool.shell("'\(DVCTool.executable ?? "dvc")' add -q out", in: folder.path)
    try #require(add.status.succeeded, "\(add.stderr)")
    let record = String(decoding: folder.read(folder.file("out.dvc")) ?? [], as: UTF8.self)
    let (info, entries) = try DVCHashing.directory(path: folder.file("out"), repositoryRoot: folder.path)
    #expect(record.contains("md5: \(info.md5)"), "\(record)")
    #expect(record.contains("nfiles: \(entries.count)"), "\(record)")
    #expect(entries.map(\.relpath) == ["a.txt", "important.tmp", "sub/d.txt", "sub/scratch"])
    // Without the repository's `.dvcignore`, the folder is another.
    #expect(try DVCHashing.directory(path: folder.file("out")).0.md5 != info.md5)
  }

  @Test func aLineThatIsNoPatternIsRefusedAsDVCRefusesIt() throws {
    let folder = try Self.project(Case(name: "invalid", ignoreFiles: ["": "*.tmp\nname\\ \n"], paths: []))
    _ = try folder.write(Array("a".utf8), to: "out/a.txt")
    let add = DVCTool.shell("'\(DVCTool.executable ?? "dvc")' add out", in: folder.path)
    #expect(!add.status.succeeded)
    #expect(add.stderr.contains("Invalid git pattern"), "\(add.stderr)")
    #expect(throws: DVCHashingError.invalidIgnorePattern(path: folder.file(".dvcignore"), pattern: "name\\")) {
      try DVCHashing.directory(path: folder.file("out"), repositoryRoot: folder.path)
    }
  }

  @Test func aDVCIgnoreInsideAHashedFolderIsRefusedAsDVCRefusesIt() throws {
    let folder = try Self.project(Case(name: "inside", ignoreFiles: ["out/sub": "*.tmp\n"], paths: []))
    _ = try folder.write(Array("a".utf8), to: "out/a.txt")
    #expect(throws: DVCHashingError.ignoreFileInside(folder: folder.file("out/sub"))) {
      try DVCHashing.directory(path: folder.file("out"), repositoryRoot: folder.path)
    }
  }
}
