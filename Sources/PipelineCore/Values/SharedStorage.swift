extension Array {
  /// True when both arrays are one and the same storage, so their elements are the same: a
  /// cheap test that the stages of a DVC group (and then their steps) share a field, where
  /// comparing the elements of thousands of them would cost what sharing saves.
  func sharesStorage(with other: [Element]) -> Bool {
    count == other.count
      && withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
  }
}
