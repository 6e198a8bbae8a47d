// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "pipeshell",
  products: [
    .executable(name: "pipeshell", targets: ["pipeshell"])
  ],
  targets: [
    .systemLibrary(
      name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
    .systemLibrary(
      name: "CMD5", pkgConfig: "libmd", providers: [.apt(["libmd-dev"])]),
    .target(name: "CEditLine", linkerSettings: [.linkedLibrary("edit")]),
    .target(name: "CProcess"),
    .target(
      name: "PipelineCore",
      dependencies: ["CYAML", "CSQLite", "CSodium", "CMD5", "CProcess"],
      linkerSettings: [.linkedLibrary("m")]),
    .target(
      name: "PipelineShell",
      dependencies: ["PipelineCore", "CEditLine"]),
    .executableTarget(name: "pipeshell", dependencies: ["PipelineShell", "PipelineCore"]),
    .executableTarget(name: "pipeshell-bench", dependencies: ["PipelineCore"], path: "Sources/pipeshell-bench"),
    .target(
      name: "PipelineTestSupport",
      dependencies: ["PipelineCore", "PipelineShell", "CProcess"]),
    .testTarget(
      name: "PipelineCoreTests",
      dependencies: ["PipelineCore", "PipelineTestSupport"]),
    .testTarget(
      name: "PipelineShellTests",
      dependencies: ["PipelineShell", "PipelineTestSupport"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["pipeshell", "PipelineTestSupport"],
      exclude: ["Transcripts"]),
  ],
  swiftLanguageModes: [.v6]
)

// Fuzz targets (libFuzzer) exist only when PIPESHELL_FUZZ=1, as `Scripts/fuzz` sets it: built
// without `-sanitize=fuzzer` they have no `main`, so the normal build must not see them.
if Context.environment["PIPESHELL_FUZZ"] == "1" {
  package.targets.append(
    .target(
      name: "FuzzSupport", dependencies: ["PipelineCore", "PipelineShell"], path: "Fuzz/Support"))
  for name in ["pipeline", "params", "command", "condition", "template", "value", "dvclock"] {
    package.targets.append(
      .executableTarget(
        name: "fuzz-\(name)", dependencies: ["FuzzSupport", "PipelineCore", "PipelineShell"],
        path: "Fuzz/Targets/\(name)", swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
  }
}
