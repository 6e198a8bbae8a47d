/// Fields of generated stages that read neither `item` nor `key` resolve the same for every
/// stage of their group: they are resolved once per group and shared (with the values of
/// params files they read, which each stage still records).
struct InvariantFields {
  enum Field {
    case deps([DVCPathField])
    case params([DVCParamsDependency])
    case outs([DVCOutput])
  }

  /// The group the cached fields belong to.
  var group: String?
  /// Both by the field's position in the group's definition (the same for every stage of the
  /// group): no key is hashed for each field of thousands of stages.
  var fields: [(field: Field, used: [DVCValueSource])?] = []
  /// Whether a field of the group reads `item` or `key`.
  var varies: [Bool?] = []
  /// The group's fields by their keys (a group's definition is the same for each of its stages:
  /// its keys are told apart once, not compared again for each stage).
  var keys: [DVCStageKey] = []

  mutating func reset(for group: String?, fieldCount: Int) {
    guard group != self.group || fields.count != fieldCount else { return }
    self.group = group
    fields = Array(repeating: nil, count: fieldCount)
    varies = Array(repeating: nil, count: fieldCount)
    keys = []
  }
}

/// The keys of a stage's definition `DVCLoading.stage` reads.
enum DVCStageKey {
  case cmd, deps, params, outs, metrics, plots, frozen, alwaysChanged, desc, meta, wdir, vars, other

  init(_ key: String) {
    switch key {
    case "cmd": self = .cmd
    case "deps": self = .deps
    case "params": self = .params
    case "outs": self = .outs
    case "metrics": self = .metrics
    case "plots": self = .plots
    case "frozen": self = .frozen
    case "always_changed": self = .alwaysChanged
    case "desc": self = .desc
    case "meta": self = .meta
    case "wdir": self = .wdir
    case "vars": self = .vars
    default: self = .other
    }
  }

  /// The keys whose value a group's stages can share when it reads neither `item` nor `key`.
  var isSharable: Bool {
    switch self {
    case .deps, .params, .outs, .metrics, .plots: return true
    default: return false
    }
  }
}

extension DVCLoading {
  /// Whether a field's strings read `item` or `key` (then it is resolved for each stage).
  mutating func readsIteration(_ definition: [DVCNode.Entry], at position: Int) -> Bool {
    if let known = invariant.varies[position] { return known }
    let node = definition[position].value
    var found = false
    func walk(_ node: DVCNode) {
      switch node.kind {
      case .string(let text): found = found || mentions(text)
      case .list(let items): items.forEach(walk)
      case .dict(let entries):
        for entry in entries {
          found = found || mentions(entry.key)
          walk(entry.value)
        }
      default: break
      }
    }
    func mentions(_ text: String) -> Bool {
      guard text.utf8.contains(UInt8(ascii: "$")) else { return false }
      return resolver.compile(text).pieces.contains { piece in
        switch piece {
        case .literal: return false
        case .expression(let segments, _, _): return segments.first == "item" || segments.first == "key"
        case .invalid: return true
        }
      }
    }
    walk(node)
    invariant.varies[position] = found
    return found
  }

  /// The cached field of the group, replaying the file values it read; nil when not cached.
  mutating func cachedField(at position: Int) -> InvariantFields.Field? {
    guard let cached = invariant.fields[position] else { return nil }
    resolver.used += cached.used
    return cached.field
  }

  mutating func cache(_ field: InvariantFields.Field, at position: Int, usedFrom start: Int) {
    invariant.fields[position] = (field, Array(resolver.used[start...]))
  }
}
