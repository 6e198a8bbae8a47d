import Synchronization

/// A file's name as a number, the same number for equal names in every thread of the process:
/// copied, compared and hashed as an integer. The names a process has seen are kept for its life
/// (a shell session reads a few files, again and again).
struct SourceFileName: Sendable, Hashable {
  private let number: Int

  init(_ name: String) {
    number = Self.names.withLock { $0.number(for: name) }
  }

  var text: String { Self.names.withLock { $0.name(of: number) } }

  private static let names = Mutex(Names())

  private struct Names {
    private var list: [String] = []
    private var numbers: [String: Int] = [:]

    mutating func number(for name: String) -> Int {
      if let known = numbers[name] { return known }
      list.append(name)
      numbers[name] = list.count - 1
      return list.count - 1
    }

    func name(of number: Int) -> String { list[number] }
  }
}
