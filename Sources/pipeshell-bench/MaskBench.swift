import Glibc
import PipelineCore

/// `mask FILE`: StreamMasker alone over the file's bytes, fed in the 128 KiB chunks a step's
/// output arrives in, with 0, 1 and all the secrets in `S1`, `S2`, ... (as the end-to-end
/// script binds them). Reports MB/s on this thread's CPU time (fairer than wall time on a
/// busy machine) and how many masks were written, so a run that masks nothing shows.
struct MaskBench {
  var file: String
  var repetitions: Int
  var environment: [String: String]

  static let chunkSize = 128 * 1024

  func run() throws {
    let text = try Self.bytes(of: file)
    var secrets: [String] = []
    while let secret = environment["S\(secrets.count + 1)"] { secrets.append(secret) }
    guard !secrets.isEmpty else { throw BenchFailure("mask: set the secrets in S1, S2, ...") }
    for count in Set([0, 1, secrets.count]).sorted() {
      var seconds: [Double] = []
      var masks = 0
      for repetition in 0...repetitions {
        let (found, time) = Self.mask(text, secrets: Array(secrets.prefix(count)), countingMasks: repetition == 0)
        if repetition == 0 { masks = found } else { seconds.append(time) }  // the first is a warm-up
      }
      let megabytes = Double(text.count) / 1e6
      Measure.report("mask.\(count)_secrets", megabytes / Measure.median(seconds), "MB/s")
      Measure.report("mask.\(count)_secrets.masks", Double(masks), "count")
    }
  }

  /// Masks `text` chunk by chunk; returns the number of masks written (when counting) and the
  /// CPU seconds.
  static func mask(_ text: [UInt8], secrets: [String], countingMasks: Bool) -> (masks: Int, seconds: Double) {
    var masker = StreamMasker(secrets: secrets)
    let mark = Secret.mask.utf8.first!
    var masks = 0
    let start = threadCPUTime()
    var offset = 0
    while offset < text.count {
      let shown = masker.feed(Array(text[offset..<min(text.count, offset + chunkSize)]))
      if countingMasks { masks += shown.lazy.filter { $0 == mark }.count }
      offset += chunkSize
    }
    masks += masker.flush().lazy.filter { $0 == mark }.count
    return (masks / Secret.mask.utf8.count, threadCPUTime() - start)
  }

  static func threadCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  static func bytes(of path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw BenchFailure("cannot read \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count == 0 { break }
      bytes += buffer[..<count]
    }
    return bytes
  }
}
