import Foundation
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
    let enabled = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
    let flags = Mutex<(advised: Bool, flags: String?)>((false, nil))
    let thread = Thread {
      let advised = AllocatorTuning.useHugePagesForThisThreadsHeap()
      let block = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
      defer { block.deallocate() }
      let found = Self.mappingFlags(containing: UInt(bitPattern: block))
      flags.withLock { $0 = (advised, found) }
    }
    thread.start()
    while flags.withLock({ $0.flags == nil }) { usleep(1000) }
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
    // A file of /proc has no size to read up to: it is read to its end.
    guard let data = FileHandle(forReadingAtPath: "/proc/self/smaps")?.readDataToEndOfFile() else { return "" }
    let smaps = String(decoding: data, as: UTF8.self)
    var inside = false
    for line in smaps.split(separator: "\n") {
      let fields = line.split(separator: " ", maxSplits: 1)
      if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
        let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
        inside = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
      } else if inside, line.hasPrefix("VmFlags:") {
        return String(line.dropFirst("VmFlags:".count)).trimmingCharacters(in: .whitespaces)
      }
    }
    return ""
  }
}
