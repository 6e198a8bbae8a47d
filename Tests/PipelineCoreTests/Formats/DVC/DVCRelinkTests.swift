import Testing

@testable import PipelineCore

/// Which files DVC links again after adding them to its cache (`_needs_relink`, `_checkout_file`).
@Suite struct DVCRelinkTests {
  let object = "/p/.dvc/cache/files/md5/ab/cdef"
  let plain = DVCWorkspaceFile(isSymlink: false, inode: 7, linkCount: 1)

  func action(_ file: DVCWorkspaceFile, _ kinds: [DVCCheckout.LinkKind], objectInode: UInt64? = 9)
    -> DVCCheckout.RelinkAction
  {
    DVCCheckout.actionForFolderFile(file, kinds: kinds, objectInode: objectInode, objectPath: object)
  }

  @Test func aPlainFileOfAFolderStaysWhenACopyKindComesFirstOrAfterALinkKind() {
    #expect(action(plain, [.reflink, .copy]) == .keep)
    #expect(action(plain, [.symlink, .copy]) == .keep)
    #expect(action(plain, [.symlink]) == .relink)
    #expect(action(plain, [.hardlink]) == .relink)
  }

  @Test func aSymbolicLinkInAFolderIsReplacedUnlessItIsDVCsOwn() {
    let outside = DVCWorkspaceFile(isSymlink: true, destination: "/elsewhere/ext.txt", inode: 3, linkCount: 1)
    let own = DVCWorkspaceFile(isSymlink: true, destination: object, inode: 9, linkCount: 1)
    #expect(action(outside, [.reflink, .copy]) == .relink)
    #expect(action(outside, [.copy]) == .relink, "not a copy, so not unprotected in place")
    #expect(action(outside, [.symlink]) == .relink)
    #expect(action(own, [.symlink]) == .keep)
  }

  @Test func aHardLinkStaysOnlyWhenItIsTheObjectItself() {
    let linked = DVCWorkspaceFile(isSymlink: false, inode: 9, linkCount: 2)
    let other = DVCWorkspaceFile(isSymlink: false, inode: 4, linkCount: 2)
    #expect(action(linked, [.hardlink]) == .keep)
    #expect(action(other, [.hardlink]) == .relink)
    #expect(action(linked, [.hardlink], objectInode: nil) == .relink, "an object DVC cannot read")
  }

  @Test func anOutputThatIsAFileIsAlwaysPlacedAgainButACopyFirstOnlyUnprotectsIt() {
    #expect(DVCCheckout.actionForFileOutput(plain, kinds: [.reflink, .copy]) == .relink)
    #expect(DVCCheckout.actionForFileOutput(plain, kinds: [.copy]) == .unprotect)
    let link = DVCWorkspaceFile(isSymlink: true, destination: "t.txt", inode: 3, linkCount: 1)
    #expect(DVCCheckout.actionForFileOutput(link, kinds: [.copy]) == .relink)
  }
}
