/// The `.dvcignore` rules in force in a folder of a DVC repository, relative to `folder`: DVC's
/// own (`.git`, `.hg/`, `.dvc/`), then those of each `.dvcignore` from the repository's root
/// down, merged as DVC merges them (`dvc/pathspec_math.py`): a deeper file's lines are rewritten
/// relative to the root-most folder and come after, so they win.
struct DVCIgnorePatterns {
  /// The folder the patterns are relative to (absolute, normalized).
  let folder: String
  /// The patterns as DVC keeps them (rewritten when merged).
  let patterns: [String]
  private let rules: [DVCIgnoreRule]

  init(folder: String, patterns: [String]) throws(DVCIgnoreRule.Invalid) {
    self.folder = folder
    self.patterns = patterns
    var rules: [DVCIgnoreRule] = []
    for pattern in patterns {
      if let rule = try DVCIgnoreRule(pattern) { rules.append(rule) }
    }
    self.rules = rules
  }

  private init(folder: String, patterns: [String], rules: [DVCIgnoreRule]) {
    self.folder = folder
    self.patterns = patterns
    self.rules = rules
  }

  /// What DVC leaves out of every walk, whatever the `.dvcignore` files say.
  static func defaults(root: String) -> DVCIgnorePatterns {
    let patterns = [".hg/", ".git/", ".git", ".dvc/"]
    return DVCIgnorePatterns(folder: root, patterns: patterns, rules: patterns.compactMap { try? DVCIgnoreRule($0) })
  }

  /// `merge_patterns` of these (an enclosing folder's) and those of a folder inside it.
  func merged(with inner: DVCIgnorePatterns) throws(DVCIgnoreRule.Invalid) -> DVCIgnorePatterns {
    if inner.patterns.isEmpty { return self }
    if patterns.isEmpty { return inner }
    guard inner.folder != folder else {
      return DVCIgnorePatterns(folder: folder, patterns: patterns + inner.patterns, rules: rules + inner.rules)
    }
    guard let relative = PathText.relative(inner.folder, to: folder), !relative.isEmpty else { return self }
    let moved = try DVCIgnorePatterns(
      folder: folder, patterns: inner.patterns.map { Self.rewritten($0, below: relative) })
    return DVCIgnorePatterns(folder: folder, patterns: patterns + moved.patterns, rules: rules + moved.rules)
  }

  /// Whether DVC leaves `name` in `directory` out of a walk (`DvcIgnorePatterns.matches`); a
  /// name outside `folder` is never left out.
  func ignores(_ name: String, in directory: String, isFolder: Bool) -> Bool {
    let path: String
    if directory == folder {
      path = name
    } else if directory.hasPrefix(folder == "/" ? "/" : folder + "/") {
      path = directory.dropFirst(folder == "/" ? 1 : folder.count + 1) + "/" + name
    } else {
      return false
    }
    return ignores(path: path, isFolder: isFolder)
  }

  /// `_ignore`: a path is left out when a folder above it is, or else when the last rule that
  /// matches it leaves it out.
  private func ignores(path: String, isFolder: Bool) -> Bool {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    var result = false
    for count in 1...parts.count {
      let prefix = parts[..<count].joined(separator: "/")
      result = lastMatch(prefix, isFolder: isFolder || count < parts.count)
      if result { break }
    }
    return result
  }

  /// `_find_matching_pattern`: whether the last rule matching `path` (or, for a folder,
  /// `path/`) leaves it out; false when none matches.
  private func lastMatch(_ path: String, isFolder: Bool) -> Bool {
    let candidates = isFolder && !path.hasSuffix("/") ? [path, path + "/"] : [path]
    for rule in rules.reversed() where isFolder || !rule.foldersOnly {
      if candidates.contains(where: rule.matches) { return rule.ignores }
    }
    return false
  }

  /// `change_rule`: a line of a `.dvcignore` in the folder `relative` below `folder`, as a
  /// line of one in `folder`.
  static func rewritten(_ line: String, below relative: String) -> String {
    var rule = DVCIgnoreFilter.stripped(line)
    if rule.hasPrefix("#") { return rule }
    let negated = rule.hasPrefix("!")
    if negated { rule.removeFirst() }
    let matchesAtAnyLevel: Bool
    if rule.dropLast().contains("/"), !rule.hasPrefix("**/") {
      if rule.hasPrefix("/") { rule.removeFirst() }
      matchesAtAnyLevel = false
    } else {
      if rule.hasPrefix("**/") { rule.removeFirst(3) }
      matchesAtAnyLevel = true
    }
    if rule.hasPrefix("\\") { rule.removeFirst() }
    rule = (matchesAtAnyLevel ? "/**/" : "/") + rule
    rule = (negated ? "!/" : "/") + relative + rule
    // pathspec's `normalize_file`: no leading `/` (nor `./`).
    if rule.hasPrefix("/") { rule.removeFirst() } else if rule.hasPrefix("./") { rule.removeFirst(2) }
    return rule
  }
}
