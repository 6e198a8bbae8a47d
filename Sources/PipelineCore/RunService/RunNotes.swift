import Synchronization

/// Notes about a run for the user, gathered while it runs (any thread).
package final class RunNotes: Sendable {
  private let list = Mutex<[String]>([])

  /// No notes yet.
  package init() {}

  /// Adds a note.
  package func add(_ note: String) { list.withLock { $0.append(note) } }

  /// Every note, in order.
  package var all: [String] { list.withLock { $0 } }
}
