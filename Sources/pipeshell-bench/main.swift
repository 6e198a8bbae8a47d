import FoundationEssentials
import Glibc
import PipelineCore

// pipeshell-bench: in-process timings of pipeshell's core, as `name value unit` lines
// (medians over repetitions after one warm-up). See Scripts/bench/.
let usage = """
  usage: pipeshell-bench [--reps N] COMMAND
    resolve FILE            load and resolve a pipeline file
    decide FILE NAME=VALUE  the rerun decision after one real run, with NAME=VALUE changed
    store-fill DIR N        add N finished runs to the store in DIR (batched transactions)
    store-query DIR         what `runs 20` and `diff A B` ask of the store in DIR
    mask FILE               StreamMasker over FILE with 0, 1 and all secrets of S1, S2, ...
    dvc-load FILE           load and expand a dvc.yaml (then map it to today's model)
    slurm-chain N DIR       N `true` steps one after another on Slurm, DIR as the pipeline folder
  """

AllocatorTuning.growHeapsInLargeSteps()  // as the shell does
var arguments = Array(CommandLine.arguments.dropFirst())
var repetitions = 20
if arguments.first == "--reps", arguments.count > 1, let n = Int(arguments[1]), n >= 0 {
  repetitions = n
  arguments.removeFirst(2)
}
let environment = ProcessEnvironment.current()

do {
  switch (arguments.first, arguments.count) {
  case ("resolve", 2):
    try ResolveBench(file: arguments[1], repetitions: repetitions, environment: environment).run()
  case ("decide", 3):
    guard let equals = arguments[2].firstIndex(of: "=") else { throw BenchFailure(usage) }
    let override = (String(arguments[2][..<equals]), String(arguments[2][arguments[2].index(after: equals)...]))
    try DecideBench(file: arguments[1], override: override, repetitions: repetitions, environment: environment).run()
  case ("store-fill", 3):
    guard let count = Int(arguments[2]), count > 0 else { throw BenchFailure(usage) }
    try StoreFill(folder: arguments[1], count: count).run()
  case ("store-query", 2):
    try StoreQuery(folder: arguments[1], repetitions: repetitions).run()
  case ("dvc-load", 2):
    try DVCLoadBench(file: arguments[1], repetitions: repetitions).run()
  case ("mask", 2):
    try MaskBench(file: arguments[1], repetitions: repetitions, environment: environment).run()
  case ("slurm-chain", 3):
    guard let count = Int(arguments[1]), (1...10_000).contains(count) else { throw BenchFailure(usage) }
    try SlurmChain(count: count, folder: arguments[2]).run()
  default:
    throw BenchFailure(usage)
  }
} catch {
  let message = Array("pipeshell-bench: \(error)\n".utf8)
  _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
  exit(1)
}
