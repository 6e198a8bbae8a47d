import FoundationEssentials
import PipelineCore
import PipelineShell
import PipelineTestSupport

/// DVC projects on disk for the tests of the binary against DVC: phase 1's fixture projects and
/// the five example projects, each in a folder of its own marked as a DVC repository.
enum DVCProjects {
  static let examplesFolder = "/work/shared/dvc-examples"

  /// The example projects and their `dvc.yaml` files.
  static let examples: [(name: String, dvcFiles: [String])] = [
    ("iterative__example-get-started", ["dvc.yaml"]),
    ("iterative__example-get-started-experiments", ["dvc.yaml"]),
    ("andreaconti__lidar-confidence", ["experiments/dvc.yaml", "experiments/baselines/dvc.yaml"]),
    ("gottalottarock__esm-2-contact-map", ["pipeline/dvc.yaml"]),
    (
      "iterative__pipeline-conifguration",
      ["multi-params-files/dvc.yaml", "multi-validation-datasets/dvc.yaml", "single-params-file/dvc.yaml"]
    ),
  ]

  /// Writes the fixtures under `folder` (one folder each, without git); returns their roots.
  static func writeFixtures(_ fixtures: [DVCProjectFixtures.Fixture], under folder: String) throws -> [String] {
    var roots: [String] = []
    for fixture in fixtures {
      let root = folder + "/" + fixture.name
      for (path, text) in fixture.files { try write(text, to: root + "/" + path) }
      try write("[core]\n    no_scm = True\n", to: root + "/.dvc/config")
      roots.append(root)
    }
    return roots
  }

  /// Copies the example projects under `folder`; returns their roots.
  static func copyExamples(under folder: String) -> [String] {
    examples.map { name, _ in
      let root = folder + "/" + name
      _ = DVCTool.shell(
        "cp -R '\(examplesFolder)/\(name)' '\(root)' && mkdir -p '\(root)/.dvc' && printf '[core]\\n    no_scm = True\\n' > '\(root)/.dvc/config'"
      )
      return root
    }
  }

  static func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: Paths.folder(of: path), withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  }

  /// `pipeshell -c COMMANDS FILE` run in `folder`; its standard output, error and status.
  static func pipeshell(_ commands: String, file: String, in folder: String, environment: String = "") -> DVCTool.Result
  {
    let binary = TranscriptRunner.builtBinary()
    return DVCTool.shell(
      "\(environment) '\(binary)' -c '\(commands.replacing("'", with: "'\\''"))' '\(file)'", in: folder)
  }

  /// Python's `str.splitlines()`, as DVC splits a `cmd` string into the commands it runs.
  static func splitLines(_ text: String) -> [String] {
    var lines: [String] = []
    var current = ""
    var pendingCR = false
    for scalar in text.unicodeScalars {
      if pendingCR {
        pendingCR = false
        if scalar == "\n" { continue }
      }
      switch scalar {
      case "\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}":
        lines.append(current)
        current = ""
      case "\r":
        lines.append(current)
        current = ""
        pendingCR = true
      default:
        current.unicodeScalars.append(scalar)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// `path` with `.`/`..` folded.
  static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      if part == "." || part.isEmpty { continue }
      if part == "..", !parts.isEmpty, parts.last != ".." {
        parts.removeLast()
        continue
      }
      parts.append(part)
    }
    return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
  }
}
