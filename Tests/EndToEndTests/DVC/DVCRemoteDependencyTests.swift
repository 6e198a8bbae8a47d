import PipelineTestSupport
import Testing

/// A `remote://name/path` dependency names a remote of DVC's config: DVC refuses to open a
/// project whose remote no config defines (the project's `config` and `config.local`, the
/// user's and the system's), already when it lists the stages; pipeshell refuses it too, at
/// the dependency.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCRemoteDependencyAgainstDVCTests {
  @Test func aDependencyOnARemoteNoConfigDefinesIsRefusedAsDVCRefusesIt() throws {
    let project = [
      "p/.dvc/config": "[core]\n    no_scm = True\n['remote \"store\"']\n    url = /tmp/nowhere\n",
      "p/dvc.yaml": """
      stages:
        get:
          cmd: echo hi > out.txt
          deps: [remote://store/data.csv]
          outs: [out.txt]
        other:
          cmd: echo there > other.txt
          deps: [remote://Elsewhere/x.csv]
          outs: [other.txt]

      """,
    ]
    let script = """
      cp -a p A && cp -a p B && cp -a p C
      (cd A && "$DVC" stage list > /dev/null 2>&1; echo "dvc unknown $?")
      (cd A && "$P" -c plan dvc.yaml; echo "pipeshell unknown $?")
      printf '[remote "elsewhere"]\\n    url = /tmp/other\\n' > B/.dvc/config.local
      (cd B && "$DVC" stage list > /dev/null 2>&1; echo "dvc local $?")
      (cd B && "$P" -c plan dvc.yaml > /dev/null 2>&1; echo "pipeshell local $?")
      mkdir -p global && printf "['remote \\"elsewhere\\"']\\n    url = /tmp/other\\n" > global/config
      (cd C && DVC_GLOBAL_CONFIG_DIR="$PWD/../global" "$DVC" stage list > /dev/null 2>&1; echo "dvc global $?")
      (cd C && DVC_GLOBAL_CONFIG_DIR="$PWD/../global" "$P" -c plan dvc.yaml > /dev/null 2>&1; echo "pipeshell global $?")
      """
    let output = try DVCTool.script(script, files: project)
    #expect(output.contains("dvc unknown 251\n"), "\(output)")
    #expect(
      output.contains(
        "dvc.yaml:8:12: error: configuration error - config file error: remote 'Elsewhere' doesn't exist"
          + " (stage 'other')"),
      "\(output)")
    #expect(output.contains("define it with 'dvc remote add elsewhere URL'"), "\(output)")
    #expect(!output.contains("remote 'store'"), "\(output)")
    #expect(output.contains("pipeshell unknown 2\n"), "\(output)")
    #expect(output.contains("dvc local 0\n"), "\(output)")
    #expect(output.contains("pipeshell local 0\n"), "\(output)")
    #expect(output.contains("dvc global 0\n"), "\(output)")
    #expect(output.contains("pipeshell global 0\n"), "\(output)")
  }
}
