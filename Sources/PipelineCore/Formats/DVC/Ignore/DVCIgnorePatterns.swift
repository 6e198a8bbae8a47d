/// The `.dvcignore` rules in force in a folder of a DVC repository, relative to `folder`: DVC's
/// own (`.git`, `.hg/`, `.dvc/`), then those of each `.dvcignore` from the repository's root
/// down, merged as DVC merges them (`dvc/pathspec_math.py`): a deeper file's lines are rewritten
/// relative to the root-most folder and come after, so they win.
struct DVCIgnorePatterns {
  /// The folder the patterns are relative to (absolute, normalized).
  let folder: String
  /// The patterns as DVC keeps them (rewritten when merged).
  let patterns: [String]
  /// Where each pattern was written, as DVC shows it (`sub/.dvcignore:3:data/`; `:.git` for
  /// DVC's own), beside `patterns`.
  let origins: [String]
  private let rules: [(rule: DVCIgnoreRule, origin: String)]
  /// Only DVC's own patterns are in force (no `.dvcignore` was read).
  let isDefaultsOnly: Bool

  init(folder: String, patterns: [String], origins: [String]? = nil) throws(DVCIgnoreRule.Invalid) {
    let origins = origins ?? patterns.map { ":" + $0 }
    var rules: [(DVCIgnoreRule, String)] = []
    for (pattern, origin) in zip(patterns, origins) {
      if let rule = try DVCIgnoreRule(pattern) { rules.append((rule, origin)) }
    }
    self.init(folder: folder, patterns: patterns, origins: origins, rules: rules, isDefaultsOnly: false)
  }

  private init(
    folder: String, patterns: [String], origins: [String], rules: [(rule: DVCIgnoreRule, origin: String)],
    isDefaultsOnly: Bool
  ) {
    self.folder = folder
    self.patterns = patterns
    self.origins = origins
    self.rules = rules
    self.isDefaultsOnly = isDefaultsOnly
  }

  /// DVC's own patterns, left out of every walk whatever the `.dvcignore` files say.
  private static let defaultPatterns = [".hg/", ".git/", ".git", ".dvc/"]

  /// The rules of DVC's own patterns, made only when a `.dvcignore` joins them: alone they are
  /// matched without expressions (`defaultRule`), and making the four costs more than loading
  /// a small project's stages.
  private static func defaultRules() -> [(rule: DVCIgnoreRule, origin: String)] {
    defaultPatterns.compactMap { pattern in
      (try? DVCIgnoreRule(pattern)).flatMap { $0 }.map { (rule: $0, origin: ":" + pattern) }
    }
  }

  /// What DVC leaves out of every walk, whatever the `.dvcignore` files say.
  static func defaults(root: String) -> DVCIgnorePatterns {
    DVCIgnorePatterns(
      folder: root, patterns: defaultPatterns, origins: defaultPatterns.map { ":" + $0 }, rules: [],
      isDefaultsOnly: true)
  }

  /// The rules in force, DVC's own made when these are DVC's own alone.
  private var rulesInForce: [(rule: DVCIgnoreRule, origin: String)] {
    isDefaultsOnly ? Self.defaultRules() : rules
  }

  /// `merge_patterns` of these (an enclosing folder's) and those of a folder inside it.
  func merged(with inner: DVCIgnorePatterns) throws(DVCIgnoreRule.Invalid) -> DVCIgnorePatterns {
    if inner.patterns.isEmpty { return self }
    if patterns.isEmpty { return inner }
    guard inner.folder != folder else {
      return DVCIgnorePatterns(
        folder: folder, patterns: patterns + inner.patterns, origins: origins + inner.origins,
        rules: rulesInForce + inner.rulesInForce, isDefaultsOnly: false)
    }
    guard let relative = PathText.relative(inner.folder, to: folder), !relative.isEmpty else { return self }
    let moved = try DVCIgnorePatterns(
      folder: folder, patterns: inner.patterns.map { Self.rewritten($0, below: relative) }, origins: inner.origins)
    return DVCIgnorePatterns(
      folder: folder, patterns: patterns + moved.patterns, origins: origins + moved.origins,
      rules: rulesInForce + moved.rules, isDefaultsOnly: false)
  }

  /// Whether DVC leaves `name` in `directory` out of a walk (`DvcIgnorePatterns.matches`); a
  /// name outside `folder` is never left out.
  func ignores(_ name: String, in directory: String, isFolder: Bool) -> Bool {
    rule(ignoring: name, in: directory, isFolder: isFolder) != nil
  }

  /// Where the rule that leaves `name` in `directory` out was written (`check_ignore`'s last
  /// pattern), or nil when it is kept.
  func rule(ignoring name: String, in directory: String, isFolder: Bool) -> String? {
    let path: String
    if directory == folder {
      path = name
    } else if directory.hasPrefix(folder == "/" ? "/" : folder + "/") {
      path = directory.dropFirst(folder == "/" ? 1 : folder.count + 1) + "/" + name
    } else {
      return nil
    }
    return rule(ignoring: path, isFolder: isFolder)
  }

  /// `_ignore`: a path is left out when a folder above it is, or else when the last rule that
  /// matches it leaves it out.
  private func rule(ignoring path: String, isFolder: Bool) -> String? {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    if isDefaultsOnly { return Self.defaultRule(ignoring: parts, isFolder: isFolder) }
    for count in 1...parts.count {
      let prefix = parts[..<count].joined(separator: "/")
      if let origin = lastMatch(prefix, isFolder: isFolder || count < parts.count) { return origin }
    }
    return nil
  }

  /// `rule(ignoring:isFolder:)` for DVC's own patterns alone, without matching expressions:
  /// they leave out any `.git`, and any folder `.hg` or `.dvc`, wherever it is.
  private static func defaultRule(ignoring parts: [Substring], isFolder: Bool) -> String? {
    for (index, part) in parts.enumerated() {
      let folder = isFolder || index < parts.count - 1
      if part == ".git" { return ":.git" }
      if folder, part == ".hg" || part == ".dvc" { return ":\(part)/" }
    }
    return nil
  }

  /// `_find_matching_pattern`: where the rule deciding `path` (or, for a folder, `path/`) was
  /// written when it leaves the path out; nil when none matches or it keeps the path. The last
  /// matching rule decides; DVC joins a run of like rules into one expression, which names the
  /// first of the run that matches.
  private func lastMatch(_ path: String, isFolder: Bool) -> String? {
    let candidates = isFolder && !path.hasSuffix("/") ? [path, path + "/"] : [path]
    for index in rules.indices.reversed() {
      let rule = rules[index].rule
      guard isFolder || !rule.foldersOnly, candidates.contains(where: rule.matches) else { continue }
      guard rule.ignores else { return nil }
      var first = index
      var before = index - 1
      while before >= 0, rules[before].rule.ignores, rules[before].rule.foldersOnly == rule.foldersOnly {
        if candidates.contains(where: rules[before].rule.matches) { first = before }
        before -= 1
      }
      return rules[first].origin
    }
    return nil
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
