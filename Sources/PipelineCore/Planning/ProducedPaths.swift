/// The paths steps declare as outputs, to tell a missing input that a step will write from one
/// that nothing provides.
///
/// Most plans look up one or two paths (a DVC `matrix` of 4,000 stages reads one file the
/// stage before writes): the first few are looked for in the steps' outputs one by one, and a
/// table of every output, which costs a hash of each, is made only for a plan that looks more.
package struct ProducedPaths {
  /// Lookups made through the outputs before a table of them is made.
  package static let lookupsBeforeTable = 8

  private let steps: [PlannedStep]
  private let sources: any DynamicSources
  private let lookupsBeforeTable: Int
  private var table: Table?
  private var lookups = 0
  /// Whether each input path looked at so far is there: steps of a DVC `matrix` share inputs,
  /// and one look per path is enough for a plan.
  private var existing: [String: Bool] = [:]
  /// The folders outputs are written in (absolute, normal), made the first time an input is
  /// neither there nor an output: a folder a step writes into is provided by that step, as
  /// DVC orders a stage reading `data` after one writing `data/file.csv`.
  private var holdingFolders: Set<String>?

  init(_ steps: [PlannedStep], sources: any DynamicSources, lookupsBeforeTable: Int = Self.lookupsBeforeTable) {
    self.steps = steps
    self.sources = sources
    self.lookupsBeforeTable = lookupsBeforeTable
  }

  /// A problem for each declared input of the running `steps` that does not exist and is not
  /// (inside) an output of a step (whether or not that step runs: a skipped step's output may
  /// be there from before). An input written once for many steps (a DVC `matrix` stage's
  /// `deps`) is one problem naming its steps, not one per step.
  mutating func missingInputs(of steps: [PlannedStep]) -> [Diagnostic] {
    var missing: [MissingInput: [String]] = [:]
    var order: [MissingInput] = []
    var trackedBy: [MissingInput: String] = [:]
    // Whether each input as written is there or produced, for the folder of the steps last
    // looked at (the steps of a `matrix` share one folder and the same few inputs).
    var folder = ""
    var found: [String: Bool] = [:]
    // The inputs of the step before and which of them are missing: the steps of a DVC group
    // share one list, and each but the first is done with at once.
    var last: (inputs: [String], missing: [MissingInput])?
    for step in steps where step.runs {
      if step.workingDirectory != folder {
        folder = step.workingDirectory
        found = [:]
        last = nil
      }
      if let last, last.inputs.sharesStorage(with: step.inputs) {
        for key in last.missing { missing[key, default: []].append(step.name) }
        continue
      }
      var missingHere: [MissingInput] = []
      for (index, input) in step.inputs.enumerated() {
        if let known = found[input] {
          if known { continue }
        } else {
          let full = PathText.normalized(input.hasPrefix("/") ? input : folder + "/" + input)
          let isThere = exists(full) || isProduced(full) || holdsAnOutput(full)
          found[input] = isThere
          if isThere { continue }
        }
        let location = index < step.step.inputs.count ? step.step.inputs[index].location : step.step.location
        let key = MissingInput(input: input, location: location)
        if missing[key] == nil {
          order.append(key)
          let full = PathText.normalized(input.hasPrefix("/") ? input : folder + "/" + input)
          trackedBy[key] = DVCTrackedData.file(tracking: full, within: folder) { sources.fileExists($0) }
        }
        missing[key, default: []].append(step.name)
        missingHere.append(key)
      }
      last = (step.inputs, missingHere)
    }
    return order.map { key in
      let names = missing[key] ?? []
      let create =
        trackedBy[key].map { DVCTrackedData.hint(for: key.input, trackedBy: $0) }
        ?? "create it, or remove it from 'inputs'"
      guard names.count > 1 else {
        return Diagnostic(
          "input '\(key.input)' of step '\(names.first ?? "")' does not exist, and no step declares it as an output",
          at: key.location, notes: [create])
      }
      let shown = names.prefix(3).joined(separator: ", ")
      let more = names.count > 3 ? " and \(names.count - 3) more" : ""
      return Diagnostic(
        "input '\(key.input)' of \(names.count) steps does not exist, and no step declares it as an output",
        at: key.location, notes: ["the steps: \(shown)\(more)", create])
    }
  }

  /// One input as written, where it was written.
  private struct MissingInput: Hashable {
    var input: String
    var location: SourceLocation
  }

  private mutating func exists(_ path: String) -> Bool {
    if let known = existing[path] { return known }
    let found = sources.fileExists(path)
    existing[path] = found
    return found
  }

  /// Whether `path` (absolute, normal) is an output or inside one.
  private mutating func isProduced(_ path: String) -> Bool {
    if table == nil, lookups < lookupsBeforeTable {
      lookups += 1
      return Self.isProduced(path, byOneOf: steps)
    }
    let table = self.table ?? Table(steps)
    self.table = table
    return table.isProduced(path)
  }

  /// Whether `path` (absolute, normal) is a folder an output is written in.
  private mutating func holdsAnOutput(_ path: String) -> Bool {
    if let holdingFolders { return holdingFolders.contains(path) }
    let table = self.table ?? Table(steps)
    self.table = table
    var folders = Set<String>()
    func addFolders(of output: String) {
      var current = output
      while let slash = current.lastIndex(of: "/"), slash > current.startIndex {
        current = String(current[..<slash])
        guard folders.insert(current).inserted else { return }  // and the folders above it
      }
    }
    for output in table.outputs { addFolders(of: output) }
    for (folder, written) in table.relativeByFolder {
      for output in written { addFolders(of: folder == "/" ? "/" + output : folder + "/" + output) }
    }
    holdingFolders = folders
    return folders.contains(path)
  }

  /// Whether `path` (absolute, normal) is an output of one of `steps` or inside one, looked for
  /// output by output; the table's answer.
  private static func isProduced(_ path: String, byOneOf steps: [PlannedStep]) -> Bool {
    var folder = (written: "", inside: nil as String?)
    var first = true
    for step in steps {
      if first || step.workingDirectory != folder.written {
        first = false
        let normal = PathText.normalized(step.workingDirectory)
        let prefix = normal == "/" ? "/" : normal + "/"
        folder = (step.workingDirectory, path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil)
      }
      for output in step.outputs {
        if PathText.isNormalRelative(output) {
          if let inside = folder.inside, isOrIsInside(inside, output) { return true }
        } else if isOrIsInside(
          path, PathText.normalized(output.hasPrefix("/") ? output : folder.written + "/" + output))
        {
          return true
        }
      }
    }
    return false
  }

  /// Whether `path` is `output` or a path inside it (`output` followed by a slash).
  private static func isOrIsInside(_ path: String, _ output: String) -> Bool {
    path.hasPrefix(output) && (path == output || path.hasPrefix(output + "/"))
  }

  /// Every output, hashed once.
  private struct Table {
    /// Outputs written relative to their step's folder and normal already (`models/a.pkl`, most
    /// of them), as written, by the step's folder (normal, absolute): no absolute path is made
    /// for each of thousands of outputs.
    let relativeByFolder: [String: Set<String>]
    /// Other output paths, made absolute and normal.
    let outputs: Set<String>

    init(_ steps: [PlannedStep]) {
      var relativeByFolder: [String: Set<String>] = [:]
      var outputs = Set<String>()
      var folder = (written: "", normal: "")
      // The outputs of a run of steps in one folder gather in one set, made big enough at once
      // (a set that grows hashes every path again): no folder is looked up for each output.
      var inFolder = Set<String>(minimumCapacity: steps.reduce(0) { $0 + $1.outputs.count })
      func keepFolder() {
        guard !inFolder.isEmpty else { return }
        if relativeByFolder[folder.normal] == nil {
          relativeByFolder[folder.normal] = inFolder
        } else {
          relativeByFolder[folder.normal]?.formUnion(inFolder)
        }
        inFolder = []
      }
      for step in steps {
        if step.workingDirectory != folder.written {
          keepFolder()
          folder = (step.workingDirectory, PathText.normalized(step.workingDirectory))
        }
        for output in step.outputs {
          if PathText.isNormalRelative(output) {
            inFolder.insert(output)
          } else {
            outputs.insert(PathText.normalized(output.hasPrefix("/") ? output : folder.normal + "/" + output))
          }
        }
      }
      keepFolder()
      self.relativeByFolder = relativeByFolder
      self.outputs = outputs
    }

    /// Whether `path` (absolute, normal) is an output or inside one.
    func isProduced(_ path: String) -> Bool {
      if Self.isOrIsInside(path, oneOf: outputs) { return true }
      for (folder, written) in relativeByFolder {
        let prefix = folder == "/" ? "/" : folder + "/"
        if path.hasPrefix(prefix), Self.isOrIsInside(String(path.dropFirst(prefix.count)), oneOf: written) {
          return true
        }
      }
      return false
    }

    /// Whether `path` or a folder it is in (cut at its slashes) is one of `paths`.
    private static func isOrIsInside(_ path: String, oneOf paths: Set<String>) -> Bool {
      if paths.contains(path) { return true }
      var current = path
      while let slash = current.lastIndex(of: "/"), slash > current.startIndex {
        current = String(current[..<slash])
        if paths.contains(current) { return true }
      }
      return false
    }
  }
}
