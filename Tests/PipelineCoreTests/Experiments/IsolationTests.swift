import FoundationEssentials
import Glibc
import Testing

@testable import PipelineCore

/// Isolated runs: the copy of the folder, what it shares, and runs that work in it.
@Suite struct IsolationTests {
  @Test func theCopyKeepsContentModesTimesAndLinksAndLeavesOutTheStoreAndGit() throws {
    let folder = TemporaryFolder()
    try folder.write(Array("#!/bin/sh\necho hi\n".utf8), to: "src/run.sh")
    chmod(folder.file("src/run.sh"), 0o755)
    try folder.write(sampleBytes(count: 200_000), to: "data/big.bin")
    try folder.write(Array("x".utf8), to: ".pipeshell/runs.db")
    try folder.write(Array("ref".utf8), to: ".git/HEAD")
    try folder.write(Array("ref".utf8), to: "sub/.git")
    symlink("../data/big.bin", folder.file("src/link"))
    var old = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
    utimensat(AT_FDCWD, folder.file("data/big.bin"), &old, 0)
    let copy = try WorkspaceCopy.make(of: folder.path, at: folder.file(".pipeshell/workspaces/1")) { _ in false }
    let target = folder.file(".pipeshell/workspaces/1")
    #expect(folder.read(target + "/data/big.bin") == sampleBytes(count: 200_000))
    #expect(folder.mode(target + "/src/run.sh") == 0o755)
    #expect(!PosixFiles.exists(target + "/.pipeshell"))
    #expect(!PosixFiles.exists(target + "/.git"))
    #expect(!PosixFiles.exists(target + "/sub/.git"))
    var info = stat()
    lstat(target + "/src/link", &info)
    #expect(info.st_mode & S_IFMT == S_IFLNK)
    #expect(folder.read(target + "/src/link") == sampleBytes(count: 200_000), "a relative link points into the copy")
    stat(target + "/data/big.bin", &info)
    #expect(info.st_mtim.tv_sec == 1_000_000)
    #expect(copy.counts.linked == 0, "nothing may be linked here")
    #expect(copy.counts.cloned + copy.counts.copied == 2)
    // A copied file is a file of its own: writing it leaves the folder's alone.
    try folder.write(Array("changed".utf8), to: ".pipeshell/workspaces/1/data/big.bin")
    #expect(folder.read(folder.file("data/big.bin")) == sampleBytes(count: 200_000))
  }

  @Test func filesNoStepWritesAreSharedWhenTheyCannotBeClonedAndAWriteIntoOneIsNoticed() throws {
    let folder = TemporaryFolder()
    try folder.write(Array("input".utf8), to: "data.csv")
    try folder.write(Array("other".utf8), to: "notes.txt")
    let copy = try WorkspaceCopy.make(of: folder.path, at: folder.file("w")) { $0 == "data.csv" }
    if copy.counts.cloned > 0 {
      #expect(copy.counts.linked == 0, "a file system that clones never shares files")
      return
    }
    #expect(copy.counts.linked == 1)
    #expect(copy.changedLinkedFiles().isEmpty)
    // A step that writes into a shared file in place changes the folder's too: it is told.
    let fd = open(folder.file("w/data.csv"), O_WRONLY | O_APPEND)
    _ = "more".withCString { write(fd, $0, 4) }
    close(fd)
    #expect(copy.changedLinkedFiles() == ["data.csv"])
  }

  /// A folder on a file system that clones files (btrfs, XFS with reflink=1), where given.
  static let reflinkFolder = ProcessInfo.processInfo.environment["PIPESHELL_TEST_REFLINK_FOLDER"]

  @Test(.enabled(if: reflinkFolder != nil, "set PIPESHELL_TEST_REFLINK_FOLDER to a folder on btrfs or XFS (reflink=1)"))
  func whereTheFileSystemClonesEveryFileIsClonedAndNoneShared() throws {
    let root = try #require(Self.reflinkFolder) + "/pipeshell-clone-\(getpid())"
    defer { _ = try? FolderRemoval.remove(root) }
    try PosixFiles.makeFolders(root + "/data")
    let big = sampleBytes(count: 1 << 20)
    try Data(big).write(to: URL(fileURLWithPath: root + "/data/train.csv"))
    try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/notes.txt"))
    let copy = try WorkspaceCopy.make(of: root, at: root + "/.pipeshell/workspaces/1") { _ in true }
    #expect(copy.counts.cloned == 2)
    #expect(copy.counts.linked == 0 && copy.counts.copied == 0, "a clone is always the better copy")
    try Data("changed".utf8).write(to: URL(fileURLWithPath: root + "/.pipeshell/workspaces/1/data/train.csv"))
    #expect(FileManager.default.contents(atPath: root + "/data/train.csv").map(Array.init) == big)
  }

  @Test func onlyDeclaredInputsThatNoStepWritesMayBeShared() throws {
    let (pipeline, _) = try PipelineLoader().load(
      text: """
        name: p
        steps:
          a: {run: "true", inputs: [data/train.csv, raw], outputs: [out/model.txt]}
          b: {run: "true", inputs: [out/model.txt, raw/x.csv], outputs: [raw/derived.csv], cwd: sub}
        """, file: "/proj/p.yaml", folder: "/proj")
    let (_, plan) = CoreFixtures.plan(
      ResolutionInput(pipeline: pipeline), sources: FakeSources(existing: ["/proj/data/train.csv", "/proj/raw"]))
    let policy = try IsolationPolicy(plan: plan, root: "/proj")
    #expect(policy.mayLink("data/train.csv"))
    #expect(policy.mayLink("raw/a.csv"), "inside a declared input folder")
    #expect(!policy.mayLink("out/model.txt"), "an output is written")
    #expect(!policy.mayLink("other.txt"), "not declared")
    #expect(!policy.mayLink("sub/raw/derived.csv"))
  }

  @Test func aStepThatWritesOutsideTheFolderCannotRunIsolated() throws {
    let project = try ProjectFixture(
      """
      name: p
      steps:
        s: {run: "true", outputs: [/tmp/elsewhere.txt]}
      """)
    #expect(throws: RunStartError.self) { try project.service.start(project.request(isolated: true), subscribers: []) }
    do {
      _ = try project.service.start(project.request(isolated: true), subscribers: [])
    } catch {
      guard case .cannotIsolate(let refusal) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(refusal.description.contains("step 's' writes '/tmp/elsewhere.txt', outside the pipeline's folder"))
    }
  }

  @Test func isolatedAndInPlaceRunsReuseEachOthersStepsAndRestoreIntoTheirOwnFolder() throws {
    let project = try ProjectFixture(
      """
      name: p
      params:
        x: {type: int, default: 1}
      steps:
        make: {run: "echo ${x} > out.txt", outputs: [out.txt]}
      """)
    let (first, _) = try project.run(["x": "5"], isolated: true)
    #expect(first.steps[0].state == .ok)
    #expect(project.text("out.txt") == nil)
    let (second, _) = try project.run(["x": "5"])
    #expect(second.steps[0].state == .reused, "the in-place run reuses the isolated run's step")
    #expect(project.text("out.txt") == "5\n", "and restores its output into the folder")
    let (third, _) = try project.run(["x": "5"], isolated: true)
    #expect(third.steps[0].state == .reused)
  }

  @Test func aFailedIsolatedRunKeepsItsCopyAndSaysWhere() throws {
    let project = try ProjectFixture(
      """
      name: p
      steps:
        s: {run: "echo partial > half.txt; exit 3"}
      """)
    let (run, active) = try project.run(isolated: true)
    #expect(run.status == .failed)
    let copy = try #require(run.workspace)
    #expect(String(decoding: try #require(project.folder.read(copy + "/half.txt")), as: UTF8.self) == "partial\n")
    #expect(active.notes.contains { $0.contains("its isolated copy is kept in \(copy)") })
  }

  @Test(arguments: [
    ("a/./b/../c", "a/c"), ("/x//y/", "/x/y"), ("/../a", "/a"), ("../a", "../a"), (".", "."), ("a/..", "."),
    // Absolute paths that are normal already (kept as they are) and ones that only nearly are.
    ("/a/b", "/a/b"), ("/.hidden/...", "/.hidden/..."), ("/a/..b/c.", "/a/..b/c."), ("/", "/"), ("/a/.", "/a"),
    ("/a/..", "/"), ("/a/b/", "/a/b"), ("//a", "/a"), ("/a/./b", "/a/b"),
  ])
  func pathsAreMadeNormal(_ path: String, _ expected: String) {
    #expect(PathText.normalized(path) == expected)
  }

  @Test func relativePathsStayInsideTheFolder() {
    #expect(PathText.relative("/proj/a/b", to: "/proj") == "a/b")
    #expect(PathText.relative("/proj", to: "/proj/") == "")
    #expect(PathText.relative("/project/a", to: "/proj") == nil)
    #expect(PathText.relative("/proj/../etc", to: "/proj") == nil)
  }
}
