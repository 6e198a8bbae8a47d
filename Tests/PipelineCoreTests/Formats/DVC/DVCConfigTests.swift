import Testing

@testable import PipelineCore

/// DVC's config files read and checked as DVC reads and checks them (each case below was run
/// through DVC 3.67.1: it refuses the same lines, and reads the same settings).
@Suite struct DVCConfigTests {
  @Test(arguments: [
    ("[core]\n    no_scm = True\n[core]\n    autostage = true\n", "3:1", "the section [core] is written twice"),
    ("[core]\n    no_scm = True\n[Core]\n    x = 1\n", "4:5", "'x' is not a key of [core]"),
    ("[core]\n    bogus = 1\n", "2:5", "'bogus' is not a key of [core]"),
    ("[core]\n    no_scm = maybe\n", "2:5", "core.no_scm is 'maybe', not true or false"),
    ("[core]\n    checksum_jobs = 0\n", "2:5", "core.checksum_jobs is '0', not a number from 1"),
    (
      "[parsing]\n    bool = yesplease\n", "2:5", "parsing.bool is 'yesplease', not one of store_true, boolean_optional"
    ),
    ("[parsing]\n    list = many\n", "2:5", "parsing.list is 'many', not one of nargs, append"),
    ("[parsing]\n    other = 1\n", "2:5", "'other' is not a key of [parsing]"),
    ("[mysection]\n    a = 1\n", "1:1", "[mysection] is not a section of DVC's config"),
    ("[core]\nno_scm = True\njunk line\n", "3:1", "'junk line' is neither a [section] nor a 'key = value' line"),
    ("foo = 1\n[core]\n    no_scm = True\n", "1:1", "'foo' is outside any [section]"),
    (
      "['remote \"s\"']\n    url = /x\n['remote \"s\"']\n    url = /y\n", "3:1",
      "the section [remote \"s\"] is written twice"
    ),
  ])
  func refusesWhatDVCRefusesAtItsLine(text: String, place: String, message: String) {
    let problems = DVCConfig.problems(ofText: text, file: ".dvc/config")
    #expect(problems.map(\.message) == ["DVC cannot read its config: \(message)"])
    #expect(problems.first.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == place)
  }

  @Test func readsWhatDVCWritesAndAccepts() {
    let text = """
      [core]
          remote = storage
          no_scm = "True"
          autostage = FALSE # not yet
          checksum_jobs = 4
      ['remote "storage"']
          url = s3://bucket/path
          region = us-east-1
      [cache]
          type = hardlink,symlink
      # a comment
      ; another
      [ "parsing" ]
          bool = Boolean_Optional
          list = 'APPEND' # quoted, then a comment
      [state]
          row_limit = "100"

      """
    #expect(DVCConfig.problems(ofText: text, file: ".dvc/config").isEmpty)
  }

  @Test func settingsAreReadWhateverTheCaseAndQuotes() throws {
    let folder = TemporaryFolder()
    _ = try folder.write(
      Array("[core]\n    no_scm = True\n[ \"parsing\" ]\n    bool = Boolean_Optional\n".utf8), to: "config")
    _ = try folder.write(Array("[parsing]\n    list = 'APPEND' # a comment\n".utf8), to: "config.local")
    let settings = DVCConfig.interpolationSettings(in: folder.path)
    #expect(settings.booleanOptional && settings.appendLists)
    #expect(DVCConfig.problems(in: folder.path, label: { $0 }).isEmpty)
    _ = try folder.write(Array("[parsing]\n    list = twice\n".utf8), to: "config.local")
    #expect(DVCConfig.problems(in: folder.path, label: { _ in "shown" }).map(\.location?.file) == ["shown"])
  }
}
