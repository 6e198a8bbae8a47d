import FuzzSupport
import PipelineCore

/// `dvc.lock`'s writer (ruamel's emitter as DVC sets it up): any text as a value (alone or in
/// a list) or as a key is written without a crash, and a value is written as YAML the reader
/// takes; words of letters and digits with single spaces between them come back as they were.
/// Not everything does: ruamel itself folds some escaped values, values with two spaces in a row
/// and long plain keys so that they read back otherwise (its `dumps_yaml` does that to the inputs
/// this target found), and pipeshell writes what ruamel writes, which
/// `DVCYAMLWriterAgainstDVCTests` checks against ruamel. The writer once crashed on a value
/// folded at column 80 right after an escape.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDVCLock(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  let shape = input.choice(3)
  let text = input.rest()
  let value: DVCValue
  switch shape {
  case 0: value = .dict([.init(key: "cmd", value: .string(text))])
  case 1: value = .dict([.init(key: text.isEmpty ? "k" : text, value: .int(1))])
  default:
    value = .dict([
      .init(key: "stages", value: .dict([.init(key: "s", value: .list([.string(text), .string(text + " " + text)]))]))
    ])
  }
  let written = DVCYAMLWriter.document(value)
  guard shape != 1 else { return 0 }
  let node: DVCNode
  do {
    node = try YAMLParamsReader().read(written, file: "dvc.lock")
  } catch {
    fuzzRequire(false, "the writer's text is not YAML the reader takes: \(fuzzShow(written)) (\(error))")
    return 0
  }
  let words = text.split(separator: " ", omittingEmptySubsequences: false)
  let plainWords = words.allSatisfy { word in
    !word.isEmpty
      && word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
  }
  guard plainWords else { return 0 }
  fuzzRequire(
    node.value == value, "read back \(fuzzShow(node.value)), wrote \(fuzzShow(value)) as \(fuzzShow(written))")
  return 0
}
