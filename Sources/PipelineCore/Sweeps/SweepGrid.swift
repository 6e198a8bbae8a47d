/// The points of a sweep, walked by index without building them all: groups of parameters
/// crossed with each other (the first group changing slowest), and within a group parameters
/// paired — the i-th point of the group takes the i-th value of each of its parameters
/// (`sweep lr=0.1,0.2 ~ epochs=10,20` runs two points, not four).
package struct SweepGrid: Sendable, Hashable {
  /// One parameter's values, as typed.
  package struct Axis: Sendable, Hashable {
    /// The parameter.
    package var name: String
    /// Its values, in order.
    package var values: [String]

    /// An axis of `name` over `values`.
    package init(name: String, values: [String]) {
      self.name = name
      self.values = values
    }
  }

  /// Parameters whose values are paired; every axis has the same number of values.
  package struct Group: Sendable, Hashable {
    /// The axes, in the order written.
    package var axes: [Axis]

    /// A group pairing `axes` (each the same length).
    package init(axes: [Axis]) { self.axes = axes }

    /// The number of points of the group.
    package var size: Int { axes.first?.values.count ?? 0 }
  }

  /// A sweep over more points than this asks for `--yes`.
  package static let confirmLimit = 1000

  /// The groups, crossed with each other in order.
  package var groups: [Group]

  /// A grid crossing `groups`.
  package init(groups: [Group]) { self.groups = groups }

  /// A crossed grid: every axis its own group.
  package init(axes: [Axis]) { self.groups = axes.map { Group(axes: [$0]) } }

  /// Every axis, in the order written (the columns of the results table).
  package var axes: [Axis] { groups.flatMap(\.axes) }

  /// The number of points; nil when it would overflow.
  package var count: Int? {
    var total = 1
    for group in groups {
      let (product, overflow) = total.multipliedReportingOverflow(by: group.size)
      if overflow { return nil }
      total = product
    }
    return total
  }

  /// The values of point `index`, one per axis (in `axes` order).
  package func point(_ index: Int) -> [String] {
    zip(axes, valueIndices(index)).map { axis, at in axis.values[at] }
  }

  /// Which value of each axis point `index` takes (in `axes` order).
  package func valueIndices(_ index: Int) -> [Int] {
    var rest = index
    var chosen = [Int](repeating: 0, count: groups.count)
    for position in groups.indices.reversed() {
      let size = max(1, groups[position].size)
      chosen[position] = rest % size
      rest /= size
    }
    return zip(groups, chosen).flatMap { group, at in group.axes.map { _ in at } }
  }

  /// `lr=0.1 epochs=10`: a point as people read it.
  package func label(_ index: Int) -> String {
    zip(axes, point(index)).map { "\($0.name)=\($1)" }.joined(separator: " ")
  }

  /// How the grid is written back: `lr=0.1,0.2 ~ epochs=10,20 model=a,b`.
  package var text: String {
    groups.map { group in
      group.axes.map { "\($0.name)=\($0.values.joined(separator: ","))" }.joined(separator: " ~ ")
    }.joined(separator: " ")
  }

  /// The grid as the run store keeps it.
  package var json: JSONValue {
    .array(
      groups.map { group in
        .array(
          group.axes.map { .object([("name", .string($0.name)), ("values", .array($0.values.map(JSONValue.string)))]) })
      })
  }

  /// Reads the JSON the run store keeps; nil when it is not a grid.
  package init?(json: JSONValue) {
    guard let items = json.array else { return nil }
    var groups: [Group] = []
    for item in items {
      guard let list = item.array, !list.isEmpty else { return nil }
      var axes: [Axis] = []
      for entry in list {
        guard let name = entry["name"]?.string, let values = entry["values"]?.array else { return nil }
        let texts = values.compactMap(\.string)
        guard texts.count == values.count, !texts.isEmpty else { return nil }
        axes.append(Axis(name: name, values: texts))
      }
      guard Set(axes.map(\.values.count)).count == 1 else { return nil }
      groups.append(Group(axes: axes))
    }
    self.init(groups: groups)
  }
}
