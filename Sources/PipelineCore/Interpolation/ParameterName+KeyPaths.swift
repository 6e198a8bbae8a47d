/// Names as people type them: pipeshell's own names (`train.lr`) and the key paths DVC's params
/// files need (`train.log-level`, `layers.0`, `data[a.b]`, `[configs/train.yaml].lr`; see
/// `ParameterKeyPath`). A typed name is read as a key path and written back in its one
/// canonical spelling (`train[lr]` is `train.lr`), which is how the pipeline names it.
extension ParameterName {
  /// The canonical spelling of a typed name; nil when it is not a name.
  /// A name never starts with a digit (`${1x}` is a mistake); a key that does is written in
  /// brackets (`[0].a`).
  package static func canonical(_ typed: String) -> String? {
    if isValid(typed) { return typed }
    guard let first = typed.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return nil }
    guard case .success(let path) = ParameterKeyPath.parse(typed) else { return nil }
    return path.description
  }

  /// The name and value of `NAME=VALUE`: the name ends at the first `=` outside brackets
  /// (`[a=b].c=1` binds `[a=b].c`); nil when there is no `=` or the part before it is no name.
  package static func splitAssignment(_ text: String) -> (name: String, value: String)? {
    guard let eq = assignmentIndex(in: text), eq != text.startIndex else { return nil }
    guard let name = canonical(String(text[..<eq])) else { return nil }
    return (name, String(text[text.index(after: eq)...]))
  }

  /// Where the `=` of `NAME=VALUE` is: the first outside brackets (backslash escapes inside).
  package static func assignmentIndex(in text: String) -> String.Index? {
    var depth = false
    var escaped = false
    var index = text.startIndex
    while index < text.endIndex {
      let c = text[index]
      if escaped {
        escaped = false
      } else if depth {
        if c == "\\" { escaped = true } else if c == "]" { depth = false }
      } else if c == "[" {
        depth = true
      } else if c == "=" {
        return index
      }
      index = text.index(after: index)
    }
    return nil
  }
}
