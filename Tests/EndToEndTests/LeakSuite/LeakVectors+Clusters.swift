/// Clusters: a step run as a Slurm job (its batch files, `sbatch`'s command line, the job's
/// output streamed back and logged) and a pipeline written as an Argo Workflow (secrets only as
/// `secretKeyRef`, a value derived from one too), on standard output and in a file.
extension LeakVectors {
  /// A step printing the secret, and a value derived from it, through its environment.
  static let derivedSecret = LeakVector.pipeline(
    params: "  auth: {type: string, default: \"Bearer ${tok}\"}\n",
    steps: "  show:\n    env: {TOKEN: \"${tok}\", AUTH: \"${auth}\"}\n    run: |\n      %CAPTURE%\n"
      + "      echo \"token $TOKEN auth $AUTH\"\n")

  static let clusters: [LeakVector] = [
    LeakVector(
      name: "slurm: a job prints the secret and a value derived from it",
      files: ["pipeline.yaml": derivedSecret], environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "run --executor slurm --jobs 1\nlogs show\nshow run 1\nplan show\n"),
      expect: ["token **** auth ****", "run 1 ok", "slurm job"], needsSlurm: true),
    LeakVector(
      name: "slurm: a failing job with the secret in its error, retried",
      files: [
        "pipeline.yaml": LeakVector.pipeline(
          steps: "  show:\n    env: {TOKEN: \"${tok}\"}\n    retries: 1\n    run: |\n      %CAPTURE%\n"
            + "      echo \"bad token $TOKEN\" >&2\n      exit 3\n")
      ], environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "run --executor slurm --jobs 1\nlogs show\n"),
      expect: ["bad token ****", "run 1 failed"], needsSlurm: true),
    LeakVector(
      name: "argo: export to standard output and to a file, a derived value included",
      files: ["pipeline.yaml": derivedSecret], environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(
        LeakVector.bind + "export argo\nexport argo workflow.yaml --secret-name team\nshell cat workflow.yaml\n"),
      capturesCommandLines: false, expect: ["secretKeyRef", "name: team", "key: auth"]),
    LeakVector(
      name: "argo: a secret read from a file, exported with a key of its own",
      files: ["pipeline.yaml": derivedSecret, "token.txt": "%SECRET%"], environment: [:], arguments: ["pipeline.yaml"],
      session: .script("secret tok --from-file token.txt\nexport argo --secret-key tok=api-token\n"),
      capturesCommandLines: false, expect: ["secretKeyRef", "key: api-token"]),
    LeakVector(
      name: "argo: a DVC project with the overlay's secret, values fixed from params.yaml",
      files: dvcProject("echo \"token $TOKEN lr=${train.lr}\"\ntouch out.txt"),
      environment: LeakVector.tokenEnvironment, arguments: ["dvc.yaml"],
      session: .script(LeakVector.bind + "export argo\nexport argo workflow.yaml\nshell cat workflow.yaml\n"),
      capturesCommandLines: false, expect: ["secretKeyRef", "params-files"]),
  ]
}
