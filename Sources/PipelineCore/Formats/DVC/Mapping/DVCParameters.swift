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
    var seen = Set<DVCValueSource>()
    for file in paramsFiles {
      for leaf in file.leaves {
        let source = DVCValueSource(file: file.path, path: leaf.path)
        guard seen.insert(source).inserted else { continue }
        out.append(
          DVCParameter(name: parameterName(for: source), source: source, value: leaf.value, location: leaf.location))
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
    var out: [DVCValueSource] = []
    // Positions taken, by file: a stage reads one or two files, found faster in a list than
    // hashed into a dictionary for every stage.
    var taken: [(file: String, positions: Set<Int>)] = []
    func add(_ file: ParamsFile, _ positions: some Sequence<Int>) {
      let slot: Int
      if let found = taken.firstIndex(where: { $0.file == file.path }) {
        slot = found
      } else {
        taken.append((file.path, []))
        slot = taken.count - 1
      }
      for position in positions where taken[slot].positions.insert(position).inserted {
        out.append(DVCValueSource(file: file.path, path: file.leaves[position].path))
      }
    }
    for params in stage.params {
      guard let file = paramsFile(stage.projectPath(params.file)) else { continue }
      if params.isWholeFile {
        add(file, file.leaves.indices)
        continue
      }
      for key in params.keys {
        let keyPath = ParameterKeyPath(
          key.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
          })
        if DVCParamsSelection.isGlob(key) {
          add(
            file,
            file.leaves.indices.filter { position in
              let leaf = file.leaves[position].path.segments
              return (1...leaf.count).contains { DVCParamsSelection.matches(leaf.prefix($0), keyPath.segments[...]) }
            })
        } else {
          add(file, file.leafPositions(covering: keyPath))
        }
      }
    }
    // A reference into a list reads the list's leaf; a reference to a section, all its leaves.
    for used in stage.usedValues {
      guard let file = paramsFile(used.file) else { continue }
      add(file, file.leafPositions(covering: used.path))
    }
    return out
  }
}
