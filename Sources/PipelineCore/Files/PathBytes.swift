/// A path, or a part of one, hashed and compared by its bytes. File systems (and Python, in
/// which DVC compares paths) tell names apart byte by byte, and Swift hashes a `Substring`
/// character by character, slowly, where a large project looks up thousands of paths.
struct PathBytes: Hashable {
  let text: Substring

  init(_ text: Substring) { self.text = text }

  static func == (a: PathBytes, b: PathBytes) -> Bool {
    var (a, b) = (a.text, b.text)
    return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
  }

  func hash(into hasher: inout Hasher) {
    var text = text
    text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
