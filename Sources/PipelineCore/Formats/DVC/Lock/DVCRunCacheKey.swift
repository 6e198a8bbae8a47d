/// The names DVC gives a run-cache entry (`dvc/stage/cache.py`, `_get_cache_hash`): the SHA-256
/// of the stage's `dvc.lock` entry as Python's `json.dumps(sort_keys=True)` writes it, every
/// `size` and `nfiles` key left out at any depth (`dict_filter`). The key hashes the entry with
/// its outputs reduced to their paths (what the stage ran with); the value hashes the whole entry
/// (what it made). Pure.
package enum DVCRunCacheKey {
  /// The keys `dict_filter` drops, wherever they are (in params values too, as DVC does).
  static let excludedKeys: Set<String> = ["size", "nfiles"]

  /// The key of a `dvc.lock` entry (its `outs` may hold only paths, or hashes too); nil when
  /// DVC could not hash it (a date among its params).
  package static func key(of entry: DVCValue) -> String? {
    digest(keyEntry(entry))
  }

  /// The value of a complete `dvc.lock` entry.
  package static func value(of entry: DVCValue) -> String? {
    digest(entry)
  }

  /// The entry as the key sees it: `outs` as the list of their paths.
  static func keyEntry(_ entry: DVCValue) -> DVCValue {
    guard var fields = entry.entries else { return entry }
    let paths = fields.last { $0.key == "outs" }?.value
    let list: [DVCValue] =
      if case .list(let items)? = paths {
        items.map { item in item["path"] ?? item }
      } else { [] }
    fields.removeAll { $0.key == "outs" }
    fields.append(.init(key: "outs", value: .list(list)))
    return .dict(fields)
  }

  /// `dict_filter(value, exclude=["size", "nfiles"])`.
  static func filtered(_ value: DVCValue) -> DVCValue {
    switch value {
    case .list(let items): return .list(items.map(filtered))
    case .dict(let entries):
      return .dict(
        entries.filter { !($0.keyIsString && excludedKeys.contains($0.key)) }.map {
          .init(key: $0.key, value: filtered($0.value), keyIsString: $0.keyIsString)
        })
    default: return value
    }
  }

  static func digest(_ value: DVCValue) -> String? {
    guard let text = PythonJSONDump.dumps(filtered(value)) else { return nil }
    return ContentHasher.sha256(Array(text.utf8))
  }
}
