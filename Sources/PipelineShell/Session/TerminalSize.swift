import Glibc

/// The size of the terminal the shell writes to.
enum TerminalSize {
  /// The columns of the terminal on `descriptor` (`TIOCGWINSZ`); nil when it is not a terminal.
  static func columns(ofDescriptor descriptor: Int32) -> Int? {
    guard isatty(descriptor) == 1 else { return nil }
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else { return nil }
    return Int(size.ws_col)
  }
}
