/// Terminal output as plain text: no escape sequences, carriage returns, bells or NULs.
enum PlainText {
  static func from(_ bytes: ArraySlice<UInt8>) -> String {
    var out: [UInt8] = []
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      index += 1
      switch byte {
      case 0x1B:
        guard index < bytes.endIndex else { break }
        if bytes[index] == UInt8(ascii: "[") {
          index += 1
          while index < bytes.endIndex, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
        }
        index += 1
      case 0x0D, 0x07, 0x00, 0x01: continue
      default: out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
