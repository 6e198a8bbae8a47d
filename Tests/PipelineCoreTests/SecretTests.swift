import Testing

@testable import PipelineCore

@Test func secretDoesNotPrintItself() { #expect("\(Secret("hunter22"))" == "****") }
