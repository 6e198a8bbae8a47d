/// Where a step ran, as the run store keeps it (a small JSON object).
enum PlacementCoding {
  static func text(_ placement: StepPlacement) -> String {
    var pairs: [(String, JSONValue)] = [("executor", .string(placement.executor))]
    if let job = placement.jobID { pairs.append(("job", .string(job))) }
    if let host = placement.host { pairs.append(("host", .string(host))) }
    if let pid = placement.processID { pairs.append(("pid", .int(Int(pid)))) }
    return JSONWriter.text(.object(pairs))
  }

  static func placement(_ text: String) -> StepPlacement? {
    guard let json = JSONValue.parse(text), let executor = json["executor"]?.string else { return nil }
    return StepPlacement(
      executor: executor, jobID: json["job"]?.string, host: json["host"]?.string,
      processID: json["pid"]?.int.map { Int32(truncatingIfNeeded: $0) })
  }
}
