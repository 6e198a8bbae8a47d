/// The stages of the repository's other `dvc.yaml` files that write what a loaded project's
/// stages need. `dvc repro sub/dvc.yaml` runs such an upstream stage first, whichever file
/// holds it; pipeshell runs the stages of the one file it loaded. A dependency that is neither
/// there nor written by a stage of that file, but written by a stage of another file, gets a
/// warning that names that stage, so the difference is said rather than found out.
enum DVCOtherFiles {
  /// At most this many folders are looked through for other `dvc.yaml` files, this deep.
  static let folderLimit = 2_000
  static let depthLimit = 8

  /// The warnings for the stages of a project loaded from `folder` (absolute), in the DVC
  /// repository at `root`; `exists` tells whether an absolute path is there, `shown` how the
  /// user sees a path.
  static func warnings(
    for stages: [DVCStage], folder: String, root: String, exists: (String) -> Bool, shown: (String) -> String
  ) -> [Diagnostic] {
    // Only what is not there is looked at further (nearly always nothing): each path once, and
    // the stages of a group, which share one list of dependencies, once.
    var missing: [(stage: String, dep: DVCPathField, relative: String, path: String)] = []
    var looked = Set<String>()
    var lastDeps: [DVCPathField] = []
    for stage in stages {
      let deps = stage.localDeps
      if deps.sharesStorage(with: lastDeps) { continue }
      lastDeps = deps
      for dep in deps {
        let relative = stage.projectPath(dep.path)
        guard looked.insert(relative).inserted else { continue }
        let path = DVCPath.resolve(relative, in: folder)
        if !exists(path) { missing.append((stage.name, dep, relative, path)) }
      }
    }
    guard !missing.isEmpty else { return [] }
    // What a stage of this file writes is no concern: looked for until every missing path is
    // found written (before a first run, the first stage's output, nearly always).
    for stage in stages where !missing.isEmpty {
      for output in stage.outs {
        let path = stage.projectPath(output.path.path)
        // Looked through before anything moves: most outputs are nobody's missing input.
        guard missing.contains(where: { overlaps(path, $0.relative) }) else { continue }
        missing.removeAll { overlaps(path, $0.relative) }
      }
    }
    guard !missing.isEmpty else { return [] }
    let others = outputsOfOtherFiles(under: root, except: folder + "/dvc.yaml")
    return missing.compactMap { need in
      guard let writer = others.first(where: { overlaps($0.path, need.path) }) else { return nil }
      let file = shown(writer.file)
      return Diagnostic(
        "stage '\(need.stage)' needs '\(need.dep.path)', which stage '\(writer.stage)' of \(file) writes;"
          + " pipeshell runs the stages of this dvc.yaml only",
        at: need.dep.location,
        notes: ["run that stage first ('dvc repro \(file):\(writer.stage)', or load \(file))"], severity: .warning)
    }
  }

  /// An output (absolute) of a stage of another `dvc.yaml`.
  struct Output {
    var file: String
    var stage: String
    var path: String
  }

  /// The plain outputs (`outs`, `metrics`, `plots`; none written with `${`) of the stages of
  /// every other `dvc.yaml` below `root`, as far as the limits reach.
  static func outputsOfOtherFiles(under root: String, except loaded: String) -> [Output] {
    var outputs: [Output] = []
    for file in dvcFiles(under: root) where file != loaded {
      guard let text = DVCConfig.readConfig(file), let node = try? YAMLParamsReader().read(text, file: file) else {
        continue
      }
      let folder = PosixFiles.parentFolder(of: file)
      for stage in node["stages"]?.entries ?? [] {
        let wdir = stage.value["wdir"]?.string ?? "."
        for key in ["outs", "metrics", "plots"] {
          for item in stage.value[key]?.items ?? [] {
            guard let path = item.string ?? item.entries?.first?.key, !path.contains("${") else { continue }
            outputs.append(Output(file: file, stage: stage.key, path: DVCPath.resolve(path, in: folder + "/" + wdir)))
          }
        }
      }
    }
    return outputs
  }

  /// The `dvc.yaml` files below `root`, hidden folders left out.
  static func dvcFiles(under root: String) -> [String] {
    var found: [String] = []
    var pending = [(root, 0)]
    var looked = 0
    while let (folder, depth) = pending.popLast(), looked < folderLimit {
      looked += 1
      for name in PosixFiles.names(in: folder).sorted() where !name.hasPrefix(".") {
        let path = folder + "/" + name
        if name == "dvc.yaml" {
          found.append(path)
        } else if depth < depthLimit, PosixFiles.isFolder(path), !PosixFiles.isLink(path) {
          pending.append((path, depth + 1))
        }
      }
    }
    return found
  }

  /// True when one path is the other or holds it.
  static func overlaps(_ a: String, _ b: String) -> Bool {
    a == b || DVCPath.isInside(a, b) || DVCPath.isInside(b, a)
  }
}
