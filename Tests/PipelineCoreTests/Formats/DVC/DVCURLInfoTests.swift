import Testing

@testable import PipelineCore

/// The `ETag` and size of a URL, read from what `curl -sIL` prints: the last response's headers
/// (after redirects), the ETag as the server sent it (DVC records its quotes too).
@Suite struct DVCURLInfoTests {
  @Test func theLastResponseAfterRedirectsCounts() {
    let headers =
      "HTTP/1.1 302 Found\r\nLocation: https://b/x\r\nETag: \"old\"\r\nContent-Length: 0\r\n\r\n"
      + "HTTP/2 200\r\ncontent-type: text/csv\r\ncontent-length: 12\r\netag: W/\"abc\"\r\n\r\n"
    #expect(DVCURLInfo.parse(headers: headers) == DVCURLInfo(checksum: "W/\"abc\"", size: 12))
  }

  @Test func withoutAnETagThereIsNoInfoAndABadSizeIsNone() {
    #expect(DVCURLInfo.parse(headers: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n") == nil)
    #expect(DVCURLInfo.parse(headers: "") == nil)
    #expect(
      DVCURLInfo.parse(headers: "HTTP/1.1 200 OK\nETag: x\nContent-Length: 99999999999999999999999\n")
        == DVCURLInfo(checksum: "x", size: nil))
    #expect(
      DVCURLInfo.parse(headers: "HTTP/1.1 200 OK\nETag: x\nContent-Length: -1\n")
        == DVCURLInfo(checksum: "x", size: nil))
  }

  @Test(arguments: [
    ("http://x/y", true), ("https://x", true), ("HTTPS://x", true), ("s3://b/k", false), ("remote://r/x", false),
    ("httpx://a", false),
  ])
  func onlyHTTPURLsAreAsked(url: String, asked: Bool) {
    #expect(DVCURLInfo.isHTTP(url) == asked)
  }
}
