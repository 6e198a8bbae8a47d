import Glibc
import PipelineCore
import Synchronization

/// `dvc-load FILE`: loads a `dvc.yaml` as pipeshell loads DVC projects (schema, params files,
/// `vars`, `foreach`/`matrix` expansion, templating, the stage graph), then maps it to today's
/// pipeline model, timing each part; reports the stage count and the process's peak memory.
struct DVCLoadBench {
  var file: String
  /// Loads after one warm-up; 0 for a single cold load (for whole-process timing).
  var repetitions: Int
  /// The last load, kept to the end of the process as the shell keeps its pipeline (freeing it
  /// only delays the exit).
  private static let keptUntilExit = Mutex<[any Sendable]>([])

  func run() throws {
    let absolute = Files.absolute(file)
    let folder = Files.folder(of: absolute)
    let name = String(absolute.split(separator: "/").last ?? "dvc.yaml")
    let files = LocalDVCFiles(root: folder)
    var loads: [Double] = [], maps: [Double] = []
    var stageCount = 0
    for repetition in 0...repetitions {
      let (project, load) = try Measure.time { () throws -> DVCProject in
        do { return try DVCProjectLoader().load(dvcFile: name, files: files).0 } catch {
          throw BenchFailure("\(file) does not load:\n\(error)")
        }
      }
      let (mapping, map) = Measure.time { DVCPipelineMapper.map(project, overlay: nil, folder: folder) }
      stageCount = mapping.pipeline.steps.count
      Self.keptUntilExit.withLock { $0 = [project, mapping] }
      if repetition == 0, repetitions > 0 { continue }  // warm-up (`--reps 0`: one cold load, reported)
      loads.append(load)
      maps.append(map)
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    Measure.report("dvc.stages", Double(stageCount), "count")
    Measure.reportMedians("dvc", ["load": loads, "map": maps, "total": zip(loads, maps).map { $0 + $1 }])
    Measure.report("dvc.peak_rss", Double(usage.ru_maxrss) / 1024, "MiB")
  }
}
