/// A DVC project as pipeshell loads it from `dvc.yaml`: its stages expanded and templated, the
/// params files they read, and DVC's top-level sections.
package struct DVCProject: Sendable {
  /// `dvc.yaml` as named in messages.
  package var file: String
  /// Every stage, in the order of `dvc.yaml` (generated stages where their group was written).
  package var stages: [DVCStage]
  /// Positions in `stages`, in an order DVC could run them (each after the stages whose outputs
  /// it reads); see `DVCGraph`.
  package var order: [Int]
  /// For each stage (by position), the positions of the stages whose outputs it reads (none for
  /// a frozen stage, which DVC verifies without them).
  package var upstream: [[Int]]
  /// Every params file read: `params.yaml`, `vars` files and files named by stages' `params`,
  /// in the order first read.
  package var paramsFiles: [ParamsFile]
  /// The files whose values `${...}` can read (`params.yaml` and top-level `vars` files), with
  /// the top-level keys taken from each (nil for the whole file, as `vars: [file:a,b]` selects).
  package var contextFiles: [String: [String]?]
  /// Top-level `metrics` and `params` (files DVC shows, not dependencies).
  package var metrics: [String]
  package var params: [String]
  /// Top-level `plots` entries and `artifacts`, resolved.
  package var plots: [DVCValue]
  package var artifacts: [DVCValue.Entry]
  /// Values of params files that shaped the expansion itself (`foreach` data, `wdir`, flags,
  /// `desc`): after a change to one of them the project must be expanded again; other values
  /// are rendered into the stages' templates.
  package var structuralValues: [DVCValueSource]
  /// DVC's `parsing` settings the commands were rendered with.
  package var settings: DVCInterpolation.Settings
  /// A hash of `dvc.yaml`'s text (`StableHash`), recorded with runs.
  package var sourceHash: String

  /// The stage with this name.
  package func stage(_ name: String) -> DVCStage? { stages.first { $0.name == name } }

  /// The params file read from `path`.
  package func paramsFile(_ path: String) -> ParamsFile? {
    paramsFilePosition(path).map { paramsFiles[$0] }
  }

  /// The position in `paramsFiles` of the file read from `path`.
  package func paramsFilePosition(_ path: String) -> Int? {
    guard paramsFiles.count < 8 else { return paramsFileIndex[path] }
    // By index: `firstIndex(where:)` copied each file (five lists) to compare its path.
    for index in paramsFiles.indices where paramsFiles[index].path == path { return index }
    return nil
  }

  /// Positions in `paramsFiles` by path (for projects that read many files); see `indexFiles`.
  var paramsFileIndex: [String: Int] = [:]
  /// The parameter name of every leaf, by file (as in `paramsFiles`) and leaf position; see
  /// `leafName`.
  var leafNames: [[String]] = []

  /// Builds `paramsFileIndex` and `leafNames` after `paramsFiles` or `contextFiles` changed.
  package mutating func indexFiles() {
    paramsFileIndex = Dictionary(
      paramsFiles.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    leafNames = paramsFiles.indices.map { file in
      paramsFiles[file].leaves.indices.map { writeLeafName($0, inFile: file) }
    }
  }

  /// The parameter name of the leaf at `position` of `paramsFiles[file]`. Names are written
  /// once per leaf when the project is indexed: the stages of a large project name the same
  /// few parameters thousands of times, and writing one costs more than a thousand instructions.
  package func leafName(_ position: Int, inFile file: Int) -> String {
    if file < leafNames.count, leafNames[file].count == paramsFiles[file].leaves.count {
      return leafNames[file][position]
    }
    return writeLeafName(position, inFile: file)
  }

  private func writeLeafName(_ position: Int, inFile file: Int) -> String {
    parameterName(for: DVCValueSource(file: paramsFiles[file].path, path: paramsFiles[file].leaves[position].path))
      .description
  }
}
