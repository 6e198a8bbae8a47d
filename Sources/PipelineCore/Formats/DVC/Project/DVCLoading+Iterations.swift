/// The stages a `foreach` or `matrix` generates, one `Iteration` each: a `foreach` lists them,
/// a `matrix` makes each combination when asked for it, on the core that expands its stage
/// (making 4,000 combinations before expanding them took a twentieth of loading the project).
extension DVCLoading {
  /// One generated stage: its name suffix and the values of `item` (and `key`).
  struct Iteration {
    var suffix: String
    var item: DVCContext.Value
    var key: String?
  }

  struct Iterations {
    private enum Source {
      case listed([Iteration])
      case combined(MatrixAxes)
    }

    private let source: Source

    init(_ listed: [Iteration]) {
      source = .listed(listed)
    }

    init(_ axes: MatrixAxes) {
      source = .combined(axes)
    }

    var count: Int {
      switch source {
      case .listed(let iterations): iterations.count
      case .combined(let axes): axes.combinations
      }
    }

    subscript(index: Int) -> Iteration {
      switch source {
      case .listed(let iterations): iterations[index]
      case .combined(let axes): axes.combination(index)
      }
    }

    /// The first iteration whose name suffix holds `byte`, looked for without making the
    /// iterations whose suffixes cannot hold it.
    func first(holding byte: UInt8) -> Iteration? {
      switch source {
      case .listed(let iterations):
        return iterations.first { ByteSearch.holds(byte, in: $0.suffix) }
      case .combined(let axes):
        return axes.firstCombination { ByteSearch.holds(byte, in: $0) }
      }
    }
  }

  /// A matrix's axes: their names, values and each value's part of a stage name. Combinations
  /// are numbered in the order DVC makes them (`itertools.product`: the last axis changes
  /// fastest).
  struct MatrixAxes {
    let names: [String]
    let values: [[DVCContext.Value]]
    let fragments: [[String]]
    let combinations: Int

    /// Each axis's index in combination `index`, the last axis first.
    private func digitsFromLast(_ index: Int, _ body: (_ axis: Int, _ position: Int) -> Void) {
      var rest = index
      for axis in values.indices.reversed() {
        body(axis, rest % values[axis].count)
        rest /= values[axis].count
      }
    }

    func combination(_ index: Int) -> Iteration {
      var chosen = values.map { $0[0] }
      var length = max(0, values.count - 1)
      digitsFromLast(index) { axis, position in
        chosen[axis] = values[axis][position]
        length += fragments[axis][position].utf8.count
      }
      // The name written from its end into one buffer of its size (appending fragments to a
      // `String` cost more than the rest of the combination).
      let name = String(unsafeUninitializedCapacity: length) { buffer in
        var end = length
        digitsFromLast(index) { axis, position in
          let fragment = fragments[axis][position].utf8
          end -= fragment.count
          _ = UnsafeMutableBufferPointer(rebasing: buffer[end..<end + fragment.count]).initialize(from: fragment)
          if axis > 0 {
            end -= 1
            buffer[end] = UInt8(ascii: "-")
          }
        }
        return length
      }
      let item = DVCContext.Value(
        kind: .combination(keys: names, values: chosen), origin: .local(source: "item", path: []), isNode: false)
      return Iteration(suffix: name, item: item, key: name)
    }

    /// The first combination with a fragment for which `matches` is true (a suffix is its
    /// fragments joined with `-`).
    func firstCombination(where matches: (String) -> Bool) -> Iteration? {
      let marked = fragments.map { $0.map(matches) }
      guard marked.contains(where: { $0.contains(true) }) else { return nil }
      for index in 0..<combinations {
        var holds = false
        digitsFromLast(index) { axis, position in holds = holds || marked[axis][position] }
        if holds { return combination(index) }
      }
      return nil
    }

    /// Every combination, in order.
    var all: [Iteration] { (0..<combinations).map(combination) }
  }
}
