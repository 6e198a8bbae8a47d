// swift-tools-version:6.0
import PackageDescription

/// A release build of the shell on Linux is one static executable: with no dynamic loader to
/// apply 48,000 relocations and look up 4,000 symbols at every start, `pipeshell --version` takes
/// 1.7 ms instead of 5.4 (measured side by side; see Scripts/bench/RESULTS.md). The benchmark
/// tool is built the same way, so that its whole-process figures are the product's. Debug
/// builds and tests stay dynamic. Foundation's two inner libraries are named for a
/// build without `--static-swift-stdlib`, whose objects name only the shared FoundationEssentials.
let staticRelease = BuildSettingCondition.when(platforms: [.linux], configuration: .release)
let staticReleaseExecutable: [LinkerSetting] = [
  .unsafeFlags(["-static-executable", "-l_FoundationCollections", "-l_FoundationCShims"], staticRelease)
]
/// What libedit needs besides itself, named after it because a static link does not follow a
/// library's own dependencies (terminfo, and libbsd, which needs libmd).
let libeditStaticDependencies: [LinkerSetting] = ["tinfo", "bsd", "md"].map {
  .linkedLibrary($0, staticRelease)
}

/// The folder of this package, for files the linker reads.
let packageFolder = String(#filePath.dropLast("/Package.swift".count))

/// A release build of the shell lays the functions its common commands run (start-up, loading
/// a pipeline or DVC project, `plan`, `run`) next to each other, as `Scripts/hot-text` listed
/// them: a page of code costs a fault of microseconds at its first use, and these functions
/// lay spread over the 15 MiB of code. `pipeshell -c plan` of a 120-stage DVC project made 547
/// faults, 502 with the order, and ran 1.03x faster; `--version` 1.10x, a one-stage project
/// 1.08x (Scripts/bench/RESULTS.md). Every function of pipeshell's own modules gets a section
/// of its own so that the linker can move it; gold reads the order, and passes over a name it
/// does not find, so an order older than the code costs speed, never correctness.
let hotTextFirst: [LinkerSetting] = [
  .unsafeFlags(
    ["-use-ld=gold", "-Xlinker", "--section-ordering-file=\(packageFolder)/Sources/pipeshell/hot-text.order"],
    staticRelease)
]

/// Release code gets the metadata of a generic type (a dictionary keyed by a type of ours)
/// from its accessor, handing over the conformances the compiler already knows, instead of by
/// mangled name, for which the runtime searches all 3,900 conformance records of the executable
/// once for every new key type: 4M of the 44M instructions of `pipeshell -c plan` on a
/// 120-stage DVC project (measured with callgrind; the executable grows by 0.3%).
let releaseSwiftSettings: [SwiftSetting] = [
  .unsafeFlags(
    ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors", "-Xfrontend", "-function-sections"],
    .when(configuration: .release))
]

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
    .target(name: "CEditLine", linkerSettings: [.linkedLibrary("edit")] + libeditStaticDependencies),
    .target(name: "CProcess"),
    .target(
      name: "PipelineCore",
      dependencies: ["CYAML", "CSQLite", "CSodium", "CMD5", "CProcess"],
      swiftSettings: releaseSwiftSettings, linkerSettings: [.linkedLibrary("m")]),
    .target(
      name: "PipelineShell",
      dependencies: ["PipelineCore", "CEditLine"], swiftSettings: releaseSwiftSettings),
    .executableTarget(
      name: "pipeshell", dependencies: ["PipelineShell", "PipelineCore"], exclude: ["hot-text.order"],
      swiftSettings: releaseSwiftSettings, linkerSettings: staticReleaseExecutable + hotTextFirst),
    .executableTarget(
      name: "pipeshell-bench", dependencies: ["PipelineCore"], path: "Sources/pipeshell-bench",
      swiftSettings: releaseSwiftSettings, linkerSettings: staticReleaseExecutable),
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
