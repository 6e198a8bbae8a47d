/// The parameters of a DVC project: every value of every params file it reads, each named by its
/// key path (`train.lr`), typed from its value, with where it was written.
///
/// Keys of `params.yaml` and of the top-level `vars` files share one namespace in DVC (its
/// templating context, where DVC refuses to define a key twice), so their parameters are named
/// by their key path alone. A value of any other file (named only by a stage's `params`, or by
/// a stage's own `vars`) is named with the file first, in brackets: `[configs/train.yaml].lr`.
package struct DVCParameter: Sendable, Hashable {
  /// The parameter's name.
  package var name: ParameterKeyPath
  /// The name as written (`name.description`).
  package var writtenName: String
  /// The file and key path it is read from (and written back to).
  package var source: DVCValueSource
  package var value: DVCValue
  /// Where the value is written.
  package var location: SourceLocation
}

extension DVCProject {
  /// Every parameter, file by file in the order read, leaves in the order written.
  package var parameters: [DVCParameter] {
    var out: [DVCParameter] = []
    out.reserveCapacity(paramsFiles.reduce(0) { $0 + $1.leaves.count })
    for (index, file) in paramsFiles.enumerated() {
      // Two leaves share a path only in a file with two keys of one text (`1` and `'1'`): only
      // then are the paths hashed to keep the first.
      var seen = Set<ParameterKeyPath>()
      for (position, leaf) in file.leaves.enumerated() {
        guard !file.mayRepeatLeafPaths || seen.insert(leaf.path).inserted else { continue }
        let source = DVCValueSource(file: file.path, path: leaf.path)
        out.append(
          DVCParameter(
            name: parameterName(for: source), writtenName: leafName(position, inFile: index), source: source,
            value: leaf.value, location: leaf.location))
      }
    }
    return out
  }

  /// The name of the parameter a value of a file is read as.
  package func parameterName(for source: DVCValueSource) -> ParameterKeyPath {
    if let keys = contextFiles[source.file], keys.map({ $0.contains(source.path.segments.first ?? "") }) ?? true {
      return source.path
    }
    return ParameterKeyPath([source.file] + source.path.segments)
  }

  /// The parameters a stage depends on: the leaves its `params` name (a section gives all its
  /// leaves, a whole file all of the file's), then those its templates read, in that order.
  package func parameterDependencies(of stage: DVCStage) -> [DVCValueSource] {
    dependencyLeaves(of: stage).map {
      DVCValueSource(file: paramsFiles[$0.file].path, path: paramsFiles[$0.file].leaves[$0.position].path)
    }
  }

  /// The names of the parameters a stage depends on, in the order of `parameterDependencies`.
  /// `paramsLeaves` are those of the stage's `params` when known (`paramsLeaves(of:)`): the
  /// stages of a group share them.
  package func parameterDependencyNames(of stage: DVCStage, paramsLeaves: [DVCLeafPosition]? = nil) -> [String] {
    dependencyLeaves(of: stage, paramsLeaves: paramsLeaves).map { leafName($0.position, inFile: $0.file) }
  }

  /// The leaves of `parameterDependencies`.
  func dependencyLeaves(of stage: DVCStage, paramsLeaves: [DVCLeafPosition]? = nil) -> [DVCLeafPosition] {
    var leaves = DVCLeafCollector()
    for leaf in paramsLeaves ?? self.paramsLeaves(of: stage) { leaves.add(leaf.position, of: leaf.file) }
    // A reference into a list reads the list's leaf; a reference to a section, all its leaves.
    for used in stage.usedValues {
      guard let index = paramsFilePosition(used.file) else { continue }
      for position in paramsFiles[index].leafPositions(covering: used.path) { leaves.add(position, of: index) }
    }
    return leaves.found
  }

  /// The leaves a stage's `params` name, each once, in the order named.
  package func paramsLeaves(of stage: DVCStage) -> [DVCLeafPosition] {
    var leaves = DVCLeafCollector()
    for params in stage.params {
      // The file is read in place: a copy of it (five lists) for every stage cost more than
      // what is looked up in it.
      guard let index = paramsFilePosition(stage.projectPath(params.file)) else { continue }
      if params.isWholeFile {
        for position in paramsFiles[index].leaves.indices { leaves.add(position, of: index) }
        continue
      }
      for key in params.keys {
        let keyPath = ParameterKeyPath(
          key.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
          })
        if DVCParamsSelection.isGlob(key) {
          let file = paramsFiles[index]
          for position in file.leaves.indices {
            let leaf = file.leaves[position].path.segments
            if (1...leaf.count).contains(where: { DVCParamsSelection.matches(leaf.prefix($0), keyPath.segments[...]) })
            {
              leaves.add(position, of: index)
            }
          }
        } else {
          for position in paramsFiles[index].leafPositions(covering: keyPath) { leaves.add(position, of: index) }
        }
      }
    }
    return leaves.found
  }
}
