import Testing

@testable import PipelineCore

/// `dvc.lock` refused where DVC 3 refuses it (`LOCKFILE_SCHEMA`), at the place DVC names; the
/// same cases run against DVC itself as fixtures (`DVCProjectFixtures.lockFiles`).
@Suite struct DVCLockFileSchemaTests {
  @Test(arguments: [
    ("", "1:1", "it is empty"),
    ("s:\n  cmd: echo hi\n", "1:1", "it is a lock file of DVC 1"),
    ("- schema\n", "1:1", "it holds a list, not a mapping"),
    ("stages: {}\n", "1:1", "it has no 'schema'"),
    ("schema: '1.0'\nstages: {}\n", "1:10", "its schema is not \"2.0\""),
    ("schema: '2.0'\nextra: 1\n", "2:1", "'extra' is not a key of a lock file"),
    ("schema: '2.0'\nstages: [a]\n", "2:9", "'stages' is a list, not a mapping"),
    ("schema: '2.0'\nstages:\n  s: 1\n", "3:6", "the record of stage 's' is not a mapping"),
    ("schema: '2.0'\nstages:\n  s:\n    deps: []\n", "3:3", "the record of stage 's' has no 'cmd'"),
    ("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    dpes: []\n", "5:5", "'dpes' is not a key of a stage's record"),
    ("schema: '2.0'\nstages:\n  s:\n    cmd: {a: 1}\n", "4:10", "'cmd' of stage 's' is not as DVC writes it"),
    ("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    outs: [{md5: abc}]\n", "5:11", "'outs' of stage 's'"),
    ("schema: '2.0'\nstages:\n  s:\n    cmd: x\n    params: {p.yaml: 1}\n", "5:13", "'params' of stage 's'"),
  ])
  func refusesWhatDVCRefusesWhereItIs(text: String, place: String, message: String) {
    do {
      _ = try DVCLockFile.parse(text, file: "dvc.lock")
      Issue.record("read a lock file DVC refuses: \(text)")
    } catch {
      let first = error.diagnostics.first
      #expect(first?.message.hasPrefix("DVC cannot read dvc.lock: \(message)") == true, "\(first?.message ?? "")")
      #expect(first.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == place)
      #expect(first?.notes.first?.contains("restore dvc.lock from version control") == true)
    }
  }

  @Test func readsWhatDVCWrites() throws {
    let text = """
      schema: '2.0'
      stages:
        train:
          cmd:
          - python train.py
          - echo done
          deps:
          - path: data
            hash: md5
            md5: 3863d0e317dee0a55c4e59d2ec0eab79.dir
            size: 12
            nfiles: 2
          params:
            params.yaml:
              train.lr: 0.1
          outs:
          - path: model.pkl
            hash: md5
            md5: 5d41402abc4b2a76b9719d911017c592
            size: 5
            isexec: true

      """
    let lock = try DVCLockFile.parse(text, file: "dvc.lock")
    #expect(lock.stage("train")?.deps.first?.fileCount == 2)
    #expect(lock.stage("train")?.outs.first?.isExecutable == true)
    #expect(try DVCLockFile.parse("schema: '2.0'\n", file: "dvc.lock").stages.isEmpty)
  }
}
