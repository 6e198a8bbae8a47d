import Dispatch
import Glibc
import Synchronization
import Testing

@testable import PipelineCore

@Suite struct AllocatorTuningTests {
  /// glibc takes the padding (a libc without `M_TOP_PAD` would refuse it, and nothing else changes).
  @Test func theAllocatorTakesThePadding() {
    #expect(AllocatorTuning.growHeapsInLargeSteps())
  }

  /// On a thread of its own (whose arena is a heap glibc maps for it), the advice marks the
  /// mapping that the thread's next allocations come from as wanting huge pages (`hg` in
  /// `/proc/self/smaps`), where the kernel has transparent huge pages at all.
  @Test func aThreadsHeapIsAdvisedToUseHugePages() throws {
    let enabled = Self.text(of: "/sys/kernel/mm/transparent_hugepage/enabled")
    let flags = Mutex<(advised: Bool, flags: String?)>((false, nil))
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      let advised = AllocatorTuning.useHugePagesForThisThreadsHeap()
      let block = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
      defer { block.deallocate() }
      let found = Self.mappingFlags(containing: UInt(bitPattern: block))
      flags.withLock { $0 = (advised, found) }
      done.signal()
    }
    done.wait()
    let (advised, vmFlags) = flags.withLock { $0 }
    guard let enabled, !enabled.isEmpty else {
      #expect(!advised)  // a kernel without transparent huge pages refuses the advice
      return
    }
    #expect(advised)
    #expect(vmFlags?.split(separator: " ").contains("hg") == true, "VmFlags: \(vmFlags ?? "none")")
  }

  /// The `VmFlags` line of the mapping holding `address`, from `/proc/self/smaps`.
  static func mappingFlags(containing address: UInt) -> String? {
    guard let smaps = text(of: "/proc/self/smaps") else { return "" }
    var inside = false
    for line in smaps.split(separator: "\n") {
      let fields = line.split(separator: " ", maxSplits: 1)
      if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
        let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
        inside = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
      } else if inside, line.hasPrefix("VmFlags:") {
        return line.dropFirst("VmFlags:".count).split(separator: " ").joined(separator: " ")
      }
    }
    return ""
  }

  /// A file's whole text, read to its end (a file of /proc has no size to read up to), or nil.
  static func text(of path: String) -> String? {
    guard let file = try? OpenFile(path, flags: O_RDONLY), let bytes = try? file.readBytes(upTo: 64 << 20) else {
      return nil
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
