/// A path, or a part of one, hashed and compared by its bytes. File systems (and Python, in
/// which DVC compares paths) tell names apart byte by byte, and Swift hashes a `Substring`
/// character by character, slowly, where a large project looks up thousands of paths.
struct PathBytes: Hashable {
  let text: Substring
  /// The bytes hashed once, with the process's random seed (so a file cannot be written to make
  /// keys collide): a table that grows hashes its keys again, and a lookup tells keys apart by
  /// this number before it reads their bytes. Half the time of a large project's graph.
  private let bytesHash: Int

  init(_ text: Substring) {
    var text = text
    var hasher = Hasher()
    text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    self.text = text
    bytesHash = hasher.finalize()
  }

  static func == (a: PathBytes, b: PathBytes) -> Bool {
    guard a.bytesHash == b.bytesHash else { return false }
    var (a, b) = (a.text, b.text)
    return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
  }

  func hash(into hasher: inout Hasher) { hasher.combine(bytesHash) }
}
