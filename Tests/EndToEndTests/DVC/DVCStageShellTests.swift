import PipelineCore
import PipelineTestSupport
import Testing

/// DVC runs a stage's commands with the user's `$SHELL` (`/bin/sh` when unset), and so does
/// pipeshell for DVC stages, so a `cmd` in bash works under both; pipeshell's own steps keep
/// `/bin/sh`.
@Suite struct DVCStageShellTests {
  @Test func aDVCStageRunsInTheUsersShell() throws {
    let project = [
      ".dvc/config": "[core]\n    no_scm = True\n",
      "dvc.yaml":
        "stages:\n  arrays:\n    cmd: words=(a b c) && [[ -n $words ]] && echo $words > picked.txt\n    outs: [picked.txt]\n",
    ]
    let script = """
      SHELL=/bin/bash "$P" -c 'run --jobs 1' dvc.yaml > bash.out 2>&1; echo "bash: $?"; cat picked.txt
      rm -f picked.txt dvc.lock
      SHELL=/usr/bin/fish "$P" -c 'run --jobs 1 --no-cache' dvc.yaml > fish.out 2>&1; echo "fish: $?"; grep -c 'exit status 2' fish.out
      """
    let (output, _) = try ProcessScript().run(script, files: project)
    #expect(output.contains("bash: 0\na\n"), "\(output)")
    // /bin/sh ran the command (and could not read it): fish, which is not here, was not asked to.
    #expect(output.contains("fish: 1\n2\n"), "a shell that is not POSIX gives way to /bin/sh: \(output)")
  }

  @Test(arguments: [
    ("/bin/bash", ["/bin/bash", "--noprofile", "--norc"]), ("/usr/bin/zsh", ["/usr/bin/zsh", "--no-rcs"]),
    ("/bin/dash", ["/bin/dash"]), ("/usr/bin/fish", ["/bin/sh"]), ("bash", ["/bin/sh"]), ("", ["/bin/sh"]),
  ])
  func theShellAndItsOptionsAreDVCs(shell: String, invocation: [String]) {
    #expect(UserShell.invocation(of: shell) == invocation)
    #expect(UserShell.invocation(of: nil) == ["/bin/sh"])
  }
}
